"""Rows of an indicator's result: headline and breakdown rows, ratios, measures.

An indicator function returns a frame of rows with ``series``, ``scope``, the
breakdown columns it uses ("" = total), ``value`` (NaN when missing) and
``note`` (why a value is missing, or what was left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_CODES
from sdg18.core.periods import Period
from sdg18.indicators.lineage import (
    MeasuredRows,
    Part,
    Role,
    Trace,
    Traced,
    distinct_parts,
    exact_sum,
    is_tracing,
    measured,
    measured_rows,
    sum_parts,
    traces_breakdown,
    undefined_ratio,
)
from sdg18.indicators.windows import Window, flow_windows

Row = dict[str, object]
RESULT_COLUMNS = ("series", "scope", "value", "note")
#: Where a traced row keeps its trace (and, while tracing, the result frame's last column).
TRACE_FIELD = "_trace"


@dataclass(frozen=True)
class Measure:
    """How a set of records becomes a number: a sum of a column, a row count, or a
    count of distinct values of a column. A sum is the correctly rounded sum of the
    records' values (:func:`~sdg18.indicators.lineage.exact_sum`), so anyone adding up
    a value's records exactly, in any order, gets its published digits."""

    how: Literal["sum", "count", "distinct"]
    column: str = ""
    #: What a record of a sum does for the value when traced (``snapshot`` for a stock).
    role: Role = "value"

    def of(self, frame: pd.DataFrame) -> float:
        """The measure of ``frame`` (0 for no records); traced while tracing is on."""
        if self.how == "count":
            value = float(len(frame))
        elif self.how == "distinct":
            value = float(frame[self.column].nunique())
        else:
            value = exact_sum(pd.to_numeric(frame[self.column], errors="coerce"))
        return measured(value, *self.parts(frame)) if is_tracing() else value

    def by(self, frame: pd.DataFrame, breakdown: str) -> list[tuple[str, float]]:
        """The measure for each value of ``breakdown``: every code, 0 where no record has it."""
        groups = frame.groupby(breakdown, sort=False)
        measured_by: pd.Series
        if self.how == "count":
            measured_by = groups.size()
        elif self.how == "distinct":
            measured_by = groups[self.column].nunique()
        else:  # one exact sum per code, over its positions (no Series per group)
            numbers = pd.to_numeric(frame[self.column], errors="coerce")
            values = numbers.to_numpy("float64", na_value=np.nan)
            sums = {code: exact_sum(values[at]) for code, at in groups.indices.items()}
            measured_by = pd.Series(sums, dtype="float64")
        found = {str(code): float(value) for code, value in measured_by.items()}
        codes = list(BREAKDOWN_CODES[breakdown])
        codes += sorted(set(found) - set(codes))
        if not traces_breakdown(breakdown):
            return [(code, found.get(code, 0.0)) for code in codes]
        rows = measured_rows(frame, self.column, numeric=self.how == "sum")
        members = (
            pd.Series(np.arange(len(frame)))
            .groupby(frame[breakdown].astype(str).to_numpy(dtype=object), sort=False)
            .indices
        )  # code → the positions in ``frame`` of its records, in order
        nobody = np.zeros(0, dtype="int64")
        traced = []
        for code in codes:
            chosen = rows.subset(np.asarray(members.get(code, nobody), dtype="int64"))
            traced.append((code, measured(found.get(code, 0.0), *self._parts(chosen))))
        return traced

    def parts(self, frame: pd.DataFrame) -> tuple[Part, ...]:
        """The records of ``frame`` and what each adds to the measure: its value of the
        column (sum), 1 (count), 1 for the first record of each distinct value and 0 for
        the others (distinct)."""
        return self._parts(measured_rows(frame, self.column, numeric=self.how == "sum"))

    def _parts(self, rows: MeasuredRows) -> tuple[Part, ...]:
        if self.how == "count":
            return (Part("value", rows.dataset, rows.positions, np.ones(len(rows.positions))),)
        if self.how == "sum":
            return sum_parts(rows, self.role)
        return distinct_parts(rows)


def total_of(column: str, role: Role = "value") -> Measure:
    """The sum of ``column`` (traced with ``role``)."""
    return Measure("sum", column, role)


def count_rows() -> Measure:
    """The number of records."""
    return Measure("count")


def distinct(column: str) -> Measure:
    """The number of distinct values of ``column``."""
    return Measure("distinct", column)


def value_row(series: str, scope: str, value: float, note: str = "", **breakdown: str) -> Row:
    """One result row; breakdowns not given are totals. A traced value keeps its trace
    (in :data:`TRACE_FIELD`, which :func:`rows_frame` moves to ``frame.attrs``)."""
    row: Row = {"series": series, "scope": scope, **breakdown, "value": float(value), "note": note}
    if isinstance(value, Traced):
        row[TRACE_FIELD] = value.trace
    return row


def breakdown_rows(
    series: str, scope: str, frame: pd.DataFrame, measure: Measure, breakdowns: Sequence[str]
) -> list[Row]:
    """The headline row of ``frame`` and, for each breakdown in turn (not crossed), a row
    per value."""
    rows = [value_row(series, scope, measure.of(frame))]
    for breakdown in breakdowns:
        for code, value in measure.by(frame, breakdown):
            rows.append(value_row(series, scope, value, **{breakdown: code}))
    return rows


def flow_rows(
    series: str,
    frame: pd.DataFrame,
    date_column: str,
    period: Period,
    measure: Measure,
    breakdowns: Sequence[str] = (),
) -> list[Row]:
    """Breakdown rows of a flow for the period, the year to date and since the baseline."""
    rows: list[Row] = []
    for window in flow_windows(period):
        chosen = frame[window.contains(frame[date_column])]
        rows += breakdown_rows(series, window.scope, chosen, measure, breakdowns)
    return rows


def in_window(frame: pd.DataFrame, date_column: str, window: Window) -> pd.DataFrame:
    """The records of ``frame`` dated in ``window``."""
    return frame[window.contains(frame[date_column])]


def safe_ratio(numerator: float, denominator: float, scale: float = 100.0) -> float:
    """``numerator / denominator × scale``; NaN when the denominator is 0 (never 0)."""
    if not denominator:
        return undefined_ratio(numerator, denominator, scale)
    return numerator / denominator * scale


def ratio_row(
    series: str,
    scope: str,
    numerator: float,
    denominator: float,
    missing_note: str,
    scale: float = 100.0,
    note: str = "",
    **breakdown: str,
) -> Row:
    """A ratio's row: missing with ``missing_note`` when the denominator is 0."""
    value = safe_ratio(numerator, denominator, scale)
    if np.isnan(value):
        note = "; ".join(part for part in (missing_note, note) if part)
    return value_row(series, scope, value, note, **breakdown)


def rows_frame(rows: Sequence[Row]) -> pd.DataFrame:
    """The result frame of ``rows``: breakdown columns as text ("" = total), value float;
    while tracing, each row's trace in a last column :data:`TRACE_FIELD`."""
    fields = (*RESULT_COLUMNS, TRACE_FIELD)
    breakdowns = list(dict.fromkeys(c for row in rows for c in row if c not in fields))
    columns = ["series", "scope", *breakdowns, "note"]
    frame = pd.DataFrame(
        {c: pd.Series([str(row.get(c, "")) for row in rows], dtype="str") for c in columns}
    )
    frame.insert(len(columns) - 1, "value", [float(row["value"]) for row in rows])  # type: ignore[arg-type]
    if is_tracing():
        traces: list[Trace | None] = [row.get(TRACE_FIELD) for row in rows]  # type: ignore[misc]
        frame[TRACE_FIELD] = pd.Series(traces, index=frame.index, dtype=object)
    return frame


def plural(count: int, noun: str) -> str:
    """``"1 record"``, ``"2 records"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
