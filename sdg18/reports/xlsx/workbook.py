"""The ministry workbook: every figure of the run, its breakdowns, trends, validation and metadata.

Sheets, in order: ``about`` (period, status, code version, inputs fingerprint,
contents with links), ``charts`` (native charts of the main trends), one sheet per
indicator (``18.1.1`` …), ``time series``, ``values`` (``indicators.csv`` as is),
``submissions``, ``validation summary``, ``findings by rule``, ``findings``,
``reconciliation``, ``revisions``, ``definitions``, ``inputs``.

The workbook holds no run id and no time: two runs on the same inputs give
identical cell contents (the run stamp is printed in the PDF). Every cell is
written by ``sdg18.reports.xlsx.cells``, so agency text is never a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from schemas.reference import BASELINE_CONTAMINATION, BASELINE_DATE, CURRENT_BASELINE
from sdg18.core.findings import FINDING_FIELDS
from sdg18.indicators import Framework
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.exports.indicators_csv import indicators_table
from sdg18.reports.figures import ValueIndex
from sdg18.reports.xlsx.cells import HEADER_FONT, cell_at, fit_widths, set_text, write_row
from sdg18.reports.xlsx.sheets import (
    TITLE_FONT,
    add_trend_charts,
    fill_indicator_sheet,
    fill_time_series,
    fill_values_sheet,
    write_table,
)

#: Columns of the findings sheet: the validation log without the run id.
FINDING_COLUMNS = tuple(name for name in FINDING_FIELDS if name != "run_id")
DEFINITION_COLUMNS = (
    "indicator",
    "target",
    "title_en",
    "title_az",
    "series",
    "series_title",
    "unit",
    "scopes",
    "kind",
    "breakdowns",
    "sources",
    "definition",
    "computation",
    "limitations",
)


def write_workbook(context: ReportContext, path: Path, language: str) -> Path:
    """Write the ministry workbook of ``context`` to ``path``; return ``path``."""
    index = ValueIndex(context.values)
    framework = context.framework
    workbook = Workbook()
    about = workbook.worksheets[0]
    about.title = "about"
    charts = workbook.create_sheet("charts")
    sources = []
    for meta in framework.indicators:
        sheet = workbook.create_sheet(meta.id)
        first = fill_indicator_sheet(sheet, index, meta, context.period, context.value_sources)
        sources.append((meta, sheet, first))
    add_trend_charts(charts, sources, context.period)
    fill_time_series(workbook.create_sheet("time series"), index, framework.indicators)
    fill_values_sheet(workbook.create_sheet("values"), indicators_table(context.values))
    _frame_sheet(workbook, "submissions", quality.submission_table(context))
    _frame_sheet(workbook, "validation summary", context.summary)
    _frame_sheet(workbook, "findings by rule", quality.findings_by_rule(context))
    findings = context.findings.reindex(columns=list(FINDING_COLUMNS))
    _frame_sheet(workbook, "findings", findings)
    _frame_sheet(workbook, "reconciliation", quality.reconciliation_table(context))
    _frame_sheet(workbook, "revisions", quality.revision_table(context))
    _frame_sheet(workbook, "definitions", definitions_frame(framework))
    _frame_sheet(workbook, "inputs", context.inputs.sort_values("file", kind="stable"))
    if context.sources is not None:
        _frame_sheet(workbook, "sources", context.sources)
    _fill_about(about, context, workbook.sheetnames[1:])
    workbook.properties.title = f"National SDG 18 indicators {context.period}"
    workbook.properties.creator = f"sdg18 {context.code_version}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def definitions_frame(framework: Framework) -> pd.DataFrame:
    """One row per series: the indicator's metadata card and the series' own fields."""
    rows = [
        (
            meta.id,
            meta.target.id,
            meta.title_en,
            meta.title_az,
            series.id,
            series.title,
            series.unit,
            ", ".join(series.scopes),
            meta.kind,
            ", ".join(meta.breakdowns),
            ", ".join(meta.sources),
            meta.definition,
            meta.computation,
            meta.limitations,
        )
        for meta in framework.indicators
        for series in meta.series
    ]
    return pd.DataFrame(rows, columns=list(DEFINITION_COLUMNS))


def _frame_sheet(workbook: Workbook, title: str, frame: pd.DataFrame) -> Worksheet:
    """A sheet holding ``frame`` as a filtered table (missing values blank)."""
    ws = workbook.create_sheet(title)
    table = frame.astype(object).where(frame.notna(), None)
    write_table(ws, [str(c) for c in table.columns], table.itertuples(index=False, name=None))
    return ws


SHEET_NOTES: dict[str, str] = {
    "charts": "Native charts: the headline of each indicator over the last 8 quarters",
    "time series": "Headline of every series and scope, one column per quarter in the store",
    "values": "Every value of indicators.csv, same columns and order (blank breakdown = total)",
    "submissions": "Each dataset expected or received: accepted, rejected, superseded, missing",
    "validation summary": "Every rule that ran on every file and sheet: checked, passed, failed",
    "findings by rule": "Number of findings per rule, errors first",
    "findings": "The validation log: one row per broken rule, located down to the cell",
    "reconciliation": "ANAMA's and MOH's casualties of the quarter per district and outcome",
    "revisions": "Values of earlier quarters that changed since last published, and why",
    "definitions": "The metadata card of every indicator and series",
    "inputs": "Every input file with its size and SHA-256",
    "sources": "Per indicator, every file its values of the quarter were computed from (SHA-256, "
    "records); sdg18 trace lists the records of any value",
}


def _fill_about(ws: Worksheet, context: ReportContext, sheets: list[str]) -> None:
    """The front sheet: what the workbook is, its facts, and a linked table of contents."""
    framework = context.framework
    write_row(ws, 1, ["National SDG 18 — humanitarian demining indicators"])
    cell_at(ws, 1, 1).font = TITLE_FONT
    write_row(ws, 2, [framework.goal_title_az])
    facts: list[tuple[str, object]] = [
        ("period", context.period),
        ("status", context.verdict),
        ("code version", f"sdg18 {context.code_version}"),
        ("framework version", framework.version),
        ("inputs fingerprint (SHA-256)", quality.inputs_fingerprint(context)),
        ("input files", len(context.inputs)),
        ("baseline date", BASELINE_DATE),
        ("baseline contaminated area (km²)", CURRENT_BASELINE.area_km2),
        ("baseline estimate as of", CURRENT_BASELINE.label),
        (
            "earlier estimates",
            "; ".join(f"{e.area_km2:,.0f} km² ({e.label})" for e in BASELINE_CONTAMINATION[:-1]),
        ),
        ("number formats", "ha, km² and % with 1 decimal; counts and AZN as integers"),
        ("the run", "run id and time are in the PDF report and the run manifest"),
    ]
    for row, fact in enumerate(facts, start=4):
        write_row(ws, row, fact)
        cell_at(ws, row, 1).font = HEADER_FONT
        cell_at(ws, row, 2).alignment = Alignment(horizontal="left")
    row = 5 + len(facts)
    write_row(ws, row, ["contents", "what it holds"])
    cell_at(ws, row, 1).font = HEADER_FONT
    cell_at(ws, row, 2).font = HEADER_FONT
    titles = {meta.id: f"{meta.title_en} · {meta.title_az}" for meta in framework.indicators}
    for name in sheets:
        row += 1
        link = set_text(cell_at(ws, row, 1), name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1", display=name)
        link.style = "Hyperlink"
        set_text(cell_at(ws, row, 2), titles.get(name) or SHEET_NOTES.get(name, ""))
    fit_widths(ws, minimum=12, maximum=90)
