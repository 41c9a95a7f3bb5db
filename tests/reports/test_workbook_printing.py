"""The ministry workbook prints: A4 landscape, one page wide, titles repeated, charts whole
on their pages, a named font everywhere, values as published."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.drawing.spreadsheet_drawing import TwoCellAnchor
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.indicators import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, load_framework
from sdg18.reports.xlsx import charts as grid
from sdg18.reports.xlsx.charts import TITLE_ROW
from sdg18.reports.xlsx.printing import PRINTABLE_HEIGHT_PT, PRINTABLE_WIDTH_PT
from sdg18.reports.xlsx.sheets import KEY_COLUMNS, TABLE_ROW, published
from sdg18.reports.xlsx.workbook import write_workbook
from tests.reports.conftest import Rendered
from tests.reports.workbook_checks import print_problems, unnamed_fonts

DEFAULT_ROW_HEIGHT = 15.0


@pytest.fixture(scope="module")
def editions(rendered: Rendered) -> dict[str, Workbook]:
    """Both editions of the rendered workbook, opened."""
    return {"en": load_workbook(rendered.workbook), "az": load_workbook(rendered.workbook_az)}


def test_every_sheet_prints_a4_landscape_one_page_wide(editions: dict[str, Workbook]) -> None:
    for workbook in editions.values():
        assert [p for ws in workbook.worksheets for p in print_problems(ws)] == []


def test_header_rows_and_code_columns_are_printed_on_every_page(
    editions: dict[str, Workbook],
) -> None:
    workbook = editions["en"]
    for meta in load_framework().indicators:
        sheet = workbook[meta.id]
        assert sheet.print_title_rows == f"${TABLE_ROW}:${TABLE_ROW}"
        assert sheet.print_title_cols == "$A:$E"  # series, unit, breakdown, code, label
    assert (workbook["time series"].print_title_rows, workbook["time series"].print_title_cols) == (
        "$1:$1",
        "$A:$D",
    )
    assert workbook["values"].print_title_cols == "$A:$E"
    for name in ("charts", "values", "submissions", "findings", "revisions", "inputs"):
        assert workbook[name].print_title_rows == "$1:$1", name
    # the Azerbaijani edition's sheets are set up alike, under their own names
    assert workbook.sheetnames.index("findings") == editions["az"].sheetnames.index("tapıntılar")
    assert editions["az"]["tapıntılar"].print_title_rows == "$1:$1"


def _row_height(ws: Worksheet, row: int) -> float:
    return ws.row_dimensions[row].height or DEFAULT_ROW_HEIGHT


def _pages(ws: Worksheet, breaks: list[int]) -> list[tuple[int, int]]:
    """The first and last row of each printed page of the charts sheet."""
    last = max(a.to.row for a in _anchors(ws))
    starts = [1, *(b + 1 for b in breaks)]
    ends = [*breaks, last]
    return list(zip(starts, ends, strict=True))


def _anchors(ws: Worksheet) -> list[TwoCellAnchor]:
    anchors = [chart.anchor for chart in ws._charts]
    assert all(isinstance(a, TwoCellAnchor) for a in anchors)
    return anchors


def test_no_chart_crosses_a_page(editions: dict[str, Workbook]) -> None:
    indicators = len(load_framework().indicators)
    for workbook in editions.values():
        charts = workbook.worksheets[1]
        breaks = sorted(b.id for b in charts.row_breaks.brk)
        # two charts a row, two rows a page: 15 charts on 4 pages
        assert len(breaks) == math.ceil(math.ceil(indicators / 2) / 2) - 1
        assert all(b.man for b in charts.row_breaks.brk)
        anchors = _anchors(charts)
        assert len(anchors) == indicators
        for anchor in anchors:
            first, last = anchor._from.row + 1, anchor.to.row  # 1-based rows it covers
            assert anchor.to.rowOff == 0
            assert not [b for b in breaks if first <= b < last], (first, last)
        for number, (start, end) in enumerate(_pages(charts, breaks)):
            height = sum(_row_height(charts, row) for row in range(start, end + 1))
            if number > 0:  # the title row is printed again on top
                height += _row_height(charts, TITLE_ROW)
            assert height <= PRINTABLE_HEIGHT_PT, number
        assert charts.print_area is not None


def _column_points(width: float) -> float:
    """A column ``width`` characters wide in points, as Excel draws it in Calibri 11 (a
    character 7 pixels wide, 5 pixels of padding, 96 pixels an inch)."""
    return int(width * 7 + 5) * 72 / 96


def test_a_page_of_the_charts_grid_fits_a4_landscape_at_full_size() -> None:
    columns = grid.CHARTS_PER_ROW * grid.CHART_COLUMNS
    gaps = (grid.CHARTS_PER_ROW - 1) * grid.GAP_COLUMNS
    width = columns * _column_points(grid.COLUMN_WIDTH) + gaps * _column_points(grid.GAP_WIDTH)
    assert width <= PRINTABLE_WIDTH_PT
    band = grid.BAND_ROWS * grid.ROW_HEIGHT_PT
    assert grid.TITLE_HEIGHT_PT + grid.CHART_ROWS_PER_PAGE * band <= PRINTABLE_HEIGHT_PT


def test_every_style_names_its_font(editions: dict[str, Workbook], rendered: Rendered) -> None:
    for workbook in editions.values():
        assert unnamed_fonts(workbook) == []
    assert {f.name for f in editions["az"]._fonts} == {"Calibri"}


def _is_headline(values: pd.DataFrame) -> pd.Series:
    mask = pd.Series(True, index=values.index)
    for column in BREAKDOWN_COLUMNS:
        mask &= values[column].fillna("").astype(str) == ""
    return mask


@pytest.fixture(scope="module")
def noisy(rendered: Rendered, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    """The English workbook of a context whose land released in the quarter is
    60.14641999999999 ha and whose casualties are 7.0 persons, with the ``params`` column
    the findings may carry."""
    context = rendered.context
    values = context.values.copy()
    now = (values["period"] == context.period) & (values["scope"] == "period")
    now &= _is_headline(values)
    values.loc[now & (values["series"] == "released_ha"), "value"] = 60.14641999999999
    values.loc[now & (values["series"] == "casualties"), "value"] = 7.0
    findings = context.findings.assign(params='{"secret": "not for readers"}')
    changed = dataclasses.replace(context, values=values, findings=findings)
    path = tmp_path_factory.mktemp("noisy") / "noisy.xlsx"
    return load_workbook(write_workbook(changed, path, "en"))


def test_a_value_is_written_to_the_decimals_its_unit_publishes(
    noisy: Workbook, rendered: Rendered
) -> None:
    period = rendered.context.period
    quarter_column = [c.value for c in noisy["18.1.1"][TABLE_ROW]].index(period) + 1
    land = noisy["18.1.1"]
    assert land.cell(TABLE_ROW + 1, KEY_COLUMNS + 1).value == 60.1  # the quarter
    assert land.cell(TABLE_ROW + 1, quarter_column).value == 60.1  # the trend's last quarter
    casualties = noisy["18.2.1"].cell(TABLE_ROW + 1, KEY_COLUMNS + 1).value
    assert casualties == 7
    assert isinstance(casualties, int)
    series = noisy["time series"]
    header = [c.value for c in series[1]]
    row = next(r for r in series.iter_rows(min_row=2, values_only=True) if r[1] == "released_ha")
    assert row[header.index(period)] == 60.1
    values = pd.DataFrame(list(noisy["values"].iter_rows(min_row=2, values_only=True)))
    values.columns = list(INDICATOR_COLUMNS)
    mine = values[
        (values["series"] == "released_ha")
        & (values["period"] == period)
        & (values["scope"] == "period")
        & _is_headline(values)
    ]
    assert mine["value"].tolist() == [60.1]


def test_published_rounds_half_to_even_on_the_decimal_value() -> None:
    assert published(60.14641999999999, "ha") == 60.1
    assert published(12.25, "%") == 12.2
    assert published(0.125, "persons per 1,000 ha") == 0.12
    assert published(1_234_567.5, "AZN") == 1_234_568
    assert isinstance(published(7.0, "persons"), int)
    assert published(None, "ha") is None


def test_a_params_column_of_the_findings_is_never_shown(noisy: Workbook) -> None:
    texts = {str(cell.value) for ws in noisy.worksheets for row in ws.iter_rows() for cell in row}
    assert "params" not in texts
    assert not any("not for readers" in text for text in texts)


def test_a_store_without_values_still_lays_out_its_charts(
    tmp_path: Path, rendered: Rendered
) -> None:
    context = dataclasses.replace(rendered.context, values=rendered.context.values.iloc[0:0])
    path = write_workbook(context, tmp_path / "empty.xlsx", "az")
    charts = load_workbook(path).worksheets[1]
    assert len(charts._charts) == len(load_framework().indicators)
    assert print_problems(charts) == []
