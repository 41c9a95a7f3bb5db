"""Rules over the files of one inbox: who may send what, for which period, and resubmissions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.reports.exports.validation_outputs import write_validation_outputs
from sdg18.validation.inbox import validate_inbox
from tests.validation.contract_rows import VALID

PERIOD = Period(2026, 1)


def _workbook(
    path: Path,
    dataset: str,
    rows: list[dict[str, Any]],
    submission: dict[str, Any] | None = None,
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = dataset
    header = list(VALID[dataset])
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c) for c in header])
    if submission is not None:
        info = book.create_sheet("submission")
        for key, value in submission.items():
            info.append([key, value])
    book.save(path)
    return path


def _ids(count: int, dataset: str = "funding", prefix: str = "X") -> list[dict[str, Any]]:
    key = "entry_id" if dataset == "funding" else "return_id"
    return [{**VALID[dataset], key: f"{prefix}-{n}"} for n in range(count)]


def _rules(inbox_dir: Path) -> list[tuple[str, str, str]]:
    result = validate_inbox(inbox_dir, PERIOD, Settings())
    return sorted((f.rule_id, f.file, f.severity) for f in result.findings)


def test_agency_and_period_rules(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    _workbook(root / "MOF" / "budget.xlsx", "funding", _ids(2))
    _workbook(root / "MOH" / "funding.xlsx", "funding", _ids(1, prefix="H"))  # not MOH's
    _workbook(root / "misc" / "f.xlsx", "funding", _ids(1, prefix="M"))  # no agency at all
    _workbook(root / "ANAMA" / "old.xlsx", "funding", _ids(1, prefix="A"), {"period": "2025Q4"})

    result = validate_inbox(root, PERIOD, Settings())

    found = sorted((f.rule_id, f.file, f.value) for f in result.findings)
    assert found == [
        ("L0.file.agency_unknown", "misc/f.xlsx", "(none)"),
        ("L0.funding.agency_not_allowed", "MOH/funding.xlsx", "MOH"),
        ("L0.funding.period_mismatch", "ANAMA/old.xlsx", "2025Q4"),
    ]
    accepted = {t.table.source.file: len(t.accepted) for t in result.tables}
    assert accepted == {
        "MOF/budget.xlsx": 2,
        "MOH/funding.xlsx": 0,
        "misc/f.xlsx": 0,
        "ANAMA/old.xlsx": 0,
    }
    rejected = {t.table.source.file: t.rejected_rows for t in result.tables}
    assert rejected["misc/f.xlsx"] == [2]


def test_identical_files_are_processed_once(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    first = _workbook(root / "MOF" / "a.xlsx", "funding", _ids(3))
    (root / "MOF" / "copy of a.xlsx").write_bytes(first.read_bytes())

    result = validate_inbox(root, PERIOD, Settings())

    assert [(f.rule_id, f.file, f.severity) for f in result.findings] == [
        ("L0.file.duplicate_file", "MOF/copy of a.xlsx", "info")
    ]
    assert sum(len(t.accepted) for t in result.tables) == 3


def test_later_prepared_on_supersedes(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    _workbook(
        root / "SCRIDP" / "v1.xlsx",
        "returns",
        _ids(2, "returns"),
        {"agency": "SCRIDP", "prepared_on": dt.date(2026, 4, 3)},
    )
    _workbook(
        root / "SCRIDP" / "v2.xlsx",
        "returns",
        _ids(5, "returns"),
        {"agency": "SCRIDP", "prepared_on": "2026-04-09"},
    )

    result = validate_inbox(root, PERIOD, Settings())

    assert [(f.rule_id, f.file, f.severity) for f in result.findings] == [
        ("L0.returns.superseded", "SCRIDP/v1.xlsx", "info")
    ]
    assert {t.table.source.file: len(t.accepted) for t in result.tables} == {
        "SCRIDP/v1.xlsx": 0,
        "SCRIDP/v2.xlsx": 5,
    }


def test_undecidable_resubmissions_reject_both(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    _workbook(root / "SCRIDP" / "v1.xlsx", "returns", _ids(2, "returns"))
    _workbook(root / "SCRIDP" / "v2.xlsx", "returns", _ids(3, "returns"))

    result = validate_inbox(root, PERIOD, Settings())

    found = sorted((f.rule_id, f.file, f.message) for f in result.findings)
    assert [(rule, file) for rule, file, _ in found] == [
        ("L0.returns.conflicting_submission", "SCRIDP/v1.xlsx"),
        ("L0.returns.conflicting_submission", "SCRIDP/v2.xlsx"),
    ]
    assert "SCRIDP/v2.xlsx" in found[0][2]
    assert sum(len(t.accepted) for t in result.tables) == 0
    assert sum(len(t.rejected_rows) for t in result.tables) == 5


def test_validation_outputs(tmp_path: Path) -> None:
    root = tmp_path / "inbox" / "2026Q1"
    bad = {**VALID["returns"], "return_id": "R-9", "persons": "1 234"}
    _workbook(root / "SCRIDP" / "r.xlsx", "returns", [VALID["returns"], bad])
    result = validate_inbox(root, PERIOD, Settings())

    folder = write_validation_outputs(result, tmp_path / "out", "run-1")

    (finding,) = [json.loads(line) for line in (folder / "findings.jsonl").read_text().splitlines()]
    assert finding["rule_id"] == "L1.returns.persons.number_format"
    assert (finding["row"], finding["cell"], finding["value"]) == (3, "F3", "1 234")
    origin = (finding["run_id"], finding["period"], finding["agency"])
    assert origin == ("run-1", "2026Q1", "SCRIDP")
    assert len(finding["file_sha256"]) == 64
    findings_csv = pd.read_csv(folder / "findings.csv", dtype=str)
    assert findings_csv.loc[0, "rule_id"] == finding["rule_id"]

    summary = pd.read_csv(folder / "summary.csv")
    row = summary.set_index("rule_id").loc["L1.returns.persons.number_format"]
    assert (row["checked"], row["passed"], row["failed"]) == (2, 1, 1)
    untouched = summary.set_index("rule_id").loc["L1.returns.persons_at_least_households"]
    assert (untouched["checked"], untouched["failed"]) == (2, 0)
    assert set(summary["file"]) == {"SCRIDP/r.xlsx"}

    rejected = pd.read_csv(folder / "rejected" / "returns.csv", dtype=str)
    assert rejected[["row", "return_id", "persons", "rejected_by"]].values.tolist() == [
        ["3", "R-9", "1 234", "L1.returns.persons.number_format"]
    ]
    assert (folder / "feedback" / "SCRIDP.xlsx").exists()
    rules = pd.read_csv(folder / "rules.csv")
    assert "L1.returns.persons.number_format" in set(rules["rule_id"])


def test_an_unforeseen_failure_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sdg18.validation import files

    root = tmp_path / "2026Q1"
    _workbook(root / "MOF" / "good.xlsx", "funding", _ids(2))
    _workbook(root / "MOF" / "bad.xlsx", "funding", _ids(1, prefix="B"))
    real_read = files.read_file

    def read_or_fail(file: Any, settings: Settings) -> Any:
        if file.name.endswith("bad.xlsx"):
            raise MemoryError("simulated")
        return real_read(file, settings)

    monkeypatch.setattr(files, "read_file", read_or_fail)

    # In this process: the stand-in reader is patched here, where a worker cannot see it.
    result = validate_inbox(root, PERIOD, Settings(isolate_reads=False))

    assert [(f.rule_id, f.file, f.message) for f in result.findings] == [
        (
            "L0.file.reader_failed",
            "MOF/bad.xlsx",
            "The file could not be read: the reader stopped (out of memory); "
            "none of its records was used",
        )
    ]
    assert {t.table.source.file: len(t.accepted) for t in result.tables} == {"MOF/good.xlsx": 2}


@pytest.mark.parametrize("isolate", [False, True])
def test_files_are_read_largest_first_and_come_back_in_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolate: bool
) -> None:
    import sdg18.validation.inbox as inbox
    from sdg18.ingest.discover import discover
    from sdg18.validation.files import FileResult, reader_failed

    for name, size in (("a.csv", 10), ("b.csv", 300), ("c.csv", 100), ("d.csv", 300)):
        path = tmp_path / "MOF" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * size)
    files = discover(tmp_path)
    started: list[str] = []

    def recorded(file: Any, period: Any, settings: Any) -> FileResult:
        started.append(file.name)
        return reader_failed(file, "not read")

    monkeypatch.setattr(inbox, "check_bounded", recorded)
    settings = Settings(isolate_reads=isolate, task_workers=1)  # one at a time: the order shows
    results = inbox.check_files(files, PERIOD, settings)

    assert started == ["MOF/b.csv", "MOF/d.csv", "MOF/c.csv", "MOF/a.csv"]  # ties keep their order
    assert [r.read.file.name for r in results] == [
        "MOF/a.csv",
        "MOF/b.csv",
        "MOF/c.csv",
        "MOF/d.csv",
    ]
