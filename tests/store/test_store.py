"""The store keeps accepted records, submissions and published values; a run is one transaction."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from schemas import DATASETS
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.records import Records, empty_records
from sdg18.store import Store
from sdg18.store.database import RunRow, SubmissionRow

T0 = dt.datetime(2026, 4, 15, 2, 0, tzinfo=dt.UTC)


def _returns(agency: str, period: str, file: str, persons: list[int]) -> Records:
    frame = pd.DataFrame(
        {
            "return_id": [f"{file}-{n}" for n in range(len(persons))],
            "return_date": pd.to_datetime(["2026-02-01"] * len(persons)).astype("datetime64[us]"),
            "district": "AZ-SUS",
            "settlement": "Şuşa",
            "households": pd.array([1] * len(persons), dtype="Int64"),
            "persons": pd.array(persons, dtype="Int64"),
            "agency": agency,
            "submission_period": period,
            "record_period": "2026Q1",
            "file": file,
            "file_sha256": file.ljust(64, "0"),
            "sheet": "returns",
            "row": list(range(2, 2 + len(persons))),
        }
    )
    records = {name: empty_records(name) for name in DATASETS}
    records["returns"] = frame.astype({c: "str" for c in ("district", "settlement", "agency")})
    return records


def _submission(file: str, count: int, period: str = "2026Q1") -> SubmissionRow:
    return SubmissionRow(period, "SCRIDP", "returns", file, file.ljust(64, "0"), "returns",
                         "accepted", count, 0)  # fmt: skip


def _values(value: float, run_period: str = "2026Q1") -> pd.DataFrame:
    row = {"indicator": "18.5.3", "series": "idps_returned_persons", "unit": "persons",
           "period": run_period, "scope": "period", "value": value, "note": ""}  # fmt: skip
    return pd.DataFrame([{**row, **dict.fromkeys(BREAKDOWN_COLUMNS, "")}])


def _run(run_id: str) -> RunRow:
    return RunRow(run_id, "2026Q1", T0, T0, "final", "test")


def test_records_round_trip_with_their_types(store: Store) -> None:
    store.write_run(_run("r1"), [_submission("a.csv", 2)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "a.csv", [7, 12]), _values(19))  # fmt: skip

    back = store.records()["returns"]

    assert back["persons"].tolist() == [7, 12]
    assert str(back["persons"].dtype) == "Int64"
    assert back["return_date"].dt.date.tolist() == [dt.date(2026, 2, 1)] * 2
    assert back["settlement"].tolist() == ["Şuşa", "Şuşa"]
    assert back[["file", "row", "submission_period"]].values.tolist() == [
        ["a.csv", 2, "2026Q1"], ["a.csv", 3, "2026Q1"],
    ]  # fmt: skip


def test_a_submission_replaces_the_same_agency_dataset_and_period(store: Store) -> None:
    store.write_run(_run("r1"), [_submission("a.csv", 2)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "a.csv", [7, 12]), _values(19))  # fmt: skip
    store.write_run(_run("r0"), [_submission("old.csv", 1, "2025Q4")], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2025Q4", "old.csv", [5]), _values(5))  # fmt: skip
    store.write_run(_run("r2"), [_submission("b.csv", 1)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "b.csv", [30]), _values(30))  # fmt: skip

    back = store.records()["returns"]

    assert sorted(zip(back["file"], back["persons"], strict=True)) == [
        ("b.csv", 30),
        ("old.csv", 5),
    ]
    assert store.last_published()["value"].tolist() == [30.0]


def test_a_failed_run_leaves_the_store_as_it_was(store: Store) -> None:
    store.write_run(_run("r1"), [_submission("a.csv", 2)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "a.csv", [7, 12]), _values(19))  # fmt: skip
    broken = _values(31).astype({"value": object}).assign(value="n/a")  # fails last, mid-run

    with pytest.raises(ValueError, match=r"(?i)unable to parse"):
        store.write_run(_run("r2"), [_submission("b.csv", 1)], {("SCRIDP", "returns")},
                        _returns("SCRIDP", "2026Q1", "b.csv", [30]), broken)  # fmt: skip

    back = store.records()["returns"]
    assert back["file"].tolist() == ["a.csv", "a.csv"]
    assert store.last_published()["value"].tolist() == [19.0]
