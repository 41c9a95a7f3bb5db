"""The records behind a published value, as published by a run: ``sdg18 trace``.

A run's values are computed from the records in use when it was written (the
store retires replaced records, never deletes them: ``Store.records_of_run``).
Tracing computes the value again from exactly those records with every measure
traced (:mod:`sdg18.indicators.lineage`), lists its records with their
contributions, and says whether they recompute the value the run published.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from sdg18.core.errors import Sdg18Error
from sdg18.core.indicator_layout import BREAKDOWN_CODES, BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.indicators.compute import TRACE_COLUMN, compute_traced
from sdg18.indicators.lineage import trace_table
from sdg18.indicators.metadata import Framework, IndicatorMeta, load_framework
from sdg18.run.vintages import record_change
from sdg18.store import Store


class TraceUsageError(Sdg18Error, ValueError):
    """A trace asked for an indicator, series, scope, breakdown or run that does not exist
    (the message lists the ones that do)."""


@dataclass(frozen=True)
class TraceRequest:
    """Which published value to trace; None picks the default (see :func:`trace_value`)."""

    indicator: str
    series: str | None = None
    period: str | None = None
    scope: str = "period"
    where: Mapping[str, str] = field(default_factory=dict)
    run_id: str | None = None


@dataclass(frozen=True)
class ValueTrace:
    """A published value and the records that make it."""

    indicator: str
    series: str
    unit: str
    period: str
    scope: str
    where: Mapping[str, str]
    run_id: str
    published: float
    note: str
    recomputed: float
    rows: pd.DataFrame

    @property
    def matches(self) -> bool:
        """Whether the records recompute the published value exactly (both missing counts)."""
        if math.isnan(self.published) or math.isnan(self.recomputed):
            return math.isnan(self.published) and math.isnan(self.recomputed)
        return self.published == self.recomputed

    @property
    def files(self) -> int:
        """How many files the records come from."""
        return int(self.rows["file_sha256"].nunique()) if len(self.rows) else 0


def _listed(things: object) -> str:
    return ", ".join(str(thing) for thing in things)  # type: ignore[attr-defined]


def indicator_of(framework: Framework, indicator: str) -> IndicatorMeta:
    """The framework's record of ``indicator``; TraceUsageError listing the ids if none."""
    found = {meta.id: meta for meta in framework.indicators}
    if indicator not in found:
        raise TraceUsageError(
            f"there is no indicator '{indicator}'", f"Indicators: {_listed(found)}."
        )
    return found[indicator]


def series_of(meta: IndicatorMeta, series: str | None) -> str:
    """``series``, or the indicator's only series; TraceUsageError listing the series."""
    names = [s.id for s in meta.series]
    if series is None and len(names) == 1:
        return names[0]
    if series not in names:
        asked = f"no series '{series}'" if series else "more than one series"
        raise TraceUsageError(
            f"indicator {meta.id} has {asked}", f"Give --series, one of: {_listed(names)}."
        )
    return series


def check_where(meta: IndicatorMeta, series: str, scope: str, where: Mapping[str, str]) -> None:
    """TraceUsageError for a scope the series has not, a breakdown the indicator has not,
    or a code the breakdown has not (each listing what exists)."""
    scopes = next(s.scopes for s in meta.series if s.id == series)
    if scope not in scopes:
        raise TraceUsageError(
            f"series {series} has no scope '{scope}'", f"Scopes: {_listed(scopes)}."
        )
    for column, code in where.items():
        if column not in meta.breakdowns:
            listed = _listed(meta.breakdowns) or "none"
            raise TraceUsageError(
                f"indicator {meta.id} has no breakdown '{column}'", f"Breakdowns: {listed}."
            )
        if code not in BREAKDOWN_CODES[column]:
            raise TraceUsageError(
                f"breakdown {column} has no value '{code}'",
                f"Values: {_listed(BREAKDOWN_CODES[column])}.",
            )


def _matching(frame: pd.DataFrame, where: Mapping[str, str]) -> pd.Series:
    """Rows of ``frame`` with exactly the breakdowns of ``where`` (others: totals)."""
    chosen = pd.Series(True, index=frame.index)
    for column in BREAKDOWN_COLUMNS:
        if column in frame:
            chosen &= frame[column].fillna("").astype(str) == where.get(column, "")
    return chosen


def _publishing_run(store: Store, request: TraceRequest) -> tuple[str, str]:
    """(run id, period) of the trace: the run asked for, else the last run written; the
    period asked for, else that run's. TraceUsageError for a run the store has not."""
    runs = store.runs()
    if runs.empty:
        raise TraceUsageError("the store holds no run yet", "Run a quarter first: sdg18 run.")
    if request.run_id is None:
        run = runs.iloc[-1]
    elif request.run_id in set(runs["run_id"]):
        run = runs[runs["run_id"] == request.run_id].iloc[0]
    else:
        recent = _listed(runs["run_id"].tail(5))
        raise TraceUsageError(
            f"the store holds no run '{request.run_id}'", f"Latest runs: {recent}."
        )
    return str(run["run_id"]), request.period or str(run["period"])


def trace_value(store: Store, request: TraceRequest) -> ValueTrace:
    """The value ``request`` names as published by its run (default: the last run that
    published it), recomputed from the records that run used, with those records."""
    framework = load_framework()
    meta = indicator_of(framework, request.indicator)
    series = series_of(meta, request.series)
    check_where(meta, series, request.scope, request.where)
    run_id, period = _publishing_run(store, request)
    published = store.published(meta.id, series, period, request.scope)
    published = published[_matching(published, request.where)]
    if request.run_id is None and not published.empty:
        run_id = str(published["run_id"].iloc[-1])
    mine = published[published["run_id"] == run_id]
    if mine.empty:
        raise TraceUsageError(
            f"run {run_id} published no value of {meta.id} {series} for {period} "
            f"({request.scope}{_where_text(request.where)})",
            "Check --period, --scope and --where against indicators.csv of that run.",
        )
    records = store.records_of_run(run_id, meta.sources)
    only = replace(framework, indicators=(meta,))
    values = compute_traced(records, [Period.parse(period)], only, breakdowns=request.where)
    chosen = values[
        (values["indicator"] == meta.id)
        & (values["series"] == series)
        & (values["scope"] == request.scope)
        & _matching(values, request.where)
    ]
    trace = chosen[TRACE_COLUMN].iloc[0] if len(chosen) else None
    rows = trace_table(trace, records)
    return ValueTrace(
        meta.id,
        series,
        str(mine["unit"].iloc[0]),
        period,
        request.scope,
        dict(request.where),
        run_id,
        float(mine["value"].iloc[0]) if pd.notna(mine["value"].iloc[0]) else math.nan,
        str(mine["note"].iloc[0]),
        trace.recompute() if trace is not None else math.nan,
        rows,
    )


def _where_text(where: Mapping[str, str]) -> str:
    return "".join(f", {column}={code}" for column, code in where.items())


@dataclass(frozen=True)
class ValueComparison:
    """One value as two runs published it, and the records added and retired between."""

    before: ValueTrace
    after: ValueTrace
    added: pd.DataFrame
    retired: pd.DataFrame


def compare_value(store: Store, request: TraceRequest, run_a: str, run_b: str) -> ValueComparison:
    """The value ``request`` names as runs ``run_a`` and ``run_b`` published it, with the
    records the later counts and the earlier does not (added) and the reverse (retired)."""
    before = trace_value(store, replace(request, run_id=run_a))
    after = trace_value(store, replace(request, run_id=run_b))
    found = record_change(_counted_rows(before.rows), _counted_rows(after.rows))
    return ValueComparison(before, after, found.added, found.retired)


def _counted_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The trace rows that make the value (copies not counted left out), once each."""
    counted = rows[rows["role"] != "not_counted"]
    return counted.drop_duplicates(["dataset", "file_sha256", "sheet", "row"], ignore_index=True)
