"""The quarterly run without Prefect: store, indicators, revisions, exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.run.publish import complete_run
from sdg18.store import Store
from sdg18.validation.inbox import validate_inbox
from tests.validation.contract_rows import VALID

T0 = dt.datetime(2026, 7, 15, 2, 0, tzinfo=dt.UTC)


def _casualties(path: Path, period: str, people: list[tuple[str, str]]) -> None:
    """An ANAMA workbook with one casualty per (id, incident date)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "casualties"
    header = list(VALID["casualties"])
    sheet.append(header)
    for casualty_id, day in people:
        ids = {"casualty_id": casualty_id, "incident_id": f"I-{casualty_id}"}
        record: dict[str, Any] = {**VALID["casualties"], **ids, "incident_date": day}
        sheet.append([record[c] for c in header])
    info = book.create_sheet("submission")
    info.append(["agency", "ANAMA"])
    info.append(["period", period])
    book.save(path)


def _run(inbox: Path, period: Period, store: Store, out: Path, run_id: str) -> Any:
    validation = validate_inbox(inbox / str(period), period, Settings())
    return complete_run(validation, store, out, run_id, T0)


def _headline(frame: pd.DataFrame, indicator: str, period: str, scope: str = "period") -> float:
    rows = frame[
        (frame["indicator"] == indicator)
        & (frame["period"] == period)
        & (frame["scope"] == scope)
        & (frame[list(BREAKDOWN_COLUMNS)].fillna("") == "").all(axis=1)
    ]
    (value,) = rows["value"].tolist()
    return float(value)


def test_a_late_casualty_revises_the_earlier_quarter(store: Store, tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _casualties(inbox / "2026Q1" / "ANAMA" / "q1.xlsx", "2026Q1",
                [("C-1", "2026-02-01"), ("C-2", "2026-03-02")])  # fmt: skip
    _casualties(inbox / "2026Q2" / "ANAMA" / "q2.xlsx", "2026Q2",
                [("C-3", "2026-05-01"), ("C-4", "2026-03-15")])  # C-4: a late report  # fmt: skip

    first = _run(inbox, Period(2026, 1), store, out, "run-q1")
    second = _run(inbox, Period(2026, 2), store, out, "run-q2")

    q1 = pd.read_csv(out / "2026Q1" / "indicators.csv", dtype={"value": float})
    assert _headline(q1, "18.2.1", "2026Q1") == 2  # C-1, C-2
    assert first.revisions.empty
    q2 = pd.read_csv(out / "2026Q2" / "indicators.csv", dtype={"value": float})
    assert _headline(q2, "18.2.1", "2026Q1") == 3  # C-1, C-2 and the late C-4
    assert _headline(q2, "18.2.1", "2026Q2") == 1  # C-3
    assert _headline(q2, "18.2.1", "2026Q2", "ytd") == 4  # all four in 2026
    revisions = pd.read_csv(out / "2026Q2" / "revisions.csv", keep_default_na=False)
    headline = revisions[
        (revisions["indicator"] == "18.2.1")
        & (revisions["period"] == "2026Q1")
        & (revisions["scope"] == "period")
        & (revisions[list(BREAKDOWN_COLUMNS)] == "").all(axis=1)
    ]
    assert headline[["old_value", "new_value", "cause"]].values.tolist() == [
        [2.0, 3.0, "ANAMA/q2.xlsx: 1 casualties record(s) dated 2026Q1"]
    ]
    assert len(second.revisions) == len(revisions)
    stored = store.records()["casualties"]
    assert sorted(stored["casualty_id"]) == ["C-1", "C-2", "C-3", "C-4"]
    assert dict(zip(stored["casualty_id"], stored["record_period"], strict=True))["C-4"] == "2026Q1"


def test_rerunning_a_quarter_replaces_its_records_and_revises_nothing(
    store: Store, tmp_path: Path
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _casualties(inbox / "2026Q1" / "ANAMA" / "q1.xlsx", "2026Q1", [("C-1", "2026-02-01")])

    _run(inbox, Period(2026, 1), store, out, "run-1")
    again = _run(inbox, Period(2026, 1), store, out, "run-2")

    assert again.revisions.empty
    assert store.records()["casualties"]["casualty_id"].tolist() == ["C-1"]
    assert (out / "2026Q1" / "opensdg" / "indicator_18-2-1.csv").exists()
    assert (out / "2026Q1" / "validation" / "reconciliation.csv").exists()
