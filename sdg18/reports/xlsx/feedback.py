"""The feedback workbook an agency acts on: its findings and its rejected rows.

Sheets: ``summary`` (counts and how to read the workbook), ``findings`` (one row
per finding, in the order the agency reads its files) and one ``rejected_<dataset>``
sheet per dataset with rejected rows, the failing cells filled red. The workbook is in
the agency's language (sheet names, headers, the rules' messages and hints); the
dataset's own column names stay as the template writes them. Every value an agency
sent is written as literal text, never as a formula. Every sheet prints on A4
landscape, one page wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from schemas import DATASETS
from sdg18.core.findings import FINDING_ORDER
from sdg18.core.i18n import Translator
from sdg18.reports.xlsx.cells import (
    ERROR_FILL,
    INFO_FILL,
    WARNING_FILL,
    cell_at,
    fit_heights,
    fit_widths,
    style_header,
    write_row,
)
from sdg18.reports.xlsx.feedback_summary import fill_summary, rejected_sheet_name
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.texts import (
    header,
    headers,
    severity_label,
    sheet_name,
    workbook_words,
)
from sdg18.validation.messages import localised_findings

SEVERITY_FILL = {"error": ERROR_FILL, "warning": WARNING_FILL, "info": INFO_FILL}
FAILING_FILL = ERROR_FILL
#: Columns of the findings sheet, in order (the sheet heads them in the agency's language).
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
#: Width of the wrapped message and hint columns of the findings sheet.
_WRAPPED_WIDTH = 50


def write_feedback(
    path: Path,
    agency: str,
    findings: pd.DataFrame,
    rejected: Mapping[str, pd.DataFrame],
    language: str,
    *,
    generated_at: dt.datetime | None = None,
) -> Path:
    """Write ``agency``'s feedback workbook in ``language`` to ``path`` and return ``path``.

    The caller passes the agency's own findings and rejected rows (``agency`` only
    labels the workbook); a dataset without rejected rows gets no sheet. Messages and
    hints are the rule catalogue's, in ``language``.
    """
    words = workbook_words(language)
    own = sorted_findings(localised_findings(findings, language))
    own_rejected = {
        dataset: frame for dataset, frame in _in_contract_order(rejected) if not frame.empty
    }
    workbook = Workbook()
    summary = workbook.worksheets[0]
    summary.title = sheet_name("summary", words)
    fill_summary(summary, agency, own, own_rejected, generated_at, words)
    _fill_findings(workbook.create_sheet(sheet_name("findings", words)), own, words)
    for dataset, frame in own_rejected.items():
        sheet = workbook.create_sheet(rejected_sheet_name(dataset, words))
        _fill_rejected(sheet, dataset, frame, words)
    workbook.properties.language = language
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


def _in_contract_order(rejected: Mapping[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    order = {name: position for position, name in enumerate(DATASETS)}
    return sorted(rejected.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _fill_findings(ws: Worksheet, findings: pd.DataFrame, words: Translator) -> None:
    write_row(ws, 1, headers(FINDING_COLUMNS, words))
    records = findings.reindex(columns=list(FINDING_COLUMNS))
    for row, values in enumerate(records.itertuples(index=False, name=None), start=2):
        severity = str(values[0])
        write_row(ws, row, (severity_label(severity, words), *values[1:]))
        fill = SEVERITY_FILL.get(severity)
        if fill is not None:
            cell_at(ws, row, 1).fill = fill
    style_header(ws)
    fit_widths(ws)
    wrapped = [i for i, c in enumerate(FINDING_COLUMNS, start=1) if c in _WRAPPED]
    for column in wrapped:
        ws.column_dimensions[get_column_letter(column)].width = _WRAPPED_WIDTH
    _wrap(ws, wrapped)
    fit_heights(ws, wrapped, first_row=2)
    set_up_printing(ws, words, title_rows=(1, 1), title_columns=("A", "B"))


def _fill_rejected(ws: Worksheet, dataset: str, frame: pd.DataFrame, words: Translator) -> None:
    columns = _rejected_columns(dataset, frame)
    # The dataset's own columns keep the names the template gives them; origin and cause
    # are headed in the agency's language.
    labels = [header(c, words) if c in (*ORIGIN_COLUMNS, REJECTED_BY) else c for c in columns]
    write_row(ws, 1, labels)
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
    set_up_printing(ws, words, title_rows=(1, 1), title_columns=("A", "C"))


def _rejected_columns(dataset: str, frame: pd.DataFrame) -> list[str]:
    """Origin, the dataset's columns (contract order when known), then ``rejected_by``."""
    fixed = {*ORIGIN_COLUMNS, REJECTED_BY, *_HIDDEN}
    present = [c for c in frame.columns if c not in fixed]
    if dataset in DATASETS:
        contract = list(DATASETS[dataset].to_schema().columns)
        present = [c for c in contract if c in present] + [c for c in present if c not in contract]
    tail = [REJECTED_BY] if REJECTED_BY in frame.columns else []
    return [*ORIGIN_COLUMNS, *present, *tail]


def _wrap(ws: Worksheet, columns: Sequence[int]) -> None:
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if cell.column in columns:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
