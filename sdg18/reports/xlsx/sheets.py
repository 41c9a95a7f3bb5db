"""The data sheets of the ministry workbook: one per indicator, the time series, all values, charts.

Cells are written with ``sdg18.reports.xlsx.cells.put_value`` (text stays text, never a formula);
every value keeps the full precision of ``indicators.csv`` and is shown with the
number format of its unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.indicators import INDICATOR_COLUMNS, IndicatorMeta
from sdg18.reports.figures import (
    ValueIndex,
    breakdown_codes,
    code_label,
    headline_scope,
    source_line,
    trend_periods,
)
from sdg18.reports.numbers import excel_format
from sdg18.reports.xlsx.cells import (
    HEADER_FILL,
    HEADER_FONT,
    MAX_WIDTH,
    MIN_WIDTH,
    cell_at,
    write_row,
)

SCOPE_COLUMNS = ("period", "ytd", "cumulative")
INDICATOR_HEADER = ("series", "unit", "breakdown", "code", "label", *SCOPE_COLUMNS)
#: Row of the header of an indicator sheet's table (the rows above describe the indicator).
TABLE_ROW = 6
TITLE_FONT = Font(bold=True, size=14)


def write_table(
    ws: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    first_row: int = 1,
    formats: Sequence[str | None] = (),
) -> int:
    """Write a header and rows from ``first_row``, style the header, freeze the sheet
    below it, filter its columns and fit the widths; return the last row written.

    ``formats`` gives a number format per column (None: none).
    """
    write_row(ws, first_row, header)
    row = first_row
    for values in rows:
        row += 1
        write_row(ws, row, values)
        for column, number_format in enumerate(formats, start=1):
            if number_format:
                cell_at(ws, row, column).number_format = number_format
    style_table_header(ws, first_row, len(header), row)
    fit_columns(ws, first_row)
    return row


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


def fit_columns(ws: Worksheet, first_row: int = 1) -> None:
    """Each column as wide as its longest value from ``first_row`` down, within bounds."""
    widths: dict[int, int] = {}
    for cells in ws.iter_rows(min_row=first_row):
        for cell in cells:
            if cell.value is None or not isinstance(cell.column, int):
                continue
            text = f"{cell.value:,.1f}" if isinstance(cell.value, float) else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for column, length in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(
            max(length + 2, MIN_WIDTH), MAX_WIDTH
        )


def indicator_rows(index: ValueIndex, meta: IndicatorMeta, period: str) -> list[tuple[object, ...]]:
    """Every series of ``meta``: the headline then each breakdown code, with the period,
    year-to-date and cumulative values and the last quarters' period values."""
    quarters = trend_periods(period)
    rows: list[tuple[object, ...]] = []
    for series in meta.series:
        lines = [("", "", "total")] + [
            (breakdown, code, code_label(breakdown, code))
            for breakdown in index.breakdowns(meta, series)
            for code in breakdown_codes(breakdown)
        ]
        for breakdown, code, label in lines:
            scoped = [
                index.get(series.id, period, scope, breakdown, code).number
                if scope in series.scopes
                else None
                for scope in SCOPE_COLUMNS
            ]
            trend = [index.get(series.id, q, "period", breakdown, code).number for q in quarters]
            note = index.get(series.id, period, headline_scope(series), breakdown, code).note
            rows.append((series.id, series.unit, breakdown, code, label, *scoped, *trend, note))
    return rows


#: The columns after ``note``: how many records and files each value of the period comes
#: from, per scope (left out when the run traced nothing).
SOURCE_HEADER = tuple(
    f"{what} ({scope})" for scope in SCOPE_COLUMNS for what in ("records", "files")
)
COUNT_FORMAT = "#,##0"


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


def fill_indicator_sheet(
    ws: Worksheet,
    index: ValueIndex,
    meta: IndicatorMeta,
    period: str,
    value_sources: pd.DataFrame | None = None,
) -> int:
    """An indicator's sheet: its titles and definition, then the tidy table (with the
    records and files behind each value of ``period`` when ``value_sources`` is given);
    return the row of the headline of its first series (the row the charts read)."""
    described = (
        f"{meta.id} {meta.title_en}",
        meta.title_az,
        meta.definition,
        f"Target {meta.target.id} · kind: {meta.kind} · units: {meta.units} · " + source_line(meta),
    )
    for row, text in enumerate(described, start=1):
        write_row(ws, row, [text])
    cell_at(ws, 1, 1).font = TITLE_FONT
    header: tuple[str, ...] = (*INDICATOR_HEADER, *trend_periods(period), "note")
    valued = len(header) - 1  # the columns up to the note hold values
    rows = indicator_rows(index, meta, period)
    if value_sources is not None:
        counts = source_counts(value_sources, meta.id)
        header = (*header, *SOURCE_HEADER)
        rows = [(*row, *_source_cells(counts, row)) for row in rows]
    formats = [excel_format(str(r[1])) for r in rows]
    write_row(ws, TABLE_ROW, header)
    for offset, (values, number_format) in enumerate(zip(rows, formats, strict=True), start=1):
        write_row(ws, TABLE_ROW + offset, values)
        for column in range(INDICATOR_HEADER.index("period") + 1, len(header) + 1):
            cell = cell_at(ws, TABLE_ROW + offset, column)
            if column <= valued:
                cell.number_format = number_format
            elif column > valued + 1:
                cell.number_format = COUNT_FORMAT
    style_table_header(ws, TABLE_ROW, len(header), TABLE_ROW + len(rows))
    ws.freeze_panes = f"F{TABLE_ROW + 1}"
    fit_columns(ws, TABLE_ROW)
    return TABLE_ROW + 1


def values_rows(values: pd.DataFrame) -> tuple[list[tuple[object, ...]], list[str]]:
    """The rows of ``indicators.csv`` (blank text as "", missing value as None) and the
    number format of each row's unit."""
    rows = [
        tuple(
            None if column == "value" and pd.isna(v) else v
            for column, v in zip(INDICATOR_COLUMNS, record, strict=True)
        )
        for record in values.itertuples(index=False, name=None)
    ]
    return rows, [excel_format(str(unit)) for unit in values["unit"]]


def fill_values_sheet(ws: Worksheet, values: pd.DataFrame) -> None:
    """Every row of ``indicators.csv``, same columns, same order."""
    rows, formats = values_rows(values)
    value_column = INDICATOR_COLUMNS.index("value") + 1
    write_row(ws, 1, INDICATOR_COLUMNS)
    for row, (record, number_format) in enumerate(zip(rows, formats, strict=True), start=2):
        write_row(ws, row, record)
        cell_at(ws, row, value_column).number_format = number_format
    style_table_header(ws, 1, len(INDICATOR_COLUMNS), len(rows) + 1)
    fit_columns(ws)


def fill_time_series(ws: Worksheet, index: ValueIndex, indicators: Sequence[IndicatorMeta]) -> None:
    """The headline of every series and scope, one column per quarter the store holds."""
    periods = index.periods
    header = ("indicator", "series", "unit", "scope", *periods)
    rows = []
    for meta in indicators:
        for series in meta.series:
            for scope in series.scopes:
                numbers = [index.get(series.id, p, scope).number for p in periods]
                rows.append((meta.id, series.id, series.unit, scope, *numbers))
    write_row(ws, 1, header)
    for row, values in enumerate(rows, start=2):
        write_row(ws, row, values)
        for column in range(5, len(header) + 1):
            cell_at(ws, row, column).number_format = excel_format(str(values[2]))
    style_table_header(ws, 1, len(header), len(rows) + 1)
    ws.freeze_panes = "E2"
    fit_columns(ws)


def add_trend_charts(
    ws: Worksheet, sources: Sequence[tuple[IndicatorMeta, Worksheet, int]], period: str
) -> None:
    """One native chart per indicator — its first series over the last quarters, bars
    for a flow, a line otherwise — two charts a row."""
    first_column = len(INDICATOR_HEADER) + 1
    last_column = first_column + len(trend_periods(period)) - 1
    write_row(ws, 1, [f"Main trends: the headline of each indicator, quarters to {period}"])
    cell_at(ws, 1, 1).font = TITLE_FONT
    for position, (meta, sheet, row) in enumerate(sources):
        series = meta.series[0]
        chart = BarChart() if meta.kind == "flow" else LineChart()
        chart.title = f"{meta.id} {series.title} ({series.unit})"
        chart.y_axis.title = series.unit
        chart.x_axis.title = "quarter"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.height = 8
        chart.width = 16
        data = Reference(sheet, min_col=first_column, max_col=last_column, min_row=row)
        categories = Reference(sheet, min_col=first_column, max_col=last_column, min_row=TABLE_ROW)
        chart.add_data(data, from_rows=True, titles_from_data=False)
        chart.set_categories(categories)
        chart.y_axis.scaling.min = 0
        chart.y_axis.number_format = excel_format(series.unit)
        for plotted in chart.series:
            if isinstance(chart, LineChart):
                plotted.smooth = False
                plotted.marker.symbol = "circle"
        anchor = f"{'A' if position % 2 == 0 else 'K'}{3 + 16 * (position // 2)}"
        ws.add_chart(chart, anchor)
