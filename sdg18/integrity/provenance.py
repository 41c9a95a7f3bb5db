"""Where a run's figures come from: the code, the libraries, the bytes that were read.

The manifest (``sdg18.integrity.manifest``) records these; the quarterly flow calls
:func:`confirm_fingerprint` before it reads a file, so the SHA-256 a manifest
records is that of the bytes validated.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sdg18 import __version__
from sdg18.core.errors import Sdg18Error
from sdg18.core.periods import LOCAL_ZONE
from sdg18.ingest.discover import InboxFile, sha256_of

#: The libraries whose versions a manifest records.
MAIN_LIBRARIES = (
    "prefect",
    "pandas",
    "numpy",
    "pyarrow",
    "pandera",
    "python-calamine",
    "openpyxl",
    "sqlalchemy",
    "psycopg",
    "jinja2",
    "weasyprint",
    "prefect-dask",
    "dask",
    "distributed",
)


class InputChangedError(Sdg18Error, ValueError):
    """A file's bytes differ from those fingerprinted when the inbox was listed."""

    def __init__(
        self,
        message: str,
        hint: str = "Copy files into the inbox completely before a run starts, and do not "
        "change them while it runs.",
    ) -> None:
        super().__init__(message, hint)


def confirm_fingerprint(file: InboxFile) -> None:
    """Re-read ``file`` and confirm its SHA-256 is still the one discovery recorded.

    An I/O failure raises OSError (transient: worth another attempt); a changed
    file raises InputChangedError (not transient: the run must list the inbox again).
    """
    if file.is_link or not file.sha256:
        return
    found = sha256_of(file.path)
    if found != file.sha256:
        raise InputChangedError(
            f"{file.name} changed while the run was reading the inbox (SHA-256 {found[:12]}… "
            f"instead of {file.sha256[:12]}…); run the period again once the file is complete"
        )


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / ".git"
        if candidate.is_dir():
            return candidate
        if candidate.is_file():  # a worktree: "gitdir: <path>"
            text = candidate.read_text(encoding="utf-8").strip()
            if text.startswith("gitdir:"):
                return (folder / text.removeprefix("gitdir:").strip()).resolve()
    return None


def _packed_ref(git_dir: Path, ref: str) -> str | None:
    packed = git_dir / "packed-refs"
    if not packed.is_file():
        return None
    for line in packed.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == ref:
            return parts[0]
    return None


def git_commit(start: Path | None = None) -> str | None:
    """The commit checked out in the repository holding ``start`` (default: this code), or None.

    Read from the ``.git`` files, so it needs no git program; uncommitted changes
    are not detected.
    """
    try:
        git_dir = _git_dir((start or Path(__file__)).resolve())
        if git_dir is None:
            return None
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head or None
        ref = head.removeprefix("ref:").strip()
        common = git_dir
        if (git_dir / "commondir").is_file():
            common = (git_dir / (git_dir / "commondir").read_text().strip()).resolve()
        loose = common / ref
        if loose.is_file():
            return loose.read_text(encoding="utf-8").strip() or None
        return _packed_ref(common, ref)
    except OSError:
        return None


def code_version() -> dict[str, str | None]:
    """The package version (always) and the git commit (when the code runs from a checkout)."""
    return {"package": __version__, "git_commit": git_commit()}


def library_versions(names: tuple[str, ...] = MAIN_LIBRARIES) -> dict[str, str]:
    """Installed version of each library in ``names`` that is installed, plus Python's."""
    import platform

    found = {"python": platform.python_version()}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Asia/Baku at ``moment`` (a naive moment is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL_ZONE).date()


def instant(moment: dt.datetime) -> dict[str, str]:
    """An instant written in UTC and in Asia/Baku time (ISO 8601, to the second)."""
    utc = moment.astimezone(dt.UTC).replace(microsecond=0)
    return {"utc": utc.isoformat(), "asia_baku": utc.astimezone(LOCAL_ZONE).isoformat()}
