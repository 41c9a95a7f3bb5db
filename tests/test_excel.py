"""The no-formula guarantee and the sheet helpers of sdg18.reports.xlsx.cells."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from sdg18.reports.xlsx.cells import (
    DATE_FORMAT,
    HEADER_FONT,
    cell_at,
    clean_text,
    fit_widths,
    put_value,
    set_text,
    style_header,
    text_cell,
    value_cell,
    write_paragraph,
    write_row,
)

#: Text an agency might type that a spreadsheet would otherwise evaluate.
DANGEROUS = (
    '=HYPERLINK("http://127.0.0.1:9/x")',
    "=1+1",
    "+1",
    "-1",
    "@x",
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "0001",
    "<img src=x>",
    "=",
)


def _calamine_rows(path: Path, sheet: str) -> list[list[object]]:
    return [
        list(row)
        for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    ]


def _assert_literal(path: Path) -> None:
    back = load_workbook(path)["s"]
    assert [(c.value, c.data_type) for c in back[1]] == [(v, "s") for v in DANGEROUS]
    assert _calamine_rows(path, "s") == [list(DANGEROUS)]
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_openpyxl_alone_would_write_formulas_and_errors() -> None:
    ws = Workbook().active
    assert ws is not None
    ws["A1"] = "=1+1"
    ws["B1"] = "#REF!"
    assert (ws["A1"].data_type, ws["B1"].data_type) == ("f", "e")


def test_set_text_keeps_text_literal(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = "s"
    for column, value in enumerate(DANGEROUS, start=1):
        set_text(cell_at(ws, 1, column), value)
    path = tmp_path / "normal.xlsx"
    workbook.save(path)
    _assert_literal(path)


def test_text_cell_keeps_text_literal_in_write_only_sheets(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("s")
    ws.append([text_cell(ws, value) for value in DANGEROUS])
    path = tmp_path / "write_only.xlsx"
    workbook.save(path)
    _assert_literal(path)


def test_formula_like_text_gets_the_leading_apostrophe_flag() -> None:
    ws = Workbook().worksheets[0]
    assert set_text(cell_at(ws, 1, 1), "=1+1").quotePrefix
    assert not set_text(cell_at(ws, 1, 2), "Ağdam").quotePrefix


def test_control_characters_are_replaced_not_refused() -> None:
    assert clean_text("a\x0bb\tc\nd") == "a\ufffdb\tc\nd"
    ws = Workbook().worksheets[0]
    assert set_text(cell_at(ws, 1, 1), "x\x01").value == "x\ufffd"


@pytest.mark.parametrize(
    ("value", "expected", "data_type"),
    [
        (12, 12, "n"),
        (np.int64(7), 7, "n"),
        (1234.5, 1234.5, "n"),
        (True, True, "b"),
        (None, None, "n"),
        (float("nan"), None, "n"),
        (pd.NA, None, "n"),
        (pd.NaT, None, "n"),
        ("=SUM(A1:A2)", "=SUM(A1:A2)", "s"),
        ("0001", "0001", "s"),
    ],
)
def test_put_value_writes_numbers_natively_and_strings_as_text(
    value: object, expected: object, data_type: str
) -> None:
    cell = put_value(cell_at(Workbook().worksheets[0], 1, 1), value)
    assert (cell.value, cell.data_type) == (expected, data_type)


def test_put_value_writes_dates_as_dates(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.worksheets[0]
    moment = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)
    write_row(ws, 1, [dt.date(2026, 7, 1), pd.Timestamp("2026-07-02"), moment])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    back = load_workbook(path).worksheets[0]
    assert back["A1"].value == dt.datetime(2026, 7, 1)
    assert back["A1"].number_format == DATE_FORMAT
    assert back["B1"].value == dt.datetime(2026, 7, 2)
    # Excel dates carry no time zone: an instant is kept whole, as ISO text.
    assert back["C1"].value == "2026-07-01T09:30:00+00:00"


def test_value_cell_for_write_only_sheets() -> None:
    ws = Workbook(write_only=True).create_sheet("s")
    assert value_cell(ws, 3).value == 3
    assert value_cell(ws, "#N/A").data_type == "s"


def test_style_header_freezes_filters_and_bolds(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.worksheets[0]
    write_row(ws, 1, ["file", "row"])
    write_row(ws, 2, ["a.xlsx", 3])
    style_header(ws)
    workbook.save(tmp_path / "h.xlsx")
    back = load_workbook(tmp_path / "h.xlsx").worksheets[0]
    assert back.freeze_panes == "A2"
    assert back.auto_filter.ref == "A1:B2"
    assert back["A1"].font.bold
    assert HEADER_FONT.bold


def test_fit_widths_stays_within_bounds() -> None:
    ws = Workbook().worksheets[0]
    write_row(ws, 1, ["a", "x" * 30, "y" * 500, "short\n" + "z" * 20])
    fit_widths(ws)
    widths = [ws.column_dimensions[c].width for c in "ABCD"]
    assert widths == [8, 32, 60, 22]


def test_write_paragraph_merges_and_wraps() -> None:
    ws = Workbook().worksheets[0]
    write_paragraph(ws, 3, "=not a formula " * 20, first_column=1, last_column=4)
    assert "A3:D3" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A3"].data_type == "s"
    assert ws["A3"].alignment.wrap_text
    assert (ws.row_dimensions[3].height or 0) > 15
    with pytest.raises(ValueError, match="merged"):
        cell_at(ws, 3, 2)


def test_empty_text_is_a_blank_cell() -> None:
    cell = set_text(cell_at(Workbook().worksheets[0], 1, 1), "")
    assert (cell.value, cell.data_type) == (None, "n")
