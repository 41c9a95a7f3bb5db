"""The quarterly run as a Prefect flow: a cached task per file, then the rest of the run.

Prefect wiring only; the work is in ``sdg18.validation``, ``sdg18.run.pipeline``,
``sdg18.integrity.manifest``, ``sdg18.integrity.locking`` and ``sdg18.run.runlog``. One run of a
period at a time (a lock); files read and validated concurrently (bounded),
each result cached on the file's fingerprint and the schema version; transient
I/O errors retried; artifacts, a run log and a manifest on every run.
"""

from __future__ import annotations

import datetime as dt
import shutil
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.states import Failed, State
from prefect.tasks import Task

from flows.artifacts import publish_artifacts
from flows.caching import cache_folder, read_validate_key
from flows.runners import build_task_runner, thread_runner
from sdg18.core.faults import checkpoint
from sdg18.core.outputs import ARCHIVE_FOLDER, LOG_FOLDER, RUN_LOG_NAME
from sdg18.core.periods import Period, period_range
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, discover
from sdg18.integrity.locking import PeriodBusyError, period_lock
from sdg18.integrity.manifest import RunFacts, failed_manifest, record_failed_run
from sdg18.integrity.provenance import confirm_fingerprint, local_day
from sdg18.integrity.recovery import recover_period
from sdg18.run.archive import archive_inputs
from sdg18.run.fingerprints import run_key
from sdg18.run.pipeline import (
    PreparedRun,
    RunResult,
    new_run_id,
    prepare_run,
    publish_run,
    standing_run,
)
from sdg18.run.runlog import run_log
from sdg18.store import open_store, store_url
from sdg18.validation.files import FileResult, failed_file
from sdg18.validation.inbox import InboxValidation, resolve_submissions, skip_duplicates
from sdg18.validation.isolation import check_bounded


def is_transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry a task only when it failed on an OSError (a disk, a share, a network hiccup)."""
    return isinstance(state.data, OSError)


@task(
    name="read-and-validate",
    task_run_name="validate {file.name}",
    cache_key_fn=read_validate_key,
    persist_result=True,
    cache_result_in_memory=False,
    retry_condition_fn=is_transient_io,
)
def read_and_validate(file: InboxFile, period: Period, settings: Settings) -> FileResult:
    """Levels 0 and 1 of one file (in a memory-capped worker with ``SDG18_ISOLATE_READS``).
    An OSError reading it raises (and is retried); any other failure, a worker's death
    included, becomes a finding on this file."""
    get_run_logger().info("reading and validating %s (%d bytes)", file.name, file.size)
    confirm_fingerprint(file)
    return check_bounded(file, period, settings)


@task(name="compute-indicators", cache_policy=NO_CACHE)
def compute(
    validation: InboxValidation, out_dir: Path, run_id: str, at: dt.datetime
) -> PreparedRun:
    """Levels 2–3 against the store's history, indicators and revisions (nothing written)."""
    return prepare_run(validation, open_store(Settings.from_env(), out_dir), run_id, at)


@task(name="write-outputs", cache_policy=NO_CACHE, retry_condition_fn=is_transient_io)
def write_outputs(prepared: PreparedRun, out_dir: Path, facts: RunFacts) -> RunResult:
    """The period's outputs (manifest last), the store, the manifest chain; retried on OSError."""
    return publish_run(prepared, open_store(Settings.from_env(), out_dir), out_dir, facts)


def collect(
    files: list[InboxFile], futures: list[PrefectFuture[FileResult]]
) -> tuple[list[FileResult], dict[str, bool]]:
    """Each file's result (a finding when its task failed for good) and whether it was parsed
    in this run (False: the result came from the cache)."""
    logger = get_run_logger()
    results: list[FileResult] = []
    parsed: dict[str, bool] = {}
    for file, future in zip(files, futures, strict=True):
        future.wait()
        try:
            result = future.result()
        except Exception as error:  # retries exhausted or not transient: a finding on the file
            logger.warning("%s could not be read: %s", file.name, error)
            result, parsed[file.name] = failed_file(file, error), True
        else:
            result.read.file = file  # a cached result carries the path of an earlier run's inbox
            parsed[file.name] = future.state.name != "Cached"
        logger.info("%s: %s", file.name, "parsed" if parsed[file.name] else "from cache")
        results.append(result)
    return results, parsed


def scheduled_day() -> dt.date:
    """The day (Asia/Baku) this flow run was scheduled for, so that a run started late still
    reports the quarter it was scheduled for; today for a run started by hand."""
    from prefect.runtime import flow_run

    return local_day(flow_run.scheduled_start_time)


def _orchestration() -> dict[str, object]:
    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        return {}
    runner = context.task_runner
    return {
        "flow_run_id": str(context.flow_run.id),
        "flow_run_name": context.flow_run.name,
        "deployment_id": str(context.flow_run.deployment_id or "") or None,
        "task_runner": type(runner).__name__,
        "task_runner_address": getattr(runner, "address", None),
    }


def run_period(
    quarter: Period, inbox_dir: Path, out_dir: Path, run_id: str, parameters: dict[str, object]
) -> RunResult:
    """The run of one period, once its lock is held: the inputs archived, a killed run's
    leftovers settled, files, indicators, outputs, artifacts."""
    logger = get_run_logger()
    settings = Settings.from_env()
    started_at = dt.datetime.now(dt.UTC)
    folder = inbox_dir / str(quarter)
    files = discover(folder) if folder.is_dir() else []
    logger.info("run %s of %s: %d file(s) in %s", run_id, quarter, len(files), folder)
    facts = RunFacts(parameters, {}, _orchestration())
    try:
        archived = archive_inputs(files, out_dir)
        logger.info("%d input(s) kept in %s/", len(archived), ARCHIVE_FOLDER)
        facts = RunFacts(parameters, {}, facts.orchestration, archived)
        store = open_store(settings, out_dir)
        for action in recover_period(out_dir, str(quarter), store):
            logger.warning("recovery: %s", action)
        facts = replace(facts, run_key=run_key(quarter, files, settings))
        standing = standing_run(quarter, files, store, out_dir, run_id, started_at, facts)
        store.engine.dispose()
        if standing is not None:
            logger.info(
                "%s unchanged: inputs, store and code are those of run %s, whose outputs stand",
                quarter, standing.stands_for,
            )  # fmt: skip
            publish_artifacts(standing)
            return standing
        kept, duplicates = skip_duplicates(files)
        reader = read_and_validate.with_options(
            result_storage=cache_folder(out_dir),
            retries=settings.io_retries,
            retry_delay_seconds=settings.io_retry_delay_s,
        )
        results, parsed = collect(kept, reader.map(kept, quarter, settings))
        checkpoint("after-files-read")
        resolve_submissions(results)
        validation = InboxValidation(quarter, files, results, duplicates)
        facts = replace(facts, parsed=parsed)
        prepared = compute(validation, out_dir, run_id, started_at)
        writer = write_outputs.with_options(
            retries=settings.io_retries, retry_delay_seconds=settings.io_retry_delay_s
        )
        result = writer(prepared, out_dir, facts)
    except Exception as error:
        record_failure(
            out_dir, failed_manifest(run_id, str(quarter), facts, started_at, files, error)
        )
        raise
    logger.info("%s: %s; verdict %s", quarter, result.counts.describe(), result.verdict)
    logger.info("outputs in %s; manifest SHA-256 %s", result.folder, result.manifest_sha256)
    try:
        publish_artifacts(result)
    except Exception as error:  # the outputs and the store are written: report, do not fail
        logger.warning("the run's artifacts could not be created: %s", error)
    return result


def record_failure(out_dir: Path, manifest: dict[str, Any]) -> None:
    """Add a failed run's manifest to the chain; a failure to do so is logged, not raised,
    so that the run's own error is the one reported."""
    logger = get_run_logger()
    try:
        digest = record_failed_run(out_dir, manifest)
    except Exception as error:
        logger.warning("the failed run's manifest could not be written: %s", error)
        return
    logger.error(
        "run %s failed: %s; its manifest (SHA-256 %s) is in the chain",
        manifest["run_id"], manifest.get("error"), digest,
    )  # fmt: skip


@flow(
    name="quarterly-report",
    flow_run_name="quarterly report {period}",
    task_runner=thread_runner(Settings.from_env()),
)
def quarterly_report(
    period: str | None = None, inbox: str | None = None, out: str | None = None
) -> RunResult:
    """The quarterly run of ``period`` (default: the last quarter completed on the day the
    run was scheduled for). A second run of the same period waits for the first."""
    settings = Settings.from_env()
    quarter = Period.parse(period) if period else Period.last_completed(scheduled_day())
    inbox_dir = Path(inbox) if inbox else settings.inbox
    out_dir = Path(out) if out else settings.outputs
    run_id = new_run_id(quarter)
    parameters: dict[str, object] = {
        "period": period,
        "inbox": inbox,
        "out": out,
        "resolved": {
            "period": str(quarter),
            "inbox": str(inbox_dir.resolve()),
            "out": str(out_dir.resolve()),
        },
    }
    context = FlowRunContext.get()
    flow_run_id = str(context.flow_run.id) if context and context.flow_run else None
    log_path = out_dir / LOG_FOLDER / f"{run_id}.log"
    url = store_url(settings, out_dir) if settings.database_url else ""
    lock = period_lock(
        out_dir, str(quarter), run_id, timeout_s=settings.lock_timeout_s, database_url=url
    )
    with ExitStack() as held:
        try:
            held.enter_context(lock)
        except PeriodBusyError as error:
            return busy(error)
        with run_log(log_path, flow_run_id):
            result = run_period(quarter, inbox_dir, out_dir, run_id, parameters)
        if not result.stands_for:  # outputs that stand keep the log of the run that made them
            shutil.copyfile(log_path, result.folder / RUN_LOG_NAME)
    return result


def busy(error: PeriodBusyError) -> Any:
    """The final state of a run that found its period locked: Failed, with the message and
    no traceback (calling the flow raises ``error``)."""
    get_run_logger().error("%s", error)
    return Failed(message=str(error), data=error)


@flow(name="backfill", flow_run_name="backfill {first}–{last}")
def backfill(
    first: str,
    last: str,
    inbox: str | None = None,
    out: str | None = None,
    task_runner: str | None = None,
) -> list[RunResult]:
    """Run every quarter from ``first`` to ``last`` in order (per-file tasks on
    ``task_runner``: threads, dask or dask=ADDRESS)."""
    quarters = period_range(Period.parse(first), Period.parse(last))
    run = quarterly_report
    if task_runner:
        run = quarterly_report.with_options(
            task_runner=build_task_runner(task_runner, Settings.from_env())
        )
    return [run(str(q), inbox, out) for q in quarters]
