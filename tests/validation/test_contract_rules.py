"""A generated template filled by hand: valid rows pass, each rule's violation is found.

Every level-1 rule of every dataset is broken once, on its own row, and the
validation must report exactly the expected finding (rule, sheet, row, column),
all in one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from schemas import DATASETS
from schemas.rules import catalogue, column_checks, rule_id, rules_by_id
from sdg18.cli import main
from sdg18.cli.validate import check_one
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.reports.xlsx.agency_templates import write_templates
from tests.validation.contract_rows import BAD_VALUE, ROW_CHANGES, VALID

PERIOD = Period(2026, 1)

Expected = set[tuple[str, str, int, str]]


def _agency(dataset: str) -> str:
    return DATASETS[dataset].Config.metadata["agencies"][0]


def _fill(path: Path, dataset: str, rows: list[dict[str, Any]]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["submission"]
    for row in sheet.iter_rows(min_row=1, max_col=2):
        if row[0].value == "agency":
            row[1].value = _agency(dataset)
        if row[0].value == "period":
            row[1].value = str(PERIOD)
    data = book[dataset]
    header = [cell.value for cell in data[1]]
    for number, record in enumerate(rows, start=2):
        for position, column in enumerate(header, start=1):
            data.cell(number, position).value = record.get(column)
    book.save(path)


def _violations(dataset: str) -> tuple[list[dict[str, Any]], Expected, set[str]]:
    """Rows (the first valid) with one violation each, the findings they must give,
    and the rules they cover."""
    valid = VALID[dataset]
    key = DATASETS[dataset].Config.metadata["key"]
    rows: list[dict[str, Any]] = [dict(valid)]
    expected: Expected = set()
    covered: set[str] = set()

    def add(changes: dict[str, Any], *rules: tuple[str, str]) -> None:
        row = {**valid, key: f"{valid[key]}-{len(rows)}", **changes}
        rows.append(row)
        for rule, column in rules:
            expected.add((rule, dataset, len(rows) + 1, column))
            covered.add(rule)

    for column, checks in column_checks(dataset).items():
        for check in checks:
            rid = rule_id(1, dataset, check, column)
            if check == "unique":
                rows.append(dict(valid))
                expected.add((rid, dataset, 2, column))
                expected.add((rid, dataset, len(rows) + 1, column))
                covered.add(rid)
                continue
            add({column: BAD_VALUE[check]}, (rid, column))
    for check in DATASETS[dataset].to_schema().checks:
        rid = rule_id(1, dataset, str(check.name))
        add(ROW_CHANGES[str(check.name)], (rid, rules_by_id()[rid].cells[0]))
    return rows, expected, covered


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    paths = write_templates(None, folder)
    return {path.stem.removeprefix("sdg18_template_"): path for path in paths}


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_one_valid_row_gives_no_finding(
    dataset: str, templates: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / f"{dataset}.xlsx"
    path.write_bytes(templates[dataset].read_bytes())
    _fill(path, dataset, [VALID[dataset]])

    result = check_one(path, PERIOD, Settings())

    assert [f.rule_id for f in result.findings if f.severity != "info"] == []
    assert len(result.tables[0].accepted) == 1
    assert main(["validate", str(path), "--period", str(PERIOD), "--out", str(tmp_path)]) == 0


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_each_rule_violated_once_gives_exactly_its_finding(
    dataset: str, templates: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / f"{dataset}.xlsx"
    path.write_bytes(templates[dataset].read_bytes())
    rows, expected, covered = _violations(dataset)
    _fill(path, dataset, rows)
    # Two cells an agency's formulas can leave behind, on rows of their own, in the
    # first column (the record's identifier).
    book = openpyxl.load_workbook(path)
    sheet = book[dataset]
    cells = (("#DIV/0!", "excel_error"), ("=1/0", "formula_without_value"))
    for offset, (value, rule) in enumerate(cells):
        number = len(rows) + 2 + offset
        for position, cell in enumerate(sheet[2], start=1):
            sheet.cell(number, position).value = cell.value
        sheet[f"A{number}"].value = value
        expected.add((rule_id(1, dataset, rule), dataset, number, sheet["A1"].value))
        covered.add(rule_id(1, dataset, rule))
    book.save(path)

    result = check_one(path, PERIOD, Settings())

    found = {(f.rule_id, f.sheet, f.row, f.column) for f in result.findings if f.severity != "info"}
    assert found == expected
    level1 = {r.rule_id for r in catalogue() if r.dataset == dataset and r.level == 1}
    assert covered == level1  # every level-1 rule of the dataset was exercised
    records = len(rows) + len(cells)
    rejected = {row for rule, _, row, _ in expected if rules_by_id()[rule].severity == "error"}
    assert len(result.tables[0].typed) == records
    assert sorted(result.tables[0].rejected_rows) == sorted(rejected)
    assert len(result.tables[0].accepted) == records - len(rejected)
    exit_code = main(["validate", str(path), "--period", str(PERIOD), "--out", str(tmp_path)])
    assert exit_code == 1
    assert (tmp_path / f"{_agency(dataset)}.xlsx").exists()
