"""Blank submission workbooks, one per dataset, generated from the data contract.

Every word a template says about a column — description, allowed values, header
aliases — is read from the column's :class:`~schemas.columns.ColumnSpec`, so a
template never disagrees with the validator. Only general guidance lives here. The
guidance is in the agency's language (the descriptions from the ``validation``
catalogue, the rest from ``workbook``); what the pipeline reads — the ``submission``
sheet and its keys, the data sheet and its column names, the codes — is the same in
every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from schemas import DATASETS, column_specs, dataset_metadata
from schemas.columns import ColumnSpec
from schemas.reference import AGENCY_BY_CODE, DISTRICTS, SUBMISSION_KEYS, SUBMISSION_SHEET
from sdg18.core.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from sdg18.core.periods import Period
from sdg18.reports.xlsx.cells import (
    DATE_FORMAT,
    HEADER_FONT,
    TEXT_FORMAT,
    WRAP_WIDTH,
    cell_at,
    fit_columns,
    fit_widths,
    put_value,
    set_text,
    style_header,
    write_paragraph,
    write_row,
)
from sdg18.reports.xlsx.printing import set_up_printing
from sdg18.reports.xlsx.texts import sheet_name, workbook_words

FILE_NAME = "sdg18_template_{dataset}.xlsx"
#: Last spreadsheet row that gets dropdowns and formats.
LAST_DATA_ROW = 5000

INSTRUCTION_COLUMNS = (
    N_("column"),
    N_("required"),
    N_("kind"),
    N_("allowed values"),
    N_("rule"),
    N_("accepted header aliases"),
)
KIND_TEXT = {
    "id": N_("identifier (text)"),
    "text": N_("text"),
    "district": N_("district"),
    "code": N_("code from a list"),
    "date": N_("date"),
    "number": N_("number"),
    "integer": N_("whole number"),
}
DISTRICT_ALLOWED = N_("a district name or ISO code")
SUBMISSION_NOTES = {
    "agency": N_("Code of the agency submitting this workbook (choose from the list)."),
    "period": N_("Reporting quarter, written YYYYQn, e.g. 2026Q3."),
    "prepared_by": N_("Name of the person who prepared the data."),
    "prepared_on": N_("Date the data was prepared (a later date wins over an earlier file)."),
    "contact": N_("E-mail or telephone for questions about this submission."),
}
GENERAL_GUIDANCE = (
    (
        N_("Dates"),
        N_(
            "Enter a real Excel date, or text written YYYY-MM-DD or DD.MM.YYYY. Never write "
            "03/04/2026: day and month cannot be told apart and the value is rejected."
        ),
    ),
    (
        N_("Numbers"),
        N_("Plain numbers only: no thousands separators, a decimal point (1234.5), not a comma."),
    ),
    (
        N_("Identifiers"),
        N_("Identifiers are text: 0001 stays 0001. Each must be unique in the dataset and period."),
    ),
    (
        N_("Headers"),
        N_(
            "Keep row 1 as it is. Case, spaces and hyphens in headers are ignored; the "
            "aliases above are also recognised. Extra columns are ignored with a warning."
        ),
    ),
)
DISTRICT_ERROR = N_(
    "Choose a district from the list. An English name or the ISO 3166-2:AZ code "
    "(e.g. AZ-AGM) is also accepted."
)
# Excel's limits on data-validation texts.
_MAX_DV_TITLE = 32
_MAX_DV_MESSAGE = 225


@dataclass(frozen=True)
class Words:
    """The texts of a template in one language: its own (``workbook`` catalogue) and the
    data contract's column descriptions (``validation`` catalogue)."""

    own: Translator
    contract: Translator

    @classmethod
    def of(cls, language: str) -> Words:
        """The words of ``language``."""
        return cls(workbook_words(language), translator("validation", language))

    def gettext(self, message: str) -> str:
        """``message`` (a text of the workbook catalogue) in this language."""
        return self.own.gettext(message)


def template_path(out_dir: Path, dataset: str) -> Path:
    """The path of ``dataset``'s template inside ``out_dir``."""
    return out_dir / FILE_NAME.format(dataset=dataset)


def write_templates(
    datasets: Sequence[str] | None,
    out_dir: Path,
    *,
    agency: str | None = None,
    period: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> list[Path]:
    """Write one blank workbook per dataset into ``out_dir``, its guidance in ``language``,
    and return their paths.

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
        build_template(name, agency=agency, period=period_text, language=language).save(path)
        paths.append(path)
    return paths


def build_template(
    dataset: str,
    *,
    agency: str | None = None,
    period: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Workbook:
    """The blank workbook of ``dataset``: submission, data, instructions and hidden lists.

    The sheets the pipeline reads — ``submission`` with its keys, the data sheet named by
    the dataset with the contract's column names — are the same in every language; the
    guidance (notes, instructions, messages) is in ``language``.
    """
    words = Words.of(language)
    specs = column_specs(dataset)
    agencies: tuple[str, ...] = dataset_metadata(dataset)["agencies"]
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    submission = workbook.create_sheet(SUBMISSION_SHEET)
    _fill_submission(submission, agencies, agency, period, words)
    data = workbook.create_sheet(dataset)
    lists = workbook.create_sheet(sheet_name("lists", words.own))
    _fill_data_sheet(data, lists, specs, words)
    lists.sheet_state = "hidden"
    instructions = workbook.create_sheet(sheet_name("instructions", words.own), index=2)
    _fill_instructions(instructions, dataset, specs, agencies, words)
    for sheet in (submission, data, instructions):
        set_up_printing(sheet, words.own, title_rows=(1, 1) if sheet is not submission else None)
    workbook.properties.language = language
    workbook.active = workbook.sheetnames.index(dataset)
    return workbook


def allowed_values(spec: ColumnSpec, words: Words | None = None) -> str:
    """What a cell of this column may hold, in words, for coded and district columns."""
    if spec.kind == "district":
        return words.gettext(DISTRICT_ALLOWED) if words else DISTRICT_ALLOWED
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
    ws: Worksheet,
    agencies: tuple[str, ...],
    agency: str | None,
    period: str | None,
    words: Words,
) -> None:
    values: dict[str, str | None] = {"agency": agency, "period": period}
    for row, key in enumerate(SUBMISSION_KEYS, start=1):
        note = Comment(words.gettext(SUBMISSION_NOTES[key]), "sdg18")
        set_text(cell_at(ws, row, 1), key).comment = note
        value = cell_at(ws, row, 2)
        put_value(value, values.get(key))
        value.number_format = DATE_FORMAT if key == "prepared_on" else TEXT_FORMAT
    choice = DataValidation(type="list", formula1=f'"{",".join(agencies)}"', allow_blank=True)
    allowed = words.gettext("Agencies allowed to submit this dataset: {agencies}")
    _explain(choice, "agency", allowed.format(agencies=", ".join(agencies)), words)
    choice.errorStyle = "stop"
    ws.add_data_validation(choice)
    choice.add(f"B{SUBMISSION_KEYS.index('agency') + 1}")
    for row in range(1, len(SUBMISSION_KEYS) + 1):
        cell_at(ws, row, 1).font = HEADER_FONT
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40


def _fill_data_sheet(
    ws: Worksheet, lists: Worksheet, specs: dict[str, ColumnSpec], words: Words
) -> None:
    write_row(ws, 1, list(specs))
    list_column = 0
    for index, (name, spec) in enumerate(specs.items(), start=1):
        letter = get_column_letter(index)
        needed = words.gettext("Required.") if spec.required else words.gettext("Optional.")
        note = f"{words.contract.gettext(spec.description)}\n{needed}"
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
            _explain(dropdown, name, words.gettext(DISTRICT_ERROR), words)
            dropdown.errorStyle = "warning"
        else:
            allowed = words.gettext("Allowed values: {values}").format(values=allowed_values(spec))
            _explain(dropdown, name, allowed, words)
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
    return f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(choices) + 1}"


def _explain(rule: DataValidation, column: str, message: str, words: Words) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = words.gettext("Value for {column}").format(column=column)[:_MAX_DV_TITLE]
    rule.error = _clip(message, _MAX_DV_MESSAGE)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill_instructions(
    ws: Worksheet,
    dataset: str,
    specs: dict[str, ColumnSpec],
    agencies: tuple[str, ...],
    words: Words,
) -> None:
    write_row(ws, 1, [words.gettext(column) for column in INSTRUCTION_COLUMNS])
    for row, (name, spec) in enumerate(specs.items(), start=2):
        values = (
            name,
            words.gettext("yes") if spec.required else words.gettext("no"),
            words.gettext(KIND_TEXT[spec.kind]),
            allowed_values(spec, words),
            words.contract.gettext(spec.description),
            ", ".join(spec.aliases),
        )
        write_row(ws, row, values)
    row = len(specs) + 3
    metadata = dataset_metadata(dataset)
    english = words.own.language == "en"
    submitters = "; ".join(
        f"{code} ({AGENCY_BY_CODE[code].name if english else AGENCY_BY_CODE[code].name_az})"
        for code in agencies
    )
    one_row = words.gettext("{dataset}: one row is {row}").format(
        dataset=dataset, row=words.contract.gettext(metadata["row"])
    )
    general = (
        (words.gettext("Dataset"), one_row),
        (words.gettext("Who submits"), submitters),
        *((words.gettext(topic), words.gettext(guidance)) for topic, guidance in GENERAL_GUIDANCE),
    )
    style_header(ws, autofilter=False)
    fit_columns(ws, 1, wrap_over=WRAP_WIDTH)  # the table only: the guidance is written below
    for offset, (topic, guidance) in enumerate(general):
        label = set_text(cell_at(ws, row + offset, 1), topic)
        label.font = HEADER_FONT
        label.alignment = Alignment(vertical="top")
        write_paragraph(
            ws, row + offset, guidance, first_column=2, last_column=len(INSTRUCTION_COLUMNS)
        )
