"""The run of one period: the one sequence the Prefect flow and the direct run both follow.

Under the period's lock: list the inbox, archive every input, open the store,
settle what a killed run left, compute the run key and stop when the period's
outputs stand (:mod:`sdg18.run.rerun`); else read and validate every file
(levels 0–1), apply the resubmission rule, then compute (levels 2–3,
indicators, revisions: :mod:`sdg18.run.prepare`) and publish (outputs, store,
chain: :mod:`sdg18.run.publish`). A run that fails adds its manifest to the
chain, then raises.

What an orchestrator takes over is in :class:`RunSteps`: the Prefect flow
(``flows/quarterly.py``) passes its cached per-file task, its compute and write
tasks, its logger, its run log and its artifacts; :func:`run_period_direct`
runs the same sequence in-process.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdg18.core.faults import checkpoint
from sdg18.core.outputs import ARCHIVE_FOLDER, PeriodOutputs, run_log_path
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, discover
from sdg18.integrity.chain import record_failed_run
from sdg18.integrity.locking import period_lock
from sdg18.integrity.manifest import Manifest, RunFacts, failed_manifest
from sdg18.integrity.recovery import recover_period
from sdg18.run.archive import archive_inputs
from sdg18.run.fingerprints import run_key
from sdg18.run.rerun import standing_run
from sdg18.run.result import RunResult
from sdg18.store import Store, open_store, store_url

if TYPE_CHECKING:
    from sdg18.run.prepare import PreparedRun
    from sdg18.validation.files import FileResult
    from sdg18.validation.inbox import InboxValidation

#: The direct run's logger; silent unless the caller configures logging.
LOGGER = logging.getLogger("sdg18.run")
LOGGER.addHandler(logging.NullHandler())

#: Levels 0–1 of the files to process: each file's result, and whether it was parsed in
#: this run (False: the result came from a cache).
ReadFiles = Callable[
    [list[InboxFile], Period, Settings], "tuple[list[FileResult], dict[str, bool]]"
]
#: Levels 2–3, indicators, revisions: (validation, store, run id, start, lineage).
Compute = Callable[["InboxValidation", Store, str, dt.datetime, bool], "PreparedRun"]
Publish = Callable[["PreparedRun", Store, Path, RunFacts], RunResult]
Logger = logging.Logger | logging.LoggerAdapter[Any]


def read_in_process(
    files: list[InboxFile], period: Period, settings: Settings
) -> tuple[list[FileResult], dict[str, bool]]:
    """Levels 0 and 1 of every file, as the flow reads them (:func:`check_files`; every
    file parsed: no cache)."""
    from sdg18.validation.inbox import check_files

    results = check_files(files, period, settings)
    return results, {result.read.file.name: True for result in results}


# The stages below are imported when a run computes, not when this module is: a run whose
# outputs stand (sdg18.run.rerun) never imports the indicators nor the report writers.
def compute_in_process(
    validation: InboxValidation, store: Store, run_id: str, at: dt.datetime, lineage: bool
) -> PreparedRun:
    """Levels 2–3, indicators and revisions in this process (:func:`prepare_run`)."""
    from sdg18.run.prepare import prepare_run

    return prepare_run(validation, store, run_id, at, lineage)


def publish_in_process(
    prepared: PreparedRun, store: Store, out_dir: Path, facts: RunFacts
) -> RunResult:
    """The outputs, the store and the chain, in this process (:func:`publish_run`)."""
    from sdg18.run.publish import publish_run

    return publish_run(prepared, store, out_dir, facts)


@dataclass(frozen=True)
class RunSteps:
    """The parts of a run an orchestrator may take over; the defaults run in-process."""

    read_files: ReadFiles = read_in_process
    compute: Compute = compute_in_process
    publish: Publish = publish_in_process
    logger: Logger = LOGGER
    #: How the run is orchestrated, for the manifest.
    orchestration: Mapping[str, object] = field(default_factory=lambda: {"runner": "direct"})
    #: Writes the run's log to the file given while the run lasts (None: no log file).
    run_log: Callable[[Path], AbstractContextManager[object]] | None = None
    #: Shows the result where the statistician looks (e.g. Prefect artifacts).
    announce: Callable[[RunResult], object] | None = None


@dataclass(frozen=True)
class RunRequest:
    """Which period a run is of, where it reads and writes, and how it was asked for."""

    period: Period
    inbox_dir: Path
    out_dir: Path
    settings: Settings
    run_id: str
    #: The run's parameters as given, for the manifest.
    parameters: Mapping[str, object]


def new_run_id(period: Period) -> str:
    """A run id that sorts by time: ``<period>-<UTC time>-<random>``."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{period}-{stamp}-{uuid.uuid4().hex[:6]}"


def run_period(request: RunRequest, steps: RunSteps) -> RunResult:
    """The run of ``request.period`` under its lock (raises PeriodBusyError when another run
    holds it past ``SDG18_LOCK_TIMEOUT_S``); with ``steps.run_log``, the run's log is kept
    in the outputs' logs folder and copied into the period folder the run wrote."""
    settings, out_dir = request.settings, request.out_dir
    url = store_url(settings, out_dir) if settings.database_url else ""
    lock = period_lock(
        out_dir,
        str(request.period),
        request.run_id,
        timeout_s=settings.lock_timeout_s,
        database_url=url,
    )
    log_path = out_dir / run_log_path(request.run_id)
    with lock:
        with steps.run_log(log_path) if steps.run_log else nullcontext():
            result = _run_locked(request, steps)
        if steps.run_log and not result.stands_for:  # outputs that stand keep their run's log
            shutil.copyfile(log_path, PeriodOutputs(result.folder, result.period).run_log)
    return result


def _run_locked(request: RunRequest, steps: RunSteps) -> RunResult:
    """Everything after the lock: the failure of any step is recorded in the chain, then
    raised."""
    logger, period, out_dir = steps.logger, request.period, request.out_dir
    started_at = dt.datetime.now(dt.UTC)
    folder = request.inbox_dir / str(period)
    files = discover(folder) if folder.is_dir() else []
    logger.info("run %s of %s: %d file(s) in %s", request.run_id, period, len(files), folder)
    facts = RunFacts(
        request.parameters,
        {},
        steps.orchestration,
        structure=request.settings.structure_ids,
        editions=request.settings.editions,
    )
    try:
        facts = replace(facts, archived=archive_inputs(files, out_dir))
        logger.info("%d input(s) kept in %s/", len(facts.archived), ARCHIVE_FOLDER)
        with open_store(request.settings, out_dir) as store:
            result = _run_with_store(request, steps, files, store, started_at, facts)
    except Exception as error:
        failed = failed_manifest(request.run_id, str(period), facts, started_at, files, error)
        _record_failure(out_dir, failed, logger)
        raise
    _announce(result, steps)
    return result


def _run_with_store(
    request: RunRequest,
    steps: RunSteps,
    files: list[InboxFile],
    store: Store,
    started_at: dt.datetime,
    facts: RunFacts,
) -> RunResult:
    """Recovery, the unchanged check, levels 0–3, indicators and the outputs."""
    logger, period, out_dir = steps.logger, request.period, request.out_dir
    for action in recover_period(out_dir, str(period), store):
        logger.warning("recovery: %s", action)
    facts = replace(facts, run_key=run_key(period, files, request.settings))
    standing = standing_run(period, files, store, out_dir, request.run_id, started_at, facts)
    if standing is not None:
        logger.info(
            "%s unchanged: inputs, store and code are those of run %s, whose outputs stand",
            period, standing.stands_for,
        )  # fmt: skip
        return standing
    from sdg18.validation.inbox import InboxValidation, resolve_submissions, skip_duplicates

    kept, duplicates = skip_duplicates(files)
    results, parsed = steps.read_files(kept, period, request.settings)
    checkpoint("after-files-read")
    validation = InboxValidation(period, files, resolve_submissions(results), duplicates)
    facts = replace(facts, parsed=parsed)
    lineage = request.settings.lineage
    logger.info("%s: %d file(s) read and validated; computing the indicators", period, len(files))
    from sdg18.reports.pdf.processes import start_renderers

    start_renderers()  # they load WeasyPrint while this process computes
    prepared = steps.compute(validation, store, request.run_id, started_at, lineage)
    logger.info("%s: writing the outputs and the store", period)
    result = steps.publish(prepared, store, out_dir, facts)
    logger.info("%s: %s; verdict %s", period, result.counts.describe(), result.verdict)
    logger.info("outputs in %s; manifest SHA-256 %s", result.folder, result.manifest_sha256)
    return result


def _record_failure(out_dir: Path, manifest: Manifest, logger: Logger) -> None:
    """Add a failed run's manifest to the chain; a failure to do so is logged, not raised,
    so that the run's own error is the one reported."""
    try:
        digest = record_failed_run(out_dir, manifest)
    except Exception as error:  # the run's own error matters more: log this one
        logger.warning("the failed run's manifest could not be written: %s", error)
        return
    logger.error(
        "run %s failed: %s; its manifest (SHA-256 %s) is in the chain",
        manifest["run_id"], manifest.get("error"), digest,
    )  # fmt: skip


def _announce(result: RunResult, steps: RunSteps) -> None:
    """``steps.announce`` the result; a failure is logged: outputs and store are written."""
    if steps.announce is None:
        return
    try:
        steps.announce(result)
    except Exception as error:  # the outputs and the store are written: report, do not fail
        steps.logger.warning("the run's artifacts could not be created: %s", error)


def run_period_direct(
    period: Period,
    inbox_dir: Path,
    out_dir: Path,
    settings: Settings,
    run_id: str | None = None,
) -> RunResult:
    """The run of one period without Prefect: :func:`run_period` with every step in-process."""
    request = RunRequest(
        period,
        inbox_dir,
        out_dir,
        settings,
        run_id or new_run_id(period),
        {"period": str(period), "inbox": str(inbox_dir), "out": str(out_dir)},
    )
    return run_period(request, RunSteps())
