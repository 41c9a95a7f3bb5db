"""The store keeps accepted records, submissions and published values; a run is one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from schemas import DATASETS
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.records import Records, empty_records
from sdg18.store import Store, tables
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


def test_replaced_records_are_retired_and_each_run_reads_its_own(store: Store) -> None:
    store.write_run(_run("r1"), [_submission("a.csv", 2)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "a.csv", [7, 12]), _values(19))  # fmt: skip
    store.write_run(_run("r2"), [_submission("b.csv", 1)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "b.csv", [30]), _values(30))  # fmt: skip
    store.write_run(_run("r3"), [_submission("c.csv", 1)], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "c.csv", [4]), _values(4))  # fmt: skip

    def persons(records: Records) -> list[tuple[str, int, int]]:
        frame = records["returns"]
        return list(zip(frame["file"], frame["row"], frame["persons"], strict=True))

    assert persons(store.records()) == [("c.csv", 2, 4)]
    assert persons(store.records_of_run("r1")) == [("a.csv", 2, 7), ("a.csv", 3, 12)]
    assert persons(store.records_of_run("r2")) == [("b.csv", 2, 30)]
    assert persons(store.records_of_run("r3")) == [("c.csv", 2, 4)]
    table = tables.records["returns"]
    with store.engine.connect() as conn:
        kept = conn.execute(
            sa.select(table.c.file, table.c.retired_run).order_by(table.c.file)
        ).all()
    r2, r3 = store.run_number("r2"), store.run_number("r3")
    assert [tuple(row) for row in kept] == [
        ("a.csv", r2), ("a.csv", r2), ("b.csv", r3), ("c.csv", None),
    ]  # fmt: skip
    assert store.runs()["run_id"].tolist() == ["r1", "r2", "r3"]
    with pytest.raises(KeyError, match="r9"):
        store.records_of_run("r9")


def test_a_store_made_before_retirement_gets_its_column(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE records_returns (return_id TEXT, row INTEGER)"))
    Store(engine)
    with engine.connect() as conn:
        columns = [c["name"] for c in sa.inspect(conn).get_columns("records_returns")]
    engine.dispose()
    assert columns == ["return_id", "row", "retired_run"]


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


def test_records_keep_the_file_they_came_from_beside_a_rejected_copy(store: Store) -> None:
    # The same bytes arrived twice, as a.csv (accepted) and then as copy.csv (rejected as
    # a duplicate): the records name a.csv, the submission they were accepted from.
    copy = SubmissionRow("2026Q1", "SCRIDP", "returns", "copy.csv", "a.csv".ljust(64, "0"),
                         "returns", "rejected", 0, 2)  # fmt: skip
    store.write_run(_run("r1"), [_submission("a.csv", 2), copy], {("SCRIDP", "returns")},
                    _returns("SCRIDP", "2026Q1", "a.csv", [7, 12]), _values(19))  # fmt: skip

    back = store.records_of_run("r1")["returns"]

    assert back[["file", "sheet", "row", "persons"]].values.tolist() == [
        ["a.csv", "returns", 2, 7], ["a.csv", "returns", 3, 12],
    ]  # fmt: skip


def test_a_large_table_read_in_halves_is_read_whole_and_in_order(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two files of 3 records each; the SQLite reader splits any table of 2 rows or more.
    monkeypatch.setattr("sdg18.store.database.SPLIT_ROWS", 2)
    first = _returns("SCRIDP", "2026Q1", "b.csv", [1, 2, 3])
    second = _returns("SCRIDP", "2026Q1", "a.csv", [4, 5, 6])
    both = {**first, "returns": pd.concat([first["returns"], second["returns"]])}
    store.write_run(_run("r1"), [_submission("b.csv", 3), _submission("a.csv", 3)],
                    {("SCRIDP", "returns")}, both, _values(21))  # fmt: skip

    back = store.records()["returns"]

    # In the store's order (file, then row), every record once.
    assert back[["file", "row", "persons"]].values.tolist() == [
        ["a.csv", 2, 4], ["a.csv", 3, 5], ["a.csv", 4, 6],
        ["b.csv", 2, 1], ["b.csv", 3, 2], ["b.csv", 4, 3],
    ]  # fmt: skip
