"""The files of a synthetic inbox: layout, sheets, headers, values and the injected problems."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import astuple, fields
from pathlib import Path

import openpyxl

from schemas import column_specs
from schemas.rules import rules_by_id
from sdg18.ingest.names import match_district
from sdg18.synthetic import InjectedError, SyntheticInbox

from .helpers import as_text, columns_of, dataset_of_sheet, sheets_of

UNIQUE_IDS = {
    "hazard_areas": "hazard_id",
    "land_release": "task_id",
    "casualties": "casualty_id",
    "victim_assistance": "service_id",
    "eore": "session_id",
    "returns": "return_id",
    "funding": "entry_id",
}


def _injected_cells(inbox: SyntheticInbox) -> set[tuple[str, str, str, int, str]]:
    return {(e.period, e.file, e.sheet, e.row, e.column) for e in inbox.injected}


def test_layout_has_every_agency_file_of_each_period(small_inbox: SyntheticInbox) -> None:
    names = {p.relative_to(small_inbox.root).as_posix() for p in small_inbox.files}
    assert names >= {
        "2026Q1/ANAMA/ANAMA_2026Q1_operations.xlsx",
        "2026Q1/ANAMA/ANAMA_2026Q1_casualties_eore_funding.xlsx",
        "2026Q1/MOH/MOH_2026Q1_casualties_assistance.xlsx",
        "2026Q1/MLSPP/MLSPP_2026Q1_victim_assistance.xlsx",
        "2026Q1/MSE/MSE__eore.csv",
        "2026Q1/SCRIDP/SCRIDP__returns.csv",
        "2026Q1/MOF/MOF_2026Q1_funding.xlsx",
        "injected_errors.csv",
    }
    assert len(small_inbox.files) == 2 * 7 + 1
    assert all(path.is_file() for path in small_inbox.files)
    assert small_inbox.periods == ("2025Q4", "2026Q1")


def test_csv_encodings(small_inbox: SyntheticInbox) -> None:
    period = small_inbox.root / "2026Q1"
    assert (period / "MSE" / "MSE__eore.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (period / "SCRIDP" / "SCRIDP__returns.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_submission_sheets(small_inbox: SyntheticInbox) -> None:
    for path in small_inbox.files:
        if path.suffix != ".xlsx":
            continue
        sheets = sheets_of(path)
        agency = path.parent.name
        if agency == "MOF":
            assert "submission" not in sheets
            continue
        pairs = {row[0]: row[1] for row in sheets["submission"]}
        assert pairs["agency"] == agency
        assert pairs["period"] == path.parent.parent.name
        assert set(pairs) == {"agency", "period", "prepared_by", "prepared_on", "contact"}
        assert as_text(pairs["prepared_on"]) > pairs["period"][:4]  # a real date cell


def test_sheet_names_headers_and_row_counts(small_inbox: SyntheticInbox) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for path in small_inbox.files[:-1]:
        period, agency = path.parent.parent.name, path.parent.name
        for name, grid in sheets_of(path).items():
            dataset = dataset_of_sheet(name, path)
            if name == "submission":
                continue
            assert dataset is not None, f"sheet {name!r} of {path.name} names no dataset"
            columns = columns_of(dataset, grid[0])
            assert sorted(columns) == sorted(column_specs(dataset)), f"{path.name}/{name}"
            seen[(period, agency, dataset)] = len(grid) - 1
    assert seen == small_inbox.record_counts


def test_clean_districts_match_and_ids_are_unique(small_inbox: SyntheticInbox) -> None:
    injected = _injected_cells(small_inbox)
    task_ids: list[str] = []
    for path in small_inbox.files[:-1]:
        period, relative = path.parent.parent.name, path.relative_to(path.parent.parent)
        for name, grid in sheets_of(path).items():
            if name == "submission":
                continue
            dataset = dataset_of_sheet(name, path)
            assert dataset is not None
            columns = columns_of(dataset, grid[0])
            key = UNIQUE_IDS.get(dataset, "")
            for row_number, row in enumerate(grid[1:], 2):
                values = dict(zip(columns, row, strict=True))
                cell = (period, relative.as_posix(), name, row_number, "district")
                if "district" in values and cell not in injected:
                    assert match_district(as_text(values["district"])), values["district"]
            if key:
                ids = [as_text(row[columns.index(key)]) for row in grid[1:]]
                assert len(ids) == len(set(ids)), f"{path.name}/{name}: duplicate {key}"
            if dataset == "land_release":
                task_ids += [as_text(row[columns.index("task_id")]) for row in grid[1:]]
    assert len(task_ids) == len(set(task_ids))  # never reused across periods


def test_every_injected_value_is_in_its_cell(small_inbox: SyntheticInbox) -> None:
    by_file: dict[tuple[str, str], list[InjectedError]] = defaultdict(list)
    for error in small_inbox.injected:
        by_file[(error.period, error.file)].append(error)
    for (period, file), errors in by_file.items():
        path = small_inbox.root / period / file
        grids = sheets_of(path)
        book = openpyxl.load_workbook(path) if path.suffix == ".xlsx" else None
        for error in errors:
            grid = grids[error.sheet]
            dataset = dataset_of_sheet(error.sheet, path)
            assert dataset is not None
            col = columns_of(dataset, grid[0]).index(error.column)
            if error.kind == "excel_error_cell":
                assert book is not None
                cell = book[error.sheet].cell(row=error.row, column=col + 1)
                assert cell.data_type == "e"
                assert cell.value == error.value
            else:
                assert as_text(grid[error.row - 1][col]) == error.value, error


def test_injected_errors_are_catalogued_and_listed(small_inbox: SyntheticInbox) -> None:
    rules = rules_by_id()
    assert small_inbox.injected, "error_rate 0.05 must inject problems"
    for error in small_inbox.injected:
        assert rules[error.rule_id].severity == error.severity
        assert error.severity == ("warning" if error.kind == "late_report" else "error")
    cells = [(e.period, e.file, e.sheet, e.row) for e in small_inbox.injected]
    assert len(cells) == len(set(cells)), "a record got two problems"
    with (small_inbox.root / "injected_errors.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    listed = [
        (r["period"], r["file"], r["sheet"], int(r["row"]), r["column"], r["rule_id"],
         r["severity"], r["kind"], r["value"])
        for r in rows
    ]  # fmt: skip
    assert listed == [astuple(e) for e in small_inbox.injected]
    assert list(rows[0]) == [f.name for f in fields(InjectedError)]


def test_rule_ids_follow_the_kind(small_inbox: SyntheticInbox) -> None:
    endings = {
        "misspelled_district": ".district.known",
        "ambiguous_date": ".date_format",
        "decimal_comma": ".number_format",
        "thousands_separator": ".number_format",
        "negative_area": ".area_m2.positive",
        "unknown_code": ".code",
        "missing_value": ".required",
        "excel_error_cell": ".excel_error",
        "persons_below_households": "L1.returns.persons_at_least_households",
        "start_after_completion": "L1.land_release.start_not_after_completion",
        "late_report": "L1.casualties.incident_date.late_report",
    }
    for error in small_inbox.injected:
        if error.kind == "date_after_period":
            assert error.rule_id.endswith((".in_period", ".not_after_period"))
        else:
            assert error.rule_id.endswith(endings[error.kind]), error


def test_misspelled_districts_match_nothing(small_inbox: SyntheticInbox) -> None:
    misspelled = [e.value for e in small_inbox.injected if e.kind == "misspelled_district"]
    assert misspelled
    assert all(match_district(value) is None for value in misspelled)


def test_files_are_posix_relative(small_inbox: SyntheticInbox) -> None:
    for error in small_inbox.injected:
        assert not Path(error.file).is_absolute()
        assert "\\" not in error.file
        assert error.sheet == "" if error.file.endswith(".csv") else error.sheet
