"""The quarterly run as a Prefect flow: a task per file, then the rest of the run.

Prefect wiring only: the sequence is :func:`sdg18.run.sequence.run_period`, which
the flow calls with its steps — a retried ``read-and-validate`` task per file
(bounded concurrency, the largest first; each result kept in the outputs' file
cache, :mod:`sdg18.run.filecache`, not by Prefect), the ``compute-indicators`` and
``write-outputs`` tasks, the flow run's logger, the run log file and the artifacts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.states import Failed
from prefect.utilities.annotations import quote, unmapped

from flows.artifacts import publish_artifacts
from flows.runners import build_task_runner, settings_runner
from sdg18.core.periods import Period, period_range
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, reading_order
from sdg18.integrity.locking import PeriodBusyError
from sdg18.integrity.manifest import RunFacts
from sdg18.integrity.provenance import local_day
from sdg18.run.result import RunResult
from sdg18.run.runlog import run_log
from sdg18.run.sequence import (
    RunRequest,
    RunSteps,
    compute_in_process,
    new_run_id,
    publish_in_process,
    run_period,
)

if TYPE_CHECKING:
    from prefect.client.schemas.objects import TaskRun
    from prefect.futures import PrefectFuture
    from prefect.states import State
    from prefect.tasks import Task

    from sdg18.run.prepare import PreparedRun
    from sdg18.store import Store
    from sdg18.validation.files import FileResult
    from sdg18.validation.inbox import InboxValidation

T = TypeVar("T")

# The stages (levels 0–3, indicators, the report writers) are imported in the tasks
# that run them: a run whose outputs stand (sdg18.run.rerun) never imports them.


def opaque_to_prefect(value: T) -> T:
    """``value`` passed to a task without Prefect walking through it: Prefect visits every
    list, dict and dataclass of a task's parameters (twice) looking for futures, and a
    validated inbox or a prepared run holds many; none of ours holds a future."""
    return cast(T, quote(value))


def is_transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry a task only when it failed on an OSError (a disk, a share, a network hiccup)."""
    return isinstance(state.data, OSError)


@task(
    name="read-and-validate",
    task_run_name="validate {file.name}",
    cache_policy=NO_CACHE,  # the file cache keeps the results (sdg18.run.filecache)
    retry_condition_fn=is_transient_io,
)
def read_and_validate(
    file: InboxFile, period: Period, settings: Settings, out_dir: Path
) -> tuple[FileResult, bool]:
    """Levels 0 and 1 of one file (in a memory-capped worker with ``SDG18_ISOLATE_READS``),
    from the file cache of the outputs folder ``out_dir`` when it holds them; with whether
    it was parsed. An OSError reading it raises (and is retried); any other failure, a
    worker's death included, becomes a finding on this file."""
    from sdg18.run.filecache import read_and_validate as cached_read

    logger = get_run_logger()

    def announce(parsed: InboxFile) -> None:
        logger.info("reading and validating %s (%d bytes)", parsed.name, parsed.size)

    return cached_read(file, period, settings, out_dir, announce)


@task(name="compute-indicators", cache_policy=NO_CACHE)
def compute(
    validation: InboxValidation, store: Store, run_id: str, at: dt.datetime, lineage: bool
) -> PreparedRun:
    """Levels 2–3 against the store's history, indicators and revisions (nothing written)."""
    return compute_in_process(validation, store, run_id, at, lineage)


@task(name="write-outputs", cache_policy=NO_CACHE, retry_condition_fn=is_transient_io)
def write_outputs(prepared: PreparedRun, store: Store, out_dir: Path, facts: RunFacts) -> RunResult:
    """The period's outputs (manifest last), the store, the manifest chain; retried on OSError."""
    return publish_in_process(prepared, store, out_dir, facts)


def collect(
    files: list[InboxFile], futures: list[PrefectFuture[tuple[FileResult, bool]]]
) -> tuple[list[FileResult], dict[str, bool]]:
    """Each file's result (a finding when its task failed for good) and whether it was parsed
    in this run (False: the result came from the cache)."""
    from sdg18.validation.files import failed_file

    logger = get_run_logger()
    results: list[FileResult] = []
    parsed: dict[str, bool] = {}
    for file, future in zip(files, futures, strict=True):
        future.wait()
        try:
            result, parsed[file.name] = future.result()
        except Exception as error:  # retries exhausted or not transient: a finding on the file
            logger.warning("%s could not be read: %s", file.name, error)
            result, parsed[file.name] = failed_file(file, error), True
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


def flow_steps(settings: Settings, out_dir: Path) -> RunSteps:
    """The run's steps as Prefect tasks, with the flow run's logger, run log and artifacts."""
    reader = read_and_validate.with_options(
        retries=settings.io_retries, retry_delay_seconds=settings.io_retry_delay_s
    )
    writer = write_outputs.with_options(
        retries=settings.io_retries, retry_delay_seconds=settings.io_retry_delay_s
    )

    def read_files(
        files: list[InboxFile], period: Period, settings: Settings
    ) -> tuple[list[FileResult], dict[str, bool]]:
        order = reading_order(files)  # the largest first; collected in the files' order
        mapped = reader.map([files[at] for at in order], period, settings, unmapped(out_dir))
        futures = dict(zip(order, mapped, strict=True))
        return collect(files, [futures[at] for at in range(len(files))])

    def prepare(
        validation: InboxValidation, store: Store, run_id: str, at: dt.datetime, lineage: bool
    ) -> PreparedRun:
        return compute(opaque_to_prefect(validation), opaque_to_prefect(store), run_id, at, lineage)

    def publish(prepared: PreparedRun, store: Store, out: Path, facts: RunFacts) -> RunResult:
        return writer(opaque_to_prefect(prepared), opaque_to_prefect(store), out, facts)

    context = FlowRunContext.get()
    flow_run_id = str(context.flow_run.id) if context and context.flow_run else None
    return RunSteps(
        read_files=read_files,
        compute=prepare,
        publish=publish,
        logger=get_run_logger(),
        orchestration=_orchestration(),
        run_log=lambda path: run_log(path, flow_run_id),
        announce=publish_artifacts,
    )


@flow(
    name="quarterly-report",
    flow_run_name="quarterly report {period}",
    task_runner=settings_runner(),
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
    request = RunRequest(quarter, inbox_dir, out_dir, settings, new_run_id(quarter), parameters)
    try:
        return run_period(request, flow_steps(settings, out_dir))
    except PeriodBusyError as error:
        return busy(error)


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
