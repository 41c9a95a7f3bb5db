"""Workbooks that would make the reader allocate without bound are refused, not read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from sdg18.ingest.discover import inbox_file
from sdg18.ingest.read import read_file
from sdg18.settings import Settings
from tests.validation.contract_rows import VALID


def _returns_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "returns"
    sheet.append(list(VALID["returns"]))
    sheet.append(list(VALID["returns"].values()))
    return book


def test_a_stray_cell_at_the_last_address_is_refused(tmp_path: Path) -> None:
    # python-calamine would allocate 1,048,576 × 16,384 cells and abort the process.
    path = tmp_path / "SCRIDP" / "stray.xlsx"
    path.parent.mkdir()
    book = _returns_book()
    book["returns"]["XFD1048576"] = "x"
    book.save(path)
    assert path.stat().st_size < 10_000

    read = read_file(inbox_file(path, tmp_path), Settings())

    assert [(f.rule_id, f.file) for f in read.findings] == [
        ("L0.file.too_large", "SCRIDP/stray.xlsx")
    ]
    assert "XFD1048576" in read.findings[0].message
    assert read.tables == []


def test_a_sheet_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "SCRIDP" / "bomb.xlsx"
    path.parent.mkdir()
    _returns_book().save(path)
    # Re-pack the sheet with 3 MB of white space inside <sheetData>: tiny when deflated.
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<sheetData>", b"<sheetData>" + b" " * 3 * 2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, data in parts.items():
            packed.writestr(name, data)
    assert path.stat().st_size < 20_000

    refused = read_file(inbox_file(path, tmp_path), Settings(max_inflated_mb=2))
    read = read_file(inbox_file(path, tmp_path), Settings())  # under the default limit

    assert [f.rule_id for f in refused.findings] == ["L0.file.too_large"]
    assert read.findings == []
    assert len(read.tables[0].raw.dropna(how="all")) == 1
