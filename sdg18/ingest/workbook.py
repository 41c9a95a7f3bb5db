"""Reading an .xlsx / .xlsm workbook with python-calamine (macros are never run).

Values come back as they are stored: text stays text, numbers are numbers,
date cells are dates. Error cells and uncalculated formulas, which calamine
shows as empty, are found by :mod:`sdg18.ingest.cells` and kept beside the grid.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from sdg18.ingest.cells import (
    BadCell,
    TooLargeError,
    check_inflated_sizes,
    scan_part,
    sheet_parts,
)
from sdg18.ingest.errors import UnreadableFileError
from sdg18.ingest.names import fold

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


def check_container(path: Path) -> None:
    """Raise UnreadableFileError unless ``path`` is a zip archive holding an Excel workbook.

    An encrypted workbook, a legacy .xls, a truncated zip or a renamed text file
    each get their own rule and words (:mod:`sdg18.ingest.container`).
    """
    from sdg18.ingest.container import sniff_workbook

    sniff_workbook(path)


def read_workbook(path: Path, wanted: set[str], limits: Limits) -> Workbook:
    """Read the sheets whose folded names are in ``wanted`` (plus the sheet list).

    Each wanted sheet is measured in its XML before calamine reads it. Raises
    UnreadableFileError for a file that is not a readable workbook or is too large.
    """
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
                result.grids[name] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
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
