"""The ``sdg18`` command line.

Exit codes: 0 done; 1 errors were found or the run failed; 2 bad usage.
``validate``, ``template`` and ``rules`` never import Prefect, so they answer in
about a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.core.settings import Settings


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdg18", description="National SDG 18 (humanitarian demining) indicators."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "validate", help="check agency files before they are sent (no Prefect needed)"
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--period",
        type=_period,
        help="period the files report (default: the submission sheet's, else the "
        "last completed quarter)",
    )
    check.add_argument(
        "--out", type=Path, default=Path("."), help="folder for the feedback workbook(s)"
    )
    check.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="also run levels 2–3 against the store of this outputs folder "
        "(or SDG18_DATABASE_URL when set)",
    )

    template = commands.add_parser("template", help="write blank agency workbooks")
    template.add_argument("datasets", nargs="*", metavar="DATASET")
    template.add_argument("--out", type=Path, required=True)
    template.add_argument("--agency", help="agency code to prefill in the submission sheet")
    template.add_argument("--period", type=_period, help="period to prefill")

    run = commands.add_parser("run", help="the quarterly run of one period, as a Prefect flow")
    run.add_argument(
        "--period", type=_period, help="quarter to run (default: the last completed one)"
    )
    _run_options(run)

    backfill = commands.add_parser("backfill", help="run every quarter of a range, in order")
    backfill.add_argument("--from", dest="first", type=_period, required=True)
    backfill.add_argument("--to", dest="last", type=_period, required=True)
    _run_options(backfill)

    demo = commands.add_parser(
        "demo", help="make a synthetic inbox for several quarters and run them through Prefect"
    )
    demo.add_argument("--inbox", type=Path, help="where to write the synthetic inbox")
    demo.add_argument("--out", type=Path, help="where to write the outputs")
    demo.add_argument("--first", type=_period, help="first quarter (default 2025Q1)")
    demo.add_argument("--last", type=_period, help="last quarter (default 2026Q3)")
    demo.add_argument("--seed", type=int)
    demo.add_argument("--scale", type=float, default=1.0)
    demo.add_argument("--error-rate", type=float)

    commands.add_parser(
        "serve",
        help="serve the quarterly deployment with its schedule (needs a Prefect server)",
    )
    verify = commands.add_parser(
        "verify", help="check outputs against their manifests and the chain of manifests"
    )
    verify.add_argument(
        "directory",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="outputs folder or one period folder (default SDG18_OUTPUTS or outputs)",
    )

    rules = commands.add_parser("rules", help="print the rule catalogue")
    rules.add_argument("--markdown", action="store_true", help="as a Markdown document")
    return parser


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--inbox", type=Path, help="inbox folder (default SDG18_INBOX or inbox)")
    parser.add_argument(
        "--out", type=Path, help="outputs folder (default SDG18_OUTPUTS or outputs)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when errors were found (outputs still written)",
    )
    parser.add_argument(
        "--task-runner",
        type=_task_runner,
        metavar="threads|dask[=ADDRESS]",
        help="where files are read and validated: threads (default), a temporary local "
        "Dask cluster (dask), or a running one (dask=tcp://host:8786)",
    )


def _task_runner(text: str) -> str:
    if text in ("threads", "dask") or (text.startswith("dask=") and len(text) > len("dask=")):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a task runner; write threads, dask or dask=ADDRESS"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    if args.command == "validate":
        from sdg18.cli.validate import validate_files

        return validate_files(
            args.files, args.period, args.out, settings, sys.stdout, store=args.store
        )
    if args.command == "template":
        from sdg18.reports.xlsx.agency_templates import write_templates

        try:
            paths = write_templates(
                args.datasets or None,
                args.out,
                agency=args.agency,
                period=str(args.period) if args.period else None,
            )
        except ValueError as error:
            print(f"sdg18 template: {error}", file=sys.stderr)
            return 2
        for path in paths:
            print(path)
        return 0
    if args.command == "rules":
        from sdg18.cli.rules import print_rules

        print_rules(sys.stdout, markdown=args.markdown)
        return 0
    if args.command in ("run", "backfill"):
        from sdg18.cli.run import run_periods

        return run_periods(args, settings, sys.stdout, sys.stderr)
    if args.command == "serve":
        from sdg18.cli.serve import serve_quarterly

        return serve_quarterly(settings, sys.stdout, sys.stderr)
    if args.command == "verify":
        from sdg18.cli.verify import verify_outputs

        return verify_outputs(args.directory or settings.outputs, sys.stdout)
    if args.command == "demo":
        from sdg18.cli.demo import run_demo

        return run_demo(args, settings, sys.stdout)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
