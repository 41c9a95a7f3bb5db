"""``sdg18 run`` and ``sdg18 backfill``: quarterly runs through Prefect."""

from __future__ import annotations

import argparse
from typing import TextIO

from sdg18.periods import Period
from sdg18.pipeline import RunResult
from sdg18.settings import Settings


def describe(result: RunResult) -> str:
    """A run in two lines for the terminal."""
    revised = len(result.revisions)
    return (
        f"{result.period}: {result.counts.describe()}\n"
        f"  verdict {result.verdict}; {revised} revised value(s); outputs in {result.folder}"
    )


def run_periods(args: argparse.Namespace, settings: Settings, stream: TextIO) -> int:
    """Run one period (``run``) or a range (``backfill``); 1 under --strict with errors."""
    from flows.quarterly import backfill, quarterly_report

    inbox = str(args.inbox) if args.inbox else None
    out = str(args.out) if args.out else None
    if args.command == "run":
        period = args.period or Period.last_completed()
        results = [quarterly_report(str(period), inbox, out)]
    else:
        results = backfill(str(args.first), str(args.last), inbox, out)
    for result in results:
        stream.write(describe(result) + "\n")
    errors = sum(result.counts.errors for result in results)
    return 1 if args.strict and errors else 0
