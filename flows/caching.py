"""The cache of read-and-validate results: keyed on what decides a file's result
(:func:`sdg18.run.fingerprints.file_key`). Results are persisted as
files under ``<outputs>/.cache/``, so a later run — in another process, on
another Prefect server or none — reuses them. Deleting the folder is always
safe: the next run parses every file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdg18.core.outputs import CACHE_FOLDER
from sdg18.run.fingerprints import file_key

if TYPE_CHECKING:
    from prefect.context import TaskRunContext


def read_validate_key(context: TaskRunContext, inputs: dict[str, Any]) -> str:
    """Prefect's ``cache_key_fn`` for the read-and-validate task."""
    return "read-validate-" + file_key(inputs["file"], inputs["period"], inputs["settings"])


def cache_folder(out_dir: Path) -> Path:
    """Where read-and-validate results persist for ``out_dir``'s runs (absolute)."""
    return (out_dir / CACHE_FOLDER).resolve()
