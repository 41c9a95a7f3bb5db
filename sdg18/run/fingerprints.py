"""What decides a result: one key per file (levels 0–1) and one per run.

A file's levels 0–1 depend on its bytes (SHA-256), its name and folder (the
agency it is filed under), the period (period-window rules), the schema
version, the code version and the reading limits: :func:`file_key`. A whole
run of a period depends on those keys for every file of the inbox, on the
code that computes indicators and renders reports, and on the store it starts
from: :func:`run_key` covers the first two; the store is compared by the run
last written to it (:mod:`sdg18.run.rerun`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from schemas.version import SCHEMA_VERSION
from sdg18 import __version__
from sdg18.core.periods import Period
from sdg18.core.settings import Settings, StructureIds
from sdg18.ingest.discover import InboxFile
from sdg18.integrity.provenance import code_version

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
        "lineage",  # reading does not depend on it; the run key names it
        "sdmx_agency",  # nor on the SDMX structure's ids: the run key names them
        "sdmx_version",
        "languages",  # nor on the languages of the reports: the run key names them
        "language",
        "agency_languages",
    }
)


def _digest(parts: dict[str, Any]) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_key(file: InboxFile, period: Period | None, settings: Settings) -> str:
    """The key of ``file``'s levels 0–1 result; it changes whenever the file's bytes,
    name, folder, the period, the schema, the code or a reading limit does."""
    limits = {k: str(v) for k, v in asdict(settings).items() if k not in NOT_IN_KEY}
    return _digest(
        {
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
    )


def run_key(period: Period, files: Iterable[InboxFile], settings: Settings) -> str:
    """The key of a run of ``period`` on ``files``: every file's key, in name order, the
    code (version and commit) that computes the indicators and renders the reports, and
    whether the reports carry lineage."""
    keys = sorted((file.name, file_key(file, period, settings)) for file in files)
    parts: dict[str, Any] = {"period": str(period), "files": keys, "code": code_version()}
    if not settings.lineage:  # keys of runs with lineage (the default) read as before
        parts["lineage"] = False
    if settings.structure_ids != StructureIds():  # likewise for the default structure ids
        parts["sdmx"] = [settings.sdmx_agency, settings.sdmx_version]
    if settings.editions != Settings().editions:  # and for the default languages
        editions = settings.editions
        parts["languages"] = [editions.languages, editions.agency_languages, editions.default]
    return _digest(parts)
