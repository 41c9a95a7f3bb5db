"""The quarterly run after every file is validated: cross checks, store, indicators, outputs.

Plain functions, no Prefect: the flow in ``flows/quarterly.py`` calls them as
tasks, and tests call them directly. The data flows one way — validated inbox
→ levels 2–3 → accepted records → store history + this run → indicators →
revisions → outputs (``manifest.json`` last) — then the store, in one transaction,
before the outputs folder replaces the previous one (``publish_run``; a run killed
on the way is finished or undone by :mod:`sdg18.integrity.recovery`). :func:`run_period_direct`
is the whole run of a period without Prefect, as the flow runs it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from sdg18 import __version__
from sdg18.core.faults import checkpoint
from sdg18.core.outputs import MANIFEST_NAME
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.core.settings import Settings
from sdg18.indicators import compute_indicators, indicator_sources
from sdg18.indicators.revisions import REVISION_COLUMNS, find_revisions
from sdg18.ingest.discover import InboxFile, discover, sha256_of
from sdg18.integrity.atomic import discard, fresh_partial, pending_folder, swap_in
from sdg18.integrity.locking import period_lock
from sdg18.integrity.manifest import (
    RunFacts,
    failed_manifest,
    record_failed_run,
    record_unchanged_run,
    run_manifest,
    seal_outputs,
    unchanged_manifest,
)
from sdg18.integrity.recovery import recover_period, run_committed
from sdg18.reports.context import ReportContext, report_context
from sdg18.reports.exports.indicators_csv import write_indicators_csv, write_opensdg
from sdg18.reports.exports.validation_outputs import write_validation_outputs
from sdg18.run.archive import archive_inputs
from sdg18.run.fingerprints import run_key
from sdg18.run.rerun import standing_manifest
from sdg18.store import Store, open_store, store_url
from sdg18.store.database import RunRow, SubmissionRow
from sdg18.validation.accepted import accepted_records
from sdg18.validation.across import check_across
from sdg18.validation.inbox import InboxValidation, validate_files
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
    #: What the reports were made from; None when the outputs of an earlier run stood.
    context: ReportContext | None = field(repr=False)
    #: SHA-256 of the run's manifest.json (the head of the manifest chain after this run).
    manifest_sha256: str = ""
    #: The earlier run whose outputs stand for this one (inputs, store and code unchanged).
    stands_for: str = ""


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


def _write_outputs(prepared: PreparedRun, folder: Path) -> None:
    # Imported here: WeasyPrint costs a second at start-up, and a run whose outputs
    # stand (sdg18.run.rerun) never renders.
    from sdg18.reports.ministry import write_reports

    validation = prepared.validation
    write_validation_outputs(validation, folder, prepared.run_id, prepared.reconciliation)
    write_indicators_csv(prepared.values, folder / "indicators.csv")
    revisions = prepared.revisions.reindex(columns=REVISION_COLUMNS)
    revisions.to_csv(folder / "revisions.csv", index=False)
    write_opensdg(prepared.values, prepared.periods, folder / "opensdg")
    write_reports(prepared.context, folder, indicators_csv=folder / "indicators.csv")


def _maybe_committed(store: Store, run_id: str) -> bool:
    """Whether the store may hold ``run_id``: True when it does, or cannot tell."""
    try:
        return run_committed(store, run_id)
    except Exception:  # the store is unreachable: let the next start decide
        return True


def _publish(prepared: PreparedRun, store: Store, out_dir: Path, facts: RunFacts) -> str:
    """Outputs in a partial folder, sealed (pending, store, chain), then swapped in; returns
    the manifest's SHA-256. A failure before the store commits removes what it wrote."""
    validation, run_id = prepared.validation, prepared.run_id
    target = out_dir / str(validation.period)
    staging = fresh_partial(target)
    try:
        _write_outputs(prepared, staging)
        # Every output is written above this line: the manifest lists the folder as it is.
        finished_at = dt.datetime.now(dt.UTC)
        manifest = run_manifest(
            validation,
            facts,
            run_id=run_id,
            started_at=prepared.started_at,
            finished_at=finished_at,
            verdict=prepared.verdict,
            counts=prepared.counts,
        )
        run = RunRow(
            run_id,
            str(validation.period),
            prepared.started_at,
            finished_at,
            prepared.verdict,
            __version__,
        )

        def write_store() -> int:
            rows = submission_rows(validation)
            return store.write_run(run, rows, prepared.replaced, prepared.current, prepared.values)

        pending, manifest_sha256 = seal_outputs(
            staging, target, out_dir, manifest, commit=write_store
        )
    except BaseException:
        discard(staging)
        if not _maybe_committed(store, run_id):  # else it is rolled forward, not discarded
            discard(pending_folder(target))
        raise
    swap_in(pending, target)
    return manifest_sha256


def publish_run(
    prepared: PreparedRun, store: Store, out_dir: Path, facts: RunFacts | None = None
) -> RunResult:
    """Write ``out_dir/<period>/`` (the manifest last), the store, then the manifest chain.

    The folder replaces the previous one only once the store's transaction has
    committed: a failure before the commit leaves the previous outputs, the store
    and the chain as they were; a failure (or a kill) after it leaves a pending
    folder that :func:`sdg18.integrity.recovery.recover_period` rolls forward. That is done
    first here, so publishing a run again (a retry) finishes it, never writes it twice.
    """
    period, run_id = prepared.validation.period, prepared.run_id
    target = out_dir / str(period)
    recover_period(out_dir, str(period), store)
    if run_committed(store, run_id):
        manifest_sha256 = sha256_of(target / MANIFEST_NAME)
    else:
        manifest_sha256 = _publish(prepared, store, out_dir, facts or RunFacts())
    return RunResult(
        run_id,
        str(period),
        prepared.verdict,
        prepared.counts,
        target,
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


def read_inbox(
    period: Period, files: list[InboxFile], settings: Settings
) -> tuple[InboxValidation, dict[str, bool]]:
    """Levels 0 and 1 of every file listed, one after the other, and which were parsed
    (all of them: nothing is cached without Prefect)."""
    validation = validate_files(files, period, settings)
    return validation, {result.read.file.name: True for result in validation.results}


def standing_run(
    period: Period,
    files: list[InboxFile],
    store: Store,
    out_dir: Path,
    run_id: str,
    started_at: dt.datetime,
    facts: RunFacts,
) -> RunResult | None:
    """The result of a run whose period's outputs stand (:mod:`sdg18.run.rerun`): its manifest
    added to the chain, nothing computed or written; None when the run must compute."""
    folder = out_dir / str(period)
    standing = standing_manifest(folder, facts.run_key, store)
    if standing is None:
        return None
    manifest = unchanged_manifest(
        run_id, str(period), facts, started_at, files, standing, sha256_of(folder / MANIFEST_NAME)
    )
    digest = record_unchanged_run(out_dir, manifest)
    return RunResult(
        run_id,
        str(period),
        str(standing["verdict"]),
        ValidationCounts(**standing["validation"]),
        folder,
        pd.read_csv(folder / "revisions.csv"),
        pd.read_csv(folder / "indicators.csv"),
        None,
        digest,
        stands_for=str(standing["run_id"]),
    )


def run_period_direct(
    period: Period,
    inbox_dir: Path,
    out_dir: Path,
    settings: Settings,
    run_id: str | None = None,
) -> RunResult:
    """The run of one period without Prefect, in the flow's order: the period's lock, every
    input archived, a killed run's leftovers settled, levels 0–3, outputs and store. A run
    that fails adds its manifest to the chain, then raises."""
    run_id = run_id or new_run_id(period)
    url = store_url(settings, out_dir) if settings.database_url else ""
    lock = period_lock(
        out_dir, str(period), run_id, timeout_s=settings.lock_timeout_s, database_url=url
    )
    with lock:
        started_at = dt.datetime.now(dt.UTC)
        folder = inbox_dir / str(period)
        files = discover(folder) if folder.is_dir() else []
        parameters = {"period": str(period), "inbox": str(inbox_dir), "out": str(out_dir)}
        facts = RunFacts(parameters, {}, {"runner": "direct"})
        store: Store | None = None
        try:
            archived = archive_inputs(files, out_dir)
            facts = RunFacts(parameters, {}, facts.orchestration, archived)
            store = open_store(settings, out_dir)
            recover_period(out_dir, str(period), store)
            facts = replace(facts, run_key=run_key(period, files, settings))
            standing = standing_run(period, files, store, out_dir, run_id, started_at, facts)
            if standing is not None:
                return standing
            validation, parsed = read_inbox(period, files, settings)
            checkpoint("after-files-read")
            facts = replace(facts, parsed=parsed)
            return complete_run(validation, store, out_dir, run_id, started_at, facts)
        except Exception as error:
            failed = failed_manifest(run_id, str(period), facts, started_at, files, error)
            record_failed_run(out_dir, failed)
            raise
        finally:
            if store is not None:
                store.engine.dispose()
