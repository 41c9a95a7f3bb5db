"""Error cells and uncalculated formulas are found cell by cell (calamine shows them blank)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from sdg18.cli.validate import check_one
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.cells import SheetScan, TooLargeError, scan_part
from tests.validation.contract_rows import VALID

HEADER = list(VALID["eo_items"])


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "eo_items"
    sheet.append(HEADER)
    # row 2: clean; row 3: #REF! in quantity; row 4: #DIV/0! from a formula with a
    # cached error and a #N/A; row 5: formulas never calculated in two cells.
    for _ in range(4):
        sheet.append([VALID["eo_items"][c] for c in HEADER])
    sheet["E3"] = "#REF!"
    sheet["E4"] = "#DIV/0!"
    sheet["B4"] = "#N/A"
    sheet["E5"] = "=2+2"
    sheet["A5"] = '=CONCAT("LR-","0001")'
    book.save(path)
    return path


def test_each_error_and_formula_cell_gets_one_finding(tmp_path: Path) -> None:
    folder = tmp_path / "ANAMA"
    folder.mkdir()
    path = _workbook(folder / "items.xlsx")

    result = check_one(path, Period(2026, 1), Settings())

    found = sorted((f.rule_id, f.row, f.column, f.cell, f.value) for f in result.findings)
    assert found == [
        ("L1.eo_items.excel_error", 3, "quantity", "E3", "#REF!"),
        ("L1.eo_items.excel_error", 4, "district", "B4", "#N/A"),
        ("L1.eo_items.excel_error", 4, "quantity", "E4", "#DIV/0!"),
        ("L1.eo_items.formula_without_value", 5, "quantity", "E5", "=2+2"),
        ("L1.eo_items.formula_without_value", 5, "task_id", "A5", '=CONCAT("LR-","0001")'),
    ]
    table = result.tables[0]
    assert table.rejected_rows == [3, 4, 5]
    assert list(table.accepted.index) == [2]
    assert table.accepted.loc[2, "quantity"] == 3


def _scan(tmp_path: Path, sheet_data: str, root: str = "worksheet") -> SheetScan:
    path = tmp_path / "sheet.zip"
    xml = f'<{root} xmlns="{MAIN_NS}"><sheetData>{sheet_data}</sheetData></{root}>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml)
    with zipfile.ZipFile(path) as archive:
        return scan_part(archive, "xl/worksheets/sheet1.xml", 2**30, 25_000_000)


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize(
    ("sheet_data", "last"),
    [
        # Excel's own form: r first, double quotes; the last column is E, not Z.
        ('<row r="1"><c r="A1"/><c r="E1"><v>1</v></c></row><row r="7"><c r="B7"/></row>', (7, 4)),
        # r after another attribute, single quotes, cells and rows without r.
        ("<row r='3'><c s='1' r='C3'/><c/><c/></row><row><c/></row>", (4, 4)),
        # a two-letter column in the middle of a row.
        ('<row r="2"><c r="A2"/><c r="AB2"/><c r="C2"/></row>', (2, 27)),
        # a cell whose row number is not its row element's.
        ('<row r="2"><c r="B9000"/></row>', (9000, 1)),
    ],
)
def test_the_scan_measures_the_real_last_row_and_column(
    tmp_path: Path, sheet_data: str, last: tuple[int, int]
) -> None:
    scan = _scan(tmp_path, sheet_data)

    assert (scan.last_row, scan.last_column) == last


@pytest.mark.parametrize(
    "sheet_data",
    [
        '<row r="1"><c r="A1"/><c s="0" r="XFD1048576"/></row>',
        "<row r='1'><c r='A1'/></row><row r='1048576'><c r='XFD1048576'/></row>",
        '<row r="1"><c r="A1"/></row><row r="1048576">' + "<c/>" * 30 + "</row>",
    ],
)
def test_a_stray_last_cell_is_refused_however_it_is_written(
    tmp_path: Path, sheet_data: str
) -> None:
    with pytest.raises(TooLargeError, match="the limit is 25,000,000"):
        _scan(tmp_path, sheet_data)


def test_a_prefixed_worksheet_is_measured_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "sheet.zip"
    xml = (
        f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1"/></x:row>'
        '<x:row r="1048576"><x:c r="XFD1048576"/></x:row></x:sheetData></x:worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml)

    with zipfile.ZipFile(path) as archive, pytest.raises(TooLargeError, match="XFD1048576"):
        scan_part(archive, "xl/worksheets/sheet1.xml", 2**30, 25_000_000)


def test_a_row_longer_than_two_chunks_is_scanned_in_pieces(tmp_path: Path) -> None:
    cells = "".join(f'<c r="A{n}"><v>{n}</v></c>' for n in range(1, 200_001))
    scan = _scan(tmp_path, f'<row r="1">{cells}<c r="B5" t="e"><v>#REF!</v></c></row>')

    # The row element says row 1; B5 is the only cell right of column A, so it is read.
    assert (scan.last_row, scan.last_column) == (5, 1)
    assert [(c.address, c.value) for c in scan.bad_cells] == [("B5", "#REF!")]
