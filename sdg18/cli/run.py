"""``sdg18 run`` and ``sdg18 backfill``: quarterly runs through Prefect."""

from __future__ import annotations

import argparse
from typing import TextIO

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.integrity.locking import PeriodBusyError
from sdg18.run.pipeline import RunResult


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
    args: argparse.Namespace, settings: Settings, stream: TextIO, errors: TextIO | None = None
) -> int:
    """Run one period (``run``) or a range (``backfill``); 1 when a run failed, when another
    run of the period held its lock past the timeout, or under --strict with errors."""
    from flows.quarterly import backfill, quarterly_report
    from flows.runners import build_task_runner

    inbox = str(args.inbox) if args.inbox else None
    out = str(args.out) if args.out else None
    runner = getattr(args, "task_runner", None)
    try:
        if args.command == "run":
            period = args.period or Period.last_completed()
            flow = quarterly_report
            if runner:
                flow = quarterly_report.with_options(
                    task_runner=build_task_runner(runner, settings)
                )
            results = [flow(str(period), inbox, out)]
        else:
            results = backfill(str(args.first), str(args.last), inbox, out, runner)
    except PeriodBusyError as error:
        (errors or stream).write(f"sdg18 {args.command}: {error}\n")
        return 1
    except Exception as error:  # the flow's log has the traceback; say what to do
        logs = (args.out or settings.outputs) / "logs"
        (errors or stream).write(
            f"sdg18 {args.command}: the run failed: {type(error).__name__}: {error}\n"
            f"Its log is in {logs}/ and in the Prefect UI. The previous outputs and the "
            "store are unchanged — unless the store had already committed the run: its "
            "outputs are then put in place by the next run or `sdg18 verify`. Fix the cause "
            "and run the period again.\n"
        )
        return 1
    for result in results:
        stream.write(describe(result) + "\n")
    found = sum(result.counts.errors for result in results)
    return 1 if args.strict and found else 0
