"""``sdg18 backfill --from P --to Q``: every quarter of a range through Prefect, in order."""

from __future__ import annotations

import argparse

from sdg18.cli import arguments
from sdg18.cli.run import folder, run_periods, start_workers_early
from sdg18.core.settings import Settings

NAME = "backfill"
HELP = "run every quarter of a range, in order"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --from, --to and the run options."""
    parser.add_argument("--from", dest="first", type=arguments.period, required=True)
    parser.add_argument("--to", dest="last", type=arguments.period, required=True)
    arguments.add_run_options(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run --from to --to; exit code as :func:`sdg18.cli.run.run_periods`."""
    start_workers_early(settings)
    from flows.quarterly import backfill

    return run_periods(
        args,
        settings,
        lambda: backfill(
            str(args.first), str(args.last), folder(args.inbox), folder(args.out), args.task_runner
        ),
    )
