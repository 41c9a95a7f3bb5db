"""Every input kept: each inbox file copied into an archive named by its SHA-256.

A run archives its inbox before it reads any file, so a run that crashes
still kept what it was given. The archive lives in the outputs folder:
``archive/<first two hex digits>/<sha256>`` holds the bytes whose SHA-256 is
``<sha256>``, so the same bytes are kept once however many runs or names saw
them, and an auditor goes from a manifest's input entry (its ``archived``
path) to the exact bytes. Files are copied in chunks to a temporary name and
moved into place with ``os.replace``: a path in the archive always holds a
whole file. Symbolic links are never followed nor archived (discovery already
gives them a finding).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

from sdg18.core.outputs import archive_path
from sdg18.ingest.discover import InboxFile

_CHUNK = 1 << 20


def _copy_hashing(source: int, temporary: Path) -> str:
    digest = hashlib.sha256()
    with os.fdopen(source, "rb") as reader, temporary.open("xb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
    temporary.chmod(0o444)
    return digest.hexdigest()


def archive_file(path: Path, sha256: str, out_dir: Path) -> str | None:
    """Keep the bytes of ``path`` (listed with SHA-256 ``sha256``) in the archive of ``out_dir``.

    Returns the archive path (relative to ``out_dir``) when the archive holds those
    bytes — already, or now. Returns None when ``path`` cannot be opened or is a
    symbolic link (never followed), or when its bytes changed since they were
    listed (what was copied is then kept under its own SHA-256).
    """
    relative = archive_path(sha256)
    if (out_dir / relative).is_file():
        return relative
    folder = (out_dir / relative).parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        source = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # unreadable, or a link put in its place: the reader reports the file
        return None
    temporary = folder / f".{sha256}.{uuid.uuid4().hex[:8]}.partial"
    try:
        found = _copy_hashing(source, temporary)
        kept = out_dir / archive_path(found)
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, kept)
    finally:
        temporary.unlink(missing_ok=True)
    return relative if found == sha256 else None


def archive_inputs(files: Iterable[InboxFile], out_dir: Path) -> dict[str, str]:
    """Archive every file of an inbox listing (links excepted); SHA-256 → archive path of
    each one the archive now holds."""
    archived: dict[str, str] = {}
    for file in files:
        if file.is_link or not file.sha256 or file.sha256 in archived:
            continue
        kept = archive_file(file.path, file.sha256, out_dir)
        if kept is not None:
            archived[file.sha256] = kept
    return archived
