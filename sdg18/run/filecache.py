"""The cache of each file's levels 0–1 result, under ``<outputs>/.cache/``.

A file's result depends only on what :func:`sdg18.run.fingerprints.file_key` covers
(its bytes, name and folder, the period, the schema, the code, the reading limits),
so a run that finds an entry under that key takes the result from it instead of
reading the file again, whichever process, Prefect server or orchestrator wrote it.

An entry is the result as :mod:`sdg18.validation.handoff` writes it (pickle, with
the cells as Arrow IPC). The reading worker has already made those bytes to send
the result to the run, so keeping a result costs one write, not a second
serialisation: Prefect's result persistence, which this replaces, pickled the
1,000,000-row result again with cloudpickle, then base64 and JSON (about 6 s of
the stress run, on its critical path). An entry is written under a temporary name
and renamed, so a killed run leaves no half entry; one that cannot be loaded
(damaged, or written by other code) is read again and replaced; a failure to write
one costs only the saving. A read stopped by ``SDG18_READ_TIMEOUT_S`` is not kept:
it says how busy the machine was, not what the file holds. Deleting the folder is
always safe: the next run parses every file again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from sdg18.core.outputs import CACHE_FOLDER
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile
from sdg18.integrity.provenance import confirm_fingerprint
from sdg18.run.fingerprints import file_key
from sdg18.validation.files import READ_TIMEOUT, FileResult
from sdg18.validation.handoff import dumps, loads
from sdg18.validation.isolation import check_bounded_handoff

#: The start of every entry's file name; the rest is the file's key.
ENTRY_PREFIX = "read-validate-"


def cache_folder(out_dir: Path) -> Path:
    """Where the file results of ``out_dir``'s runs are kept (absolute)."""
    return (out_dir / CACHE_FOLDER).resolve()


def entry_path(folder: Path, file: InboxFile, period: Period, settings: Settings) -> Path:
    """The entry of ``file``'s result for ``period`` under ``settings`` in ``folder``."""
    return folder / (ENTRY_PREFIX + file_key(file, period, settings))


def cached_result(path: Path, file: InboxFile) -> FileResult | None:
    """The result kept at ``path``, pointing at ``file`` as discovered by this run (an
    entry names the path of the run that wrote it); None when there is none, or it
    cannot be loaded."""
    try:
        data = path.read_bytes()
    except OSError:  # none, or not readable: the file is read again
        return None
    try:
        result = loads(data)
    except Exception:  # damaged, or written by other code: read again, and replaced
        return None
    if not isinstance(result, FileResult):
        return None
    result.read.file = file
    return result


def keep(path: Path, result: FileResult, data: bytes | None = None) -> bool:
    """Write ``result`` (its handoff ``data`` when already made) as the entry at ``path``;
    whether it was written. A timed-out read is not kept."""
    if any(finding.rule_id == READ_TIMEOUT for finding in result.findings):
        return False
    partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(dumps(result) if data is None else data)
        os.replace(partial, path)
    except OSError:  # a full or read-only disk: the run goes on, only the saving is lost
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


def read_and_validate(
    file: InboxFile,
    period: Period,
    settings: Settings,
    out_dir: Path,
    announce: Callable[[InboxFile], object] | None = None,
) -> tuple[FileResult, bool]:
    """``file``'s levels 0–1 result and whether it was parsed now (False: from the entry
    in the cache of the outputs folder ``out_dir``). Parsing, which ``announce`` is told
    of first, checks that the file is still the one discovered (an OSError, or a changed
    file, raises) and reads it in a memory-capped worker with ``SDG18_ISOLATE_READS``;
    its result is then kept."""
    path = entry_path(cache_folder(out_dir), file, period, settings)
    result = cached_result(path, file)
    if result is not None:
        return result, False
    if announce is not None:
        announce(file)
    confirm_fingerprint(file)
    result, data = check_bounded_handoff(file, period, settings)
    keep(path, result, data)
    return result, True
