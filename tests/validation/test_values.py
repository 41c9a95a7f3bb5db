"""The contract's value rules: accepted forms are read, the rest is refused, never guessed."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sdg18.validation.values import (
    as_text,
    parse_code,
    parse_date,
    parse_district,
    parse_integer,
    parse_number,
    parse_text,
)


def _raw(*values: object) -> pd.Series:
    return pd.Series(list(values), index=range(2, 2 + len(values)), dtype=object)


def test_dates_in_the_three_forms_and_nothing_else() -> None:
    raw = _raw(
        dt.date(2026, 1, 5),  # an Excel date cell
        dt.datetime(2026, 1, 6, 0, 0),
        "2026-01-07",
        "08.01.2026",
        " 9.1.2026 ",
        "03/04/2026",  # ambiguous: refused
        "2026-02-30",  # no such day
        46025.0,  # a number in a date column
        "",
        None,
    )
    typed, problems = parse_date(raw)
    assert [d.date().isoformat() if pd.notna(d) else None for d in typed] == [
        "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
        None, None, None, None, None,
    ]  # fmt: skip
    assert list(problems["date_format"][problems["date_format"]].index) == [7, 8, 9]


def test_numbers_plain_only() -> None:
    raw = _raw(12.5, 7, "1234.5", " -3 ", "1 234,5", "1,234", "1234,5", "1e3", True,
               dt.date(2026, 1, 2), "", "  ", None)  # fmt: skip
    typed, problems = parse_number(raw)
    assert typed.tolist()[:4] == [12.5, 7.0, 1234.5, -3.0]
    assert list(problems["number_format"][problems["number_format"]].index) == [6, 7, 8, 9, 10, 11]


def test_integers_refuse_fractions() -> None:
    typed, problems = parse_integer(_raw(3.0, "4", 2.5, "1 000"))
    assert typed.tolist()[:2] == [3, 4]
    assert problems["integer"].tolist() == [False, False, True, False]
    assert problems["number_format"].tolist() == [False, False, False, True]


def test_identifiers_stay_text() -> None:
    typed, _ = parse_text(_raw("0001", 17.0, " x ", 1.5, ""))
    assert typed.tolist()[:4] == ["0001", "17", "x", "1.5"]
    assert pd.isna(typed.iloc[4])


def test_codes_case_insensitive_unknown_kept() -> None:
    typed, _ = parse_code(("cleared", "AP_MINE"))(_raw(" Cleared", "ap_mine", "demined"))
    assert typed.tolist() == ["cleared", "AP_MINE", "demined"]


def test_districts_fold_diacritics_and_aliases() -> None:
    typed, _ = parse_district(_raw("Ağdam", "AGDAM", "Kəlbəcər", "kelbadzhar", "az-sus", "Agdamm"))
    assert typed.tolist() == ["AZ-AGM", "AZ-AGM", "AZ-KAL", "AZ-KAL", "AZ-SUS", "Agdamm"]


def test_text_as_found() -> None:
    assert as_text(_raw(1.0, 2.5, dt.date(2026, 1, 2), None, "a")).tolist() == [
        "1", "2.5", "2026-01-02", "", "a",
    ]  # fmt: skip
