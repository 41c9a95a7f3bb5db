"""The cache of read-and-validate results: keyed on what decides a file's result.

A file's levels 0–1 depend on its bytes (SHA-256), its name and folder (the
agency it is filed under), the period (period-window rules), the schema
version, the code version and the reading limits. Results are persisted as
files under ``<outputs>/.cache/``, so a later run — in another process, on
another Prefect server or none — reuses them. Deleting the folder is always
safe: the next run parses every file again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from prefect.context import TaskRunContext

from schemas import SCHEMA_VERSION
from sdg18 import __version__
from sdg18.ingest.discover import InboxFile
from sdg18.periods import Period
from sdg18.settings import Settings

CACHE_FOLDER = ".cache"
#: Settings that do not change what reading a file gives (every other one is in the key).
NOT_IN_KEY = frozenset(
    {
        "inbox",
        "outputs",
        "database_url",
        "task_workers",
        "io_retries",
        "io_retry_delay_s",
        "lock_timeout_s",
        "demo_seed",
        "demo_first",
        "demo_last",
        "demo_error_rate",
    }
)


def file_cache_key(file: InboxFile, period: Period | None, settings: Settings) -> str:
    """The key under which ``file``'s levels 0–1 result is kept; it changes whenever the
    file's bytes, name, folder, the period, the schema, the code or a reading limit does."""
    limits = {k: str(v) for k, v in asdict(settings).items() if k not in NOT_IN_KEY}
    parts = {
        "sha256": file.sha256,
        "size": file.size,
        "name": file.name,
        "folder_agency": file.folder_agency,
        "is_link": file.is_link,
        "period": str(period),
        "schema_version": SCHEMA_VERSION,
        "code_version": __version__,
        "limits": limits,
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return "read-validate-" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_validate_key(context: TaskRunContext, inputs: dict[str, Any]) -> str:
    """Prefect's ``cache_key_fn`` for the read-and-validate task."""
    return file_cache_key(inputs["file"], inputs["period"], inputs["settings"])


def cache_folder(out_dir: Path) -> Path:
    """Where read-and-validate results persist for ``out_dir``'s runs (absolute)."""
    return (out_dir / CACHE_FOLDER).resolve()
