"""The key figures and the target sections of the PDF, shaped from the context as printed text.

Every number and word is given here in the edition's language (:class:`Edition`), so
the templates only loop and place text. A scope a series does not have prints as "—";
a value the store does not hold (or that is missing, with a note) prints as "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from schemas.reference import AGENCIES
from sdg18.core.i18n import N_
from sdg18.indicators import Framework, IndicatorMeta, SeriesMeta
from sdg18.indicators.metadata import Target
from sdg18.reports.figures import (
    ValueIndex,
    breakdown_codes,
    headline_scope,
    previous_quarter,
    trend_periods,
    year_before,
)
from sdg18.reports.numbers import NOT_APPLICABLE
from sdg18.reports.pdf.charts import Point, trend_chart
from sdg18.reports.pdf.edition import Edition
from sdg18.reports.pdf.notes import value_note

#: The title of a breakdown table.
BREAKDOWN_TITLES = {
    "district": N_("By district"),
    "method": N_("By release method"),
    "end_use": N_("By end use"),
    "hazard_class": N_("By hazard class"),
    "item_type": N_("By item type"),
    "outcome": N_("By outcome"),
    "sex": N_("By sex"),
    "age_group": N_("By age group"),
    "status": N_("By status"),
    "device_type": N_("By device type"),
    "service_type": N_("By service type"),
    "group": N_("By group"),
    "delivery": N_("By delivery"),
    "source_type": N_("By source of funds"),
}


@dataclass(frozen=True)
class FigureRow:
    """One series in a key-figures panel: its values and changes as printed."""

    indicator: str
    title: str
    #: The unit as a word ("persons", "nəfər").
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
    #: The target's title in the edition's language.
    title: str
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
    #: The breakdown's name, then the scopes (twice when wide).
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
class TrendTable:
    """The values the trend chart draws, as a table: its accessible form."""

    #: Over the row header: what the values are ("Quarter", "Since baseline").
    corner: str
    quarters: tuple[str, ...]
    #: The row header: the unit.
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class SeriesSection:
    """One series of an indicator: its values, note, trend chart and breakdown tables."""

    id: str
    title: str
    unit: str
    figures: tuple[tuple[str, str], ...]
    note: str
    chart: Markup
    trend: TrendTable
    #: Breakdown tables in rows of one or two (a wide table is alone on its row).
    table_rows: tuple[tuple[BreakdownTable, ...], ...]


@dataclass(frozen=True)
class IndicatorSection:
    """An indicator as its page shows it."""

    meta: IndicatorMeta
    title: str
    definition: str
    series: tuple[SeriesSection, ...]


@dataclass(frozen=True)
class TargetSection:
    """A target with its indicators."""

    target: Target
    title: str
    indicators: tuple[IndicatorSection, ...]


def _scope_text(
    edition: Edition, index: ValueIndex, series: SeriesMeta, period: str, scope: str
) -> str:
    if scope not in series.scopes:
        return NOT_APPLICABLE
    return edition.number(index.get(series.id, period, scope).number, series.unit)


def figure_row(
    edition: Edition, index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str
) -> FigureRow:
    """The printed key figures of ``series`` for ``period``; changes of its headline scope."""
    scope = headline_scope(series)
    now = index.get(series.id, period, scope)
    before = index.get(series.id, previous_quarter(period), scope)
    year_ago = index.get(series.id, year_before(period), scope)
    return FigureRow(
        indicator=meta.id,
        title=edition.series_title(series),
        unit=edition.unit(series.unit),
        value=_scope_text(edition, index, series, period, "period"),
        vs_previous=edition.change(now.number, before.number, series.unit),
        vs_year=edition.change(now.number, year_ago.number, series.unit),
        ytd=_scope_text(edition, index, series, period, "ytd"),
        cumulative=_scope_text(edition, index, series, period, "cumulative"),
        note=value_note(edition, now.note),
    )


def key_figures(
    edition: Edition, framework: Framework, index: ValueIndex, period: str
) -> tuple[TargetPanel, ...]:
    """One panel per target, in the framework's order."""
    panels = []
    for target in framework.targets:
        metas = [m for m in framework.indicators if m.target.id == target.id]
        rows = tuple(figure_row(edition, index, m, s, period) for m in metas for s in m.series)
        first = metas[0].series[0]
        now = index.get(first.id, period, headline_scope(first))
        panels.append(
            TargetPanel(
                target=target,
                title=edition.target_title(target),
                headline_title=f"{metas[0].id} {edition.series_title(first)}",
                headline_value=edition.with_unit(
                    edition.number(now.number, first.unit), first.unit
                ),
                headline_change=rows[0].vs_previous,
                rows=rows,
            )
        )
    return tuple(panels)


#: A breakdown with more codes than this is printed wide, its rows in two halves.
WIDE_AFTER = 8


def _breakdown_table(
    edition: Edition, index: ValueIndex, series: SeriesMeta, breakdown: str, period: str
) -> BreakdownTable:
    def printed(code: str) -> tuple[str, ...]:
        numbers = (index.get(series.id, period, s, breakdown, code).number for s in series.scopes)
        return (edition.code(breakdown, code), *(edition.number(n, series.unit) for n in numbers))

    rows = [printed(code) for code in breakdown_codes(breakdown)]
    title = edition.gettext(BREAKDOWN_TITLES[breakdown])
    header = (edition.breakdown(breakdown), *(edition.scope(scope) for scope in series.scopes))
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


def source_line(edition: Edition, meta: IndicatorMeta) -> str:
    """Where an indicator's figures come from: datasets and the agencies sending them."""
    parts = []
    for dataset in meta.sources:
        senders = ", ".join(a.code for a in AGENCIES if dataset in a.datasets)
        parts.append(f"{edition.dataset(dataset)} ({senders})")
    return edition.format(N_("Source: {sources}. Computed by sdg18."), sources="; ".join(parts))


#: A chart's text alternative: what it shows, and where its values are.
BAR_CHART = N_(
    "Bar chart: {title}, {subtitle}, {first} to {last}. The table below it gives the values."
)
LINE_CHART = N_(
    "Line chart: {title}, {subtitle}, {first} to {last}. The table below it gives the values."
)


def _trend_points(
    edition: Edition, index: ValueIndex, series: SeriesMeta, period: str
) -> list[Point]:
    scope = headline_scope(series)
    return [
        Point(edition.quarter(quarter), index.get(series.id, quarter, scope).number)
        for quarter in trend_periods(period)
    ]


def series_chart(
    edition: Edition, meta: IndicatorMeta, series: SeriesMeta, points: list[Point]
) -> Markup:
    """The trend of the series' headline scope over the last quarters, as an SVG whose
    title (its text alternative) says what it shows and where its values are."""
    scope = headline_scope(series)
    count = len(points)
    if scope == "period":
        subtitle = edition.format(N_("Each of the last {count} quarters"), count=count)
    else:
        subtitle = edition.format(
            N_("{scope}, at the end of each of the last {count} quarters"),
            scope=edition.scope(scope),
            count=count,
        )
    bars = meta.kind == "flow"
    title = f"{edition.series_title(series)} ({edition.unit(series.unit)})"
    description = edition.format(
        BAR_CHART if bars else LINE_CHART,
        title=title,
        subtitle=subtitle[:1].lower() + subtitle[1:],
        first=points[0].label,
        last=points[-1].label,
    )
    return trend_chart(
        edition,
        title,
        series.unit,
        points,
        bars=bars,
        subtitle=subtitle,
        source=source_line(edition, meta),
        description=description,
    )


def trend_table(edition: Edition, series: SeriesMeta, points: list[Point]) -> TrendTable:
    """The chart's values, quarter by quarter."""
    return TrendTable(
        corner=edition.scope(headline_scope(series)),
        quarters=tuple(p.label for p in points),
        label=edition.unit(series.unit),
        values=tuple(edition.number(p.value, series.unit) for p in points),
    )


def series_section(
    edition: Edition, index: ValueIndex, meta: IndicatorMeta, series: SeriesMeta, period: str
) -> SeriesSection:
    """Everything the PDF shows of one series."""
    points = _trend_points(edition, index, series, period)
    return SeriesSection(
        id=series.id,
        title=edition.series_title(series),
        unit=edition.unit(series.unit),
        figures=tuple(
            (
                edition.scope(scope),
                edition.with_unit(_scope_text(edition, index, series, period, scope), series.unit),
            )
            for scope in series.scopes
        ),
        note=value_note(edition, index.get(series.id, period, headline_scope(series)).note),
        chart=series_chart(edition, meta, series, points),
        trend=trend_table(edition, series, points),
        table_rows=table_rows(
            [
                _breakdown_table(edition, index, series, breakdown, period)
                for breakdown in index.breakdowns(meta, series)
            ]
        ),
    )


def target_sections(
    edition: Edition, framework: Framework, index: ValueIndex, period: str
) -> tuple[TargetSection, ...]:
    """One section per target, each indicator with every series, in the framework's order."""
    return tuple(
        TargetSection(
            target=target,
            title=edition.target_title(target),
            indicators=tuple(
                IndicatorSection(
                    meta=meta,
                    title=edition.indicator_title(meta),
                    definition=edition.metadata(meta.definition),
                    series=tuple(
                        series_section(edition, index, meta, s, period) for s in meta.series
                    ),
                )
                for meta in framework.indicators
                if meta.target.id == target.id
            ),
        )
        for target in framework.targets
    )
