"""The agency feedback workbook: order, highlighting, literal text, counts, its two
languages and its printing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from schemas.reference import AGENCY_BY_CODE
from sdg18.core.findings import FINDING_FIELDS
from sdg18.reports.xlsx import feedback
from sdg18.reports.xlsx.cells import ERROR_FILL, INFO_FILL, WARNING_FILL
from sdg18.reports.xlsx.feedback import FINDING_COLUMNS, write_feedback
from sdg18.reports.xlsx.feedback_summary import how_to_read
from sdg18.reports.xlsx.texts import headers, workbook_words
from tests.reports.workbook_checks import english_sentences_in, print_problems, unnamed_fonts

LINK = '=HYPERLINK("http://127.0.0.1:9/x")'
IMG = "<img src=x>"


def _finding(**values: object) -> dict[str, object]:
    record: dict[str, object] = {name: "" for name in FINDING_FIELDS}
    record |= {"run_id": "r1", "period": "2026Q3", "agency": "ANAMA", "level": 1, "row": None}
    record |= {"params": '{"hidden": "bookkeeping"}'}
    record |= values
    return record


@pytest.fixture
def findings() -> pd.DataFrame:
    records = [
        _finding(
            severity="error",
            rule_id="L1.land_release.area_m2.positive",
            dataset="land_release",
            file="b.xlsx",
            sheet="land_release",
            row=7,
            column="area_m2",
            cell="F7",
            value="-3",
            message="area must be > 0",
            hint="enter the area",
        ),
        _finding(
            severity="warning",
            rule_id="L3.land_release.hazard_id.known",
            dataset="land_release",
            file="b.xlsx",
            sheet="land_release",
            row=5,
            column="hazard_id",
            cell="B5",
            value=LINK,
            level=3,
        ),
        _finding(
            severity="info",
            rule_id="L0.file.ignored_sheet",
            file="b.xlsx",
            sheet="notes",
            value=IMG,
            level=0,
        ),
        _finding(
            severity="error",
            rule_id="L1.land_release.district.isin",
            dataset="land_release",
            file="a.xlsx",
            sheet="land_release",
            row=12,
            column="district",
            cell="D12",
            value="#REF!",
        ),
        _finding(
            severity="error",
            rule_id="L1.land_release.area_m2.within",
            dataset="land_release",
            file="b.xlsx",
            sheet="land_release",
            row=5,
            column="area_m2",
            cell="F5",
            value="1 234,5",
        ),
        _finding(
            severity="error",
            rule_id="L0.file.unreadable",
            file="b.xlsx",
            level=0,
            message="could not be read",
        ),
    ]
    frame = pd.DataFrame.from_records(records, columns=list(FINDING_FIELDS))
    frame["row"] = frame["row"].astype("Int64")
    frame["level"] = frame["level"].astype("int64")
    return frame


@pytest.fixture
def rejected() -> dict[str, pd.DataFrame]:
    land = pd.DataFrame(
        {
            "file": ["b.xlsx", "a.xlsx"],
            "file_sha256": ["f" * 64, "e" * 64],
            "agency": ["ANAMA", "ANAMA"],
            "sheet": ["land_release", "land_release"],
            "row": [5, 12],
            "task_id": ["0001", "T-9"],
            "district": ["Ağdam", "#REF!"],
            "area_m2": ["1 234,5", "10"],
            "hazard_id": [LINK, IMG],
            "rejected_by": ["L1.land_release.area_m2.within", "L1.land_release.district.isin"],
            "failing_columns": ["area_m2", "district"],
        }
    )
    empty = land.iloc[0:0]
    return {"land_release": land, "eo_items": empty}


@pytest.fixture
def workbook_path(
    tmp_path: Path, findings: pd.DataFrame, rejected: dict[str, pd.DataFrame]
) -> Path:
    return write_feedback(tmp_path / "out" / "ANAMA.xlsx", "ANAMA", findings, rejected, "en")


@pytest.fixture
def workbook_az(tmp_path: Path, findings: pd.DataFrame, rejected: dict[str, pd.DataFrame]) -> Path:
    return write_feedback(tmp_path / "az" / "ANAMA.xlsx", "ANAMA", findings, rejected, "az")


ENGLISH = workbook_words("en")


def _rows(ws: Worksheet) -> list[dict[str, object]]:
    header = [str(c.value) for c in ws[1]]
    return [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)
    ]


def test_sheets(workbook_path: Path) -> None:
    assert load_workbook(workbook_path).sheetnames == [
        "summary",
        "findings",
        "rejected_land_release",
    ]


def test_findings_sorted_by_file_sheet_row_column_rule(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["findings"]
    assert [c.value for c in ws[1]] == headers(FINDING_COLUMNS, ENGLISH)
    assert [c.value for c in ws[1]][:2] == ["severity", "rule"]
    order = [(r["file"], r["sheet"], r["row"], r["column"], r["rule"]) for r in _rows(ws)]
    assert order == [
        ("a.xlsx", "land_release", 12, "district", "L1.land_release.district.isin"),
        ("b.xlsx", None, None, None, "L0.file.unreadable"),
        ("b.xlsx", "land_release", 5, "area_m2", "L1.land_release.area_m2.within"),
        ("b.xlsx", "land_release", 5, "hazard_id", "L3.land_release.hazard_id.known"),
        ("b.xlsx", "land_release", 7, "area_m2", "L1.land_release.area_m2.positive"),
        ("b.xlsx", "notes", None, None, "L0.file.ignored_sheet"),
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:M7"


def test_severity_cells_are_coloured(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["findings"]
    fills = {"error": ERROR_FILL, "warning": WARNING_FILL, "info": INFO_FILL}
    for row in ws.iter_rows(min_row=2):
        severity = row[0]
        assert severity.fill.fgColor.rgb == fills[str(severity.value)].fgColor.rgb
        assert row[1].fill.fgColor.rgb != severity.fill.fgColor.rgb


def test_agency_text_is_never_a_formula(workbook_path: Path) -> None:
    workbook = load_workbook(workbook_path)
    values = {}
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n"), cell.coordinate
                if isinstance(cell.value, str):
                    values[cell.value] = cell.data_type
    for text in (LINK, IMG, "#REF!", "0001", "-3", "1 234,5"):
        assert values[text] == "s"
    calamine = CalamineWorkbook.from_path(str(workbook_path))
    grid = calamine.get_sheet_by_name("rejected_land_release").to_python()
    hazard_ids = [row[grid[0].index("hazard_id")] for row in grid[1:]]
    assert hazard_ids == [IMG, LINK]


def test_rejected_rows_with_failing_cells_filled(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["rejected_land_release"]
    header = [c.value for c in ws[1]]
    # Origin, the contract's columns in model order, then why; bookkeeping hidden.
    assert header == [
        "file",
        "sheet",
        "row",
        "task_id",
        "hazard_id",
        "district",
        "area_m2",
        "rejected by rule",
    ]
    rows = _rows(ws)
    assert [(r["file"], r["row"], r["task_id"]) for r in rows] == [
        ("a.xlsx", 12, "T-9"),
        ("b.xlsx", 5, "0001"),
    ]
    filled = {
        (cell.row, header[int(cell.column or 0) - 1])
        for row in ws.iter_rows(min_row=2)
        for cell in row
        if cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    }
    assert filled == {(2, "district"), (3, "area_m2")}


def _summary_tables(ws: Worksheet) -> dict[str, list[tuple[object, ...]]]:
    """Each titled table of the summary sheet, keyed by title, as rows after its header."""
    rows = list(ws.iter_rows(values_only=True))
    tables: dict[str, list[tuple[object, ...]]] = {}
    for index, row in enumerate(rows):
        if isinstance(row[0], str) and row[0].startswith("Findings by "):
            body: list[tuple[object, ...]] = []
            for following in rows[index + 2 :]:
                if following[0] is None:
                    break
                body.append(tuple(v for v in following if v is not None))
            tables[row[0]] = body
    return tables


def test_summary_counts(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["summary"]
    assert (ws["A1"].value, ws["B1"].value) == ("agency", "ANAMA")
    assert ws["B3"].value == "2026Q3"
    tables = _summary_tables(ws)
    assert tables["Findings by severity"] == [("error", 4), ("warning", 1), ("info", 1)]
    assert tables["Findings by dataset"] == [
        ("(whole file)", 1, 0, 1, 0),
        ("land_release", 3, 1, 0, 2),
    ]
    by_rule = [row[:3] for row in tables["Findings by rule"]]
    assert by_rule == [
        ("L0.file.unreadable", "error", 1),
        ("L1.land_release.area_m2.positive", "error", 1),
        ("L1.land_release.area_m2.within", "error", 1),
        ("L1.land_release.district.isin", "error", 1),
        ("L3.land_release.hazard_id.known", "warning", 1),
        ("L0.file.ignored_sheet", "info", 1),
    ]
    text = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "How to read this" in text
    assert all(line in text for line in how_to_read(ENGLISH))
    assert "Each row of the 'findings' sheet" in how_to_read(ENGLISH)[0]


def test_no_findings_still_writes_a_readable_workbook(tmp_path: Path) -> None:
    empty = pd.DataFrame(columns=list(FINDING_FIELDS))
    path = write_feedback(tmp_path / "MOF.xlsx", "MOF", empty, {}, "en")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["summary", "findings"]
    assert [c.value for c in workbook["findings"][1]] == headers(FINDING_COLUMNS, ENGLISH)
    tables = _summary_tables(workbook["summary"])
    assert tables["Findings by severity"] == [("error", 0), ("warning", 0), ("info", 0)]
    assert tables["Findings by rule"] == []


def _titled_tables(ws: Worksheet, titles: tuple[str, ...]) -> dict[str, list[list[object]]]:
    """Each titled table of the summary: its header and rows, every cell up to the
    header's width kept (blank ones as None)."""
    rows = list(ws.iter_rows())
    tables: dict[str, list[list[object]]] = {}
    for index, row in enumerate(rows):
        if row[0].value in titles:
            width = sum(1 for c in rows[index + 1] if c.value is not None)
            body = []
            for following in rows[index + 1 :]:
                if following[0].value is None:
                    break
                body.append(list(following[:width]))
            tables[str(row[0].value)] = body
    return tables


def test_every_count_of_the_summary_sits_under_its_header(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["summary"]
    titles = ("Findings by severity", "Findings by dataset", "Findings by rule")
    tables = _titled_tables(ws, titles)
    assert set(tables) == set(titles)
    for title, (header, *body) in tables.items():
        assert body, title
        for column, head in enumerate(header):
            values = [row[column].value for row in body]
            numbers = all(isinstance(v, int) for v in values)
            assert head.value is not None, (title, column)
            # a count is right-aligned under a right-aligned header, text left under left
            expected = "right" if numbers else "left"
            assert head.alignment.horizontal == expected, (title, head.value)
            assert {row[column].alignment.horizontal for row in body} == {expected}
    by_dataset = tables["Findings by dataset"]
    assert [c.value for c in by_dataset[0]] == [
        "dataset",
        "error",
        "warning",
        "info",
        "rejected rows",
    ]
    assert [c.value for c in by_dataset[2]] == ["land_release", 3, 1, 0, 2]
    # the columns are measured on the tables, not on the long facts above them
    agency_name = ws["B2"].value
    assert ws.column_dimensions["B"].width < len(str(agency_name))


def test_every_sheet_prints_a4_landscape_one_page_wide(workbook_path: Path) -> None:
    workbook = load_workbook(workbook_path)
    assert [p for ws in workbook.worksheets for p in print_problems(ws)] == []
    assert workbook["findings"].print_title_rows == "$1:$1"
    assert workbook["rejected_land_release"].print_title_cols == "$A:$C"
    assert unnamed_fonts(workbook) == []


def test_the_azerbaijani_workbook_is_in_azerbaijani(workbook_az: Path) -> None:
    workbook = load_workbook(workbook_az)
    assert workbook.sheetnames == ["xülasə", "tapıntılar", "rədd edilmiş land_release"]
    summary = workbook["xülasə"]
    assert (summary["A1"].value, summary["B1"].value) == ("qurum", "ANAMA")
    assert summary["B2"].value == AGENCY_BY_CODE["ANAMA"].name_az
    texts = {c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Bu iş kitabını necə oxumalı", "Ciddilik dərəcəsinə görə tapıntılar"} <= texts
    assert all(line in texts for line in how_to_read(workbook_words("az")))
    assert "'tapıntılar' vərəqinin hər sətri" in how_to_read(workbook_words("az"))[0]
    findings = workbook["tapıntılar"]
    assert [c.value for c in findings[1]][:3] == ["ciddilik dərəcəsi", "qayda", "fayl"]
    assert {row[0] for row in findings.iter_rows(min_row=2, values_only=True)} == {
        "xəta",
        "xəbərdarlıq",
        "məlumat",
    }
    rejected = [c.value for c in workbook["rədd edilmiş land_release"][1]]
    # the dataset's own columns keep the template's names
    assert rejected == ["fayl", "vərəq", "sətir", "task_id", "hazard_id", "district", "area_m2",
                        "rədd edən qayda"]  # fmt: skip
    assert english_sentences_in(workbook_az) == []
    assert [p for ws in workbook.worksheets for p in print_problems(ws)] == []


def test_messages_and_hints_are_the_catalogues_in_the_agencys_language(
    tmp_path: Path,
    findings: pd.DataFrame,
    rejected: dict[str, pd.DataFrame],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def localised(frame: pd.DataFrame, language: str) -> pd.DataFrame:
        return frame.assign(message=f"message in {language}", hint=f"hint in {language}")

    monkeypatch.setattr(feedback, "localised_findings", localised)
    path = write_feedback(tmp_path / "ANAMA.xlsx", "ANAMA", findings, rejected, "az")
    rows = list(load_workbook(path)["tapıntılar"].iter_rows(min_row=2, values_only=True))
    message, hint = FINDING_COLUMNS.index("message"), FINDING_COLUMNS.index("hint")
    assert {(row[message], row[hint]) for row in rows} == {("message in az", "hint in az")}


def test_the_params_of_a_finding_are_never_shown(workbook_path: Path, workbook_az: Path) -> None:
    for path in (workbook_path, workbook_az):
        workbook = load_workbook(path)
        texts = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row}
        assert "params" not in texts
        assert not any("bookkeeping" in text for text in texts)
