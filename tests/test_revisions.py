"""Revisions: a value of an already published period that changed, and why."""

from __future__ import annotations

import pandas as pd

from schemas import DATASETS
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.records import empty_records
from sdg18.indicators.revisions import find_revisions


def _value(period: str, value: float | None, sex: str = "") -> dict[str, object]:
    return {"indicator": "18.2.1", "series": "casualties", "unit": "persons", "period": period,
            "scope": "period", **dict.fromkeys(BREAKDOWN_COLUMNS, ""), "sex": sex,
            "value": value, "note": ""}  # fmt: skip


def test_a_late_record_revises_its_period_and_names_the_file() -> None:
    published = pd.DataFrame([_value("2026Q1", 4), _value("2026Q1", 3, "male")])
    values = pd.DataFrame([
        _value("2026Q1", 5), _value("2026Q1", 3, "male"), _value("2026Q1", 1, "female"),
        _value("2026Q2", 2),
    ])  # fmt: skip
    current = {name: empty_records(name) for name in DATASETS}
    current["casualties"] = pd.DataFrame(
        {
            "record_period": ["2026Q1", "2026Q2", "2026Q2"],
            "submission_period": ["2026Q2"] * 3,
            "file": ["ANAMA/q2.xlsx"] * 3,
        }
    )

    revisions = find_revisions(values, published, current, {"18.2.1": ["casualties"]}, "2026Q2")

    revised = revisions.fillna({"old_value": -1.0})  # -1 marks "not published before"
    rows = revised[["period", "sex", "old_value", "new_value", "cause"]].values.tolist()
    cause = "ANAMA/q2.xlsx: 1 casualties record(s) dated 2026Q1"
    assert rows == [
        ["2026Q1", "", 4.0, 5.0, cause],
        ["2026Q1", "female", -1.0, 1.0, cause],
    ]


def test_an_unchanged_period_has_no_revision() -> None:
    published = pd.DataFrame([_value("2026Q1", 4), _value("2026Q1", None)])
    published.loc[1, "sex"] = "female"
    values = published.copy()
    current = {name: empty_records(name) for name in DATASETS}

    assert find_revisions(values, published, current, {}, "2026Q1").empty
