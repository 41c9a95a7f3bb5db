"""The feedback workbook an agency acts on: its findings and its rejected rows.

Sheets: ``summary`` (counts and how to read the workbook), ``findings`` (one row
per finding, in the order the agency reads its files) and one ``rejected_<dataset>``
sheet per dataset with rejected rows, the failing cells filled red. Every value an
agency sent is written as literal text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from schemas import DATASETS
from schemas.reference import AGENCY_BY_CODE
from schemas.rules import rules_by_id
from sdg18.core.findings import FINDING_ORDER
from sdg18.reports.xlsx.cells import (
    ERROR_FILL,
    HEADER_FONT,
    INFO_FILL,
    WARNING_FILL,
    cell_at,
    fit_widths,
    put_value,
    set_text,
    style_header,
    write_paragraph,
    write_row,
)

SEVERITIES = ("error", "warning", "info")
SEVERITY_FILL = {"error": ERROR_FILL, "warning": WARNING_FILL, "info": INFO_FILL}
FAILING_FILL = ERROR_FILL
#: Columns of the findings sheet, in order.
FINDING_COLUMNS = (
    "severity",
    "rule_id",
    "file",
    "sheet",
    "row",
    "cell",
    "column",
    "value",
    "record_key",
    "message",
    "hint",
    "level",
    "dataset",
)
ORIGIN_COLUMNS = ("file", "sheet", "row")
REJECTED_BY = "rejected_by"
FAILING_COLUMNS = "failing_columns"
# Bookkeeping columns of a rejected-records frame that the agency does not need to see.
_HIDDEN = frozenset({"file_sha256", "agency", "run_id", "period", FAILING_COLUMNS})
_WRAPPED = frozenset({"message", "hint"})
_NOTE_COLUMNS = 5
HOW_TO_READ = (
    "Each row of the 'findings' sheet is one rule your submission broke, located by file, "
    "sheet, Excel row and cell, with what to do in 'hint'.",
    "error: the record (for a file or sheet rule: the whole sheet) was not accepted and is "
    "not counted. Correct it and resubmit.",
    "warning: the record was accepted and is counted; please check it.",
    "info: recorded for your information; nothing to do.",
    "The 'rejected_…' sheets copy every rejected row as it was received; the cells filled "
    "red are the ones to correct.",
)


def write_feedback(
    path: Path,
    agency: str,
    findings: pd.DataFrame,
    rejected: Mapping[str, pd.DataFrame],
    language: str,
    *,
    generated_at: dt.datetime | None = None,
) -> Path:
    """Write ``agency``'s feedback workbook to ``path`` and return ``path``.

    The caller passes the agency's own findings and rejected rows (``agency`` only
    labels the workbook); a dataset without rejected rows gets no sheet.
    """
    own = sorted_findings(findings)
    own_rejected = {
        dataset: frame for dataset, frame in _in_contract_order(rejected) if not frame.empty
    }
    workbook = Workbook()
    summary = workbook.worksheets[0]
    summary.title = "summary"
    _fill_summary(summary, agency, own, own_rejected, generated_at)
    _fill_findings(workbook.create_sheet("findings"), own)
    for dataset, frame in own_rejected.items():
        _fill_rejected(workbook.create_sheet(rejected_sheet_name(dataset)), dataset, frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def sorted_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """``findings`` sorted by file, sheet, row (blank first), column and rule id."""
    own = findings.copy()
    own["row"] = own["row"].astype("Int64")
    text = [c for c in FINDING_ORDER if c != "row"]
    own[text] = own[text].fillna("")
    own = own.sort_values(FINDING_ORDER, kind="stable", na_position="first")
    return own.reset_index(drop=True)


def rejected_sheet_name(dataset: str) -> str:
    """The sheet name of ``dataset``'s rejected rows, within Excel's 31 characters."""
    return f"rejected_{dataset}"[:31]


def _in_contract_order(rejected: Mapping[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    order = {name: position for position, name in enumerate(DATASETS)}
    return sorted(rejected.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _fill_summary(
    ws: Worksheet,
    agency: str,
    findings: pd.DataFrame,
    rejected: Mapping[str, pd.DataFrame],
    generated_at: dt.datetime | None,
) -> None:
    known = AGENCY_BY_CODE.get(agency)
    facts: list[tuple[str, object]] = [
        ("agency", agency),
        ("agency name", known.name if known else ""),
        ("period", _distinct(findings, "period")),
        ("run", _distinct(findings, "run_id")),
    ]
    if generated_at is not None:
        facts.append(("generated", generated_at))
    for row, fact in enumerate(facts, start=1):
        write_row(ws, row, fact)
        cell_at(ws, row, 1).font = HEADER_FONT
    note_row = len(facts) + 2
    row = note_row + len(HOW_TO_READ) + 2
    by_severity = findings["severity"].value_counts()
    row = _table(
        ws,
        row,
        "Findings by severity",
        ("severity", "count"),
        [(s, int(by_severity.get(s, 0))) for s in SEVERITIES],
    )
    row = _table(
        ws,
        row + 1,
        "Findings by dataset",
        ("dataset", *SEVERITIES, "rejected rows"),
        _by_dataset(findings, rejected),
    )
    last = _table(ws, row + 1, "Findings by rule", _RULE_HEADER, _by_rule(findings))
    fit_widths(ws, last_row=last)
    set_text(cell_at(ws, note_row, 1), "How to read this").font = HEADER_FONT
    for offset, line in enumerate(HOW_TO_READ, start=1):
        write_paragraph(ws, note_row + offset, line, first_column=1, last_column=_NOTE_COLUMNS)


_RULE_HEADER = ("rule_id", "severity", "count", "description")


def _table(
    ws: Worksheet, row: int, title: str, header: Sequence[str], rows: list[tuple[object, ...]]
) -> int:
    """Write a titled table from ``row``; return the row after it."""
    put_value(cell_at(ws, row, 1), title).font = HEADER_FONT
    write_row(ws, row + 1, header)
    for column in range(1, len(header) + 1):
        cell_at(ws, row + 1, column).font = HEADER_FONT
    for offset, values in enumerate(rows, start=2):
        write_row(ws, row + offset, values)
    return row + len(rows) + 2


def _by_dataset(
    findings: pd.DataFrame, rejected: Mapping[str, pd.DataFrame]
) -> list[tuple[object, ...]]:
    counts = pd.crosstab(findings["dataset"].fillna(""), findings["severity"])
    datasets = list(dict.fromkeys([*counts.index, *rejected]))
    order = {name: position for position, name in enumerate(DATASETS)}
    datasets.sort(key=lambda name: (order.get(name, -1 if name == "" else len(order)), name))
    table = counts.reindex(index=datasets, columns=list(SEVERITIES), fill_value=0)
    return [
        (dataset or "(whole file)", *map(int, counts_row), len(rejected.get(dataset, ())))
        for dataset, counts_row in zip(datasets, table.to_numpy().tolist(), strict=True)
    ]


def _by_rule(findings: pd.DataFrame) -> list[tuple[object, ...]]:
    if findings.empty:
        return []
    counts = findings.groupby(["rule_id", "severity"]).size().reset_index(name="count")
    rank = {s: position for position, s in enumerate(SEVERITIES)}
    counts["rank"] = counts["severity"].map(rank)
    counts = counts.sort_values(["rank", "count", "rule_id"], ascending=[True, False, True])
    catalogue = rules_by_id()
    return [
        (rule_id, severity, int(count), getattr(catalogue.get(rule_id), "description", ""))
        for rule_id, severity, count in counts[["rule_id", "severity", "count"]].itertuples(
            index=False
        )
    ]


def _fill_findings(ws: Worksheet, findings: pd.DataFrame) -> None:
    write_row(ws, 1, FINDING_COLUMNS)
    records = findings.reindex(columns=list(FINDING_COLUMNS))
    for row, values in enumerate(records.itertuples(index=False, name=None), start=2):
        write_row(ws, row, values)
        severity = cell_at(ws, row, 1)
        fill = SEVERITY_FILL.get(str(severity.value))
        if fill is not None:
            severity.fill = fill
    style_header(ws)
    fit_widths(ws)
    _wrap(ws, [i for i, c in enumerate(FINDING_COLUMNS, start=1) if c in _WRAPPED])


def _fill_rejected(ws: Worksheet, dataset: str, frame: pd.DataFrame) -> None:
    columns = _rejected_columns(dataset, frame)
    write_row(ws, 1, columns)
    ordered = frame.sort_values(list(ORIGIN_COLUMNS), kind="stable", na_position="first")
    position = {name: index for index, name in enumerate(columns, start=1)}
    failing = (
        ordered[FAILING_COLUMNS].fillna("")
        if FAILING_COLUMNS in ordered
        else pd.Series("", index=ordered.index)
    )
    rows = ordered.reindex(columns=columns).itertuples(index=False, name=None)
    for row, (values, names) in enumerate(zip(rows, failing, strict=True), start=2):
        write_row(ws, row, values)
        for name in str(names).split(";"):
            column = position.get(name.strip())
            if column is not None and name.strip() not in ORIGIN_COLUMNS:
                cell_at(ws, row, column).fill = FAILING_FILL
    style_header(ws)
    fit_widths(ws)


def _rejected_columns(dataset: str, frame: pd.DataFrame) -> list[str]:
    """Origin, the dataset's columns (contract order when known), then ``rejected_by``."""
    fixed = {*ORIGIN_COLUMNS, REJECTED_BY, *_HIDDEN}
    present = [c for c in frame.columns if c not in fixed]
    if dataset in DATASETS:
        contract = list(DATASETS[dataset].to_schema().columns)
        present = [c for c in contract if c in present] + [c for c in present if c not in contract]
    tail = [REJECTED_BY] if REJECTED_BY in frame.columns else []
    return [*ORIGIN_COLUMNS, *present, *tail]


def _distinct(findings: pd.DataFrame, column: str) -> str:
    if column not in findings:
        return ""
    values = findings[column].dropna().astype(str)
    return ", ".join(sorted({v for v in values if v}))


def _wrap(ws: Worksheet, columns: Sequence[int]) -> None:
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if cell.column in columns:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
