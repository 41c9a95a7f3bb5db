"""The key figures and the target sections of the PDF, shaped from the context as printed text.

Every number is formatted here (``sdg18.reports.numbers``), so the templates only
loop and place text. A scope a series does not have prints as "—"; a value the
store does not hold (or that is missing, with a note) prints as "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from sdg18.indicators import Framework, IndicatorMeta, SeriesMeta
from sdg18.indicators.metadata import Target
from sdg18.reports.charts import Point, trend_chart
from sdg18.reports.figures import (
    BREAKDOWN_TITLES,
    SCOPE_TITLES,
    ValueIndex,
    breakdown_codes,
    code_label,
    headline_scope,
    previous_quarter,
    quarter_label,
    source_line,
    trend_periods,
    year_before,
)
from sdg18.reports.numbers import NOT_APPLICABLE, format_change, format_value, with_unit


@dataclass(frozen=True)
class FigureRow:
    """One series in a key-figures panel: its values and changes as printed."""

    indicator: str
    title: str
    unit: str
    value: str
    vs_previous: str
    vs_year: str
    ytd: str
    cumulative: str
    note: str


@dataclass(frozen=True)
class TargetPanel:
    """A target's key figures: its first series as the headline, then every series."""

    target: Target
    headline_title: str
    headline_value: str
    headline_change: str
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class BreakdownRow:
    """One code of a breakdown with its printed values, one per scope."""

    label: str
    code: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class BreakdownTable:
    """A series broken down by one column, for the scopes the series has."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class SeriesSection:
    """One series of an indicator: its values, note, trend chart and breakdown tables."""

    id: str
    title: str
    unit: str
    figures: tuple[tuple[str, str], ...]
    note: str
    chart: Markup
    tables: tuple[BreakdownTable, ...]


@dataclass(frozen=True)
class IndicatorSection:
    """An indicator as its page shows it."""

    meta: IndicatorMeta
    series: tuple[SeriesSection, ...]
    source: str


@dataclass(frozen=True)
class TargetSection:
    """A target with its indicators."""

    target: Target
    indicators: tuple[IndicatorSection, ...]


def _scope_text(index: ValueIndex, series: SeriesMeta, period: str, scope: str) -> str:
    if scope not in series.scopes:
        return NOT_APPLICABLE
    return format_value(index.get(series.id, period, scope).number, series.unit)


def figure_row(index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str) -> FigureRow:
    """The printed key figures of ``series`` for ``period``; changes of its headline scope."""
    scope = headline_scope(series)
    now = index.get(series.id, period, scope)
    before = index.get(series.id, previous_quarter(period), scope)
    year_ago = index.get(series.id, year_before(period), scope)
    return FigureRow(
        indicator=meta.id,
        title=series.title,
        unit=series.unit,
        value=_scope_text(index, series, period, "period"),
        vs_previous=format_change(now.number, before.number, series.unit),
        vs_year=format_change(now.number, year_ago.number, series.unit),
        ytd=_scope_text(index, series, period, "ytd"),
        cumulative=_scope_text(index, series, period, "cumulative"),
        note=now.note,
    )


def key_figures(framework: Framework, index: ValueIndex, period: str) -> tuple[TargetPanel, ...]:
    """One panel per target, in the framework's order."""
    panels = []
    for target in framework.targets:
        metas = [m for m in framework.indicators if m.target.id == target.id]
        rows = tuple(figure_row(index, m, s, period) for m in metas for s in m.series)
        first = metas[0].series[0]
        now = index.get(first.id, period, headline_scope(first))
        panels.append(
            TargetPanel(
                target=target,
                headline_title=f"{metas[0].id} {first.title}",
                headline_value=with_unit(format_value(now.number, first.unit), first.unit),
                headline_change=rows[0].vs_previous,
                rows=rows,
            )
        )
    return tuple(panels)


def _breakdown_table(
    index: ValueIndex, series: SeriesMeta, breakdown: str, period: str
) -> BreakdownTable:
    rows = tuple(
        BreakdownRow(
            label=code_label(breakdown, code),
            code=code,
            cells=tuple(
                format_value(index.get(series.id, period, scope, breakdown, code).number,
                             series.unit)
                for scope in series.scopes
            ),
        )  # fmt: skip
        for code in breakdown_codes(breakdown)
    )
    return BreakdownTable(
        title=f"By {BREAKDOWN_TITLES[breakdown].lower()}",
        columns=tuple(SCOPE_TITLES[scope] for scope in series.scopes),
        rows=rows,
    )


def series_chart(
    index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str
) -> Markup:
    """The trend of the series' headline scope over the last quarters, as an SVG."""
    scope = headline_scope(series)
    points = [
        Point(quarter_label(quarter), index.get(series.id, quarter, scope).number)
        for quarter in trend_periods(period)
    ]
    title = series.title if scope == "period" else f"{series.title} ({SCOPE_TITLES[scope]})"
    return trend_chart(
        title, series.unit, points, bars=meta.kind == "flow", source=source_line(meta)
    )


def series_section(
    index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str
) -> SeriesSection:
    """Everything the PDF shows of one series."""
    return SeriesSection(
        id=series.id,
        title=series.title,
        unit=series.unit,
        figures=tuple(
            (SCOPE_TITLES[scope], with_unit(_scope_text(index, series, period, scope), series.unit))
            for scope in series.scopes
        ),
        note=index.get(series.id, period, headline_scope(series)).note,
        chart=series_chart(index, meta, series, period),
        tables=tuple(
            _breakdown_table(index, series, breakdown, period)
            for breakdown in index.breakdowns(meta, series)
        ),
    )


def target_sections(
    framework: Framework, index: ValueIndex, period: str
) -> tuple[TargetSection, ...]:
    """One section per target, each indicator with every series, in the framework's order."""
    return tuple(
        TargetSection(
            target=target,
            indicators=tuple(
                IndicatorSection(
                    meta=meta,
                    series=tuple(series_section(index, meta, s, period) for s in meta.series),
                    source=source_line(meta),
                )
                for meta in framework.indicators
                if meta.target.id == target.id
            ),
        )
        for target in framework.targets
    )
