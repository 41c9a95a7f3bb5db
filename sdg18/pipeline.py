"""The quarterly run after every file is validated: cross checks, store, indicators, outputs.

Plain functions, no Prefect: the flow in ``flows/quarterly.py`` calls them as
tasks, and tests call them directly. The data flows one way — validated inbox
→ levels 2–3 → accepted records → store history + this run → indicators →
revisions → outputs — and the store is written last, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sdg18 import __version__
from sdg18.indicators import compute_indicators, indicator_sources
from sdg18.periods import Period
from sdg18.reports.atomic import staged_folder
from sdg18.reports.context import ReportContext, report_context
from sdg18.reports.exports import write_indicators_csv, write_opensdg
from sdg18.reports.validation_outputs import write_validation_outputs
from sdg18.revisions import REVISION_COLUMNS, find_revisions
from sdg18.store import Store
from sdg18.store.database import RunRow, SubmissionRow
from sdg18.validation.accepted import Records, accepted_records
from sdg18.validation.across import check_across
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.report import ValidationCounts, count_findings


@dataclass(frozen=True)
class RunResult:
    """What a quarterly run produced."""

    run_id: str
    period: str
    verdict: str
    counts: ValidationCounts
    folder: Path
    revisions: pd.DataFrame = field(repr=False)
    values: pd.DataFrame = field(repr=False)
    context: ReportContext = field(repr=False)


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


def submission_rows(validation: InboxValidation) -> list[SubmissionRow]:
    """One row per dataset sheet received, with what became of it."""
    rows = []
    for table in validation.tables:
        source = table.table.source
        if table.superseded_by:
            status = "superseded"
        elif table.table.rejected_by:
            status = "rejected"
        else:
            status = "accepted"
        rows.append(
            SubmissionRow(
                str(validation.period),
                source.agency,
                source.dataset,
                source.file,
                source.file_sha256,
                source.sheet,
                status,
                len(table.accepted),
                len(table.rejected_rows),
            )
        )
    return rows


def new_run_id(period: Period) -> str:
    """A run id that sorts by time: ``<period>-<UTC time>-<random>``."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{period}-{stamp}-{uuid.uuid4().hex[:6]}"


def complete_run(
    validation: InboxValidation,
    store: Store,
    out_dir: Path,
    run_id: str,
    started_at: dt.datetime,
) -> RunResult:
    """Levels 2–3, indicators, revisions, outputs under ``out_dir/<period>/``, then the store."""
    period = validation.period
    history = store.records()
    cross = check_across(validation.tables, history, period)
    validation.findings_of_inbox.extend(cross.findings)
    current = accepted_records(validation.tables, period)
    replaced = replacing(validation)
    records = merge_records(history, current, replaced, period)
    values = compute_indicators(records, data_periods(records, period))
    revisions = find_revisions(
        values, store.last_published(), current, indicator_sources(), str(period)
    )
    counts = count_findings(validation)
    verdict = "provisional" if counts.errors else "final"
    context = report_context(
        validation,
        run_id=run_id,
        started_at=started_at,
        verdict=verdict,
        code_version=__version__,
        values=values,
        revisions=revisions,
        reconciliation=cross.reconciliation,
    )
    with staged_folder(out_dir / str(period)) as folder:
        write_validation_outputs(validation, folder, run_id, cross.reconciliation)
        write_indicators_csv(values, folder / "indicators.csv")
        revisions.reindex(columns=REVISION_COLUMNS).to_csv(folder / "revisions.csv", index=False)
        write_opensdg(values, data_periods(records, period), folder / "opensdg")
    run = RunRow(run_id, str(period), started_at, dt.datetime.now(dt.UTC), verdict, __version__)
    store.write_run(run, submission_rows(validation), replaced, current, values)
    return RunResult(
        run_id, str(period), verdict, counts, out_dir / str(period), revisions, values, context
    )
