"""``sdg18 demo``: a synthetic inbox for several quarters, run through Prefect."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from sdg18.cli import arguments
from sdg18.cli.progress import shown_progress
from sdg18.cli.run import describe, start_workers_early
from sdg18.core.periods import Period
from sdg18.core.settings import Settings

NAME = "demo"
HELP = "make a synthetic inbox for several quarters and run them through Prefect"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --inbox, --out, --first, --last, --seed, --scale, --error-rate and --quiet."""
    parser.add_argument("--inbox", type=Path, help="where to write the synthetic inbox")
    parser.add_argument("--out", type=Path, help="where to write the outputs")
    parser.add_argument("--first", type=arguments.period, help="first quarter (default 2025Q1)")
    parser.add_argument("--last", type=arguments.period, help="last quarter (default 2026Q3)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--error-rate", type=float)
    arguments.add_quiet_option(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the demo on stdout; exit code as :func:`run_demo`."""
    return run_demo(args, settings, sys.stdout)


def run_demo(args: argparse.Namespace, settings: Settings, stream: TextIO) -> int:
    """Generate the demo inbox, run each quarter through Prefect, check the validation."""
    start_workers_early(settings)
    from flows.demo import demo

    first = args.first or Period.parse(settings.demo_first)
    last = args.last or Period.parse(settings.demo_last)
    inbox = args.inbox or settings.inbox / "demo"
    out = args.out or settings.outputs
    with shown_progress(sys.stderr, quiet=args.quiet):
        result = demo(
            inbox=Path(inbox),
            out=Path(out),
            first=str(first),
            last=str(last),
            seed=settings.demo_seed if args.seed is None else args.seed,
            scale=args.scale,
            error_rate=settings.demo_error_rate if args.error_rate is None else args.error_rate,
        )
    for quarter in result.runs:
        stream.write(describe(quarter) + "\n")
    check = result.check
    stream.write(
        f"Injected errors and warnings: {check.injected}; reported: {check.found}; "
        f"{'exact match' if check.exact else 'MISMATCH'}\n"
    )
    for key in check.missed:
        stream.write(f"  injected but not reported: {key}\n")
    for key in check.unexpected:
        stream.write(f"  reported but not injected: {key}\n")
    stream.write(f"Inbox: {inbox}\nOutputs: {out}/<period>/ (store: {out}/sdg18.sqlite)\n")
    return 0 if check.exact else 1
