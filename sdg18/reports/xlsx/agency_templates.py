"""Blank submission workbooks, one per dataset, generated from the data contract.

Every word a template says about a column — description, allowed values, header
aliases — is read from the column's :class:`~schemas.columns.ColumnSpec`, so a
template never disagrees with the validator. Only general guidance lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from schemas import DATASETS, column_specs, dataset_metadata
from schemas.columns import ColumnSpec
from schemas.reference import AGENCY_BY_CODE, DISTRICTS, SUBMISSION_KEYS, SUBMISSION_SHEET
from sdg18.core.periods import Period
from sdg18.reports.xlsx.cells import (
    DATE_FORMAT,
    HEADER_FONT,
    TEXT_FORMAT,
    cell_at,
    fit_widths,
    put_value,
    set_text,
    style_header,
    write_paragraph,
    write_row,
)

FILE_NAME = "sdg18_template_{dataset}.xlsx"
INSTRUCTIONS_SHEET = "instructions"
LISTS_SHEET = "lists"
#: Last spreadsheet row that gets dropdowns and formats.
LAST_DATA_ROW = 5000

INSTRUCTION_COLUMNS = (
    "column",
    "required",
    "kind",
    "allowed values",
    "rule",
    "accepted header aliases",
)
KIND_TEXT = {
    "id": "identifier (text)",
    "text": "text",
    "district": "district",
    "code": "code from a list",
    "date": "date",
    "number": "number",
    "integer": "whole number",
}
DISTRICT_ALLOWED = "a district name or ISO code"
SUBMISSION_NOTES = {
    "agency": "Code of the agency submitting this workbook (choose from the list).",
    "period": "Reporting quarter, written YYYYQn, e.g. 2026Q3.",
    "prepared_by": "Name of the person who prepared the data.",
    "prepared_on": "Date the data was prepared (a later date wins over an earlier file).",
    "contact": "E-mail or telephone for questions about this submission.",
}
GENERAL_GUIDANCE = (
    (
        "Dates",
        "Enter a real Excel date, or text written YYYY-MM-DD or DD.MM.YYYY. Never write "
        "03/04/2026: day and month cannot be told apart and the value is rejected.",
    ),
    (
        "Numbers",
        "Plain numbers only: no thousands separators, a decimal point (1234.5), not a comma.",
    ),
    (
        "Identifiers",
        "Identifiers are text: 0001 stays 0001. Each must be unique in the dataset and period.",
    ),
    (
        "Headers",
        "Keep row 1 as it is. Case, spaces and hyphens in headers are ignored; the aliases "
        "above are also recognised. Extra columns are ignored with a warning.",
    ),
)
DISTRICT_ERROR = (
    "Choose a district from the list. An English name or the ISO 3166-2:AZ code "
    "(e.g. AZ-AGM) is also accepted."
)
# Excel's limits on data-validation texts.
_MAX_DV_TITLE = 32
_MAX_DV_MESSAGE = 225


def template_path(out_dir: Path, dataset: str) -> Path:
    """The path of ``dataset``'s template inside ``out_dir``."""
    return out_dir / FILE_NAME.format(dataset=dataset)


def write_templates(
    datasets: Sequence[str] | None,
    out_dir: Path,
    *,
    agency: str | None = None,
    period: str | None = None,
) -> list[Path]:
    """Write one blank workbook per dataset into ``out_dir`` and return their paths.

    ``None`` means every dataset (every dataset ``agency`` may submit, when given);
    an unknown dataset or agency, a dataset the agency may not submit, or a malformed
    period raises ``ValueError``.
    """
    names = _resolve_datasets(datasets, agency)
    period_text = str(Period.parse(period)) if period else None
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = template_path(out_dir, name)
        build_template(name, agency=agency, period=period_text).save(path)
        paths.append(path)
    return paths


def build_template(
    dataset: str, *, agency: str | None = None, period: str | None = None
) -> Workbook:
    """The blank workbook of ``dataset``: submission, data, instructions and hidden lists."""
    specs = column_specs(dataset)
    agencies: tuple[str, ...] = dataset_metadata(dataset)["agencies"]
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    submission = workbook.create_sheet(SUBMISSION_SHEET)
    _fill_submission(submission, agencies, agency, period)
    data = workbook.create_sheet(dataset)
    lists = workbook.create_sheet(LISTS_SHEET)
    _fill_data_sheet(data, lists, specs)
    lists.sheet_state = "hidden"
    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET, index=2)
    _fill_instructions(instructions, dataset, specs, agencies)
    workbook.active = workbook.sheetnames.index(dataset)
    return workbook


def allowed_values(spec: ColumnSpec) -> str:
    """What a cell of this column may hold, in words, for coded and district columns."""
    if spec.kind == "district":
        return DISTRICT_ALLOWED
    return ", ".join(spec.codes)


def _resolve_datasets(datasets: Sequence[str] | None, agency: str | None) -> list[str]:
    if agency is not None and agency not in AGENCY_BY_CODE:
        raise ValueError(f"unknown agency '{agency}'; valid: {', '.join(AGENCY_BY_CODE)}")
    if datasets is None or len(datasets) == 0:
        allowed = AGENCY_BY_CODE[agency].datasets if agency else tuple(DATASETS)
        return [name for name in DATASETS if name in allowed]
    names = [name.strip().lower() for name in datasets]
    unknown = [name for name in names if name not in DATASETS]
    if unknown:
        raise ValueError(f"unknown dataset(s): {', '.join(unknown)}; valid: {', '.join(DATASETS)}")
    if agency is not None:
        refused = [n for n in names if agency not in dataset_metadata(n)["agencies"]]
        if refused:
            raise ValueError(f"agency {agency} may not submit: {', '.join(refused)}")
    return list(dict.fromkeys(names))


def _fill_submission(
    ws: Worksheet, agencies: tuple[str, ...], agency: str | None, period: str | None
) -> None:
    values: dict[str, str | None] = {"agency": agency, "period": period}
    for row, key in enumerate(SUBMISSION_KEYS, start=1):
        set_text(cell_at(ws, row, 1), key).comment = Comment(SUBMISSION_NOTES[key], "sdg18")
        value = cell_at(ws, row, 2)
        put_value(value, values.get(key))
        value.number_format = DATE_FORMAT if key == "prepared_on" else TEXT_FORMAT
    choice = DataValidation(type="list", formula1=f'"{",".join(agencies)}"', allow_blank=True)
    _explain(choice, "agency", f"Agencies allowed to submit this dataset: {', '.join(agencies)}")
    choice.errorStyle = "stop"
    ws.add_data_validation(choice)
    choice.add(f"B{SUBMISSION_KEYS.index('agency') + 1}")
    for row in range(1, len(SUBMISSION_KEYS) + 1):
        cell_at(ws, row, 1).font = HEADER_FONT
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40


def _fill_data_sheet(ws: Worksheet, lists: Worksheet, specs: dict[str, ColumnSpec]) -> None:
    write_row(ws, 1, list(specs))
    list_column = 0
    for index, (name, spec) in enumerate(specs.items(), start=1):
        letter = get_column_letter(index)
        note = f"{spec.description}\n{'Required' if spec.required else 'Optional'}."
        cell_at(ws, 1, index).comment = Comment(note, "sdg18", width=300, height=120)
        dimension = ws.column_dimensions[letter]
        if spec.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif spec.kind in ("id", "text", "code", "district"):
            dimension.number_format = TEXT_FORMAT
        if spec.kind not in ("code", "district"):
            continue
        list_column += 1
        choices = [d.name_az for d in DISTRICTS] if spec.kind == "district" else spec.codes
        source = _write_list(lists, list_column, name, choices)
        dropdown = DataValidation(type="list", formula1=source, allow_blank=True)
        if spec.kind == "district":
            _explain(dropdown, name, DISTRICT_ERROR)
            dropdown.errorStyle = "warning"
        else:
            _explain(dropdown, name, f"Allowed values: {allowed_values(spec)}")
            dropdown.errorStyle = "stop"
        ws.add_data_validation(dropdown)
        dropdown.add(f"{letter}2:{letter}{LAST_DATA_ROW}")
    style_header(ws, autofilter=False)
    fit_widths(ws, minimum=12)


def _write_list(ws: Worksheet, column: int, name: str, choices: Sequence[str]) -> str:
    """Write ``choices`` under header ``name`` in ``column``; return the absolute range."""
    set_text(cell_at(ws, 1, column), name)
    for row, choice in enumerate(choices, start=2):
        set_text(cell_at(ws, row, column), choice)
    letter = get_column_letter(column)
    return f"{ws.title}!${letter}$2:${letter}${len(choices) + 1}"


def _explain(rule: DataValidation, column: str, message: str) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = f"Value for {column}"[:_MAX_DV_TITLE]
    rule.error = _clip(message, _MAX_DV_MESSAGE)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill_instructions(
    ws: Worksheet, dataset: str, specs: dict[str, ColumnSpec], agencies: tuple[str, ...]
) -> None:
    write_row(ws, 1, INSTRUCTION_COLUMNS)
    for row, (name, spec) in enumerate(specs.items(), start=2):
        values = (
            name,
            "yes" if spec.required else "no",
            KIND_TEXT[spec.kind],
            allowed_values(spec),
            spec.description,
            ", ".join(spec.aliases),
        )
        write_row(ws, row, values)
    row = len(specs) + 3
    metadata = dataset_metadata(dataset)
    submitters = "; ".join(f"{code} ({AGENCY_BY_CODE[code].name})" for code in agencies)
    general = (
        ("Dataset", f"{dataset}: one row is {metadata['row']}"),
        ("Who submits", submitters),
        *GENERAL_GUIDANCE,
    )
    style_header(ws, autofilter=False)
    fit_widths(ws, last_row=len(specs) + 1)
    for offset, (topic, guidance) in enumerate(general):
        set_text(cell_at(ws, row + offset, 1), topic).font = HEADER_FONT
        write_paragraph(
            ws, row + offset, guidance, first_column=2, last_column=len(INSTRUCTION_COLUMNS)
        )
