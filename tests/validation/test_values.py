"""The contract's value rules: accepted forms are read, the rest is refused, never guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import inbox_file
from sdg18.validation.files import check_file
from sdg18.validation.values import (
    as_text,
    parse_code,
    parse_date,
    parse_district,
    parse_integer,
    parse_number,
    parse_text,
)
from tests.validation.contract_rows import VALID


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


# Cases found by the garbage-cell property (tests/property/test_garbage_cells.py).


def test_numbers_beyond_the_largest_float_are_refused() -> None:
    # 400 digits, and a cell written as 1.797693134862316e+308, both read as infinity.
    typed, problems = parse_number(_raw("1" * 400, float("inf"), "-" + "9" * 320, "1" * 300))
    assert typed.isna().tolist() == [True, True, True, False]
    assert typed.iloc[3] == float("1" * 300)
    assert problems["number_format"].tolist() == [True, True, True, False]


def test_digits_of_other_scripts_are_not_plain_numbers() -> None:
    typed, problems = parse_number(_raw("١٢٣", "１２.５", "12३", "123"))
    assert typed.tolist()[3] == 123.0
    assert problems["number_format"].tolist() == [True, True, True, False]
    _, problems = parse_date(_raw("٢٠٢٦-٠١-٠٥", "0٥.01.2026", "2026-01-05"))
    assert problems["date_format"].tolist() == [True, True, False]


def test_counts_beyond_64_bits_are_refused() -> None:
    # These used to raise "cannot safely cast non-equivalent float64 to int64",
    # which made the whole file unreadable.
    raw = _raw(1e300, 2.0**63, 9.3e18, "9223372036854775808", -(2.0**63), "9223372036854775807")
    typed, problems = parse_integer(raw)
    assert problems["integer"].tolist() == [True, True, True, True, False, False]
    assert typed.tolist()[4:] == [-(2**63), 2**63 - 1]


def test_whole_number_text_is_read_as_written() -> None:
    raw = _raw("9007199254740993", "3.0000000000000001", " 12.00 ", "0." + "0" * 400 + "1", ".0")
    typed, problems = parse_integer(raw)
    assert typed.iloc[0] == 9007199254740993  # a float would make it ...992
    assert typed.tolist()[2] == 12
    assert typed.tolist()[4] == 0
    assert problems["integer"].tolist() == [False, True, False, True, False]


def test_a_number_column_absent_from_the_sheet_is_blank() -> None:
    # A missing optional column (latitude, age…) arrives as float NaN, not as objects.
    absent = pd.Series([float("nan")] * 2, index=[2, 3], dtype="float64")
    for parse in (parse_number, parse_integer):
        typed, problems = parse(absent)
        assert typed.isna().all()
        assert not any(mask.any() for mask in problems.values())


def test_a_sheet_without_its_optional_coordinates_is_read(tmp_path: Path) -> None:
    # It used to be unreadable: "Can only use .str accessor with string values".
    record = {k: v for k, v in VALID["hazard_areas"].items() if k not in ("latitude", "longitude")}
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "hazard_areas"
    sheet.append(list(record))
    sheet.append(list(record.values()))
    book.create_sheet("submission").append(["agency", "ANAMA"])
    book.save(tmp_path / "hazards.xlsx")
    result = check_file(inbox_file(tmp_path / "hazards.xlsx"), Period(2026, 1), Settings())
    assert [f.rule_id for f in result.findings] == []
    (table,) = result.tables
    assert table.accepted.index.tolist() == [2]
    assert table.accepted["latitude"].isna().all()
