"""The rule catalogue, generated from the dataset models.

A rule id reads ``L<level>.<dataset>.<column>.<check>`` for a column rule,
``L<level>.<dataset>.<check>`` for a rule over a whole row or sheet, and
``L0.file.<check>`` for a rule about a file. The words an agency reads —
description, message and hint — are written once, in :data:`RULE_TEXT`, keyed by
the check name; the list of rules is derived from the models, so a rule exists
in the catalogue exactly when the code checks it. Levels 2 and 3 (a source over
time, across sources) are checked by plain functions over several datasets; what
they compare is declared here (:data:`HISTORY_FIGURES`, :data:`REFERENCES`,
:func:`cross_rules`) so that the catalogue and the checks read the same list.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import pandera.pandas as pa

from schemas import DATASETS
from schemas.columns import ColumnSpec

Severity = Literal["error", "warning", "info"]


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


RULE_TEXT: dict[str, RuleText] = {
    # ---- level 0: files and sheets ------------------------------------------------
    "unreadable": RuleText(
        "The file can be opened and read",
        "The file could not be read: {detail}",
        "Save the file again from Excel as .xlsx (or as UTF-8 .csv) and resubmit it.",
    ),
    "too_large": RuleText(
        "A workbook is small enough to read safely",
        "The workbook was not read: {detail}",
        "Delete stray cells far below or right of the data (Ctrl+End in Excel shows the "
        "last cell), or split the data into several files, and resubmit.",
    ),
    "reader_failed": RuleText(
        "Reading a file stays within the memory the reader may use",
        "The file could not be read: the reader stopped ({detail}); none of its records was used",
        "The file needs far more memory to read than its data should: delete stray cells far "
        "below or right of the data (Ctrl+End in Excel shows the last cell), remove images "
        "and unused sheets, or split the data into several files, and resubmit.",
    ),
    "unsupported_type": RuleText(
        "Only .xlsx, .xlsm and .csv files are accepted",
        "The file type '{value}' is not accepted; the file was skipped",
        "Save the data as .xlsx (Excel workbook) or UTF-8 .csv and resubmit.",
    ),
    "encrypted": RuleText(
        "Workbooks are not password-protected",
        "The workbook is encrypted or password-protected and cannot be read",
        "Remove the password (File > Info > Protect Workbook) and resubmit.",
    ),
    "legacy_xls": RuleText(
        "Workbooks are .xlsx or .xlsm, not the Excel 97-2003 .xls format",
        "The file is an Excel 97-2003 workbook (.xls), which is not read",
        "Open it in Excel, choose File > Save As > 'Excel Workbook (*.xlsx)', and resubmit "
        "the .xlsx file.",
    ),
    "symlink": RuleText(
        "Files in the inbox are files, not symbolic links",
        "'{value}' is a symbolic link; links are never followed, so nothing was read",
        "Copy the file itself (not a link or shortcut to it) into the inbox.",
    ),
    "duplicate_file": RuleText(
        "A file identical to another one (same SHA-256) is processed once",
        "This file is identical to {other} and was processed once",
        "Nothing to do; send each file once.",
        "info",
    ),
    "no_dataset_sheet": RuleText(
        "A workbook holds at least one sheet named like a dataset",
        "No sheet is named like a dataset (found: {value})",
        "Name each data sheet after its dataset, e.g. 'land_release' (see the template).",
    ),
    "ignored_sheet": RuleText(
        "Sheets not named like a dataset are ignored",
        "Sheet '{value}' is not a dataset and was ignored",
        "Nothing to do if the sheet holds notes; rename it if it holds data.",
        "info",
    ),
    "csv_name": RuleText(
        "A CSV file is named <agency>__<dataset>.csv",
        "The CSV name '{value}' does not say which agency and dataset it holds",
        "Rename the file to <AGENCY>__<dataset>.csv, e.g. ANAMA__land_release.csv.",
    ),
    "csv_encoding": RuleText(
        "A CSV file is UTF-8 text",
        "The CSV file is not UTF-8 text: {detail}",
        "Save as CSV UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)', "
        "then resubmit the file.",
    ),
    "agency_unknown": RuleText(
        "The submitting agency is known",
        "The agency '{value}' is not one of the agencies that submit data",
        "Write the agency code (e.g. ANAMA, MOH) in the submission sheet, "
        "or put the file in the agency's folder.",
    ),
    "agency_mismatch": RuleText(
        "The submission sheet names the agency whose folder holds the file",
        "The {where} says agency '{value}', but the file is in {folder}'s folder; "
        "its sheets were not accepted",
        "Correct the agency in the {where}, or send the file from the agency's own folder.",
    ),
    "agency_not_allowed": RuleText(
        "An agency submits only the datasets assigned to it",
        "{value} may not submit '{dataset}'; the sheet was not accepted",
        "Check the agency in the submission sheet; this dataset comes from {allowed}.",
    ),
    "period_mismatch": RuleText(
        "The submission sheet names the run's period",
        "The submission sheet says period '{value}', but this is the {period} run",
        "Correct the period in the submission sheet, or file the workbook under its period.",
    ),
    "superseded": RuleText(
        "A later submission of the same agency, dataset and period replaces an earlier one",
        "Superseded by {other}, prepared later; this sheet was not used",
        "Nothing to do; the later file is used.",
        "info",
    ),
    "conflicting_submission": RuleText(
        "Two different files for one agency, dataset and period can be ordered by prepared_on",
        "Two different submissions of '{dataset}' ({other}) cannot be ordered; "
        "neither was accepted",
        "Send one file per dataset, or give each a different 'prepared_on' in its "
        "submission sheet.",
    ),
    "missing_column": RuleText(
        "Every required column is present",
        "Required column '{column}' is missing; the sheet was not accepted",
        "Add a column headed '{column}' (see the template's instructions sheet).",
    ),
    "unknown_column": RuleText(
        "Columns not in the contract are ignored",
        "Column '{value}' is not part of '{dataset}' and was ignored",
        "Remove the column, or rename it to one of the contract's columns.",
        "warning",
    ),
    "duplicate_column": RuleText(
        "Each column appears once",
        "Column '{column}' appears more than once; only the first is read",
        "Keep one column per field.",
        "warning",
    ),
    # ---- level 1: cells and records ----------------------------------------------
    "excel_error": RuleText(
        "No cell holds an Excel error value",
        "Cell {cell} holds the Excel error {value}",
        "Fix the formula or type the value in cell {cell}.",
    ),
    "formula_without_value": RuleText(
        "Formula cells carry their computed value",
        "Cell {cell} holds a formula with no saved result ({value})",
        "Open the file in Excel, let it recalculate, save, and resubmit "
        "(or paste the values instead of the formula).",
    ),
    "required": RuleText(
        "The value is present",
        "'{column}' is empty",
        "Fill in '{column}'; it is required.",
    ),
    "date_format": RuleText(
        "A date is an Excel date, YYYY-MM-DD or DD.MM.YYYY",
        "'{value}' in '{column}' is not a date in an accepted form",
        "Enter the date as an Excel date, or as text 2026-04-03 or 03.04.2026; "
        "forms like 03/04/2026 are ambiguous and never guessed.",
    ),
    "number_format": RuleText(
        "A number is a numeric cell or plain number text",
        "'{value}' in '{column}' is not a plain number",
        "Enter the number without thousands separators and with a decimal point "
        "(1234.5, not 1 234,5 or 1,234).",
    ),
    "integer": RuleText(
        "A count is a whole number",
        "'{value}' in '{column}' is not a whole number",
        "Enter a whole number.",
    ),
    "code": RuleText(
        "A coded value is one of the listed codes",
        "'{value}' is not a valid '{column}'",
        "Use one of: {codes}.",
    ),
    "known": RuleText(
        "A district is a known district name or ISO code",
        "District '{value}' is not known",
        "Did you mean '{suggestion}'? Use a district name from the template's list.",
    ),
    "unique": RuleText(
        "An identifier is unique within the dataset and period",
        "'{value}' appears more than once in '{column}'",
        "Give each record its own '{column}'; all its occurrences were rejected.",
    ),
    "positive": RuleText(
        "The value is greater than zero",
        "'{column}' must be greater than 0, found {value}",
        "Enter a positive value.",
    ),
    "non_negative": RuleText(
        "The value is zero or more",
        "'{column}' must not be negative, found {value}",
        "Enter 0 or a positive whole number.",
    ),
    "at_least_one": RuleText(
        "The value is at least 1",
        "'{column}' must be at least 1, found {value}",
        "Enter a whole number of 1 or more.",
    ),
    "range": RuleText(
        "The value lies within the allowed range",
        "'{column}' must lie between {min_value} and {max_value}, found {value}",
        "Enter a value between {min_value} and {max_value}, or leave it blank if unknown.",
    ),
    "inside_country": RuleText(
        "Coordinates fall inside Azerbaijan",
        "'{column}' {value} lies outside Azerbaijan",
        "Give WGS 84 decimal degrees (latitude 38.3–41.95, longitude 44.75–50.45); "
        "check that latitude and longitude are not swapped.",
    ),
    "in_period": RuleText(
        "The date lies inside the period",
        "'{column}' {value} is outside the period {period}",
        "Report the record in the period it belongs to, or correct the date.",
    ),
    "not_after_period": RuleText(
        "The date is not after the end of the period",
        "'{column}' {value} is after the end of the period {period}",
        "Correct the date; records cannot be dated in the future of the period.",
    ),
    "not_before_baseline": RuleText(
        "The date is on or after the baseline date 2020-11-10",
        "'{column}' {value} is before the baseline date 2020-11-10",
        "Only casualties since the ceasefire of 10 November 2020 are reported.",
    ),
    "late_report": RuleText(
        "A record dated before the period is a late report",
        "'{column}' {value} is before the period {period}: a late report, "
        "counted in its own period",
        "Nothing to fix if the record was indeed reported late.",
        "warning",
    ),
    "start_not_after_completion": RuleText(
        "start_date is not after completion_date",
        "start_date is after completion_date ({value})",
        "Check both dates of the task.",
        cells=("start_date", "completion_date"),
    ),
    "area_within_district": RuleText(
        "An area is not larger than its district",
        "area_m2 {value} is larger than the whole district",
        "Check the unit: area_m2 is in square metres (1 ha = 10,000 m²).",
        cells=("area_m2", "district"),
    ),
    "coordinates_paired": RuleText(
        "Latitude and longitude are given together",
        "Only one of latitude and longitude is given ({value})",
        "Give both coordinates, or neither.",
        cells=("latitude", "longitude"),
    ),
    "participants_positive": RuleText(
        "A session reached at least one person",
        "girls + boys + women + men is 0",
        "Enter the number of people the session reached.",
        cells=("girls", "boys", "women", "men"),
    ),
    "disability_within_total": RuleText(
        "Persons with disability do not exceed the persons reached",
        "persons_with_disability exceeds girls + boys + women + men ({value})",
        "Check the counts of the session.",
        cells=("persons_with_disability", "girls", "boys", "women", "men"),
    ),
    "persons_at_least_households": RuleText(
        "A return counts at least one person per household",
        "persons is smaller than households ({value})",
        "Check the counts: persons must be at least the number of households.",
        cells=("persons", "households"),
    ),
    "original_amount_with_currency": RuleText(
        "amount_original is given whenever currency is",
        "currency is given without amount_original",
        "Enter the amount in the original currency, or leave currency blank.",
        cells=("amount_original", "currency"),
    ),
    "incident_device_consistent": RuleText(
        "The persons of one incident carry the same device_type",
        "device_type differs from the incident's record with the smallest casualty_id ({value})",
        "Give every person of the incident the same device_type; until then the "
        "indicators use the one on the record with the smallest casualty_id.",
        "warning",
        cells=("device_type", "incident_id"),
    ),
    # ---- level 2: one source over time --------------------------------------------
    "reused_across_periods": RuleText(
        "A task_id accepted in an earlier period is not used again",
        "task_id '{value}' was already accepted in {other_period} ({other})",
        "A completed task is reported once. Give a new task its own task_id; to correct "
        "the earlier record, resubmit {other_period}.",
    ),
    "far_from_history": RuleText(
        "The {measure} sent for a period is at most {factor} times the mean of the "
        "source's last {window} quarters",
        "The {measure} of this submission is {value}, more than {factor} times the mean "
        "{mean} of {quarters}",
        "Check the sheet for duplicated rows or a wrong unit; if the figure is right, "
        "nothing to do.",
        "warning",
    ),
    "replaces_submission": RuleText(
        "A resubmission replaces the records accepted earlier for the same agency, "
        "dataset and period",
        "This submission replaces {count} record(s) accepted earlier for {period} from {value}",
        "Nothing to do if the new file is the corrected one.",
        "info",
    ),
    # ---- level 3: across sources ---------------------------------------------------
    "unknown": RuleText(
        "'{column}' names {target}",
        "'{value}' in '{column}' is not {target}",
        "Check '{column}' against {where}; correct it, or make sure the record it names is sent.",
        "warning",
    ),
    "mirror_mismatch": RuleText(
        "ANAMA and MOH count the same casualties per district and outcome",
        "ANAMA and MOH count different casualties for {period}: {value}",
        "Compare the two registers for this district and outcome; ANAMA's register is "
        "the official count.",
        "warning",
    ),
    "mirror_source_missing": RuleText(
        "Both ANAMA and MOH send casualties for the period, so they can be compared",
        "No casualties from {value} for {period}: the counts could not be compared",
        "{value}: send the casualties of the period, even if there were none "
        "(a sheet with its header only).",
        "warning",
    ),
    "conflicting_amounts": RuleText(
        "A funding entry reported by ANAMA and MOF has one amount",
        "Entry '{value}' has amount_azn {amount} here but {other_amount} in {other} "
        "(row {other_row}); the record was not accepted",
        "Agree the amount with {other_agency} and resubmit; the entry keeps its entry_id.",
    ),
    "reported_twice": RuleText(
        "A funding entry reported by ANAMA and MOF with one amount is counted once",
        "Entry '{value}' is also reported by {other_agency} in {other} (row {other_row}) "
        "with the same amount; it is counted once",
        "Nothing to do.",
        "info",
    ),
}

#: Rules about a file as a whole (dataset-independent), in catalogue order.
FILE_CHECKS = (
    "unreadable",
    "too_large",
    "reader_failed",
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
    "land_release": (("area_m2",), "area released (m²)"),
    "eo_items": (("quantity",), "number of items"),
    "casualties": ((), "number of casualty records"),
    "victim_assistance": ((), "number of services"),
    "eore": (("girls", "boys", "women", "men"), "number of participants"),
    "returns": (("persons",), "number of persons returned"),
    "funding": (("amount_azn",), "funding (AZN)"),
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
        "a hazard area of the latest hazard inventory",
        "ANAMA's latest hazard_areas sheet",
    ),
    ("eo_items", "task_id"): (
        "a land release task accepted in this or an earlier period",
        "the land_release sheets sent so far",
    ),
    ("victim_assistance", "survivor_id"): (
        "the casualty_id of an injured person in ANAMA's casualty register",
        "ANAMA's casualty register (ask ANAMA for the person's casualty_id)",
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


def _rule(level: int, dataset: str, check: str, column: str = "", **words: str) -> Rule:
    text = RULE_TEXT[check]

    def own(template: str) -> str:
        """The template with this rule's own dataset, column and words written in."""
        filled = template.replace("{dataset}", dataset) if dataset else template
        filled = filled.replace("{column}", column) if column else filled
        for name, word in words.items():
            filled = filled.replace("{" + name + "}", word)
        return filled

    return Rule(
        rule_id(level, dataset, check, column),
        level,
        text.severity,
        dataset,
        column,
        check,
        own(text.description),
        own(text.message),
        own(text.hint),
        text.cells,
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
