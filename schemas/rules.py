"""The rule catalogue, generated from the dataset models.

A rule id reads ``L<level>.<dataset>.<column>.<check>`` for a column rule,
``L<level>.<dataset>.<check>`` for a rule over a whole row or sheet, and
``L0.file.<check>`` for a rule about a file. The words an agency reads —
description, message and hint — are written once, in English, in :data:`RULE_TEXT`,
keyed by the check name, and marked (:func:`schemas.words.N_`) for the ``validation``
catalogue, which holds their Azerbaijani translation; :func:`rule_texts` gives them in
a reader's language. The list of rules is derived from the models, so a rule exists
in the catalogue exactly when the code checks it. Levels 2 and 3 (a source over
time, across sources) are checked by plain functions over several datasets; what
they compare is declared here (:data:`HISTORY_FIGURES`, :data:`REFERENCES`,
:func:`cross_rules`) so that the catalogue and the checks read the same list.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import pandera.pandas as pa

from schemas import DATASETS
from schemas.columns import ColumnSpec
from schemas.words import N_

Severity = Literal["error", "warning", "info"]
#: English words to a reader's language (a catalogue's gettext; the identity for English).
Translate = Callable[[str], str]


@dataclass(frozen=True)
class RuleText:
    """The words of a rule; ``{…}`` fields are filled from the finding's context."""

    description: str
    message: str
    hint: str
    severity: Severity = "error"
    #: For a rule over a whole record: the columns it reads, the first one named in
    #: the finding, all of them highlighted in the agency's feedback.
    cells: tuple[str, ...] = ()
    #: Fields that may hold one of the code's own words (:data:`CODE_WORDS`) instead of
    #: the agency's data: that word is shown in the reader's language.
    code_words: tuple[str, ...] = ()
    #: Fields holding a figure the code computed, written ``12,345.5``: shown in the
    #: reader's number format.
    figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One entry of the rule catalogue."""

    rule_id: str
    level: int
    severity: Severity
    dataset: str
    column: str
    check: str
    description: str
    message: str
    hint: str
    cells: tuple[str, ...] = ()
    #: The words written into the rule's texts besides its dataset and column (what a
    #: level-2 figure measures, what a level-3 reference names), in English.
    words: tuple[tuple[str, str], ...] = ()


#: Words the code writes into a finding where a value or a place is named, when there is
#: no value of the agency's to quote (see :attr:`RuleText.code_words`).
# Translators: the agency of a file that names none ("The agency '(none)' is not …").
NO_AGENCY = N_("(none)")
# Translators: the sheets of a workbook that has none ("… (found: none)").
NO_SHEET = N_("none")
# Translators: the header of a column whose header cell is blank.
BLANK_HEADER = N_("(blank header)")
# Translators: where a CSV file names its agency (in agency_mismatch's {where}).
IN_FILE_NAME = N_("file name")
# Translators: where a workbook names its agency (in agency_mismatch's {where}).
IN_SUBMISSION_SHEET = N_("submission sheet")
CODE_WORDS = frozenset({NO_AGENCY, NO_SHEET, BLANK_HEADER, IN_FILE_NAME, IN_SUBMISSION_SHEET})

RULE_TEXT: dict[str, RuleText] = {
    # ---- level 0: files and sheets ------------------------------------------------
    "unreadable": RuleText(
        N_("The file can be opened and read"),
        N_("The file could not be read: {detail}"),
        N_("Save the file again from Excel as .xlsx (or as UTF-8 .csv) and resubmit it."),
    ),
    "too_large": RuleText(
        N_("A workbook is small enough to read safely"),
        N_("The workbook was not read: {detail}"),
        N_(
            "Delete stray cells far below or right of the data (Ctrl+End in Excel shows the "
            "last cell), or split the data into several files, and resubmit."
        ),
    ),
    "reader_failed": RuleText(
        N_("Reading a file stays within the memory the reader may use"),
        N_(
            "The file could not be read: the reader stopped ({detail}); "
            "none of its records was used"
        ),
        N_(
            "The file needs far more memory to read than its data should: delete stray cells far "
            "below or right of the data (Ctrl+End in Excel shows the last cell), remove images "
            "and unused sheets, or split the data into several files, and resubmit."
        ),
    ),
    "read_timeout": RuleText(
        N_("Reading a file finishes within the time a reader may take"),
        N_(
            "The file could not be read: the reader had not finished after {seconds} seconds; "
            "none of its records was used"
        ),
        N_(
            "A file this slow to read usually holds far more cells than its data: delete stray "
            "cells far below or right of the data (Ctrl+End in Excel shows the last cell), "
            "remove images and unused sheets, or split the data into several files, and "
            "resubmit."
        ),
    ),
    "unsupported_type": RuleText(
        N_("Only .xlsx, .xlsm and .csv files are accepted"),
        N_("The file type '{value}' is not accepted; the file was skipped"),
        N_("Save the data as .xlsx (Excel workbook) or UTF-8 .csv and resubmit."),
    ),
    "encrypted": RuleText(
        N_("Workbooks are not password-protected"),
        N_("The workbook is encrypted or password-protected and cannot be read"),
        N_("Remove the password (File > Info > Protect Workbook) and resubmit."),
    ),
    "legacy_xls": RuleText(
        N_("Workbooks are .xlsx or .xlsm, not the Excel 97-2003 .xls format"),
        N_("The file is an Excel 97-2003 workbook (.xls), which is not read"),
        N_(
            "Open it in Excel, choose File > Save As > 'Excel Workbook (*.xlsx)', and resubmit "
            "the .xlsx file."
        ),
    ),
    "symlink": RuleText(
        N_("Files in the inbox are files, not symbolic links"),
        N_("'{value}' is a symbolic link; links are never followed, so nothing was read"),
        N_("Copy the file itself (not a link or shortcut to it) into the inbox."),
    ),
    "duplicate_file": RuleText(
        N_("A file identical to another one (same SHA-256) is processed once"),
        N_("This file is identical to {other} and was processed once"),
        N_("Nothing to do; send each file once."),
        "info",
    ),
    "no_dataset_sheet": RuleText(
        N_("A workbook holds at least one sheet named like a dataset"),
        N_("No sheet is named like a dataset (found: {value})"),
        N_("Name each data sheet after its dataset, e.g. 'land_release' (see the template)."),
        code_words=("value",),
    ),
    "ignored_sheet": RuleText(
        N_("Sheets not named like a dataset are ignored"),
        N_("Sheet '{value}' is not a dataset and was ignored"),
        N_("Nothing to do if the sheet holds notes; rename it if it holds data."),
        "info",
    ),
    "csv_name": RuleText(
        N_("A CSV file is named <agency>__<dataset>.csv"),
        N_("The CSV name '{value}' does not say which agency and dataset it holds"),
        N_("Rename the file to <AGENCY>__<dataset>.csv, e.g. ANAMA__land_release.csv."),
    ),
    "csv_encoding": RuleText(
        N_("A CSV file is UTF-8 text"),
        N_("The CSV file is not UTF-8 text: {detail}"),
        N_(
            "Save as CSV UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)', "
            "then resubmit the file."
        ),
    ),
    "agency_unknown": RuleText(
        N_("The submitting agency is known"),
        N_("The agency '{value}' is not one of the agencies that submit data"),
        N_(
            "Write the agency code (e.g. ANAMA, MOH) in the submission sheet, "
            "or put the file in the agency's folder."
        ),
        code_words=("value",),
    ),
    "agency_mismatch": RuleText(
        N_("The submission sheet names the agency whose folder holds the file"),
        N_(
            "The {where} says agency '{value}', but the file is in {folder}'s folder; "
            "its sheets were not accepted"
        ),
        N_("Correct the agency in the {where}, or send the file from the agency's own folder."),
        code_words=("where",),
    ),
    "agency_not_allowed": RuleText(
        N_("An agency submits only the datasets assigned to it"),
        N_("{value} may not submit '{dataset}'; the sheet was not accepted"),
        N_("Check the agency in the submission sheet; this dataset comes from {allowed}."),
    ),
    "period_mismatch": RuleText(
        N_("The submission sheet names the run's period"),
        N_("The submission sheet says period '{value}', but this is the {period} run"),
        N_("Correct the period in the submission sheet, or file the workbook under its period."),
    ),
    "superseded": RuleText(
        N_("A later submission of the same agency, dataset and period replaces an earlier one"),
        N_("Superseded by {other}, prepared later; this sheet was not used"),
        N_("Nothing to do; the later file is used."),
        "info",
    ),
    "conflicting_submission": RuleText(
        N_("Two different files for one agency, dataset and period can be ordered by prepared_on"),
        N_(
            "Two different submissions of '{dataset}' ({other}) cannot be ordered; "
            "neither was accepted"
        ),
        N_(
            "Send one file per dataset, or give each a different 'prepared_on' in its "
            "submission sheet."
        ),
    ),
    "missing_column": RuleText(
        N_("Every required column is present"),
        N_("Required column '{column}' is missing; the sheet was not accepted"),
        N_("Add a column headed '{column}' (see the template's instructions sheet)."),
    ),
    "unknown_column": RuleText(
        N_("Columns not in the contract are ignored"),
        N_("Column '{value}' is not part of '{dataset}' and was ignored"),
        N_("Remove the column, or rename it to one of the contract's columns."),
        "warning",
        code_words=("value",),
    ),
    "duplicate_column": RuleText(
        N_("Each column appears once"),
        N_("Column '{column}' appears more than once; only the first is read"),
        N_("Keep one column per field."),
        "warning",
    ),
    # ---- level 1: cells and records ----------------------------------------------
    "excel_error": RuleText(
        N_("No cell holds an Excel error value"),
        N_("Cell {cell} holds the Excel error {value}"),
        N_("Fix the formula or type the value in cell {cell}."),
    ),
    "formula_without_value": RuleText(
        N_("Formula cells carry their computed value"),
        N_("Cell {cell} holds a formula with no saved result ({value})"),
        N_(
            "Open the file in Excel, let it recalculate, save, and resubmit "
            "(or paste the values instead of the formula)."
        ),
    ),
    "required": RuleText(
        N_("The value is present"),
        N_("'{column}' is empty"),
        N_("Fill in '{column}'; it is required."),
    ),
    "date_format": RuleText(
        N_("A date is an Excel date, YYYY-MM-DD or DD.MM.YYYY"),
        N_("'{value}' in '{column}' is not a date in an accepted form"),
        N_(
            "Enter the date as an Excel date, or as text 2026-04-03 or 03.04.2026; "
            "forms like 03/04/2026 are ambiguous and never guessed."
        ),
    ),
    "number_format": RuleText(
        N_("A number is a numeric cell or plain number text"),
        N_("'{value}' in '{column}' is not a plain number"),
        N_(
            "Enter the number without thousands separators and with a decimal point "
            "(1234.5, not 1 234,5 or 1,234)."
        ),
    ),
    "integer": RuleText(
        N_("A count is a whole number"),
        N_("'{value}' in '{column}' is not a whole number"),
        N_("Enter a whole number."),
    ),
    "code": RuleText(
        N_("A coded value is one of the listed codes"),
        N_("'{value}' is not a valid '{column}'"),
        N_("Use one of: {codes}."),
    ),
    "known": RuleText(
        N_("A district is a known district name or ISO code"),
        N_("District '{value}' is not known"),
        N_("Did you mean '{suggestion}'? Use a district name from the template's list."),
    ),
    "unique": RuleText(
        N_("An identifier is unique within the dataset and period"),
        N_("'{value}' appears more than once in '{column}'"),
        N_("Give each record its own '{column}'; all its occurrences were rejected."),
    ),
    "positive": RuleText(
        N_("The value is greater than zero"),
        N_("'{column}' must be greater than 0, found {value}"),
        N_("Enter a positive value."),
    ),
    "non_negative": RuleText(
        N_("The value is zero or more"),
        N_("'{column}' must not be negative, found {value}"),
        N_("Enter 0 or a positive whole number."),
    ),
    "at_least_one": RuleText(
        N_("The value is at least 1"),
        N_("'{column}' must be at least 1, found {value}"),
        N_("Enter a whole number of 1 or more."),
    ),
    "range": RuleText(
        N_("The value lies within the allowed range"),
        N_("'{column}' must lie between {min_value} and {max_value}, found {value}"),
        N_("Enter a value between {min_value} and {max_value}, or leave it blank if unknown."),
    ),
    "inside_country": RuleText(
        N_("Coordinates fall inside Azerbaijan"),
        N_("'{column}' {value} lies outside Azerbaijan"),
        N_(
            "Give WGS 84 decimal degrees (latitude 38.3–41.95, longitude 44.75–50.45); "
            "check that latitude and longitude are not swapped."
        ),
    ),
    "in_period": RuleText(
        N_("The date lies inside the period"),
        N_("'{column}' {value} is outside the period {period}"),
        N_("Report the record in the period it belongs to, or correct the date."),
    ),
    "not_after_period": RuleText(
        N_("The date is not after the end of the period"),
        N_("'{column}' {value} is after the end of the period {period}"),
        N_("Correct the date; records cannot be dated in the future of the period."),
    ),
    "not_before_baseline": RuleText(
        N_("The date is on or after the baseline date 2020-11-10"),
        N_("'{column}' {value} is before the baseline date 2020-11-10"),
        N_("Only casualties since the ceasefire of 10 November 2020 are reported."),
    ),
    "late_report": RuleText(
        N_("A record dated before the period is a late report"),
        N_(
            "'{column}' {value} is before the period {period}: a late report, "
            "counted in its own period"
        ),
        N_("Nothing to fix if the record was indeed reported late."),
        "warning",
    ),
    "start_not_after_completion": RuleText(
        N_("start_date is not after completion_date"),
        N_("start_date is after completion_date ({value})"),
        N_("Check both dates of the task."),
        cells=("start_date", "completion_date"),
    ),
    "area_within_district": RuleText(
        N_("An area is not larger than its district"),
        N_("area_m2 {value} is larger than the whole district"),
        N_("Check the unit: area_m2 is in square metres (1 ha = 10,000 m²)."),
        cells=("area_m2", "district"),
    ),
    "coordinates_paired": RuleText(
        N_("Latitude and longitude are given together"),
        N_("Only one of latitude and longitude is given ({value})"),
        N_("Give both coordinates, or neither."),
        cells=("latitude", "longitude"),
    ),
    "participants_positive": RuleText(
        N_("A session reached at least one person"),
        N_("girls + boys + women + men is 0"),
        N_("Enter the number of people the session reached."),
        cells=("girls", "boys", "women", "men"),
    ),
    "disability_within_total": RuleText(
        N_("Persons with disability do not exceed the persons reached"),
        N_("persons_with_disability exceeds girls + boys + women + men ({value})"),
        N_("Check the counts of the session."),
        cells=("persons_with_disability", "girls", "boys", "women", "men"),
    ),
    "persons_at_least_households": RuleText(
        N_("A return counts at least one person per household"),
        N_("persons is smaller than households ({value})"),
        N_("Check the counts: persons must be at least the number of households."),
        cells=("persons", "households"),
    ),
    "original_amount_with_currency": RuleText(
        N_("amount_original is given whenever currency is"),
        N_("currency is given without amount_original"),
        N_("Enter the amount in the original currency, or leave currency blank."),
        cells=("amount_original", "currency"),
    ),
    "incident_device_consistent": RuleText(
        N_("The persons of one incident carry the same device_type"),
        N_(
            "device_type differs from the incident's record with the smallest casualty_id ({value})"
        ),
        N_(
            "Give every person of the incident the same device_type; until then the "
            "indicators use the one on the record with the smallest casualty_id."
        ),
        "warning",
        cells=("device_type", "incident_id"),
    ),
    # ---- level 2: one source over time --------------------------------------------
    "reused_across_periods": RuleText(
        N_("A task_id accepted in an earlier period is not used again"),
        N_("task_id '{value}' was already accepted in {other_period} ({other})"),
        N_(
            "A completed task is reported once. Give a new task its own task_id; to correct "
            "the earlier record, resubmit {other_period}."
        ),
    ),
    "far_from_history": RuleText(
        N_(
            "The {measure} sent for a period is at most {factor} times the mean of the "
            "source's last {window} quarters"
        ),
        N_(
            "The {measure} of this submission is {value}, more than {factor} times the mean "
            "{mean} of {quarters}"
        ),
        N_(
            "Check the sheet for duplicated rows or a wrong unit; if the figure is right, "
            "nothing to do."
        ),
        "warning",
        figures=("value", "mean"),
    ),
    "replaces_submission": RuleText(
        N_(
            "A resubmission replaces the records accepted earlier for the same agency, "
            "dataset and period"
        ),
        N_("This submission replaces {count} record(s) accepted earlier for {period} from {value}"),
        N_("Nothing to do if the new file is the corrected one."),
        "info",
    ),
    # ---- level 3: across sources ---------------------------------------------------
    "unknown": RuleText(
        N_("'{column}' names {target}"),
        N_("'{value}' in '{column}' is not {target}"),
        N_(
            "Check '{column}' against {where}; correct it, "
            "or make sure the record it names is sent."
        ),
        "warning",
    ),
    "mirror_mismatch": RuleText(
        N_("ANAMA and MOH count the same casualties per district and outcome"),
        N_("ANAMA and MOH count different casualties for {period}: {value}"),
        N_(
            "Compare the two registers for this district and outcome; ANAMA's register is "
            "the official count."
        ),
        "warning",
    ),
    "mirror_source_missing": RuleText(
        N_("Both ANAMA and MOH send casualties for the period, so they can be compared"),
        N_("No casualties from {value} for {period}: the counts could not be compared"),
        N_(
            "{value}: send the casualties of the period, even if there were none "
            "(a sheet with its header only)."
        ),
        "warning",
    ),
    "conflicting_amounts": RuleText(
        N_("A funding entry reported by ANAMA and MOF has one amount"),
        N_(
            "Entry '{value}' has amount_azn {amount} here but {other_amount} in {other} "
            "(row {other_row}); the record was not accepted"
        ),
        N_("Agree the amount with {other_agency} and resubmit; the entry keeps its entry_id."),
        figures=("amount", "other_amount"),
    ),
    "reported_twice": RuleText(
        N_("A funding entry reported by ANAMA and MOF with one amount is counted once"),
        N_(
            "Entry '{value}' is also reported by {other_agency} in {other} (row {other_row}) "
            "with the same amount; it is counted once"
        ),
        N_("Nothing to do."),
        "info",
    ),
}

#: Rules about a file as a whole (dataset-independent), in catalogue order.
FILE_CHECKS = (
    "unreadable",
    "too_large",
    "reader_failed",
    "read_timeout",
    "unsupported_type",
    "symlink",
    "encrypted",
    "legacy_xls",
    "duplicate_file",
    "no_dataset_sheet",
    "ignored_sheet",
    "csv_name",
    "csv_encoding",
    "agency_unknown",
    "agency_mismatch",
)
#: Rules about one dataset sheet of a file.
SHEET_CHECKS = (
    "agency_not_allowed",
    "period_mismatch",
    "superseded",
    "conflicting_submission",
    "missing_column",
    "unknown_column",
    "duplicate_column",
)
#: Rules about single cells of a dataset sheet, whatever the column.
CELL_CHECKS = ("excel_error", "formula_without_value")
KIND_CHECKS: dict[str, tuple[str, ...]] = {
    "date": ("date_format",),
    "number": ("number_format",),
    "integer": ("number_format", "integer"),
}

#: Level 2, figures compared with the source's own history: dataset → (columns
#: summed per record, none for a count of records; what the figure is).
HISTORY_FIGURES: dict[str, tuple[tuple[str, ...], str]] = {
    "land_release": (("area_m2",), N_("area released (m²)")),
    "eo_items": (("quantity",), N_("number of items")),
    "casualties": ((), N_("number of casualty records")),
    "victim_assistance": ((), N_("number of services")),
    "eore": (("girls", "boys", "women", "men"), N_("number of participants")),
    "returns": (("persons",), N_("number of persons returned")),
    "funding": (("amount_azn",), N_("funding (AZN)")),
}
#: A figure above this multiple of the mean of the source's last quarters is a warning,
HISTORY_FACTOR = 3
#: over this many quarters before the period,
HISTORY_WINDOW = 4
#: of which at least this many must have been accepted.
HISTORY_MIN_QUARTERS = 2

#: Level 3, references to another dataset: (dataset, column) → (what the value must
#: name, where the agency can check it).
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("land_release", "hazard_id"): (
        N_("a hazard area of the latest hazard inventory"),
        N_("ANAMA's latest hazard_areas sheet"),
    ),
    ("eo_items", "task_id"): (
        N_("a land release task accepted in this or an earlier period"),
        N_("the land_release sheets sent so far"),
    ),
    ("victim_assistance", "survivor_id"): (
        N_("the casualty_id of an injured person in ANAMA's casualty register"),
        N_("ANAMA's casualty register (ask ANAMA for the person's casualty_id)"),
    ),
}


def cross_rules(dataset: str) -> list[tuple[int, str, str, dict[str, str]]]:
    """Level-2 and level-3 rules of a dataset: (level, check, column, words of the rule)."""
    rules: list[tuple[int, str, str, dict[str, str]]] = []
    if dataset == "land_release":
        rules.append((2, "reused_across_periods", "task_id", {}))
    if dataset in HISTORY_FIGURES:
        words = {
            "measure": HISTORY_FIGURES[dataset][1],
            "factor": str(HISTORY_FACTOR),
            "window": str(HISTORY_WINDOW),
        }
        rules.append((2, "far_from_history", "", words))
    rules.append((2, "replaces_submission", "", {}))
    for (referring, column), (target, where) in REFERENCES.items():
        if referring == dataset:
            rules.append((3, "unknown", column, {"target": target, "where": where}))
    if dataset == "casualties":
        rules += [(3, "mirror_mismatch", "", {}), (3, "mirror_source_missing", "", {})]
    if dataset == "funding":
        rules += [(3, "conflicting_amounts", "entry_id", {}), (3, "reported_twice", "entry_id", {})]
    return rules


def check_key(check: pa.Check) -> str:
    """The RULE_TEXT key of a pandera check: built-in checks get a contract name."""
    stats = check.statistics or {}
    if check.name == "isin":
        return "known" if "AZ-AGM" in stats.get("allowed_values", ()) else "code"
    if check.name == "greater_than" and stats.get("min_value") == 0:
        return "positive"
    if check.name == "greater_than_or_equal_to":
        return {0: "non_negative", 1: "at_least_one"}[stats["min_value"]]
    if check.name == "in_range":
        return "range"
    return str(check.name)


def rule_id(level: int, dataset: str, check: str, column: str = "") -> str:
    """The stable id of a rule."""
    parts = [f"L{level}", dataset or "file", *([column] if column else []), check]
    return ".".join(parts)


def _same(text: str) -> str:
    return text


def _own(template: str, dataset: str, column: str, words: dict[str, str]) -> str:
    """``template`` with a rule's own dataset, column and words written in."""
    filled = template.replace("{dataset}", dataset) if dataset else template
    filled = filled.replace("{column}", column) if column else filled
    for name, word in words.items():
        filled = filled.replace("{" + name + "}", word)
    return filled


def rule_texts(rule: Rule, translate: Translate = _same) -> RuleText:
    """The words of ``rule`` in the language of ``translate``: its :data:`RULE_TEXT` and
    its own words passed through ``translate``, then its dataset, column and words written
    in, as in the catalogue; the fields a finding fills stay ``{…}``. With the identity
    (the default) these are exactly the rule's English description, message and hint."""
    text = RULE_TEXT[rule.check]
    words = {name: translate(word) for name, word in rule.words}

    def own(template: str) -> str:
        return _own(translate(template), rule.dataset, rule.column, words)

    return replace(
        text,
        description=own(text.description),
        message=own(text.message),
        hint=own(text.hint),
    )


def _rule(level: int, dataset: str, check: str, column: str = "", **words: str) -> Rule:
    text = RULE_TEXT[check]
    return Rule(
        rule_id(level, dataset, check, column),
        level,
        text.severity,
        dataset,
        column,
        check,
        _own(text.description, dataset, column, words),
        _own(text.message, dataset, column, words),
        _own(text.hint, dataset, column, words),
        text.cells,
        tuple(words.items()),
    )


def column_checks(dataset: str) -> dict[str, tuple[str, ...]]:
    """Check keys per column of a dataset, in the order they are applied."""
    schema = DATASETS[dataset].to_schema()
    result: dict[str, tuple[str, ...]] = {}
    for name, column in schema.columns.items():
        spec: ColumnSpec = column.metadata["sdg18"]
        keys = (["required"] if spec.required else []) + list(KIND_CHECKS.get(spec.kind, ()))
        keys += [check_key(c) for c in column.checks]
        result[name] = tuple(keys)
    return result


@cache
def catalogue() -> tuple[Rule, ...]:
    """Every rule the code checks, file rules first, then dataset by dataset (levels 0 to 3)."""
    rules = [_rule(0, "", check) for check in FILE_CHECKS]
    for dataset, model in DATASETS.items():
        rules += [_rule(0, dataset, check) for check in SHEET_CHECKS]
        rules += [_rule(1, dataset, check) for check in CELL_CHECKS]
        for column, keys in column_checks(dataset).items():
            rules += [_rule(1, dataset, key, column) for key in keys]
        rules += [_rule(1, dataset, check_key(c)) for c in model.to_schema().checks]
        rules += [_rule(lvl, dataset, chk, col, **w) for lvl, chk, col, w in cross_rules(dataset)]
    return tuple(rules)


@cache
def rules_by_id() -> dict[str, Rule]:
    """The catalogue keyed by rule id."""
    return {rule.rule_id: rule for rule in catalogue()}


# ---- references to rules, checked when the module that holds them is imported ------


class UnknownRuleError(KeyError):
    """A rule id, or a check, that the rule catalogue does not have.

    A ``KeyError`` (the catalogue is looked up by id) whose text is a plain sentence
    naming what was asked for and the nearest ids or checks that do exist.
    """

    def __init__(self, asked: str, known: Iterable[str], what: str = "rule") -> None:
        near = difflib.get_close_matches(asked, list(known), n=3, cutoff=0.6)
        message = f"the rule catalogue has no {what} '{asked}'"
        if near:
            message += "; did you mean " + " or ".join(f"'{name}'" for name in near) + "?"
        super().__init__(message)
        self.asked = asked
        self.message = message

    def __str__(self) -> str:
        """The sentence itself (a plain KeyError would show its repr)."""
        return self.message


def rule_of(rule_id: str) -> Rule:
    """The catalogue's rule ``rule_id``; :class:`UnknownRuleError` if there is none."""
    rules = rules_by_id()
    try:
        return rules[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id, rules) from None


def _declared(level: int, dataset: str, check: str, column: str) -> bool | None:
    """Whether the catalogue has this rule, read from the lists it is built from (cheap:
    no model is turned into a schema); None when only the models can tell (a level-1
    rule of a column or of a whole record)."""
    if not dataset:
        return level == 0 and not column and check in FILE_CHECKS
    if dataset not in DATASETS:
        return False
    if level == 0:
        return not column and check in SHEET_CHECKS
    if level in (2, 3):
        return any(
            (lvl, chk, col) == (level, check, column) for lvl, chk, col, _ in cross_rules(dataset)
        )
    if level == 1 and not column and check in CELL_CHECKS:
        return True
    return None


def has_rule(level: int, dataset: str, check: str, column: str = "") -> bool:
    """Whether the catalogue holds the rule ``rule_id(level, dataset, check, column)``."""
    declared = _declared(level, dataset, check, column)
    if declared is None:
        return rule_id(level, dataset, check, column) in rules_by_id()
    return declared


def known_rule(level: int, dataset: str, check: str, column: str = "") -> str:
    """The id of a rule the catalogue holds; :class:`UnknownRuleError` otherwise.

    Called at module level (``REUSED_TASK = known_rule(2, "land_release", …)``), a
    misspelt check or column stops the import instead of a run.
    """
    found = rule_id(level, dataset, check, column)
    if not has_rule(level, dataset, check, column):
        raise UnknownRuleError(found, rules_by_id())
    return found


def file_rule(check: str) -> str:
    """The id ``L0.file.<check>`` of a rule about a whole file; :class:`UnknownRuleError`
    unless ``check`` is one of :data:`FILE_CHECKS`."""
    if check not in FILE_CHECKS:
        raise UnknownRuleError(check, FILE_CHECKS, "file check")
    return rule_id(0, "", check)


@dataclass(frozen=True)
class SheetRule:
    """A rule that every dataset (or some) has under the same check: ``L0.<dataset>.<check>``
    for a level-0 sheet rule, or the same check at level 1, 2 or 3.

    The check is verified when the reference is made (at import, as a module constant);
    :meth:`of` names the rule of one dataset, verifying that the dataset has it.
    """

    check: str
    level: int = 0
    column: str = ""

    def __post_init__(self) -> None:
        """Refuse a check that no dataset's rule at this level has."""
        if not any(has_rule(self.level, d, self.check, self.column) for d in DATASETS):
            known = SHEET_CHECKS if self.level == 0 else RULE_TEXT
            raise UnknownRuleError(self.check, known, f"level-{self.level} dataset check")

    def of(self, dataset: str) -> str:
        """The id of this rule for ``dataset``; :class:`UnknownRuleError` if it has none."""
        return known_rule(self.level, dataset, self.check, self.column)


def sheet_rule(check: str, level: int = 0, column: str = "") -> SheetRule:
    """A reference to the rule ``check`` of each dataset (see :class:`SheetRule`)."""
    return SheetRule(check, level, column)
