"""The validation summary (rule × dataset × file) and the rejected records.

The summary lists every rule that ran on every file and sheet — with the
number of records checked, passed and failed — so an auditor sees that a rule
ran and found nothing, not only where it failed.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from schemas import column_specs
from schemas.rules import FILE_CHECKS, Rule, catalogue
from sdg18.core.findings import Finding
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.records import ValidatedTable
from sdg18.validation.values import as_text

SUMMARY_FIELDS = (
    "rule_id",
    "level",
    "severity",
    "dataset",
    "file",
    "sheet",
    "checked",
    "passed",
    "failed",
)
ORIGIN_FIELDS = ("file", "file_sha256", "agency", "sheet", "row")


def _dataset_rules(dataset: str) -> list[Rule]:
    return [rule for rule in catalogue() if rule.dataset == dataset]


def _row(rule: Rule, file: str, sheet: str, checked: int, failed: int) -> dict[str, object]:
    return {
        "rule_id": rule.rule_id,
        "level": rule.level,
        "severity": rule.severity,
        "dataset": rule.dataset,
        "file": file,
        "sheet": sheet,
        "checked": checked,
        "passed": checked - failed,
        "failed": failed,
    }


def _failed_rows(findings: list[Finding]) -> dict[str, int]:
    rows: dict[str, set[object]] = defaultdict(set)
    for finding in findings:
        rows[finding.rule_id].add(finding.row)
    return {rule: len(found) for rule, found in rows.items()}


def _table_rows(table: ValidatedTable) -> list[dict[str, object]]:
    source = table.table.source
    failed = _failed_rows(table.findings)
    records = len(table.typed)
    rows = []
    for rule in _dataset_rules(source.dataset):
        if rule.level == 0:
            rows.append(
                _row(rule, source.file, source.sheet, 1, min(1, failed.get(rule.rule_id, 0)))
            )
        else:
            checked = 0 if table.table.rejected_by else records
            rows.append(_row(rule, source.file, source.sheet, checked, failed.get(rule.rule_id, 0)))
    return rows


def summary_frame(inbox: InboxValidation) -> pd.DataFrame:
    """One row per rule × dataset × file (and sheet): checked, passed, failed."""
    file_rules = {rule.check: rule for rule in catalogue() if rule.dataset == ""}
    file_ids = {rule.rule_id for rule in file_rules.values()}
    failed_by_file: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in inbox.findings:
        if finding.dataset == "" or finding.rule_id in file_ids:
            failed_by_file[finding.file][finding.rule_id] += 1
    rows: list[dict[str, object]] = []
    for file in inbox.files:
        for check in FILE_CHECKS:
            failed = min(1, failed_by_file[file.name][file_rules[check].rule_id])
            rows.append(_row(file_rules[check], file.name, "", 1, failed))
    for table in inbox.tables:
        rows.extend(_table_rows(table))
    return pd.DataFrame(rows, columns=list(SUMMARY_FIELDS))


def rejected_frame(table: ValidatedTable) -> pd.DataFrame:
    """The table's rejected records: origin, the values as found, and why."""
    rows = table.rejected_rows
    source = table.table.source
    values = {c: as_text(table.table.raw[c].loc[rows]) for c in column_specs(source.dataset)}
    frame = pd.DataFrame(values, index=rows)
    frame.insert(0, "row", rows)
    for position, name in enumerate(("file", "file_sha256", "agency", "sheet")):
        frame.insert(position, name, getattr(source, name))
    frame["rejected_by"] = ["; ".join(dict.fromkeys(table.rejected_by[r])) for r in rows]
    frame["failing_columns"] = [
        "; ".join(c for c in column_specs(source.dataset) if c in table.failing.get(r, ()))
        for r in rows
    ]
    return frame.reset_index(drop=True)


def rejected_by_dataset(inbox: InboxValidation) -> dict[str, pd.DataFrame]:
    """Rejected records of every dataset, over all files."""
    frames: dict[str, list[pd.DataFrame]] = defaultdict(list)
    for table in inbox.tables:
        if table.rejected_rows:
            frames[table.table.dataset].append(rejected_frame(table))
    return {dataset: pd.concat(parts, ignore_index=True) for dataset, parts in frames.items()}


def rules_frame() -> pd.DataFrame:
    """The rule catalogue as a table."""
    return pd.DataFrame(
        [
            {
                "rule_id": r.rule_id,
                "level": r.level,
                "severity": r.severity,
                "dataset": r.dataset,
                "column": r.column,
                "check": r.check,
                "description": r.description,
                "hint": r.hint,
            }
            for r in catalogue()
        ]
    )
