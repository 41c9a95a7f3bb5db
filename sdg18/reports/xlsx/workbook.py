"""The ministry workbook: every figure of the run, its breakdowns, trends, validation and metadata.

Sheets, in order: ``about`` (period, status, code version, inputs fingerprint,
contents with links), ``charts`` (native charts of the main trends), one sheet per
indicator (``18.1.1`` …), ``time series``, ``values`` (``indicators.csv``, values as
published), ``submissions``, ``validation summary``, ``findings by rule``, ``findings``,
``reconciliation``, ``revisions``, ``definitions``, ``inputs`` (and ``sources`` when the
run traced its values).

One edition per language: every text a person reads — sheet names, headers, notes,
chart titles, rule messages, metadata cards — is in that language (the ``workbook``,
``validation`` and ``metadata`` catalogues); codes stay codes, and the indicator sheets
are named by their ids in both. Every sheet prints on A4 landscape, one page wide.

The workbook holds no run id and no time: two runs on the same inputs give
identical cell contents (the run stamp is printed in the PDF). Every cell is
written by ``sdg18.reports.xlsx.cells``, so agency text is never a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.core.findings import FINDING_FIELDS
from sdg18.core.i18n import N_, Translator, translator
from sdg18.core.labels import BREAKDOWN_NAMES
from sdg18.indicators import Framework
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.exports.indicators_csv import indicators_table
from sdg18.reports.figures import ValueIndex
from sdg18.reports.xlsx.about import fill_about
from sdg18.reports.xlsx.charts import add_trend_charts
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.sheets import (
    fill_indicator_sheet,
    fill_time_series,
    fill_values_sheet,
    published,
    write_table,
)
from sdg18.reports.xlsx.texts import (
    CODED_COLUMNS,
    headers,
    rule_text,
    scope_label,
    sheet_name,
    unit_label,
    workbook_words,
)
from sdg18.validation.messages import localised_findings

#: Columns of the findings sheet: the validation log without the run id and the ``params``
#: a finding's message was filled with (bookkeeping, not for readers).
FINDING_COLUMNS = tuple(name for name in FINDING_FIELDS if name not in ("run_id", "params"))
#: Columns holding a hash or a file's path: printed whole, on one line (a long text in any
#: other column wraps).
WHOLE_COLUMNS = frozenset({"sha256", "file_sha256", "file"})
#: Columns of the reconciliation holding counts of persons.
_RECONCILED = ("anama", "moh", "difference")
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

#: Sheet → what it holds, on the front sheet's contents.
SHEET_NOTES: dict[str, str] = {
    "charts": N_("Native charts: the headline of each indicator over the last 8 quarters"),
    "time series": N_("Headline of every series and scope, one column per quarter in the store"),
    "values": N_(
        "Every value of indicators.csv, same columns and order (blank breakdown = total), "
        "rounded as published"
    ),
    "submissions": N_("Each dataset expected or received: accepted, rejected, superseded, missing"),
    "validation summary": N_(
        "Every rule that ran on every file and sheet: checked, passed, failed"
    ),
    "findings by rule": N_("Number of findings per rule, errors first"),
    "findings": N_("The validation log: one row per broken rule, located down to the cell"),
    "reconciliation": N_("ANAMA's and MOH's casualties of the quarter per district and outcome"),
    "revisions": N_("Values of earlier quarters that changed since last published, and why"),
    "definitions": N_("The metadata card of every indicator and series"),
    "inputs": N_("Every input file with its size and SHA-256"),
    "sources": N_(
        "Per indicator, every file its values of the quarter were computed from (SHA-256, "
        "records); sdg18 trace lists the records of any value"
    ),
}


def write_workbook(context: ReportContext, path: Path, language: str) -> Path:
    """Write the ministry workbook of ``context`` in ``language`` to ``path``; return ``path``."""
    words = workbook_words(language)
    index = ValueIndex(context.values)
    framework = context.framework
    workbook = Workbook()
    about = workbook.worksheets[0]
    about.title = sheet_name("about", words)
    charts = workbook.create_sheet(sheet_name("charts", words))
    notes = {charts.title: words.gettext(SHEET_NOTES["charts"])}
    sources = []
    for meta in framework.indicators:
        sheet = workbook.create_sheet(meta.id)
        first = fill_indicator_sheet(
            sheet, index, meta, context.period, words, context.value_sources
        )
        sources.append((meta, sheet, first))
        title = meta.title_en if language == "en" else meta.title_az
        notes[meta.id] = title
    add_trend_charts(charts, index, sources, context.period, words)
    series_sheet = workbook.create_sheet(sheet_name("time series", words))
    fill_time_series(series_sheet, index, framework.indicators, words)
    values_sheet = workbook.create_sheet(sheet_name("values", words))
    fill_values_sheet(values_sheet, indicators_table(context.values), words)
    notes[series_sheet.title] = words.gettext(SHEET_NOTES["time series"])
    notes[values_sheet.title] = words.gettext(SHEET_NOTES["values"])
    for key, frame in _tables(context, words):
        sheet = _frame_sheet(workbook, key, frame, words)
        notes[sheet.title] = words.gettext(SHEET_NOTES[key])
    fill_about(about, context, notes, words)
    workbook.properties.title = words.gettext("National SDG 18 indicators {period}").format(
        period=context.period
    )
    workbook.properties.creator = f"sdg18 {context.code_version}"
    workbook.properties.language = language
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _tables(context: ReportContext, words: Translator) -> list[tuple[str, pd.DataFrame]]:
    """The sheets that hold a table of the run, by key, in order."""
    language = words.language
    findings = localised_findings(context.findings, language)
    by_rule = quality.findings_by_rule(context)
    by_rule["description"] = [rule_text(rule, language) for rule in by_rule["rule_id"]]
    tables = [
        ("submissions", quality.submission_table(context)),
        ("validation summary", context.summary),
        ("findings by rule", by_rule),
        ("findings", findings.reindex(columns=list(FINDING_COLUMNS))),
        ("reconciliation", _reconciled(quality.reconciliation_table(context))),
        ("revisions", _revised(quality.revision_table(context))),
        ("definitions", definitions_frame(context.framework, words)),
        ("inputs", context.inputs.sort_values("file", kind="stable")),
    ]
    if context.sources is not None:
        tables.append(("sources", context.sources))
    return tables


def _revised(revisions: pd.DataFrame) -> pd.DataFrame:
    """The revisions with the published and revised values rounded as their unit publishes."""
    table = revisions.copy()
    for column in ("old_value", "new_value"):
        table[column] = [
            None if pd.isna(value) else published(float(value), str(unit))
            for value, unit in zip(table[column], table["unit"], strict=True)
        ]
    return table


def _reconciled(reconciliation: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation with its counts of persons as integers."""
    table = reconciliation.copy()
    for column in _RECONCILED:
        if column in table:
            table[column] = [
                None if pd.isna(value) else published(float(value), "persons")
                for value in table[column]
            ]
    return table


def _frame_sheet(workbook: Workbook, key: str, frame: pd.DataFrame, words: Translator) -> Worksheet:
    """A sheet holding ``frame`` as a filtered table: headers and coded words in the
    edition's language, missing values blank."""
    ws = workbook.create_sheet(sheet_name(key, words))
    table = frame.astype(object).where(frame.notna(), None)
    for column, label in CODED_COLUMNS.items():
        if column in table:
            table[column] = [None if v is None else label(str(v), words) for v in table[column]]
    columns = [str(c) for c in table.columns]
    whole = [position for position, c in enumerate(columns, start=1) if c in WHOLE_COLUMNS]
    rows = table.itertuples(index=False, name=None)
    write_table(ws, headers(columns, words), rows, whole=whole)
    set_up_printing(ws, words, title_rows=(1, 1))
    return ws


def definitions_frame(framework: Framework, words: Translator) -> pd.DataFrame:
    """One row per series: the indicator's metadata card and the series' own fields, the
    prose and names in the edition's language (both titles of the indicator kept)."""
    language = words.language
    card = translator("metadata", language)
    name = 0 if language == "en" else 1
    rows = [
        (
            meta.id,
            meta.target.id,
            meta.title_en,
            meta.title_az,
            series.id,
            series.title if language == "en" else series.title_az,
            unit_label(series.unit, language),
            ", ".join(scope_label(scope, words) for scope in series.scopes),
            meta.kind,
            ", ".join(BREAKDOWN_NAMES[b][name] for b in meta.breakdowns),
            ", ".join(meta.sources),
            card.gettext(meta.definition),
            card.gettext(meta.computation),
            card.gettext(meta.limitations),
        )
        for meta in framework.indicators
        for series in meta.series
    ]
    return pd.DataFrame(rows, columns=list(DEFINITION_COLUMNS))
