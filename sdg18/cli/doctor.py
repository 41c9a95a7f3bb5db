"""``sdg18 doctor``: check what a run needs and say how to fix what is missing."""

from __future__ import annotations

import argparse

from sdg18.core.settings import Settings

NAME = "doctor"
HELP = "check what a run needs (Pango, fonts, subsetter, store, Prefect API, folders)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments: the settings say where the store and the folders are."""


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print one line per check (and the fix of each failure): 0 when all pass, else 1."""
    from sdg18.run.doctor import describe, run_checks

    checks = run_checks(settings)
    for check in checks:
        print(describe(check))
    failed = [c.name for c in checks if not c.ok]
    print(
        f"{len(checks) - len(failed)} of {len(checks)} checks passed"
        + (f"; fix: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0
