"""The front sheet of the ministry workbook: what it is, its facts, and a linked contents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date
from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from schemas.reference import (
    BASELINE_CONTAMINATION,
    BASELINE_DATE,
    CURRENT_BASELINE,
    BaselineEstimate,
)
from sdg18.core.i18n import Translator
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.numbers import excel_format, format_number
from sdg18.reports.xlsx.cells import (
    HEADER_FONT,
    TITLE_FONT,
    cell_at,
    fit_columns,
    set_text,
    write_row,
)
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.sheets import published
from sdg18.reports.xlsx.texts import verdict_label

#: The widest a column of the front sheet grows (its notes wrap beyond).
MAX_WIDTH = 90
#: The row of the first fact (the title and the goal above it).
FIRST_FACT_ROW = 4


def baseline_month(day: dt.date, language: str) -> str:
    """The month of a baseline estimate as it is cited: "October 2024", "oktyabr 2024"."""
    return format_date(day, "LLLL y", locale=language)


def estimate_text(estimate: BaselineEstimate, words: Translator) -> str:
    """An earlier estimate of the contaminated area: "9,000 km² (about, December 2023)"."""
    area = format_number(estimate.area_km2, 0, words.language)
    month = baseline_month(estimate.as_of, words.language)
    if estimate.approximate:
        return words.gettext("about {area} km² ({month})").format(area=area, month=month)
    return words.gettext("{area} km² ({month})").format(area=area, month=month)


def facts(context: ReportContext, words: Translator) -> list[tuple[str, object]]:
    """The facts of the front sheet, label and value, in the edition's language."""
    framework = context.framework
    earlier = "; ".join(estimate_text(e, words) for e in BASELINE_CONTAMINATION[:-1])
    return [
        (words.gettext("period"), context.period),
        (words.gettext("status"), verdict_label(context.verdict, words)),
        (words.gettext("code version"), f"sdg18 {context.code_version}"),
        (words.gettext("framework version"), framework.version),
        (words.gettext("inputs fingerprint (SHA-256)"), quality.inputs_fingerprint(context)),
        (words.gettext("input files"), len(context.inputs)),
        (words.gettext("baseline date"), BASELINE_DATE),
        (
            words.gettext("baseline contaminated area (km²)"),
            published(CURRENT_BASELINE.area_km2, "km²"),
        ),
        (
            words.gettext("baseline estimate as of"),
            baseline_month(CURRENT_BASELINE.as_of, words.language),
        ),
        (words.gettext("earlier estimates"), earlier),
        (
            words.gettext("number formats"),
            words.gettext(
                "ha, km² and % with 1 decimal, the deminer casualty rate with 2, counts and "
                "AZN as integers; values rounded as published, full precision in "
                "indicators.csv"
            ),
        ),
        (
            words.gettext("the run"),
            words.gettext("run id and time are in the PDF report and the run manifest"),
        ),
    ]


def fill_about(
    ws: Worksheet, context: ReportContext, contents: Mapping[str, str], words: Translator
) -> None:
    """The front sheet: what the workbook is, its facts, and a linked table of contents
    (``contents``: each sheet's name and what it holds, in order)."""
    framework = context.framework
    title = words.gettext("National SDG 18 — humanitarian demining indicators")
    write_row(ws, 1, [title])
    cell_at(ws, 1, 1).font = TITLE_FONT
    goal = framework.goal_title_en if words.language == "en" else framework.goal_title_az
    write_row(ws, 2, [goal])
    shown = facts(context, words)
    for row, fact in enumerate(shown, start=FIRST_FACT_ROW):
        write_row(ws, row, fact)
        if isinstance(fact[1], float):
            cell_at(ws, row, 2).number_format = excel_format("km²")  # the baseline area
        cell_at(ws, row, 1).font = HEADER_FONT
        cell_at(ws, row, 1).alignment = Alignment(vertical="top")
        cell_at(ws, row, 2).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    row = FIRST_FACT_ROW + 1 + len(shown)
    write_row(ws, row, [words.gettext("contents"), words.gettext("what it holds")])
    cell_at(ws, row, 1).font = HEADER_FONT
    cell_at(ws, row, 2).font = HEADER_FONT
    for name, note in contents.items():
        row += 1
        link = set_text(cell_at(ws, row, 1), name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1", display=name)
        link.style = "Hyperlink"
        link.alignment = Alignment(vertical="top")
        set_text(cell_at(ws, row, 2), note).alignment = Alignment(wrap_text=True, vertical="top")
    fit_columns(ws, FIRST_FACT_ROW - 1, wrap_over=MAX_WIDTH)  # the row above: blank
    set_up_printing(ws, words)
