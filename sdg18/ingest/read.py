"""Read one inbox file into dataset tables, whatever its format.

Problems with the file itself (type, encoding, damage, size, naming) become
level-0 findings; the function never raises for a bad file.
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from schemas.reference import SUBMISSION_KEYS, SUBMISSION_SHEET
from schemas.rules import file_rule
from sdg18.core.findings import Finding, Source, make_finding
from sdg18.core.settings import Settings
from sdg18.ingest.csvfile import csv_identity, read_csv_grid
from sdg18.ingest.discover import ACCEPTED_SUFFIXES, InboxFile
from sdg18.ingest.errors import Reason, UnreadableFileError
from sdg18.ingest.names import fold
from sdg18.ingest.tables import SheetTable, build_table, dataset_by_sheet_name
from sdg18.ingest.workbook import (
    ReadAhead,
    check_container,
    read_workbook,
    wanted_sheets,
    workbook_limits,
)

#: The level-0 file rules found here (checked against the catalogue at import).
UNREADABLE = file_rule("unreadable")
UNSUPPORTED_TYPE = file_rule("unsupported_type")
SYMLINK = file_rule("symlink")
IGNORED_SHEET = file_rule("ignored_sheet")
NO_DATASET_SHEET = file_rule("no_dataset_sheet")
CSV_NAME = file_rule("csv_name")
#: The rules of the readers' reasons (:data:`sdg18.ingest.errors.Reason`).
REASON_RULES = {reason: file_rule(reason) for reason in get_args(Reason)}


@dataclass
class FileRead:
    """What one file holds: its dataset tables, submission sheet and file findings."""

    file: InboxFile
    #: Agency as stated (submission sheet, folder or CSV name), upper-cased; "" if none.
    agency: str
    submission: dict[str, Any] = field(default_factory=dict)
    tables: list[SheetTable] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def source(self) -> Source:
        """The file as the source of file-level findings."""
        return Source(self.file.name, self.file.sha256, self.agency)


def parse_submission(grid: list[list[Any]]) -> dict[str, Any]:
    """Key/value rows of a submission sheet; keys folded, unknown keys ignored."""
    values: dict[str, Any] = {}
    for row in grid:
        if len(row) >= 2 and isinstance(row[0], str) and fold(row[0]) in SUBMISSION_KEYS:
            value = row[1].strip() if isinstance(row[1], str) else row[1]
            if value not in ("", None):
                values[fold(row[0])] = value
    return values


def _file_finding(read: FileRead, rule: str, **context: Any) -> None:
    read.findings.append(make_finding(rule, read.source, **context))


def _unreadable(read: FileRead, error: UnreadableFileError) -> None:
    """The finding of the level-0 rule a reader's error names, quoting its detail."""
    _file_finding(read, error.rule_id, detail=error.detail)


@contextmanager
def _text_path(path: Path) -> Iterator[Path]:
    """``path``, or a temporary link to it when its name is not UTF-8.

    python-calamine takes the path as text; a name with bytes that are not
    UTF-8 (an old archive tool's Latin-1 "ç") would otherwise read as missing.
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with tempfile.TemporaryDirectory() as folder:
            link = Path(folder) / f"workbook{path.suffix.lower()}"
            link.symlink_to(path.absolute())
            yield link
        return
    yield path


def _read_workbook(read: FileRead, settings: Settings, ahead: ReadAhead | None) -> None:
    datasets = dataset_by_sheet_name()
    try:
        with _text_path(read.file.path) as path:
            book = read_workbook(path, wanted_sheets(), workbook_limits(settings), ahead)
    except UnreadableFileError as error:
        _unreadable(read, error)
        return
    except zlib.error as error:  # a part whose compressed data is damaged
        _file_finding(read, UNREADABLE, detail=f"damaged workbook ({error})")
        return
    if SUBMISSION_SHEET in map(fold, book.grids):
        name = next(n for n in book.grids if fold(n) == SUBMISSION_SHEET)
        read.submission = parse_submission(book.grids.pop(name))
        stated = str(read.submission.get("agency", "")).strip().upper()
        read.agency = stated or read.agency
    for name in book.sheet_names:
        if name in book.grids:
            source = Source(
                read.file.name, read.file.sha256, read.agency, name, datasets[fold(name)]
            )
            table = build_table(book.grids[name], source, bad_cells=book.bad_cells[name])
            read.tables.append(table)
        elif fold(name) != SUBMISSION_SHEET:
            _file_finding(read, IGNORED_SHEET, value=name)
    if not read.tables:
        _file_finding(read, NO_DATASET_SHEET, value=", ".join(book.sheet_names) or "none")


def _read_csv(read: FileRead) -> None:
    identity = csv_identity(read.file.name.rsplit("/", 1)[-1], dataset_by_sheet_name())
    if identity is None:
        _file_finding(read, CSV_NAME, value=read.file.path.name)
        return
    read.agency, dataset = identity
    try:
        grid = read_csv_grid(read.file.path)
    except UnreadableFileError as error:
        _unreadable(read, error)
        return
    source = Source(read.file.name, read.file.sha256, read.agency, "", dataset)
    read.tables.append(build_table(grid, source, letters=False))


def _legacy_suffix(read: FileRead) -> None:
    """A ``.xls`` file: a legacy workbook (or an encrypted one) says so, else its type."""
    try:
        check_container(read.file.path)
    except UnreadableFileError as error:
        if error.reason in ("legacy_xls", "encrypted"):
            _unreadable(read, error)
            return
    _file_finding(read, UNSUPPORTED_TYPE, value=read.file.suffix)


def read_file(file: InboxFile, settings: Settings, ahead: ReadAhead | None = None) -> FileRead:
    """Every dataset table of ``file`` with its findings; never raises for a bad file.

    ``ahead``: the read of this workbook already under way (see :class:`ReadAhead`),
    taken when the file is one to read as a workbook."""
    read = FileRead(file, file.folder_agency)
    if file.is_link:
        _file_finding(read, SYMLINK, value=file.name)
    elif not file.is_regular:
        _file_finding(read, UNREADABLE, detail="it is not a regular file (a pipe or device)")
    elif file.suffix == ".xls":
        _legacy_suffix(read)
    elif file.suffix not in ACCEPTED_SUFFIXES:
        _file_finding(read, UNSUPPORTED_TYPE, value=file.suffix or file.path.name)
    elif file.size > settings.max_file_mb * 1024 * 1024:
        detail = f"{file.size / 2**20:.0f} MB is above the limit of {settings.max_file_mb} MB"
        _file_finding(read, UNREADABLE, detail=detail)
    elif file.suffix == ".csv":
        _read_csv(read)
    else:
        _read_workbook(read, settings, ahead)
    return read
