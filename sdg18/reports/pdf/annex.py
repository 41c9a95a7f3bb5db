"""The back of the PDF — revisions, data quality annex, methodology, provenance — as printed text.

Also the run stamp: the only text of the PDF that differs between two runs on the
same inputs (:func:`run_stamp`). Every header, word and number is in the edition's
language; text that came from an agency (file names, values) is printed as it came.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from schemas.reference import (
    BASELINE_CONTAMINATION,
    BASELINE_DATE,
    CURRENT_BASELINE,
    NATIONAL_AREA_KM2,
    BaselineEstimate,
)
from sdg18.core.i18n import DEFAULT_LANGUAGE, N_
from sdg18.indicators import Framework, IndicatorMeta, SeriesMeta
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf.edition import Edition
from sdg18.reports.pdf.notes import revision_note
from sdg18.validation.messages import localised_findings, rule_description

#: Azerbaijan keeps UTC+4 all year (no daylight saving since 2016).
BAKU = dt.timezone(dt.timedelta(hours=4), "Baku")
#: Errors and warnings listed one by one in the annex; the rest are in the workbook.
LISTED_FINDINGS = 150
#: Revised headline values listed one by one; breakdown revisions are counted.
LISTED_REVISIONS = 60


@dataclass(frozen=True)
class Table:
    """A table as printed: header, rows of text, and how each column is set."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Rows not printed (listed in the workbook).
    more: int = 0
    #: CSS width of each column (empty: the browser decides).
    widths: tuple[str, ...] = ()
    #: Positions of right-aligned numeric columns.
    numeric: frozenset[int] = frozenset()
    #: Positions of columns whose text may break anywhere (file names, codes, hashes).
    breakable: frozenset[int] = frozenset()

    def cell_class(self, position: int) -> str:
        """The CSS class of the column at ``position``."""
        if position in self.numeric:
            return "num"
        return "any" if position in self.breakable else "text"


def _table(
    frame: pd.DataFrame,
    header: tuple[str, ...],
    limit: int | None = None,
    **layout: Any,
) -> Table:
    rows = tuple(tuple(str(v) for v in values) for values in frame.itertuples(index=False))
    shown = rows if limit is None else rows[:limit]
    return Table(header, shown, len(rows) - len(shown), **layout)


def _words(edition: Edition, *messages: str) -> tuple[str, ...]:
    return tuple(edition.gettext(message) for message in messages)


def run_time_text(edition: Edition, started_at: dt.datetime) -> str:
    """When the run started, as the cover and the provenance print it (UTC and Baku time)."""
    utc = started_at.astimezone(dt.UTC)
    baku = started_at.astimezone(BAKU)
    return edition.format(
        N_("{day}, {utc} UTC ({baku} Baku time)"),
        day=edition.day(utc.date()),
        utc=f"{utc:%H:%M}",
        baku=f"{baku:%H:%M}",
    )


def run_stamp(context: ReportContext, edition: Edition | None = None) -> tuple[str, ...]:
    """The texts that identify the run in ``edition`` (default: the default language's):
    its id and start time (all else is the same for two runs on the same inputs)."""
    started = run_time_text(edition or Edition(DEFAULT_LANGUAGE), context.started_at)
    return (context.run_id, started)


def revisions(edition: Edition, context: ReportContext) -> tuple[Table, int]:
    """Revised headline values (old, new, change, cause) and the number of revised
    breakdown values."""
    table = quality.revision_table(context)
    headline = table[table["breakdown"] == ""]
    units = headline["unit"]
    rows = pd.DataFrame(
        {
            "period": [edition.quarter(p) for p in headline["period"]],
            "indicator": headline["indicator"] + " " + headline["series"],
            "scope": [edition.scope(s) for s in headline["scope"]],
            "old": [
                edition.number(v, u) for v, u in zip(headline["old_value"], units, strict=True)
            ],
            "new": [
                edition.number(v, u) for v, u in zip(headline["new_value"], units, strict=True)
            ],
            "unit": [edition.unit(u) for u in units],
            "cause": [
                revision_note(edition, cause)
                + (" — " + revision_note(edition, changed) if changed else "")
                for cause, changed in zip(
                    headline["cause"], headline["changed_records"], strict=True
                )
            ],
        }
    )
    header = _words(
        edition,
        N_("Period"),
        N_("Indicator · series"),
        N_("Scope"),
        N_("Published"),
        N_("Now"),
        N_("Unit"),
        N_("Why"),
    )
    layout = {
        "widths": ("19mm", "36mm", "20mm", "16mm", "16mm", "15mm", ""),
        "numeric": frozenset({3, 4}),
        "breakable": frozenset({1, 6}),
    }
    return _table(rows, header, LISTED_REVISIONS, **layout), len(table) - len(headline)


def submissions(edition: Edition, context: ReportContext) -> Table:
    """Every expected and received submission with its status and record counts."""
    table = quality.submission_table(context)
    prepared = table["prepared_on"]
    rows = pd.DataFrame(
        {
            "agency": table["agency"],
            "dataset": table["dataset"],
            "status": [edition.status(s) for s in table["status"]],
            "file": table["file"].fillna(""),
            "prepared": [
                "" if pd.isna(day) else pd.Timestamp(day).strftime("%Y-%m-%d") for day in prepared
            ],
            "late": [edition.gettext(N_("late")) if late else "" for late in table["late"]],
            "accepted": [edition.count(n) for n in table["records_accepted"]],
            "rejected": [edition.count(n) for n in table["records_rejected"]],
        }
    )
    header = _words(
        edition,
        N_("Agency"),
        N_("Dataset"),
        N_("Status"),
        N_("File"),
        N_("Prepared"),
        N_("Late"),
        N_("Accepted"),
        N_("Rejected"),
    )
    widths = ("14mm", "27mm", "21mm", "", "17mm", "13mm", "15mm", "15mm")
    return _table(
        rows, header, widths=widths, numeric=frozenset({6, 7}), breakable=frozenset({1, 3})
    )


def records(edition: Edition, context: ReportContext) -> Table:
    """Records accepted and rejected per dataset."""
    table = quality.records_by_dataset(context)
    rows = pd.DataFrame(
        {
            "dataset": table["dataset"],
            "accepted": [edition.count(n) for n in table["records_accepted"]],
            "rejected": [edition.count(n) for n in table["records_rejected"]],
        }
    )
    header = _words(edition, N_("Dataset"), N_("Records accepted"), N_("Records rejected"))
    return _table(rows, header, numeric=frozenset({1, 2}))


def rules(edition: Edition, context: ReportContext) -> Table:
    """Findings counted per rule."""
    table = quality.findings_by_rule(context)
    table = table.assign(
        severity=[edition.severity(s) for s in table["severity"]],
        count=[edition.count(n) for n in table["count"]],
        description=[rule_description(r, edition.language) for r in table["rule_id"]],
    )
    header = _words(edition, N_("Rule"), N_("Severity"), N_("Findings"), N_("What it checks"))
    return _table(
        table,
        header,
        widths=("62mm", "20mm", "15mm", ""),
        numeric=frozenset({2}),
        breakable=frozenset({0}),
    )


def findings(edition: Edition, context: ReportContext) -> Table:
    """The errors and warnings, one per row, up to :data:`LISTED_FINDINGS`; messages in the
    edition's language, values as the agency wrote them."""
    translated = localised_findings(context.findings, edition.language)
    table = quality.listed_findings(
        dataclasses.replace(context, findings=translated), severities=("error", "warning")
    )
    table = table.assign(severity=[edition.severity(s) for s in table["severity"]])
    header = _words(
        edition,
        N_("Severity"),
        N_("Rule"),
        N_("File"),
        N_("Sheet"),
        N_("Cell"),
        N_("Value"),
        N_("Message"),
    )
    widths = ("17mm", "34mm", "32mm", "17mm", "10mm", "20mm", "")
    return _table(
        table, header, LISTED_FINDINGS, widths=widths, breakable=frozenset({1, 2, 3, 5, 6})
    )


def reconciliation(edition: Edition, context: ReportContext) -> Table:
    """ANAMA's and MOH's casualty counts per district and outcome."""
    table = quality.reconciliation_table(context)
    header = _words(
        edition, N_("District"), N_("Outcome"), N_("ANAMA"), N_("MOH"), N_("Difference")
    )
    if table.empty:
        return Table(header, ())
    rows = pd.DataFrame(
        {
            "district": [edition.district(c) for c in table["district"]],
            "outcome": [edition.code("outcome", o) for o in table["outcome"]],
            "anama": [edition.count(n) for n in table["anama"]],
            "moh": [edition.count(n) for n in table["moh"]],
            "difference": [edition.signed(float(n), "persons") for n in table["difference"]],
        }
    )
    return _table(rows, header, numeric=frozenset({2, 3, 4}))


def baseline(edition: Edition) -> dict[str, object]:
    """The baseline date, the national area and every estimate of contamination."""
    current = edition.format(
        N_("{area} km² (as of {month})"),
        area=edition.number(CURRENT_BASELINE.area_km2, "km²"),
        month=edition.month(CURRENT_BASELINE.as_of),
    )

    def area(estimate: BaselineEstimate) -> str:
        text = edition.number(estimate.area_km2, "km²")
        if estimate.approximate:
            return edition.format(N_("about {area}"), area=text)
        return text

    return {
        "date": edition.day(BASELINE_DATE),
        "national_area": edition.number(NATIONAL_AREA_KM2, "km²"),
        "current": current,
        "estimates": Table(
            _words(edition, N_("Estimate of"), N_("Contaminated area (km²)"), N_("Used")),
            tuple(
                (
                    edition.month(e.as_of),
                    area(e),
                    edition.gettext(N_("current") if e == CURRENT_BASELINE else N_("superseded")),
                )
                for e in BASELINE_CONTAMINATION
            ),
            numeric=frozenset({1}),
        ),
    }


def inputs(edition: Edition, context: ReportContext) -> Table:
    """Every input file with its agency, size and SHA-256, as the run found them."""
    table = context.inputs.sort_values("file", kind="stable")
    rows = pd.DataFrame(
        {
            "file": table["file"],
            "agency": table["agency"].fillna(""),
            "size": [edition.count(n) for n in table["size"]],
            "sha256": table["sha256"],
        }
    )
    header = _words(edition, N_("File"), N_("Agency"), N_("Bytes"), N_("SHA-256"))
    return _table(
        rows,
        header,
        widths=("", "15mm", "15mm", "87mm"),
        numeric=frozenset({2}),
        breakable=frozenset({0}),
    )


@dataclass(frozen=True)
class Card:
    """An indicator's metadata card as printed: its id, title and rows of a label and
    its lines."""

    id: str
    title: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def _series_line(edition: Edition, series: SeriesMeta) -> str:
    scopes = ", ".join(edition.scope(scope) for scope in series.scopes)
    return edition.format(
        N_("{id} — {title} ({unit}; {scopes})"),
        id=series.id,
        title=edition.series_title(series),
        unit=edition.unit(series.unit),
        scopes=scopes,
    )


def card(edition: Edition, meta: IndicatorMeta) -> Card:
    """The metadata card of ``meta`` in the edition's language."""
    none = edition.gettext(N_("none"))
    rows = (
        (N_("Target"), (f"{meta.target.id} {edition.target_title(meta.target)}",)),
        (N_("Definition"), (edition.metadata(meta.definition),)),
        (N_("Series"), tuple(_series_line(edition, s) for s in meta.series)),
        (N_("Kind"), (edition.kind(meta.kind),)),
        (N_("Breakdowns"), (", ".join(edition.breakdown(b) for b in meta.breakdowns) or none,)),
        (N_("Sources"), (", ".join(edition.dataset(d) for d in meta.sources),)),
        (N_("Computation"), (edition.metadata(meta.computation),)),
        (N_("Limitations"), (edition.metadata(meta.limitations),)),
    )
    return Card(
        meta.id,
        edition.indicator_title(meta),
        tuple((edition.gettext(label), lines) for label, lines in rows),
    )


def cards(edition: Edition, framework: Framework) -> tuple[Card, ...]:
    """Every indicator's metadata card, in the framework's order."""
    return tuple(card(edition, meta) for meta in framework.indicators)
