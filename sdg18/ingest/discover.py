"""Find the files of a period's inbox and fingerprint them.

The inbox of a period is ``<inbox>/<period>/`` with any sub-folders. The agency
of a file is, until its submission sheet says otherwise, the first folder name
under the period folder when that is a known agency code. Symbolic links are
listed but never followed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from schemas.reference import AGENCY_BY_CODE

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".csv")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InboxFile:
    """A file found in the inbox, with its fingerprint."""

    path: Path
    #: Path relative to the period folder, with forward slashes (as findings show it).
    name: str
    sha256: str
    size: int
    #: Agency named by the folder the file sits in ("" when none).
    folder_agency: str
    is_link: bool = False

    @property
    def suffix(self) -> str:
        """The lower-case file extension, e.g. ``.xlsx``."""
        return self.path.suffix.lower()


def sha256_of(path: Path) -> str:
    """SHA-256 of the file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def folder_agency(relative: Path) -> str:
    """The agency code of the first folder of ``relative``, or ""."""
    if len(relative.parts) < 2:
        return ""
    first = relative.parts[0].strip().upper()
    return first if first in AGENCY_BY_CODE else ""


def inbox_file(path: Path, root: Path | None = None) -> InboxFile:
    """Describe one file; ``root`` is the period folder it is named relative to."""
    relative = path.relative_to(root) if root else Path(path.name)
    is_link = path.is_symlink()
    sha, size = ("", 0) if is_link else (sha256_of(path), path.stat().st_size)
    return InboxFile(path, relative.as_posix(), sha, size, folder_agency(relative), is_link)


def discover(period_dir: Path) -> list[InboxFile]:
    """Every file under ``period_dir`` in a stable (sorted) order; links not followed."""
    found: list[InboxFile] = []
    for folder, dirs, files in os.walk(period_dir, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            found.append(inbox_file(Path(folder) / name, period_dir))
    return found
