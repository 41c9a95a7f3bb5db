"""``sdg18 run``: the quarterly run of one period through Prefect (and what ``backfill`` shares)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sdg18.cli import arguments
from sdg18.cli.progress import shown_progress
from sdg18.core.periods import Period
from sdg18.core.settings import Settings

if TYPE_CHECKING:
    from sdg18.run.publish import RunResult

NAME = "run"
HELP = "the quarterly run of one period, as a Prefect flow"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --period and the run options."""
    parser.add_argument(
        "--period", type=arguments.period, help="quarter to run (default: the last completed one)"
    )
    arguments.add_run_options(parser)


def start_workers_early(settings: Settings) -> None:
    """Start the worker processes' forkserver before Prefect is imported, so that its
    imports (about a second) overlap Prefect's and the flow run's start: the run's
    readers and PDFs are forked from it (:mod:`sdg18.validation.workers`)."""
    if settings.isolate_reads:
        from sdg18.validation.workers import start_workers

        start_workers()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run --period (default the last completed quarter); exit code as :func:`run_periods`."""
    start_workers_early(settings)
    from flows.quarterly import quarterly_report
    from flows.runners import build_task_runner

    def runs() -> list[RunResult]:
        flow = quarterly_report
        if args.task_runner:
            flow = quarterly_report.with_options(
                task_runner=build_task_runner(args.task_runner, settings)
            )
        period = args.period or Period.last_completed()
        return [flow(str(period), folder(args.inbox), folder(args.out))]

    return run_periods(args, settings, runs)


def folder(path: Path | None) -> str | None:
    """``path`` as the flows take it: a string, or None when the option was not given."""
    return str(path) if path else None


def describe(result: RunResult) -> str:
    """A run in two lines for the terminal."""
    revised = len(result.revisions)
    manifest = (
        f"; manifest SHA-256 {result.manifest_sha256[:12]}…" if result.manifest_sha256 else ""
    )
    if result.stands_for:
        return (
            f"{result.period}: unchanged since run {result.stands_for} (inputs, store and code); "
            f"its outputs in {result.folder} stand{manifest}"
        )
    return (
        f"{result.period}: {result.counts.describe()}\n"
        f"  verdict {result.verdict}; {revised} revised value(s); outputs in {result.folder}"
        f"{manifest}"
    )


def run_periods(
    args: argparse.Namespace, settings: Settings, runs: Callable[[], list[RunResult]]
) -> int:
    """Call ``runs`` and describe each run on stdout; 1 when a run failed, when another run
    of the period held its lock past the timeout, or under --strict with errors, else 0."""
    from sdg18.integrity.locking import PeriodBusyError

    try:
        with shown_progress(sys.stderr, quiet=args.quiet):
            results = runs()
    except PeriodBusyError as error:
        sys.stderr.write(f"sdg18 {args.command}: {error}\n")
        return 1
    except Exception as error:  # the flow's log has the traceback; say what to do
        sys.stderr.write(failure(args, settings, error))
        return 1
    for result in results:
        sys.stdout.write(describe(result) + "\n")
    found = sum(result.counts.errors for result in results)
    return 1 if args.strict and found else 0


def failure(args: argparse.Namespace, settings: Settings, error: Exception) -> str:
    """What to tell the statistician when a run failed: the error, its log, what to do."""
    logs = (args.out or settings.outputs) / "logs"
    return (
        f"sdg18 {args.command}: the run failed: {type(error).__name__}: {error}\n"
        f"Its log is in {logs}/ and in the Prefect UI. The previous outputs and the "
        "store are unchanged — unless the store had already committed the run: its "
        "outputs are then put in place by the next run or `sdg18 verify`. Fix the cause "
        "and run the period again.\n"
    )
