"""Blank agency templates follow the data contract column by column, in either language,
and print."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from schemas import DATASETS, column_specs, dataset_metadata
from schemas.reference import AGENCY_BY_CODE, DISTRICTS, SUBMISSION_KEYS
from sdg18.cli import main
from sdg18.reports.xlsx.agency_templates import (
    DISTRICT_ALLOWED,
    INSTRUCTION_COLUMNS,
    LAST_DATA_ROW,
    write_templates,
)
from tests.reports.workbook_checks import english_sentences_in, print_problems, unnamed_fonts


def _by_dataset(paths: list[Path]) -> dict[str, Path]:
    return {path.name.removeprefix("sdg18_template_").removesuffix(".xlsx"): path for path in paths}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The English templates (the tests below read their guidance in English)."""
    return _by_dataset(write_templates(None, tmp_path_factory.mktemp("templates"), language="en"))


@pytest.fixture(scope="module")
def templates_az(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Azerbaijani templates (the default language)."""
    return _by_dataset(write_templates(None, tmp_path_factory.mktemp("templates_az")))


def _list_values(workbook_path: Path, source: str) -> list[str]:
    """The values of a ``lists!$X$2:$X$n`` range (its sheet name quoted or not)."""
    sheet, cells = source.split("!")
    workbook = load_workbook(workbook_path)
    ws = workbook[sheet.strip("'")]
    return [str(row[0].value) for row in ws[cells.replace("$", "")]]


def test_one_template_per_dataset(templates: dict[str, Path]) -> None:
    assert list(templates) == list(DATASETS)
    assert all(path.exists() for path in templates.values())


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_sheets_and_header(templates: dict[str, Path], dataset: str) -> None:
    workbook = load_workbook(templates[dataset])
    assert workbook.sheetnames == ["submission", dataset, "instructions", "lists"]
    assert workbook["lists"].sheet_state == "hidden"
    ws = workbook[dataset]
    header = [cell.value for cell in ws[1]]
    assert header == list(DATASETS[dataset].to_schema().columns)
    assert ws.freeze_panes == "A2"
    specs = column_specs(dataset)
    for cell in ws[1]:
        assert cell.font.bold
        assert cell.comment is not None
        assert specs[str(cell.value)].description in cell.comment.text


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_column_formats(templates: dict[str, Path], dataset: str) -> None:
    ws = load_workbook(templates[dataset])[dataset]
    for index, spec in enumerate(column_specs(dataset).values()):
        letter = get_column_letter(index + 1)
        number_format = ws.column_dimensions[letter].number_format
        if spec.kind == "date":
            assert number_format == "yyyy-mm-dd"
        elif spec.kind in ("id", "text"):
            assert number_format == "@"


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_dropdown_for_every_coded_and_district_column(
    templates: dict[str, Path], dataset: str
) -> None:
    path = templates[dataset]
    ws: Worksheet = load_workbook(path)[dataset]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    expected = {}
    for index, spec in enumerate(column_specs(dataset).values(), start=1):
        letter = get_column_letter(index)
        if spec.kind == "district":
            expected[f"{letter}2:{letter}{LAST_DATA_ROW}"] = [d.name_az for d in DISTRICTS]
        elif spec.kind == "code":
            expected[f"{letter}2:{letter}{LAST_DATA_ROW}"] = list(spec.codes)
    assert set(rules) == set(expected)
    for sqref, values in expected.items():
        rule = rules[sqref]
        assert rule.type == "list"
        assert rule.errorStyle in ("stop", "warning")
        assert rule.error
        assert _list_values(path, str(rule.formula1)) == values


def test_district_dropdown_warns_and_codes_stop(templates: dict[str, Path]) -> None:
    ws = load_workbook(templates["land_release"])["land_release"]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules[f"D2:D{LAST_DATA_ROW}"].errorStyle == "warning"
    assert rules[f"E2:E{LAST_DATA_ROW}"].errorStyle == "stop"
    assert "cancelled, reduced, cleared" in str(rules[f"E2:E{LAST_DATA_ROW}"].error)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_instructions_cover_every_column(templates: dict[str, Path], dataset: str) -> None:
    rows = list(load_workbook(templates[dataset])["instructions"].iter_rows(values_only=True))
    assert rows[0] == INSTRUCTION_COLUMNS
    specs = column_specs(dataset)
    table = {row[0]: row for row in rows[1 : len(specs) + 1]}
    assert list(table) == list(specs)
    for name, spec in specs.items():
        _, required, _, allowed, rule, aliases = table[name]
        assert required == ("yes" if spec.required else "no")
        assert rule == spec.description
        assert (aliases or "") == ", ".join(spec.aliases)
        if spec.kind == "district":
            assert allowed == DISTRICT_ALLOWED
        elif spec.kind == "code":
            assert allowed == ", ".join(spec.codes)
    guidance = {row[0]: str(row[1]) for row in rows[len(specs) + 1 :] if row[0]}
    assert {"Dates", "Numbers", "Identifiers", "Who submits"} <= set(guidance)
    assert "03/04/2026" in guidance["Dates"]
    for agency in dataset_metadata(dataset)["agencies"]:
        assert AGENCY_BY_CODE[agency].name in guidance["Who submits"]


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_blank_sheet_reads_as_header_only(templates: dict[str, Path], dataset: str) -> None:
    sheet = CalamineWorkbook.from_path(str(templates[dataset])).get_sheet_by_name(dataset)
    assert sheet.to_python() == [list(DATASETS[dataset].to_schema().columns)]


def test_submission_sheet_blank_by_default(templates: dict[str, Path]) -> None:
    workbook = load_workbook(templates["funding"])
    ws = workbook["submission"]
    assert [(row[0].value, row[1].value) for row in ws.iter_rows()] == [
        (key, None) for key in SUBMISSION_KEYS
    ]
    assert ws["B4"].number_format == "yyyy-mm-dd"
    (choice,) = ws.data_validations.dataValidation
    assert str(choice.sqref) == "B1"
    assert choice.formula1 == '"ANAMA,MOF"'


def test_prefilled_agency_and_period(tmp_path: Path) -> None:
    (path,) = write_templates(["victim_assistance"], tmp_path, agency="MOH", period="2026q3")
    ws = load_workbook(path)["submission"]
    assert (ws["B1"].value, ws["B2"].value) == ("MOH", "2026Q3")
    assert ws["B1"].data_type == "s"


def test_agency_alone_selects_its_datasets(tmp_path: Path) -> None:
    paths = write_templates(None, tmp_path, agency="MOH")
    assert [p.name for p in paths] == [
        "sdg18_template_casualties.xlsx",
        "sdg18_template_victim_assistance.xlsx",
    ]


def test_unknown_dataset_lists_the_valid_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="land_relase") as error:
        write_templates(["land_relase"], tmp_path)
    assert all(name in str(error.value) for name in DATASETS)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("datasets", "agency", "period", "message"),
    [
        (["returns"], "ANAMA", None, "may not submit"),
        (None, "NOPE", None, "unknown agency"),
        (["returns"], None, "2026-3", "YYYYQn"),
    ],
)
def test_bad_arguments_raise(
    tmp_path: Path, datasets: list[str] | None, agency: str | None, period: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        write_templates(datasets, tmp_path, agency=agency, period=period)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_azerbaijani_template_keeps_what_the_pipeline_reads(
    templates_az: dict[str, Path], dataset: str
) -> None:
    workbook = load_workbook(templates_az[dataset])
    assert workbook.sheetnames == ["submission", dataset, "təlimat", "siyahılar"]
    assert [c.value for c in workbook[dataset][1]] == list(DATASETS[dataset].to_schema().columns)
    keys = [row[0].value for row in workbook["submission"].iter_rows()]
    assert keys == list(SUBMISSION_KEYS)
    path = templates_az[dataset]
    for rule in workbook[dataset].data_validations.dataValidation:
        assert _list_values(path, str(rule.formula1))  # the hidden lists resolve


def test_the_azerbaijani_template_guides_in_azerbaijani(templates_az: dict[str, Path]) -> None:
    path = templates_az["land_release"]
    workbook = load_workbook(path)
    rows = list(workbook["təlimat"].iter_rows(values_only=True))
    assert rows[0] == (
        "sütun",
        "məcburi",
        "növ",
        "icazə verilən dəyərlər",
        "qayda",
        "qəbul edilən alternativ başlıqlar",
    )
    guidance = {row[0]: str(row[1]) for row in rows if row[0]}
    assert "03/04/2026" in guidance["Tarixlər"]
    assert "Ərazilərin Minalardan Təmizlənməsi" in guidance["Kim təqdim edir"]
    district = next(row for row in rows if row[0] == "district")
    assert district[1:4] == ("bəli", "rayon", "rayonun adı və ya ISO kodu")
    note = workbook["submission"]["A2"].comment
    assert note is not None
    assert note.text.startswith("Hesabat rübü")
    rules = {str(dv.sqref): dv for dv in workbook["land_release"].data_validations.dataValidation}
    assert str(rules[f"E2:E{LAST_DATA_ROW}"].error).startswith("İcazə verilən dəyərlər:")
    assert english_sentences_in(path) == []


@pytest.mark.parametrize("language", ["az", "en"])
def test_every_sheet_prints_and_names_its_font(
    templates: dict[str, Path], templates_az: dict[str, Path], language: str
) -> None:
    chosen = templates_az if language == "az" else templates
    workbook = load_workbook(chosen["casualties"])
    printed = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert [p for ws in printed for p in print_problems(ws)] == []
    assert workbook["casualties"].print_title_rows == "$1:$1"
    assert unnamed_fonts(workbook) == []


@pytest.mark.parametrize(
    ("argument", "environment", "instructions"),
    [
        (["--language", "en"], None, "instructions"),
        (["--language", "az"], "en", "təlimat"),
        ([], "en", "instructions"),
        ([], None, "təlimat"),
    ],
)
def test_the_command_writes_the_language_asked_for(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argument: list[str],
    environment: str | None,
    instructions: str,
) -> None:
    if environment is None:
        monkeypatch.delenv("SDG18_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("SDG18_LANGUAGE", environment)
    assert main(["template", "eore", "--out", str(tmp_path), *argument]) == 0
    (printed,) = capsys.readouterr().out.splitlines()
    assert load_workbook(printed).sheetnames[2] == instructions
