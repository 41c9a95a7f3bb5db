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
from sdg18.reports.pdf.charts import Point, trend_chart


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
class BreakdownTable:
    """A series broken down by one column, for the scopes the series has.

    A long breakdown (districts) is printed wide: its rows in two halves side by
    side, so ``header`` and each row repeat label and values twice.
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    wide: bool = False

    def cell_class(self, position: int) -> str:
        """The CSS class of the cell at ``position``: "label" or "num", plus "half" where
        the second half of a wide table starts."""
        half = len(self.header) // 2 if self.wide else -1
        kind = "label" if position in (0, half) else "num"
        return f"{kind} half" if position == half else kind


@dataclass(frozen=True)
class SeriesSection:
    """One series of an indicator: its values, note, trend chart and breakdown tables."""

    id: str
    title: str
    unit: str
    figures: tuple[tuple[str, str], ...]
    note: str
    chart: Markup
    #: Breakdown tables in rows of one or two (a wide table is alone on its row).
    table_rows: tuple[tuple[BreakdownTable, ...], ...]


@dataclass(frozen=True)
class IndicatorSection:
    """An indicator as its page shows it."""

    meta: IndicatorMeta
    series: tuple[SeriesSection, ...]


@dataclass(frozen=True)
class TargetSection:
    """A target with its indicators."""

    target: Target
    indicators: tuple[IndicatorSection, ...]


def _scope_text(index: ValueIndex, series: SeriesMeta, period: str, scope: str) -> str:
    if scope not in series.scopes:
        return NOT_APPLICABLE
    return format_value(index.get(series.id, period, scope).number, series.unit)


def figure_row(
    index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str
) -> FigureRow:
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


#: A breakdown with more codes than this is printed wide, its rows in two halves.
WIDE_AFTER = 8


def _breakdown_table(
    index: ValueIndex, series: SeriesMeta, breakdown: str, period: str
) -> BreakdownTable:
    def printed(code: str) -> tuple[str, ...]:
        numbers = (index.get(series.id, period, s, breakdown, code).number for s in series.scopes)
        return (code_label(breakdown, code), *(format_value(n, series.unit) for n in numbers))

    rows = [printed(code) for code in breakdown_codes(breakdown)]
    title = f"By {BREAKDOWN_TITLES[breakdown].lower()}"
    header = ("", *(SCOPE_TITLES[scope] for scope in series.scopes))
    if len(rows) <= WIDE_AFTER:
        return BreakdownTable(title, header, tuple(rows))
    half = (len(rows) + 1) // 2
    blank = ("",) * len(header)
    right = [*rows[half:], *[blank] * (2 * half - len(rows))]
    return BreakdownTable(
        title,
        header * 2,
        tuple((*a, *b) for a, b in zip(rows[:half], right, strict=True)),
        wide=True,
    )


def table_rows(tables: list[BreakdownTable]) -> tuple[tuple[BreakdownTable, ...], ...]:
    """The tables in print rows: narrow ones two by two in order, wide ones alone at the end."""
    narrow = [t for t in tables if not t.wide]
    paired = [tuple(narrow[i : i + 2]) for i in range(0, len(narrow), 2)]
    return (*paired, *((t,) for t in tables if t.wide))


def series_chart(index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str) -> Markup:
    """The trend of the series' headline scope over the last quarters, as an SVG."""
    scope = headline_scope(series)
    points = [
        Point(quarter_label(quarter), index.get(series.id, quarter, scope).number)
        for quarter in trend_periods(period)
    ]
    subtitle = (
        f"Each of the last {len(points)} quarters"
        if scope == "period"
        else f"{SCOPE_TITLES[scope]}, at the end of each of the last {len(points)} quarters"
    )
    return trend_chart(
        series.title,
        series.unit,
        points,
        bars=meta.kind == "flow",
        subtitle=subtitle,
        source=source_line(meta),
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
        table_rows=table_rows(
            [
                _breakdown_table(index, series, breakdown, period)
                for breakdown in index.breakdowns(meta, series)
            ]
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
                )
                for meta in framework.indicators
                if meta.target.id == target.id
            ),
        )
        for target in framework.targets
    )
