"""The quarterly run after every file is validated: cross checks, store, indicators, outputs.

Plain functions, no Prefect: the flow in ``flows/quarterly.py`` calls them as
tasks, and tests call them directly. The data flows one way — validated inbox
→ levels 2–3 → accepted records → store history + this run → indicators →
revisions → outputs (``manifest.json`` last) — then the store, in one transaction,
before the outputs folder replaces the previous one (``publish_run``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sdg18 import __version__
from sdg18.indicators import compute_indicators, indicator_sources
from sdg18.manifest import RunFacts, run_manifest, seal_outputs
from sdg18.periods import Period
from sdg18.reports.atomic import staged_folder
from sdg18.reports.context import ReportContext, report_context
from sdg18.reports.exports import write_indicators_csv, write_opensdg
from sdg18.reports.ministry import write_reports
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
    #: SHA-256 of the run's manifest.json (the head of the manifest chain after this run).
    manifest_sha256: str = ""


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
    verdict: str
    context: ReportContext


def prepare_run(
    validation: InboxValidation, store: Store, run_id: str, started_at: dt.datetime
) -> PreparedRun:
    """Levels 2–3, this run's accepted records merged with history, indicators, revisions.

    Reads the store and writes nothing.
    """
    period = validation.period
    history = store.records()
    cross = check_across(validation.tables, history, period)
    validation.findings_of_inbox.extend(cross.findings)
    current = accepted_records(validation.tables, period)
    replaced = replacing(validation)
    records = merge_records(history, current, replaced, period)
    periods = data_periods(records, period)
    values = compute_indicators(records, periods)
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
    )


def publish_run(
    prepared: PreparedRun, store: Store, out_dir: Path, facts: RunFacts | None = None
) -> RunResult:
    """Write ``out_dir/<period>/`` (the manifest last), the store, then the manifest chain.

    The folder replaces the previous one only once the store's transaction has
    committed: a failure anywhere leaves the previous outputs, the store and the
    chain as they were, so the step can be run again.
    """
    validation, run_id = prepared.validation, prepared.run_id
    period = validation.period
    with staged_folder(out_dir / str(period)) as folder:
        write_validation_outputs(validation, folder, run_id, prepared.reconciliation)
        write_indicators_csv(prepared.values, folder / "indicators.csv")
        revisions = prepared.revisions.reindex(columns=REVISION_COLUMNS)
        revisions.to_csv(folder / "revisions.csv", index=False)
        write_opensdg(prepared.values, prepared.periods, folder / "opensdg")
        write_reports(prepared.context, folder, indicators_csv=folder / "indicators.csv")
        # Every output is written above this line: the manifest lists the folder as it is.
        finished_at = dt.datetime.now(dt.UTC)
        manifest = run_manifest(
            validation,
            facts or RunFacts(),
            run_id=run_id,
            started_at=prepared.started_at,
            finished_at=finished_at,
            verdict=prepared.verdict,
            counts=prepared.counts,
        )
        run = RunRow(
            run_id, str(period), prepared.started_at, finished_at, prepared.verdict, __version__
        )

        def write_store() -> int:
            return store.write_run(
                run,
                submission_rows(validation),
                prepared.replaced,
                prepared.current,
                prepared.values,
            )

        manifest_sha256 = seal_outputs(folder, out_dir, manifest, commit=write_store)
    return RunResult(
        run_id,
        str(period),
        prepared.verdict,
        prepared.counts,
        out_dir / str(period),
        prepared.revisions,
        prepared.values,
        prepared.context,
        manifest_sha256,
    )


def complete_run(
    validation: InboxValidation,
    store: Store,
    out_dir: Path,
    run_id: str,
    started_at: dt.datetime,
    facts: RunFacts | None = None,
) -> RunResult:
    """Levels 2–3, indicators, revisions, outputs under ``out_dir/<period>/``, then the store."""
    prepared = prepare_run(validation, store, run_id, started_at)
    return publish_run(prepared, store, out_dir, facts)
