"""Argument types and options that several commands share (light: no heavy imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sdg18.core.periods import Period


def period(text: str) -> Period:
    """``text`` as a :class:`Period`; argparse's bad-usage error (exit 2) when it is not one."""
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def task_runner(text: str) -> str:
    """``text`` when it is threads, dask or dask=ADDRESS; argparse's bad-usage error if not."""
    if text in ("threads", "dask") or (text.startswith("dask=") and len(text) > len("dask=")):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a task runner; write threads, dask or dask=ADDRESS"
    )


def add_quiet_option(parser: argparse.ArgumentParser) -> None:
    """Add --quiet: no progress display, only the command's summary."""
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="show no progress while the run works (its summary is still printed)",
    )


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Add the options ``run`` and ``backfill`` share: --inbox, --out, --strict, --quiet,
    --task-runner."""
    parser.add_argument("--inbox", type=Path, help="inbox folder (default SDG18_INBOX or inbox)")
    parser.add_argument(
        "--out", type=Path, help="outputs folder (default SDG18_OUTPUTS or outputs)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when errors were found (outputs still written)",
    )
    add_quiet_option(parser)
    parser.add_argument(
        "--task-runner",
        type=task_runner,
        metavar="threads|dask[=ADDRESS]",
        help="where files are read and validated: threads (default), a temporary local "
        "Dask cluster (dask), or a running one (dask=tcp://host:8786)",
    )
