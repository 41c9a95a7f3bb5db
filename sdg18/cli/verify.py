"""``sdg18 verify [DIR]``: outputs against their manifests, manifests against the chain."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from sdg18.integrity.verification import verify


def verify_outputs(directory: Path, stream: TextIO) -> int:
    """Print what was settled after a killed run, every mismatch (one a line) and a
    verdict; 1 on any mismatch, else 0."""
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
