"""Inputs of the level-2 and level-3 tests: tiny workbooks of this run, records of earlier runs.

A run's sheets are real workbooks validated by levels 0 and 1, as the run does;
the store's history is written by hand in the Records format, with only the
columns a test is about filled in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from schemas import DATASETS
from sdg18.core.periods import Period
from sdg18.core.records import Records, empty_records
from sdg18.core.settings import Settings
from sdg18.validation.across import CrossCheck
from sdg18.validation.inbox import validate_inbox
from sdg18.validation.records import ValidatedTable
from tests.validation.contract_rows import VALID

PERIOD = Period(2026, 1)

#: (rule_id, file, row, column, value) of a finding.
Located = tuple[str, str, int | None, str, str]


def rows(dataset: str, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The dataset's valid record once per change, with the change applied."""
    return [{**VALID[dataset], **change} for change in changes]


def workbook(root: Path, file: str, sheets: dict[str, list[dict[str, Any]]]) -> Path:
    """A workbook at ``root/file`` (``AGENCY/name.xlsx``) with one sheet per dataset."""
    path = root / file
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for dataset, records in sheets.items():
        sheet = book.create_sheet(dataset)
        header = list(VALID[dataset])
        sheet.append(header)
        for record in records:
            sheet.append([record.get(column) for column in header])
    book.save(path)
    return path


def validated(root: Path) -> list[ValidatedTable]:
    """Every sheet of the inbox folder ``root`` after levels 0 and 1 for PERIOD."""
    return validate_inbox(root, PERIOD, Settings()).tables


def stored(
    dataset: str,
    records: list[dict[str, Any]],
    *,
    agency: str,
    period: str,
    file: str,
    record_period: str | None = None,
) -> pd.DataFrame:
    """Records a store holds from one earlier submission (Excel rows from 2)."""
    columns = list(empty_records(dataset).columns)
    frame = pd.DataFrame.from_records(records).reindex(columns=columns)
    frame["agency"] = agency
    frame["submission_period"] = period
    frame["record_period"] = record_period or period
    frame["file"] = file
    frame["file_sha256"] = hashlib.sha256(file.encode()).hexdigest()
    frame["sheet"] = dataset
    frame["row"] = range(2, len(frame) + 2)
    return frame


def history(**frames: list[pd.DataFrame]) -> Records:
    """A store's records: the given frames per dataset, empty frames for the others."""
    return {
        name: pd.concat(frames[name], ignore_index=True) if name in frames else empty_records(name)
        for name in DATASETS
    }


def located(tables: list[ValidatedTable], cross: CrossCheck) -> list[Located]:
    """Every level-2 and level-3 finding of a run, sheets' and unattached, sorted."""
    findings = [f for t in tables for f in t.findings] + cross.findings
    return sorted(
        ((f.rule_id, f.file, f.row, f.column, f.value) for f in findings if f.level >= 2),
        key=lambda f: (f[0], f[1], f[2] or 0, f[3], f[4]),
    )


def accepted_rows(tables: list[ValidatedTable]) -> dict[str, list[int]]:
    """Accepted Excel rows per file and sheet."""
    return {
        f"{t.table.source.file}:{t.table.source.sheet}": [int(r) for r in t.accepted.index]
        for t in tables
    }
