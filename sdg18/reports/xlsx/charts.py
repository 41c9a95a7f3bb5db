"""The charts sheet of the ministry workbook: one native chart per indicator, laid out to print.

The charts sit on a fixed grid — two a row, two rows a printed page — each anchored to
exactly the cells it covers (a two-cell anchor), with a page break after every second
row: whatever scale a program prints the sheet at, no chart crosses a page. A chart
starts at the first quarter of the trend in which its series has a value, so a store
younger than the trend draws no empty quarters.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.axis import _BaseAxis
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Font,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.core.i18n import Translator
from sdg18.indicators import IndicatorMeta
from sdg18.reports.figures import ValueIndex, trend_periods
from sdg18.reports.numbers import decimals, excel_format
from sdg18.reports.xlsx.cells import FONT_NAME, TITLE_FONT, cell_at, write_row
from sdg18.reports.xlsx.printing import break_after_rows, set_up_printing
from sdg18.reports.xlsx.sheets import KEY_COLUMNS, SCOPE_COLUMNS, TABLE_ROW
from sdg18.reports.xlsx.texts import unit_label

CHARTS_PER_ROW = 2
CHART_ROWS_PER_PAGE = 2
#: Columns a chart spans, and the empty column between two charts.
CHART_COLUMNS = 7
GAP_COLUMNS = 1
#: Width of a grid column (characters of the default font): the grid's 15 columns fill
#: the width of an A4 landscape page at 100 % in Excel, its two rows of charts the height
#: (tests/reports/test_workbook_printing.py measures both).
COLUMN_WIDTH = 9.5
GAP_WIDTH = 2.0
#: Rows a chart spans, the empty row above each chart, and the height of a grid row.
CHART_HEIGHT_ROWS = 14
GAP_ROWS = 1
ROW_HEIGHT_PT = 15.0
#: The sheet's title row, printed on every page.
TITLE_ROW = 1
TITLE_HEIGHT_PT = 22.0
#: Rows of one row of charts (the gap above it included).
BAND_ROWS = GAP_ROWS + CHART_HEIGHT_ROWS
#: Font sizes of the chart texts, in hundredths of a point (DrawingML's unit).
TITLE_SIZE = 1100
AXIS_SIZE = 900


def chart_cells(position: int) -> tuple[int, int, int, int]:
    """The first column, first row, last column and last row (1-based, inclusive) of the
    ``position``-th chart of the grid."""
    band, place = divmod(position, CHARTS_PER_ROW)
    first_column = 1 + place * (CHART_COLUMNS + GAP_COLUMNS)
    first_row = TITLE_ROW + 1 + band * BAND_ROWS + GAP_ROWS
    return (
        first_column,
        first_row,
        first_column + CHART_COLUMNS - 1,
        first_row + CHART_HEIGHT_ROWS - 1,
    )


def page_breaks(charts: int) -> list[int]:
    """The rows after which a new page starts: after every ``CHART_ROWS_PER_PAGE``-th row
    of charts but the last."""
    bands = -(-charts // CHARTS_PER_ROW)
    return [
        TITLE_ROW + band * BAND_ROWS
        for band in range(CHART_ROWS_PER_PAGE, bands, CHART_ROWS_PER_PAGE)
    ]


def first_quarter_with_data(index: ValueIndex, series: str, quarters: Sequence[str]) -> int:
    """The position in ``quarters`` of the first one in which ``series`` has a headline
    value (the last quarter when none has)."""
    for position, quarter in enumerate(quarters):
        if index.get(series, quarter, "period").number is not None:
            return position
    return len(quarters) - 1


def axis_format(unit: str) -> str:
    """The value axis' tick labels: whole numbers, but two decimals for a unit published
    with two (the casualty rate, below 1)."""
    return excel_format(unit) if decimals(unit) == 2 else "#,##0"


def add_trend_charts(
    ws: Worksheet,
    index: ValueIndex,
    sources: Sequence[tuple[IndicatorMeta, Worksheet, int]],
    period: str,
    words: Translator,
) -> None:
    """One native chart per indicator — its first series over the last quarters with
    data, bars for a flow, a line otherwise — on the printable grid."""
    title = words.gettext("Main trends: the headline of each indicator, quarters to {period}")
    write_row(ws, TITLE_ROW, [title.format(period=period)])
    cell_at(ws, TITLE_ROW, 1).font = TITLE_FONT
    _lay_out_grid(ws, len(sources))
    quarters = trend_periods(period)
    trend_column = KEY_COLUMNS + len(SCOPE_COLUMNS) + 1
    for position, (meta, sheet, row) in enumerate(sources):
        series = meta.series[0]
        first = trend_column + first_quarter_with_data(index, series.id, quarters)
        last = trend_column + len(quarters) - 1
        chart = _chart(meta, words)
        data = Reference(sheet, min_col=first, max_col=last, min_row=row)
        categories = Reference(sheet, min_col=first, max_col=last, min_row=TABLE_ROW)
        chart.add_data(data, from_rows=True, titles_from_data=False)
        for plotted in chart.series:  # the quarters are text: a string reference
            plotted.cat = AxDataSource(strRef=StrRef(f=str(categories)))
        chart.y_axis.number_format = axis_format(series.unit)
        for plotted in chart.series:
            if isinstance(chart, LineChart):
                plotted.smooth = False
                plotted.marker.symbol = "circle"
        first_column, first_row, last_column, last_row = chart_cells(position)
        anchor = TwoCellAnchor(
            _from=AnchorMarker(col=first_column - 1, row=first_row - 1),
            to=AnchorMarker(col=last_column, row=last_row),
        )
        ws.add_chart(chart, anchor)  # type: ignore[arg-type]  # openpyxl takes an anchor too
    last_row = chart_cells(len(sources) - 1)[3] if sources else TITLE_ROW
    width = CHARTS_PER_ROW * CHART_COLUMNS + (CHARTS_PER_ROW - 1) * GAP_COLUMNS
    ws.print_area = f"A1:{get_column_letter(width)}{last_row}"
    set_up_printing(ws, words, title_rows=(TITLE_ROW, TITLE_ROW))
    break_after_rows(ws, page_breaks(len(sources)))


def _chart(meta: IndicatorMeta, words: Translator) -> BarChart | LineChart:
    series = meta.series[0]
    title = series.title if words.language == "en" else series.title_az
    unit = unit_label(series.unit, words.language)
    chart = BarChart() if meta.kind == "flow" else LineChart()
    chart.title = _title(f"{meta.id} {title} ({unit})", TITLE_SIZE)
    chart.y_axis.title = _title(unit, AXIS_SIZE)
    chart.x_axis.title = _title(words.gettext("quarter"), AXIS_SIZE)
    for axis in (chart.x_axis, chart.y_axis):
        _label_axis(axis)
    chart.y_axis.scaling.min = 0
    chart.legend = None
    return chart


def _font(size: int, bold: bool) -> CharacterProperties:
    return CharacterProperties(latin=Font(typeface=FONT_NAME), sz=size, b=bold)


def _title(text: str, size: int) -> Title:
    """A chart or axis title in the workbook's font."""
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=_font(size, True)),
        r=[RegularTextRun(rPr=_font(size, True), t=text)],
    )
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _label_axis(axis: _BaseAxis) -> None:
    """Shown, with its tick labels in the workbook's font."""
    axis.delete = False
    axis.txPr = RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=_font(AXIS_SIZE, False)), r=[])]
    )


def _lay_out_grid(ws: Worksheet, charts: int) -> None:
    """Column widths and row heights of the grid the charts are anchored to."""
    for band in range(CHARTS_PER_ROW):
        for offset in range(CHART_COLUMNS):
            letter = get_column_letter(1 + band * (CHART_COLUMNS + GAP_COLUMNS) + offset)
            ws.column_dimensions[letter].width = COLUMN_WIDTH
        if band < CHARTS_PER_ROW - 1:
            gap = get_column_letter((band + 1) * (CHART_COLUMNS + GAP_COLUMNS))
            ws.column_dimensions[gap].width = GAP_WIDTH
    ws.row_dimensions[TITLE_ROW].height = TITLE_HEIGHT_PT
    last_row = chart_cells(max(charts - 1, 0))[3]
    for row in range(TITLE_ROW + 1, last_row + 1):
        ws.row_dimensions[row].height = ROW_HEIGHT_PT
