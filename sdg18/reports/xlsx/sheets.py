"""The data sheets of the ministry workbook: one per indicator, the time series, all values.

Cells are written with ``sdg18.reports.xlsx.cells.put_value`` (text stays text, never a
formula). Every value is rounded to the decimals its unit publishes (``round_for``: 1 for
ha, km² and %, 2 for the casualty rate, none for counts and manat), as the PDF prints
it, and shown with its unit's number format; full precision stays in ``indicators.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from schemas.reference import AGENCIES
from sdg18.core.i18n import Translator, translator
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.indicators import INDICATOR_COLUMNS, IndicatorMeta
from sdg18.reports.figures import (
    ValueIndex,
    breakdown_codes,
    headline_scope,
    trend_periods,
)
from sdg18.reports.numbers import decimals, excel_format, round_for
from sdg18.reports.xlsx.cells import (
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    WRAP_WIDTH,
    cell_at,
    fit_columns,
    write_paragraph,
    write_row,
)
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.texts import (
    code_label,
    header,
    headers,
    kind_label,
    scope_label,
    unit_label,
)

SCOPE_COLUMNS = ("period", "ytd", "cumulative")
#: The columns of an indicator's table before the quarters, as the English edition heads them.
INDICATOR_HEADER = ("series", "unit", "breakdown", "code", "label", *SCOPE_COLUMNS)
#: The columns that say what a row is (series … label): frozen, and printed on every page.
KEY_COLUMNS = 5
#: Row of the header of an indicator sheet's table (the rows above describe the indicator).
TABLE_ROW = 6
#: The columns after ``note``: how many records and files each value of the period comes
#: from, per scope (left out when the run traced nothing), as the English edition heads them.
SOURCE_HEADER = tuple(
    f"{what} ({scope})" for scope in SCOPE_COLUMNS for what in ("records", "files")
)
COUNT_FORMAT = "#,##0"


def published(value: float | None, unit: str) -> float | int | None:
    """``value`` as the reports publish it in ``unit``: rounded to the unit's decimals,
    an integer for a count or an amount of manat; None stays None."""
    if value is None:
        return None
    rounded = round_for(value, unit)
    return int(rounded) if decimals(unit) == 0 else rounded


def write_table(
    ws: Worksheet,
    header_row: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    first_row: int = 1,
    formats: Sequence[str | None] = (),
    whole: Sequence[int] = (),
) -> int:
    """Write a header and rows from ``first_row``, style the header, freeze the sheet
    below it, filter its columns and fit the widths (text longer than
    :data:`WRAP_WIDTH` wrapped, but not in the ``whole`` columns); return the last row
    written.

    ``formats`` gives a number format per column (None: none).
    """
    write_row(ws, first_row, header_row)
    row = first_row
    textual: set[int] = set()
    for values in rows:
        row += 1
        write_row(ws, row, values)
        textual.update(i for i, v in enumerate(values, start=1) if not _is_number(v))
        for column, number_format in enumerate(formats, start=1):
            if number_format:
                cell_at(ws, row, column).number_format = number_format
    style_table_header(ws, first_row, len(header_row), row)
    numeric = [c for c in range(1, len(header_row) + 1) if c not in textual and row > first_row]
    align_right(ws, first_row, numeric)
    fit_columns(ws, first_row, wrap_over=WRAP_WIDTH, whole=whole)
    return row


def _is_number(value: object) -> bool:
    """A number a column of numbers may hold (missing counts as one)."""
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def align_right(ws: Worksheet, header_row: int, columns: Iterable[int]) -> None:
    """Right-align the header of ``columns``, over their right-aligned numbers."""
    for column in columns:
        cell = cell_at(ws, header_row, column)
        cell.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)


def style_table_header(ws: Worksheet, header_row: int, columns: int, last_row: int) -> None:
    """Bold, filled header; panes frozen below it; an autofilter over the table."""
    for column in range(1, columns + 1):
        cell = cell_at(ws, header_row, column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = f"A{header_row + 1}"
    last = get_column_letter(columns)
    ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"


def indicator_rows(
    index: ValueIndex, meta: IndicatorMeta, period: str, words: Translator
) -> list[tuple[object, ...]]:
    """Every series of ``meta``: the headline then each breakdown code (labelled in the
    edition's language), with the period, year-to-date and cumulative values and the last
    quarters' period values, each as published; the unit is the code."""
    quarters = trend_periods(period)
    rows: list[tuple[object, ...]] = []
    for series in meta.series:
        lines = [("", "", words.gettext("total"))] + [
            (breakdown, code, code_label(breakdown, code, words.language))
            for breakdown in index.breakdowns(meta, series)
            for code in breakdown_codes(breakdown)
        ]
        unit = series.unit
        for breakdown, code, label in lines:
            scoped = [
                published(index.get(series.id, period, scope, breakdown, code).number, unit)
                if scope in series.scopes
                else None
                for scope in SCOPE_COLUMNS
            ]
            trend = [
                published(index.get(series.id, q, "period", breakdown, code).number, unit)
                for q in quarters
            ]
            note = index.get(series.id, period, headline_scope(series), breakdown, code).note
            rows.append((series.id, unit, breakdown, code, label, *scoped, *trend, note))
    return rows


def source_counts(
    value_sources: pd.DataFrame, indicator: str
) -> dict[tuple[str, str, str, str], tuple[int, int]]:
    """(series, scope, breakdown, code) → (records, files) of ``indicator``'s values."""
    mine = value_sources[value_sources["indicator"] == indicator]
    found = {}
    for row in mine.to_dict("records"):
        breakdown = next((c for c in BREAKDOWN_COLUMNS if row[c]), "")
        code = str(row[breakdown]) if breakdown else ""
        key = (str(row["series"]), str(row["scope"]), breakdown, code)
        found[key] = (int(row["records"]), int(row["files"]))
    return found


def _source_cells(
    counts: dict[tuple[str, str, str, str], tuple[int, int]], row: Sequence[object]
) -> list[object]:
    series, breakdown, code = str(row[0]), str(row[2]), str(row[3])
    cells: list[object] = []
    for scope in SCOPE_COLUMNS:
        cells.extend(counts.get((series, scope, breakdown, code), (None, None)))
    return cells


def indicator_header(period: str, words: Translator, *, traced: bool) -> list[str]:
    """The header of an indicator's table in the edition's language."""
    columns = [
        *headers(INDICATOR_HEADER[:KEY_COLUMNS], words),
        *(scope_label(scope, words) for scope in SCOPE_COLUMNS),
        *trend_periods(period),
        header("note", words),
    ]
    if traced:
        for scope in SCOPE_COLUMNS:
            label = scope_label(scope, words)
            columns.append(words.gettext("records ({scope})").format(scope=label))
            columns.append(words.gettext("files ({scope})").format(scope=label))
    return columns


def describe_indicator(meta: IndicatorMeta, words: Translator) -> tuple[str, str, str, str]:
    """The four lines above an indicator's table: id and title, definition, target, kind
    and units, and where the figures come from — in the edition's language."""
    language = words.language
    title = meta.title_en if language == "en" else meta.title_az
    definition = translator("metadata", language).gettext(meta.definition)
    units = ", ".join(dict.fromkeys(unit_label(s.unit, language) for s in meta.series))
    facts = words.gettext("Target {target} · kind: {kind} · units: {units}").format(
        target=meta.target.id, kind=kind_label(meta.kind, words), units=units
    )
    return f"{meta.id} {title}", definition, facts, source_text(meta, words)


def source_text(meta: IndicatorMeta, words: Translator) -> str:
    """Where an indicator's figures come from: datasets and the agencies sending them."""
    parts = []
    for dataset in meta.sources:
        senders = ", ".join(a.code for a in AGENCIES if dataset in a.datasets)
        parts.append(f"{dataset} ({senders})")
    return words.gettext("Source: {sources}. Computed by sdg18.").format(sources="; ".join(parts))


def fill_indicator_sheet(
    ws: Worksheet,
    index: ValueIndex,
    meta: IndicatorMeta,
    period: str,
    words: Translator,
    value_sources: pd.DataFrame | None = None,
) -> int:
    """An indicator's sheet: its title and definition, then the tidy table (with the
    records and files behind each value of ``period`` when ``value_sources`` is given);
    return the row of the headline of its first series (the row the charts read)."""
    language = words.language
    columns = indicator_header(period, words, traced=value_sources is not None)
    valued = KEY_COLUMNS + len(SCOPE_COLUMNS) + len(trend_periods(period))
    rows = indicator_rows(index, meta, period, words)
    if value_sources is not None:
        counts = source_counts(value_sources, meta.id)
        rows = [(*row, *_source_cells(counts, row)) for row in rows]
    write_row(ws, TABLE_ROW, columns)
    for offset, values in enumerate(rows, start=1):
        number_format = excel_format(str(values[1]))
        shown = (values[0], unit_label(str(values[1]), language), *values[2:])
        write_row(ws, TABLE_ROW + offset, shown)
        for column in range(KEY_COLUMNS + 1, len(columns) + 1):
            cell = cell_at(ws, TABLE_ROW + offset, column)
            if column <= valued:
                cell.number_format = number_format
            elif column > valued + 1:
                cell.number_format = COUNT_FORMAT
    style_table_header(ws, TABLE_ROW, len(columns), TABLE_ROW + len(rows))
    align_right(
        ws, TABLE_ROW, (c for c in range(KEY_COLUMNS + 1, len(columns) + 1) if c != valued + 1)
    )
    ws.freeze_panes = f"{get_column_letter(KEY_COLUMNS + 1)}{TABLE_ROW + 1}"
    fit_columns(ws, TABLE_ROW)
    _describe(ws, describe_indicator(meta, words), len(columns))
    key = ("A", get_column_letter(KEY_COLUMNS))
    set_up_printing(ws, words, title_rows=(TABLE_ROW, TABLE_ROW), title_columns=key)
    return TABLE_ROW + 1


def _describe(ws: Worksheet, lines: Sequence[str], columns: int) -> None:
    """The lines above the table, each wrapped across the table's width (so it prints)."""
    for row, text in enumerate(lines, start=1):
        write_paragraph(ws, row, text, first_column=1, last_column=columns)
    cell_at(ws, 1, 1).font = TITLE_FONT
    ws.row_dimensions[1].height = max(ws.row_dimensions[1].height or 0, 20)


def values_rows(values: pd.DataFrame) -> tuple[list[tuple[object, ...]], list[str]]:
    """The rows of ``indicators.csv`` (blank text as "", missing value as None, a value as
    published) and the number format of each row's unit."""
    value_column = INDICATOR_COLUMNS.index("value")
    unit_column = INDICATOR_COLUMNS.index("unit")
    rows = []
    for record in values.itertuples(index=False, name=None):
        row = list(record)
        number = row[value_column]
        unit = str(row[unit_column])
        row[value_column] = None if pd.isna(number) else published(float(number), unit)
        rows.append(tuple(row))
    return rows, [excel_format(str(unit)) for unit in values["unit"]]


def fill_values_sheet(ws: Worksheet, values: pd.DataFrame, words: Translator) -> None:
    """Every row of ``indicators.csv``, same columns (named by their codes), same order."""
    rows, formats = values_rows(values)
    value_column = INDICATOR_COLUMNS.index("value") + 1
    write_row(ws, 1, INDICATOR_COLUMNS)
    for row, (record, number_format) in enumerate(zip(rows, formats, strict=True), start=2):
        write_row(ws, row, record)
        cell_at(ws, row, value_column).number_format = number_format
    style_table_header(ws, 1, len(INDICATOR_COLUMNS), len(rows) + 1)
    align_right(ws, 1, [value_column])
    fit_columns(ws, wrap_over=WRAP_WIDTH)
    set_up_printing(ws, words, title_rows=(1, 1), title_columns=("A", "E"))


def fill_time_series(
    ws: Worksheet, index: ValueIndex, indicators: Sequence[IndicatorMeta], words: Translator
) -> None:
    """The headline of every series and scope, one column per quarter the store holds."""
    periods = index.periods
    columns = [*headers(("indicator", "series", "unit", "scope"), words), *periods]
    language = words.language
    write_row(ws, 1, columns)
    row = 1
    for meta in indicators:
        for series in meta.series:
            for scope in series.scopes:
                numbers = [
                    published(index.get(series.id, p, scope).number, series.unit) for p in periods
                ]
                row += 1
                label = (unit_label(series.unit, language), scope_label(scope, words))
                write_row(ws, row, (meta.id, series.id, *label, *numbers))
                for column in range(5, len(columns) + 1):
                    cell_at(ws, row, column).number_format = excel_format(series.unit)
    style_table_header(ws, 1, len(columns), row)
    align_right(ws, 1, range(5, len(columns) + 1))
    ws.freeze_panes = "E2"
    fit_columns(ws)
    set_up_printing(ws, words, title_rows=(1, 1), title_columns=("A", "D"))
