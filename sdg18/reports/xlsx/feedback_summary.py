"""The summary sheet of an agency's feedback workbook: its facts, how to read the workbook,
and the findings counted by severity, by dataset and by rule.

Each count sits in the column of its header, both aligned to the right, and the columns
are as wide as the tables need (a long fact runs on into the empty cells beside it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from schemas import DATASETS
from schemas.reference import AGENCY_BY_CODE
from sdg18.core.i18n import N_, Translator
from sdg18.reports.xlsx.cells import (
    HEADER_FILL,
    HEADER_FONT,
    cell_at,
    fit_columns,
    put_value,
    set_text,
    write_paragraph,
    write_row,
)
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.texts import (
    MAX_SHEET_NAME,
    header,
    headers,
    rule_text,
    severity_label,
    sheet_name,
)

SEVERITIES = ("error", "warning", "info")
#: The paragraphs of "How to read this" span this many columns.
_NOTE_COLUMNS = 5
#: How to read the workbook, one paragraph each; ``{findings}``, ``{hint}`` and
#: ``{rejected}`` are the names of the findings sheet, its hint column and the rejected
#: rows' sheets in the agency's language.
HOW_TO_READ = (
    N_(
        "Each row of the '{findings}' sheet is one rule your submission broke, located by "
        "file, sheet, Excel row and cell, with what to do in '{hint}'."
    ),
    N_(
        "error: the record (for a file or sheet rule: the whole sheet) was not accepted and "
        "is not counted. Correct it and resubmit."
    ),
    N_("warning: the record was accepted and is counted; please check it."),
    N_("info: recorded for your information; nothing to do."),
    N_(
        "The '{rejected}' sheets copy every rejected row as it was received; the cells "
        "filled red are the ones to correct."
    ),
)


def how_to_read(words: Translator) -> list[str]:
    """The paragraphs of "How to read this", in the agency's language."""
    names = {
        "findings": sheet_name("findings", words),
        "hint": header("hint", words),
        "rejected": rejected_sheet_name("…", words),
    }
    return [words.gettext(paragraph).format(**names) for paragraph in HOW_TO_READ]


def rejected_sheet_name(dataset: str, words: Translator) -> str:
    """The sheet name of ``dataset``'s rejected rows, within Excel's 31 characters."""
    return words.gettext("rejected_{dataset}").format(dataset=dataset)[:MAX_SHEET_NAME]


def fill_summary(
    ws: Worksheet,
    agency: str,
    findings: pd.DataFrame,
    rejected: Mapping[str, pd.DataFrame],
    generated_at: dt.datetime | None,
    words: Translator,
) -> None:
    """The summary sheet: who and what the workbook is about, how to read it, and the
    findings counted by severity, dataset and rule, each count under its header."""
    known = AGENCY_BY_CODE.get(agency)
    name = (known.name if words.language == "en" else known.name_az) if known else ""
    facts: list[tuple[str, object]] = [
        (words.gettext("agency"), agency),
        (words.gettext("agency name"), name),
        (words.gettext("period"), _distinct(findings, "period")),
        (words.gettext("run"), _distinct(findings, "run_id")),
    ]
    if generated_at is not None:
        facts.append((words.gettext("generated"), generated_at))
    for row, fact in enumerate(facts, start=1):
        write_row(ws, row, fact)
        cell_at(ws, row, 1).font = HEADER_FONT
        cell_at(ws, row, 2).alignment = Alignment(horizontal="left")
    note_row = len(facts) + 2
    paragraphs = how_to_read(words)
    first_table = row = note_row + len(paragraphs) + 2
    by_severity = findings["severity"].value_counts()
    row = _table(
        ws,
        row,
        words.gettext("Findings by severity"),
        headers(("severity", "count"), words),
        [(severity_label(s, words), int(by_severity.get(s, 0))) for s in SEVERITIES],
    )
    row = _table(
        ws,
        row + 1,
        words.gettext("Findings by dataset"),
        [
            header("dataset", words),
            *(severity_label(s, words) for s in SEVERITIES),
            words.gettext("rejected rows"),
        ],
        _by_dataset(findings, rejected, words),
    )
    last = _table(
        ws,
        row + 1,
        words.gettext("Findings by rule"),
        headers(_RULE_HEADER, words),
        _by_rule(findings, words),
    )
    # Widths from the tables only: a long fact (the agency's name, the run) runs on into
    # the empty cells beside it instead of pushing the counts away from their headers.
    fit_columns(ws, first_table - 1, wrap_over=_DESCRIPTION_WIDTH)  # the row above: blank
    set_text(cell_at(ws, note_row, 1), words.gettext("How to read this")).font = HEADER_FONT
    for offset, line in enumerate(paragraphs, start=1):
        write_paragraph(ws, note_row + offset, line, first_column=1, last_column=_NOTE_COLUMNS)
    set_up_printing(ws, words)
    ws.print_area = f"A1:{get_column_letter(max(ws.max_column, _NOTE_COLUMNS))}{last}"


_RULE_HEADER = ("rule_id", "severity", "count", "description")
#: Width at which the summary's rule descriptions wrap.
_DESCRIPTION_WIDTH = 60


def _table(
    ws: Worksheet, row: int, title: str, header_row: Sequence[str], rows: list[tuple[object, ...]]
) -> int:
    """Write a titled table from ``row``, each header aligned as the values below it (numbers
    to the right); return the row after it."""
    put_value(cell_at(ws, row, 1), title).font = HEADER_FONT
    write_row(ws, row + 1, header_row)
    for column in range(1, len(header_row) + 1):
        cell = cell_at(ws, row + 1, column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        numeric = bool(rows) and all(isinstance(r[column - 1], int) for r in rows)
        cell.alignment = Alignment(horizontal="right" if numeric else "left", wrap_text=True)
    for offset, values in enumerate(rows, start=2):
        write_row(ws, row + offset, values)
        for column, value in enumerate(values, start=1):
            horizontal = "right" if isinstance(value, int) else "left"
            cell_at(ws, row + offset, column).alignment = Alignment(
                horizontal=horizontal, vertical="top", wrap_text=True
            )
    return row + len(rows) + 2


def _by_dataset(
    findings: pd.DataFrame, rejected: Mapping[str, pd.DataFrame], words: Translator
) -> list[tuple[object, ...]]:
    counts = pd.crosstab(findings["dataset"].fillna(""), findings["severity"])
    datasets = list(dict.fromkeys([*counts.index, *rejected]))
    order = {name: position for position, name in enumerate(DATASETS)}
    datasets.sort(key=lambda name: (order.get(name, -1 if name == "" else len(order)), name))
    table = counts.reindex(index=datasets, columns=list(SEVERITIES), fill_value=0)
    whole_file = words.gettext("(whole file)")
    return [
        (dataset or whole_file, *map(int, counts_row), len(rejected.get(dataset, ())))
        for dataset, counts_row in zip(datasets, table.to_numpy().tolist(), strict=True)
    ]


def _by_rule(findings: pd.DataFrame, words: Translator) -> list[tuple[object, ...]]:
    if findings.empty:
        return []
    counts = findings.groupby(["rule_id", "severity"]).size().reset_index(name="count")
    rank = {s: position for position, s in enumerate(SEVERITIES)}
    counts["rank"] = counts["severity"].map(rank)
    counts = counts.sort_values(["rank", "count", "rule_id"], ascending=[True, False, True])
    return [
        (
            rule_id,
            severity_label(severity, words),
            int(count),
            rule_text(rule_id, words.language),
        )
        for rule_id, severity, count in counts[["rule_id", "severity", "count"]].itertuples(
            index=False
        )
    ]


def _distinct(findings: pd.DataFrame, column: str) -> str:
    if column not in findings:
        return ""
    values = findings[column].dropna().astype(str)
    return ", ".join(sorted({v for v in values if v}))
