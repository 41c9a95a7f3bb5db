"""Error cells and uncalculated formulas are found cell by cell (calamine shows them blank)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from sdg18.commands.validate import check_one
from sdg18.periods import Period
from sdg18.settings import Settings
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
