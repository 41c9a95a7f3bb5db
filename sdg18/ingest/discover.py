"""Find the files of a period's inbox and fingerprint them.

The inbox of a period is ``<inbox>/<period>/`` with any sub-folders. The agency
of a file is, until its submission sheet says otherwise, the first folder name
under the period folder when that is a known agency code. Symbolic links (to
files or to folders) are listed but never followed, and neither is anything
that is not a regular file (a pipe would block the reader): each gets a
finding when read. A name that is not valid UTF-8 is shown with U+FFFD in
place of the bad bytes, so it can be written to every output.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schemas.reference import AGENCY_BY_CODE

#: The workbooks read (macros never run), then every type an inbox file may have.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ACCEPTED_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")
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
    #: False for a pipe, socket or device: never opened.
    is_regular: bool = True

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


def display_name(relative: Path) -> str:
    """``relative`` with forward slashes, NFC, any undecodable byte shown as U+FFFD."""
    text = os.fsencode(relative.as_posix()).decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text)


def inbox_file(path: Path, root: Path | None = None) -> InboxFile:
    """Describe one file; ``root`` is the period folder it is named relative to.

    Only a regular file is opened (to fingerprint it); a link or anything else is not.
    """
    relative = path.relative_to(root) if root else Path(path.name)
    mode = path.lstat().st_mode
    is_link, is_regular = stat.S_ISLNK(mode), stat.S_ISREG(mode)
    sha, size = (sha256_of(path), path.stat().st_size) if is_regular else ("", 0)
    name = display_name(relative)
    return InboxFile(path, name, sha, size, folder_agency(relative), is_link, is_regular)


def discover(period_dir: Path) -> list[InboxFile]:
    """Every file under ``period_dir`` in a stable (sorted) order; links not followed.

    A link to a folder is listed like a file (and never entered).
    """
    found: list[InboxFile] = []
    for folder, dirs, files in os.walk(period_dir, followlinks=False):
        dirs.sort()
        links = [name for name in dirs if (Path(folder) / name).is_symlink()]
        for name in sorted([*files, *links]):
            found.append(inbox_file(Path(folder) / name, period_dir))
    return found


def reading_order(files: Sequence[InboxFile]) -> list[int]:
    """The positions of ``files``, largest first (ties in their order): the order to
    start reading them in, so that the longest read starts at once."""
    return sorted(range(len(files)), key=lambda at: -files[at].size)
