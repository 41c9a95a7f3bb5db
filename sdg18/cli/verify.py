"""``sdg18 verify [DIR]``: outputs against their manifests, manifests against the chain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from sdg18.core.settings import Settings

NAME = "verify"
HELP = "check outputs against their manifests and the chain of manifests"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the optional DIR."""
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="outputs folder or one period folder (default SDG18_OUTPUTS or outputs)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Verify DIR (default the settings' outputs) on stdout; exit code as :func:`verify_outputs`."""
    return verify_outputs(args.directory or settings.outputs, sys.stdout)


def verify_outputs(directory: Path, stream: TextIO) -> int:
    """Print what was settled after a killed run, every mismatch (one a line) and a
    verdict; 1 on any mismatch, else 0."""
    from sdg18.integrity.verification import verify

    found = verify(directory)
    for action in found.recovered:  # a killed run's leftovers, settled before checking
        stream.write(f"SETTLED {action}\n")
    for problem in found.problems:
        stream.write(f"MISMATCH {problem}\n")
    if found.ok:
        stream.write(
            f"OK: {found.outputs} output(s) of {len(found.folders)} period folder(s) match "
            f"their manifests; the chain of {found.manifests} manifest(s) is intact.\n"
        )
        return 0
    stream.write(
        f"{len(found.problems)} mismatch(es) in {directory}: the outputs or the manifests "
        "differ from what the runs recorded.\n"
    )
    return 1
