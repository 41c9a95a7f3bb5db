"""Deliberate errors: which problems can be injected where, and how each is written.

Each injected problem is meant to give exactly one finding, of the rule named
here; the records other datasets refer to are never touched, so a problem never
spreads to a second finding elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from schemas.reference import BASELINE_DATE
from schemas.rules import column_checks, known_rule, sheet_rule
from sdg18.core.periods import Period
from sdg18.synthetic.draws import choose, random_day
from sdg18.synthetic.forms import number_text
from sdg18.synthetic.geography import misspell
from sdg18.synthetic.tables import Record, Value, as_date, as_number


@dataclass(frozen=True)
class InjectedError:
    """One deliberate problem, located as the agency sees it in its file."""

    period: str
    file: str
    sheet: str
    row: int
    column: str
    rule_id: str
    severity: str
    kind: str
    value: str


@dataclass(frozen=True)
class Injection:
    """A problem placed in a table's record, before its file position is known."""

    index: int
    column: str
    kind: str
    rule_id: str
    cell: Value


#: (kind, column) pairs that can be injected into each dataset.
TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "hazard_areas": (
        ("misspelled_district", "district"), ("ambiguous_date", "recorded_date"),
        ("decimal_comma", "area_m2"), ("thousands_separator", "area_m2"),
        ("negative_area", "area_m2"), ("unknown_code", "contamination"),
        ("date_after_period", "recorded_date"), ("excel_error_cell", "area_m2"),
        ("unknown_code", "hazard_class"),
    ),
    "land_release": (
        ("misspelled_district", "district"), ("ambiguous_date", "completion_date"),
        ("decimal_comma", "area_m2"), ("thousands_separator", "area_m2"),
        ("negative_area", "area_m2"), ("unknown_code", "method"),
        ("date_after_period", "completion_date"), ("missing_value", "operator"),
        ("excel_error_cell", "area_m2"), ("start_after_completion", "start_date"),
        ("ambiguous_date", "start_date"), ("unknown_code", "end_use"),
    ),
    "eo_items": (
        ("misspelled_district", "district"), ("ambiguous_date", "found_date"),
        ("thousands_separator", "quantity"), ("unknown_code", "item_type"),
        ("date_after_period", "found_date"), ("excel_error_cell", "quantity"),
    ),
    "casualties": (("late_report", "incident_date"),),
    "victim_assistance": (
        ("ambiguous_date", "service_date"), ("unknown_code", "service_type"),
        ("missing_value", "provider"), ("date_after_period", "service_date"),
    ),
    "eore": (
        ("misspelled_district", "district"), ("ambiguous_date", "session_date"),
        ("thousands_separator", "girls"), ("unknown_code", "delivery"),
        ("date_after_period", "session_date"), ("missing_value", "settlement"),
        ("excel_error_cell", "women"), ("missing_value", "provider"),
        ("thousands_separator", "men"), ("excel_error_cell", "persons_with_disability"),
    ),
    "returns": (
        ("misspelled_district", "district"), ("ambiguous_date", "return_date"),
        ("thousands_separator", "persons"), ("date_after_period", "return_date"),
        ("missing_value", "settlement"), ("persons_below_households", "persons"),
        ("thousands_separator", "households"),
    ),
    "funding": (
        ("ambiguous_date", "received_date"), ("decimal_comma", "amount_azn"),
        ("thousands_separator", "amount_azn"), ("unknown_code", "source_type"),
        ("date_after_period", "received_date"), ("missing_value", "donor"),
        ("excel_error_cell", "amount_azn"),
    ),
}  # fmt: skip
#: Only ANAMA's casualty register gets late reports; MOH's copy stays clean.
AGENCY_ONLY = {"casualties": "ANAMA"}
XLSX_ONLY = frozenset({"excel_error_cell"})
BAD_CODES = {
    "hazard_class": "suspected",
    "contamination": "MINES",
    "method": "demined",
    "end_use": "farming",
    "item_type": "GRENADE",
    "service_type": "surgery",
    "delivery": "radio",
    "source_type": "loan",
}
EXCEL_ERRORS = ("#N/A", "#REF!", "#DIV/0!", "#VALUE!")
_CHECK_OF_KIND = {
    "misspelled_district": "known",
    "ambiguous_date": "date_format",
    "decimal_comma": "number_format",
    "thousands_separator": "number_format",
    "negative_area": "positive",
    "unknown_code": "code",
    "missing_value": "required",
    "late_report": "late_report",
}


#: The level-1 rules of whole records and cells injected here (checked at import).
EXCEL_ERROR = sheet_rule("excel_error", level=1)
PERSONS_AT_LEAST_HOUSEHOLDS = sheet_rule("persons_at_least_households", level=1)
START_NOT_AFTER_COMPLETION = sheet_rule("start_not_after_completion", level=1)


def rule_for(kind: str, dataset: str, column: str) -> str:
    """The catalogue rule an injected ``kind`` breaks; UnknownRuleError (a KeyError) if the
    catalogue lacks it."""
    if kind == "excel_error_cell":
        return EXCEL_ERROR.of(dataset)
    if kind == "persons_below_households":
        return PERSONS_AT_LEAST_HOUSEHOLDS.of(dataset)
    if kind == "start_after_completion":
        return START_NOT_AFTER_COMPLETION.of(dataset)
    if kind == "date_after_period":
        in_period = "in_period" in column_checks(dataset)[column]
        return known_rule(1, dataset, "in_period" if in_period else "not_after_period", column)
    return known_rule(1, dataset, _CHECK_OF_KIND[kind], column)


def cell_text(cell: Value) -> str:
    """A written cell as text: dates in ISO form, numbers plain, blank as ''."""
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int | float):
        return number_text(cell)
    return str(cell)


def _date_cell(rng: np.random.Generator, day: dt.date, csv: bool) -> Value:
    return day if not csv and rng.random() < 0.5 else day.isoformat()


def _number_cell(value: float | int, csv: bool) -> Value:
    return number_text(value) if csv else value


Injector = Callable[[np.random.Generator, Record, str, Period, bool], Value]


def _misspelled_district(
    rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool
) -> Value:
    """A district name with one letter doubled, dropped or swapped; it matches no district."""
    return misspell(rng, str(r[c]))


def _ambiguous_date(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """The same day written DD/MM/YYYY, a form the contract refuses."""
    return as_date(r[c]).strftime("%d/%m/%Y")


def _decimal_comma(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """The same number with a decimal comma (``1234,5``)."""
    return f"{as_number(r[c]):.{2 if c == 'amount_azn' else 1}f}".replace(".", ",")


def _thousands(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """A whole number of at least 1000 with a space or comma between thousands."""
    whole = round(as_number(r[c]))
    if whole < 1000:
        whole += 1000 * int(rng.integers(1, 10))
    return f"{whole:,}".replace(",", " " if rng.random() < 0.5 else ",")


def _negative(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """The area with its sign flipped."""
    return _number_cell(-as_number(r[c]), csv)


def _unknown_code(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """A plausible word that is not one of the column's codes."""
    return BAD_CODES[c]


def _after_period(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """A day 1 to 45 days after the period (the record is moved too)."""
    r[c] = p.end + dt.timedelta(days=int(rng.integers(1, 46)))
    return _date_cell(rng, as_date(r[c]), csv)


def _missing(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """A blank cell."""
    return "" if csv else None


def _excel_error(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """One of Excel's error values, written as an error cell."""
    return choose(rng, EXCEL_ERRORS)


def _persons_below(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """Fewer persons than households (both kept at least 1)."""
    households = int(as_number(r["households"]))
    if households < 2:
        households = int(rng.integers(2, 6))
        r["households"] = households
    r["persons"] = int(rng.integers(max(1, households // 3), households))
    return _number_cell(int(as_number(r["persons"])), csv)


def _start_after(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """A start day after the completion day, both inside the period."""
    completion = as_date(r["completion_date"])
    if (p.end - completion).days < 2:
        completion = random_day(rng, p.start, p.end - dt.timedelta(days=2))
    room = min(30, (p.end - completion).days)
    r["completion_date"] = completion
    r["start_date"] = completion + dt.timedelta(days=int(rng.integers(1, room + 1)))
    return _date_cell(rng, as_date(r["start_date"]), csv)


def _late_report(rng: np.random.Generator, r: Record, c: str, p: Period, csv: bool) -> Value:
    """An incident day in the year before the period, never before the baseline."""
    last = p.start - dt.timedelta(days=1)
    r[c] = random_day(rng, max(BASELINE_DATE, p.start - dt.timedelta(days=365)), last)
    return _date_cell(rng, as_date(r[c]), csv)


INJECTORS: dict[str, Injector] = {
    "misspelled_district": _misspelled_district,
    "ambiguous_date": _ambiguous_date,
    "decimal_comma": _decimal_comma,
    "thousands_separator": _thousands,
    "negative_area": _negative,
    "unknown_code": _unknown_code,
    "date_after_period": _after_period,
    "missing_value": _missing,
    "excel_error_cell": _excel_error,
    "persons_below_households": _persons_below,
    "start_after_completion": _start_after,
    "late_report": _late_report,
}
