"""The quarterly run as a Prefect flow: a task per file, then the rest of the run.

Prefect wiring only; the work is in ``sdg18.validation`` and ``sdg18.pipeline``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from sdg18.ingest.discover import InboxFile, discover
from sdg18.periods import Period, period_range
from sdg18.pipeline import RunResult, complete_run, new_run_id
from sdg18.settings import Settings
from sdg18.store import open_store
from sdg18.validation.files import FileResult, check_file
from sdg18.validation.inbox import InboxValidation, resolve_submissions, skip_duplicates


@task(name="read-and-validate", task_run_name="validate {file.name}", cache_policy=NO_CACHE)
def read_and_validate(file: InboxFile, period: Period, settings: Settings) -> FileResult:
    """Levels 0 and 1 of one file (a failure becomes a finding on this file)."""
    return check_file(file, period, settings)


@task(name="complete-run", cache_policy=NO_CACHE)
def complete(
    validation: InboxValidation, out_dir: Path, run_id: str, started_at: dt.datetime
) -> RunResult:
    """Levels 2–3, store, indicators, revisions and outputs of the period."""
    settings = Settings.from_env()
    return complete_run(validation, open_store(settings, out_dir), out_dir, run_id, started_at)


@flow(name="quarterly-report", flow_run_name="quarterly report {period}")
def quarterly_report(
    period: str | None = None, inbox: str | None = None, out: str | None = None
) -> RunResult:
    """The quarterly run of ``period`` (default: the last completed quarter)."""
    settings = Settings.from_env()
    quarter = Period.parse(period) if period else Period.last_completed()
    inbox_dir = Path(inbox) if inbox else settings.inbox
    out_dir = Path(out) if out else settings.outputs
    started_at = dt.datetime.now(dt.UTC)
    folder = inbox_dir / str(quarter)
    files = discover(folder) if folder.is_dir() else []
    kept, duplicates = skip_duplicates(files)
    results = [f.result() for f in read_and_validate.map(kept, quarter, settings)]
    resolve_submissions(results)
    validation = InboxValidation(quarter, files, results, duplicates)
    result = complete(validation, out_dir, new_run_id(quarter), started_at)
    get_run_logger().info(
        "%s: %s; verdict %s; outputs in %s",
        quarter,
        result.counts.describe(),
        result.verdict,
        result.folder,
    )
    return result


@flow(name="backfill", flow_run_name="backfill {first}–{last}")
def backfill(
    first: str, last: str, inbox: str | None = None, out: str | None = None
) -> list[RunResult]:
    """Run every quarter from ``first`` to ``last`` in order."""
    quarters = period_range(Period.parse(first), Period.parse(last))
    return [quarterly_report(str(q), inbox, out) for q in quarters]
