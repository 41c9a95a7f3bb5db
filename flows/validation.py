"""The validation flow of one period: a task per file, then the validation outputs."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from prefect import flow, get_run_logger, task

from sdg18.ingest.discover import InboxFile, discover
from sdg18.periods import Period
from sdg18.reports.validation_outputs import write_validation_outputs
from sdg18.settings import Settings
from sdg18.validation.files import FileResult, check_file
from sdg18.validation.inbox import InboxValidation, resolve_submissions, skip_duplicates
from sdg18.validation.report import ValidationCounts, count_findings


@task(name="read-and-validate", task_run_name="validate {file.name}")
def read_and_validate(file: InboxFile, period: Period, settings: Settings) -> FileResult:
    """Levels 0 and 1 of one file (a failure becomes a finding on this file)."""
    return check_file(file, period, settings)


def new_run_id(period: Period) -> str:
    """A run id that sorts by time: ``<period>-<UTC time>-<random>``."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{period}-{stamp}-{uuid.uuid4().hex[:6]}"


@flow(name="validate-period", flow_run_name="validate {period}")
def validate_period(period: str, inbox: Path, out: Path) -> ValidationCounts:
    """Validate ``inbox/<period>/`` and write ``out/<period>/validation/``."""
    settings = Settings.from_env()
    quarter = Period.parse(period)
    files = discover(inbox / period) if (inbox / period).is_dir() else []
    kept, duplicates = skip_duplicates(files)
    futures = read_and_validate.map(kept, quarter, settings)
    results = [future.result() for future in futures]
    resolve_submissions(results)
    validation = InboxValidation(quarter, files, results, duplicates)
    run_id = new_run_id(quarter)
    folder = write_validation_outputs(validation, out / period, run_id)
    counts = count_findings(validation)
    get_run_logger().info("%s: %s; outputs in %s", period, counts.describe(), folder)
    return counts
