"""A run computed, nothing written: levels 2–3, records merged with history, indicators, revisions.

The store's history and this run's accepted records make the records after the
run (this run's submissions replace the same agency's records of the same
dataset and period); every indicator is computed for every period the store has
submissions for, up to the run's; each value is compared with the one last
published (revisions). :mod:`sdg18.run.publish` writes the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from sdg18 import __version__
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators import compute_indicators, indicator_sources
from sdg18.indicators.compute import compute_with_traces
from sdg18.indicators.revisions import find_revisions
from sdg18.integrity.manifest import PUBLISHED, Verdict
from sdg18.reports.context import ReportContext, report_context
from sdg18.run.sources import period_sources
from sdg18.run.vintages import explain_revisions
from sdg18.store import Store
from sdg18.validation.accepted import accepted_records
from sdg18.validation.across import check_across
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.report import ValidationCounts, count_findings


def replacing(validation: InboxValidation) -> set[tuple[str, str]]:
    """(agency, dataset) pairs whose submission this run replaces earlier records of."""
    return {
        (t.table.source.agency, t.table.dataset)
        for t in validation.tables
        if not t.table.rejected_by and not t.superseded_by
    }


def merge_records(
    history: Records, current: Records, replaced: set[tuple[str, str]], period: Period
) -> Records:
    """The store's records after this run: earlier ones not replaced, then this run's."""
    merged: Records = {}
    for dataset, frame in history.items():
        agencies = [agency for agency, name in replaced if name == dataset]
        gone = frame["submission_period"].eq(str(period)) & frame["agency"].isin(agencies)
        parts = [p for p in (frame.loc[~gone], current[dataset]) if not p.empty]
        merged[dataset] = pd.concat(parts, ignore_index=True) if parts else current[dataset]
    return merged


def data_periods(records: Records, period: Period) -> list[Period]:
    """Quarters for which the store holds submissions, up to and including ``period``."""
    found = {str(period)}
    for frame in records.values():
        found.update(frame["submission_period"].dropna().unique())
    return sorted(p for p in map(Period.parse, found) if p <= period)


@dataclass(frozen=True)
class PreparedRun:
    """A run computed but not yet written: what ``publish_run`` writes to outputs and store."""

    validation: InboxValidation
    run_id: str
    started_at: dt.datetime
    current: Records
    replaced: set[tuple[str, str]]
    periods: list[Period]
    values: pd.DataFrame
    revisions: pd.DataFrame
    reconciliation: pd.DataFrame
    counts: ValidationCounts
    verdict: Verdict
    context: ReportContext
    #: Each period of ``periods`` → the verdict of the last run publishing it (this run's
    #: for its own period): the status of the period's values in the SDMX export.
    period_verdicts: dict[str, str] = field(default_factory=dict)


def period_verdicts(runs: pd.DataFrame, period: str, verdict: str) -> dict[str, str]:
    """Each period of ``runs`` (the store's, in the order written) → the verdict of its last
    run that published (final or provisional), with ``verdict`` for ``period``."""
    published = runs[runs["verdict"].isin(PUBLISHED)]
    verdicts = dict(zip(published["period"], published["verdict"], strict=True))
    verdicts[period] = verdict
    return verdicts


def prepare_run(
    validation: InboxValidation,
    store: Store,
    run_id: str,
    started_at: dt.datetime,
    lineage: bool = True,
) -> PreparedRun:
    """Levels 2–3, this run's accepted records merged with history, indicators, revisions;
    with ``lineage``, each revision's records added and retired, and the records and files
    of every value of the period (for the reports).

    Reads the store and writes nothing; ``validation`` is left as it was (the run's
    validation, with the findings of levels 2–3 added, is the result's).
    """
    period = validation.period
    history = store.records()
    cross = check_across(validation.tables, history, period)
    validation = replace(
        validation, findings_of_inbox=[*validation.findings_of_inbox, *cross.findings]
    )
    current = accepted_records(validation.tables, period)
    replaced = replacing(validation)
    records = merge_records(history, current, replaced, period)
    periods = data_periods(records, period)
    if lineage:
        values, traced = compute_with_traces(records, periods, period)
    else:
        values, traced = compute_indicators(records, periods), None
    revisions = find_revisions(
        values, store.last_published(), current, indicator_sources(), str(period)
    )
    value_sources, sources = None, None
    if traced is not None:
        revisions = explain_revisions(revisions, records, store, history)
        value_sources, sources = period_sources(records, traced)
    counts = count_findings(validation)
    verdict: Verdict = "provisional" if counts.errors else "final"
    context = report_context(
        validation,
        run_id=run_id,
        started_at=started_at,
        verdict=verdict,
        code_version=__version__,
        values=values,
        revisions=revisions,
        reconciliation=cross.reconciliation,
        value_sources=value_sources,
        sources=sources,
        value_traces=traced,
        traced_records=records if traced is not None else None,
    )
    return PreparedRun(
        validation,
        run_id,
        started_at,
        current,
        replaced,
        periods,
        values,
        revisions,
        cross.reconciliation,
        counts,
        verdict,
        context,
        period_verdicts(store.runs(), str(period), verdict),
    )
