"""Every indicator of the framework for a sequence of periods, as one tidy table.

The table has the layout of ``indicators.csv`` (``INDICATOR_COLUMNS``): one row
per value, breakdown columns "" for a total, ``value`` NaN when missing with a
``note`` saying why. Rows are sorted by indicator, series, period, scope and
breakdowns, so two runs on the same records give the same table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from sdg18.core.errors import Sdg18Error
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, SCOPES
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.lineage import tracing
from sdg18.indicators.metadata import Framework, IndicatorMeta, load_framework
from sdg18.indicators.registry import IndicatorFunction, function_for
from sdg18.indicators.rows import RESULT_COLUMNS, TRACE_FIELD
from sdg18.indicators.selection import prepare_records


class IndicatorResultError(Sdg18Error, ValueError):
    """An indicator function returned rows its framework record does not declare."""

    def __init__(
        self,
        message: str,
        hint: str = "Make the indicator function return exactly the series, scopes and "
        "breakdowns its record in sdg18/indicators/framework.yaml declares, or correct the "
        "record.",
    ) -> None:
        super().__init__(message, hint)


def check_result(meta: IndicatorMeta, result: pd.DataFrame) -> None:
    """Raise IndicatorResultError unless ``result`` has the declared series, scopes and
    breakdowns of ``meta`` and the result columns."""
    missing = [c for c in RESULT_COLUMNS if c not in result.columns]
    extra = [c for c in result.columns if c not in RESULT_COLUMNS and c not in meta.breakdowns]
    problems = []
    if missing:
        problems.append(f"columns {missing} are missing")
    if extra:
        problems.append(f"columns {extra} are not breakdowns of the indicator")
    if not missing:
        declared = {(s.id, scope) for s in meta.series for scope in s.scopes}
        given = set(zip(result["series"], result["scope"], strict=True))
        if given != declared:
            problems.append(
                f"series and scopes {sorted(given)} differ from the framework's {sorted(declared)}"
            )
    if problems:
        raise IndicatorResultError(f"indicator {meta.id} ({meta.function}): " + "; ".join(problems))


def indicator_rows(
    meta: IndicatorMeta, function: IndicatorFunction, records: Records, period: Period
) -> pd.DataFrame:
    """The rows of one indicator for one period, with ``indicator``, ``unit`` and ``period``."""
    result = function(records, period)
    traces = result.pop(TRACE_FIELD) if TRACE_FIELD in result else None
    check_result(meta, result)
    rows = result.copy()
    rows["indicator"] = meta.id
    rows["unit"] = rows["series"].map({s.id: s.unit for s in meta.series})
    rows["period"] = str(period)
    if traces is not None:
        rows[TRACE_FIELD] = traces
    return rows


def sort_indicators(frame: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """``frame`` in the deterministic order: indicator and series as in the framework,
    then period, scope (period, ytd, cumulative) and breakdown values."""
    indicator_rank = {m.id: rank for rank, m in enumerate(framework.indicators)}
    series_rank = {s.id: rank for m in framework.indicators for rank, s in enumerate(m.series)}
    keys = pd.DataFrame(
        {
            "_indicator": frame["indicator"].map(indicator_rank),
            "_series": frame["series"].map(series_rank),
            "_period": frame["period"],
            "_scope": frame["scope"].map({s: rank for rank, s in enumerate(SCOPES)}),
        },
        index=frame.index,
    )
    ordered = pd.concat([keys, frame[list(BREAKDOWN_COLUMNS)]], axis=1)
    order = ordered.sort_values(list(ordered.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def compute_indicators(
    records: Records, periods: Sequence[Period], framework: Framework | None = None
) -> pd.DataFrame:
    """Every indicator of ``framework`` (default: the project's) for every period, in the
    ``indicators.csv`` layout and order."""
    framework = framework or load_framework()
    prepared = prepare_records(records)
    parts = [
        indicator_rows(meta, function_for(meta.id, meta.function), prepared, period)
        for meta in framework.indicators
        for period in periods
    ]
    if not parts:
        return empty_indicators()
    frame = pd.concat(parts, ignore_index=True).reindex(columns=list(INDICATOR_COLUMNS))
    frame[list(BREAKDOWN_COLUMNS)] = frame[list(BREAKDOWN_COLUMNS)].fillna("").astype("str")
    frame["value"] = frame["value"].astype("float64")
    return sort_indicators(frame, framework)


def empty_indicators() -> pd.DataFrame:
    """An indicator table without rows."""
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in INDICATOR_COLUMNS})
    frame["value"] = frame["value"].astype("float64")
    return frame


#: The column of :func:`compute_traced`'s table holding each value's trace.
TRACE_COLUMN = "trace"


def compute_traced(
    records: Records,
    periods: Sequence[Period],
    framework: Framework | None = None,
    breakdowns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """:func:`compute_indicators` with each value's :class:`~sdg18.indicators.lineage.Trace`
    in a last ``trace`` column (None for a value no record makes: a missing stock). With
    ``breakdowns``, the values of other breakdowns may be left untraced (None)."""
    framework = framework or load_framework()
    prepared = prepare_records(records)
    parts = []
    with tracing(breakdowns):
        for meta in framework.indicators:
            for period in periods:
                function = function_for(meta.id, meta.function)
                rows = indicator_rows(meta, function, prepared, period)
                parts.append(rows.rename(columns={TRACE_FIELD: TRACE_COLUMN}))
    if not parts:
        return empty_indicators().assign(**{TRACE_COLUMN: pd.Series(dtype=object)})
    frame = pd.concat(parts, ignore_index=True).reindex(columns=[*INDICATOR_COLUMNS, TRACE_COLUMN])
    frame[list(BREAKDOWN_COLUMNS)] = frame[list(BREAKDOWN_COLUMNS)].fillna("").astype("str")
    frame["value"] = frame["value"].astype("float64")
    traces = frame[TRACE_COLUMN]
    frame[TRACE_COLUMN] = traces.astype(object).where(traces.notna(), None)  # untraced: None
    return sort_indicators(frame, framework)


def compute_with_traces(
    records: Records, periods: Sequence[Period], traced: Period, framework: Framework | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`compute_indicators` of ``periods``, and the rows of ``traced`` with their
    traces (:func:`compute_traced`) — that period computed once, traced."""
    framework = framework or load_framework()
    with_traces = compute_traced(records, [traced], framework)
    others = [period for period in periods if period != traced]
    parts = [with_traces.drop(columns=TRACE_COLUMN)]
    if others:
        parts.append(compute_indicators(records, others, framework))
    values = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return sort_indicators(values, framework), with_traces
