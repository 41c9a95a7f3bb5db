"""Reading an .xlsx / .xlsm workbook with python-calamine (macros are never run).

Values come back as they are stored: text stays text, numbers are numbers,
date cells are dates. Error cells and uncalculated formulas, which calamine
shows as empty, are found by :mod:`sdg18.ingest.cells` and kept beside the grid.

A sheet on which calamine panics (a date cell holding a serial far outside the
calendar, say) is read again with openpyxl, the second reader, which gives
such a cell as the error ``#VALUE!``: the cell is then refused by validation
like any bad value, and the sheet's other records are kept.
"""

from __future__ import annotations

import datetime as dt
import threading
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import python_calamine

from schemas.reference import DATASET_NAMES, SUBMISSION_SHEET
from sdg18.ingest.cells import (
    BadCell,
    TooLargeError,
    check_inflated_sizes,
    scan_part,
    sheet_parts,
)
from sdg18.ingest.errors import UnreadableFileError
from sdg18.ingest.names import fold

if TYPE_CHECKING:
    from sdg18.core.settings import Settings

ZIP_MAGIC = b"PK\x03\x04"
#: Compound File Binary: an encrypted OOXML workbook, or a legacy .xls.
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    """How much one workbook may cost to read."""

    max_inflated_bytes: int
    max_cells: int


@dataclass
class Workbook:
    """The sheets of a workbook: grids of values, bad cells, sheet names."""

    sheet_names: list[str]
    grids: dict[str, list[list[Any]]] = field(default_factory=dict)
    bad_cells: dict[str, list[BadCell]] = field(default_factory=dict)


def wanted_sheets() -> set[str]:
    """The folded names of the sheets a workbook is read for: datasets and submission."""
    return {*map(fold, DATASET_NAMES), SUBMISSION_SHEET}


def workbook_limits(settings: Settings) -> Limits:
    """What reading one workbook may cost, from the settings."""
    return Limits(settings.max_inflated_mb * 2**20, settings.max_cells)


def check_container(path: Path) -> None:
    """Raise UnreadableFileError unless ``path`` is a zip archive holding an Excel workbook.

    An encrypted workbook, a legacy .xls, a truncated zip or a renamed text file
    each get their own rule and words (:mod:`sdg18.ingest.container`).
    """
    from sdg18.ingest.container import sniff_workbook

    sniff_workbook(path)


def _calamine_value(value: Any) -> Any:
    """An openpyxl value as calamine gives it: "" for blank, a date for a date cell
    without a time, a float for a number."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def second_reader_grid(path: Path, name: str) -> list[list[Any]]:
    """Sheet ``name`` read by openpyxl (read-only, cached values), in calamine's form: a
    rectangle from A1, blanks as "". A date cell openpyxl cannot convert is ``#VALUE!``."""
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about each such cell: it is refused later
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = [
                [_calamine_value(v) for v in row] for row in book[name].iter_rows(values_only=True)
            ]
        finally:
            book.close()
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _sheet_grid(book: Any, path: Path, name: str) -> list[list[Any]]:
    """Sheet ``name`` as calamine reads it; by openpyxl when calamine panics on it."""
    try:
        grid: list[list[Any]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except BaseException as error:  # pyo3's PanicException derives from BaseException only
        if type(error).__name__ != "PanicException":
            raise
        return second_reader_grid(path, name)
    return grid


def read_workbook(
    path: Path, wanted: set[str], limits: Limits, ahead: ReadAhead | None = None
) -> Workbook:
    """Read the sheets whose folded names are in ``wanted`` (plus the sheet list).

    Each wanted sheet is measured in its XML before calamine reads it. Raises
    UnreadableFileError for a file that is not a readable workbook or is too large.
    When ``ahead`` is the same read, already started, its outcome is taken instead.
    """
    if ahead is not None and ahead.reads(path, wanted, limits):
        return ahead.outcome()
    check_container(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_inflated_sizes(archive, limits.max_inflated_bytes)
            parts = sheet_parts(archive)
            names = [name for name in parts if fold(name) in wanted]
            scans = {
                name: scan_part(archive, parts[name], limits.max_inflated_bytes, limits.max_cells)
                for name in names
            }
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            result = Workbook(list(book.sheet_names))
            for name in result.sheet_names:
                if name not in scans:
                    continue
                result.grids[name] = _sheet_grid(book, path, name)
                result.bad_cells[name] = scans[name].bad_cells
            book.close()
    except UnreadableFileError:
        raise
    except TooLargeError as error:
        raise UnreadableFileError("too_large", error.message) from error
    except python_calamine.PasswordError as error:
        raise UnreadableFileError("encrypted", str(error)) from error
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise UnreadableFileError("unreadable", f"damaged workbook ({error})") from error
    except python_calamine.CalamineError as error:
        raise UnreadableFileError("unreadable", f"damaged workbook ({error})") from error
    return result


class ReadAhead:
    """:func:`read_workbook` of one file, started in a thread of its own.

    python-calamine releases the GIL while it parses a sheet, so a command that checks
    one workbook (``sdg18 validate``) reads it while it imports pandas and the
    contract's models, instead of after. The read is the same function with the same
    limits; its outcome — the workbook, or the error it raised — is handed over once,
    to the :func:`read_workbook` call asking for the same file, sheets and limits.
    """

    def __init__(self, path: Path, wanted: set[str], limits: Limits) -> None:
        self.key = (path, frozenset(wanted), limits)
        self._book: Workbook | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="sdg18-read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        path, wanted, limits = self.key
        try:
            self._book = read_workbook(path, set(wanted), limits)
        except BaseException as error:  # handed to the caller, as if it had read the file
            self._error = error

    def reads(self, path: Path, wanted: set[str], limits: Limits) -> bool:
        """Whether this is the read of ``path``'s ``wanted`` sheets within ``limits``."""
        return self.key == (path, frozenset(wanted), limits)

    def outcome(self) -> Workbook:
        """The workbook read, once it is; raises what :func:`read_workbook` raised."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if self._book is None:
            raise RuntimeError("the read-ahead's workbook was already taken")
        book, self._book = self._book, None
        return book
