"""The indicator values of a run, looked up and labelled the way the ministry reports show them.

:class:`ValueIndex` answers "the value of this series, period, scope and breakdown
code" from the ``indicators.csv`` table of the context; the helpers name quarters
and codes. Everything here is plain data for the PDF and the workbook alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from schemas.reference import AGENCIES, DISTRICTS
from sdg18.core.indicator_layout import BREAKDOWN_CODES
from sdg18.core.labels import BREAKDOWN_NAMES, code_label_en
from sdg18.core.periods import Period
from sdg18.indicators import BREAKDOWN_COLUMNS, IndicatorMeta, SeriesMeta
from sdg18.reports.exports.indicators_csv import indicators_table
from sdg18.reports.numbers import as_number

#: Quarters a trend covers, the run's period last.
TREND_QUARTERS = 8
#: How a breakdown column is titled in the reports (its English name in ``core.labels``).
BREAKDOWN_TITLES: dict[str, str] = {
    column: BREAKDOWN_NAMES[column][0] for column in BREAKDOWN_COLUMNS
}
SCOPE_TITLES: dict[str, str] = {
    "period": "Quarter",
    "ytd": "Year to date",
    "cumulative": "Since baseline",
}
_DISTRICT_NAMES = {d.code: f"{d.name_en} · {d.name_az}" for d in DISTRICTS}

Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Value:
    """One value of ``indicators.csv``: the number (None when missing) and its note."""

    number: float | None
    note: str


MISSING = Value(None, "")


class ValueIndex:
    """Every value of the context keyed by series, period, scope, breakdown and code.

    The headline of a series has breakdown and code "".
    """

    def __init__(self, values: pd.DataFrame) -> None:
        table = indicators_table(values)
        breakdown = pd.Series("", index=table.index, dtype=object)
        code = pd.Series("", index=table.index, dtype=object)
        for column in BREAKDOWN_COLUMNS:
            present = table[column] != ""
            breakdown = breakdown.mask(present, column)
            code = code.mask(present, table[column])
        self._values: dict[Key, Value] = {
            (series, period, scope, name, value_code): Value(as_number(number), note)
            for series, period, scope, name, value_code, number, note in zip(
                table["series"],
                table["period"],
                table["scope"],
                breakdown,
                code,
                table["value"],
                table["note"],
                strict=True,
            )
        }
        self.periods: tuple[str, ...] = tuple(sorted(set(table["period"])))
        self._breakdowns: dict[str, list[str]] = {}
        for series, name in sorted(set(zip(table["series"], breakdown, strict=True))):
            if name:
                self._breakdowns.setdefault(series, []).append(name)

    def get(
        self, series: str, period: str, scope: str, breakdown: str = "", code: str = ""
    ) -> Value:
        """The value, or a missing one when the table has no such row."""
        return self._values.get((series, period, scope, breakdown, code), MISSING)

    def breakdowns(self, meta: IndicatorMeta, series: SeriesMeta) -> tuple[str, ...]:
        """The breakdowns the table gives for ``series``, in the framework's order."""
        found = set(self._breakdowns.get(series.id, ()))
        return tuple(name for name in meta.breakdowns if name in found)


def trend_periods(period: str, count: int = TREND_QUARTERS) -> tuple[str, ...]:
    """The ``count`` quarters ending with ``period``, oldest first."""
    quarters = [Period.parse(period)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return tuple(str(q) for q in reversed(quarters))


def previous_quarter(period: str) -> str:
    """The quarter before ``period``."""
    return str(Period.parse(period).previous())


def year_before(period: str) -> str:
    """The same quarter one year before ``period``."""
    quarter = Period.parse(period)
    return str(Period(quarter.year - 1, quarter.quarter))


def quarter_label(period: str) -> str:
    """A quarter as printed under a chart: "Q3 2026"."""
    quarter = Period.parse(period)
    return f"Q{quarter.quarter} {quarter.year}"


def code_label(breakdown: str, code: str) -> str:
    """A breakdown code as a reader knows it: a district's English and Azerbaijani
    names, other codes with underscores as spaces (acronyms kept)."""
    if breakdown == "district":
        return _DISTRICT_NAMES.get(code, code)
    return code_label_en(code)


def breakdown_codes(breakdown: str) -> tuple[str, ...]:
    """Every code of ``breakdown`` in the order the reports list them."""
    return BREAKDOWN_CODES[breakdown]


def headline_scope(series: SeriesMeta) -> str:
    """The scope a series is headlined by: the period when it has one, else its first."""
    return "period" if "period" in series.scopes else series.scopes[0]


def source_line(meta: IndicatorMeta) -> str:
    """Where an indicator's figures come from: datasets and the agencies sending them."""
    parts = []
    for dataset in meta.sources:
        senders = [a.code for a in AGENCIES if dataset in a.datasets]
        parts.append(f"{dataset.replace('_', ' ')} ({', '.join(senders)})")
    return "Source: " + "; ".join(parts) + ". Computed by sdg18."
