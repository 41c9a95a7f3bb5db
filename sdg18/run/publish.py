"""A computed run written: the period's outputs, the manifest, the store, the chain.

Outputs are written in a staging folder (``manifest.json`` last), sealed (renamed
pending, the store's one transaction, the manifest chained), then swapped in
place of the period's folder. A run killed on the way is finished or undone by
:mod:`sdg18.integrity.recovery`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sdg18 import __version__
from sdg18.core.outputs import PeriodOutputs
from sdg18.indicators.revisions import REVISION_COLUMNS
from sdg18.ingest.discover import sha256_of
from sdg18.integrity.atomic import discard, fresh_partial, pending_folder, swap_in
from sdg18.integrity.chain import seal_outputs
from sdg18.integrity.manifest import RunFacts, run_manifest
from sdg18.integrity.recovery import recover_period, run_committed
from sdg18.integrity.seal import write_seal
from sdg18.reports.audit import write_audit
from sdg18.reports.exports.indicators_csv import write_indicators_csv
from sdg18.reports.exports.opensdg import write_opensdg
from sdg18.reports.exports.sdmx import Message, write_sdmx
from sdg18.reports.exports.validation_outputs import write_validation_outputs
from sdg18.run.prepare import PreparedRun, prepare_run
from sdg18.run.result import RunResult
from sdg18.store import Store
from sdg18.store.database import RunRow, SubmissionRow
from sdg18.validation.inbox import InboxValidation


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


def _write_outputs(prepared: PreparedRun, folder: Path, facts: RunFacts) -> None:
    # Imported here: WeasyPrint costs a second at start-up, and a run whose outputs
    # stand (sdg18.run.rerun) never renders.
    from sdg18.reports.ministry import write_reports

    validation = prepared.validation
    outputs = PeriodOutputs(folder, str(validation.period))
    write_indicators_csv(prepared.values, outputs.indicators_csv)

    def the_other_outputs() -> None:  # written while the PDFs are laid out elsewhere
        write_validation_outputs(
            validation, folder, prepared.run_id, prepared.reconciliation, facts.editions
        )
        revisions = prepared.revisions.reindex(columns=REVISION_COLUMNS)
        revisions.to_csv(outputs.revisions_csv, index=False)
        write_opensdg(prepared.values, prepared.periods, outputs.opensdg)
        write_sdmx(
            prepared.values,
            prepared.periods,
            prepared.period_verdicts,
            outputs.sdmx,
            Message(prepared.run_id, prepared.started_at),
            facts.structure,
        )
        write_audit(prepared.context, outputs.audit)

    write_reports(
        prepared.context,
        folder,
        facts.editions.languages,
        indicators_csv=outputs.indicators_csv,
        meanwhile=the_other_outputs,
    )


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
        _write_outputs(prepared, staging, facts)
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
    write_seal(pending, str(validation.period))
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
        manifest_sha256 = sha256_of(PeriodOutputs(target, str(period)).manifest)
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
