"""Excel error cells and formula cells without a cached value.

python-calamine returns an error cell (``#REF!``, ``#N/A``…) and a formula that
was never calculated as an empty string, so reading values alone would lose
them silently. This module scans the worksheet XML itself, in bounded chunks,
and reports each such cell by address. The same pass measures the sheet before
calamine sees it: calamine allocates the whole rectangle from A1 to the last
cell, so one stray cell at XFD1048576 — or a part that inflates to gigabytes —
would abort the Python process; such a sheet is refused instead.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from xml.etree import ElementTree

from sdg18.core.errors import Sdg18Error

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: A ``<c>`` element: its attributes and its content, which ends at ``</c>`` and never
#: runs into the next cell or past its row: a cell left unclosed (hostile XML) then does
#: not match, and looking at it costs the distance to the next cell, not to the end of
#: the block (which made a row of unclosed error cells take time quadratic in their count).
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>((?:(?!<c[\s>/]|</row>).)*?)</c>)", re.DOTALL)
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.DOTALL)
_ADDRESS = re.compile(r"^([A-Z]+)(\d+)$")
_LAST_ROW = re.compile(rb'<row [^>]*?r="(\d+)"')
#: Cell references of two or three letters (column AA onwards): rare, so cheap to find.
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})\d')
_PLAIN_REFERENCE = re.compile(rb'<c r="([A-Z]+)(\d+)')
#: A row or cell element, with any namespace prefix: (prefix, name, attributes).
_ELEMENT = re.compile(rb"<([\w.-]+:)?(row|c)\b([^>]*)>")
_REFERENCE = re.compile(rb"""\br\s*=\s*["']([^"']*)["']""")
#: A cell element not written ``<c r="…``: no reference, another attribute first, or
#: single quotes (``<col``, ``<cfRule``… do not match).
_UNUSUAL_CELL = re.compile(rb'<c(?! r=")[ >/]')
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet\b")
_CHUNK = 1 << 20
#: What an error cell or a formula cell holds: ``t="e"`` or an ``<f>`` element.
_BAD_CELL_MARKS = (b't="e"', b"<f")


@dataclass(frozen=True)
class BadCell:
    """A cell whose value is an Excel error or a formula never calculated."""

    row: int
    column: int  # 0-based column index
    address: str
    kind: str  # "excel_error" or "formula_without_value"
    value: str  # the error text, or the formula


def column_index(letters: str) -> int:
    """0-based index of a column given by its letters (A → 0, AA → 26)."""
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - 64)
    return index - 1


def column_letters(index: int) -> str:
    """Letters of the 0-based column ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the path of its XML part inside the workbook archive."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        if target.startswith("/"):
            parts[sheet.get("name", "")] = target.lstrip("/")
        elif target:
            parts[sheet.get("name", "")] = str(PurePosixPath("xl") / target)
    return parts


def _bad_cell(attrs: bytes, inner: bytes | None) -> BadCell | None:
    found = dict(_ATTR.findall(attrs))
    address = found.get(b"r", b"").decode()
    match = _ADDRESS.match(address)
    if not match:
        return None
    row, col = int(match[2]), column_index(match[1])
    body = inner or b""
    value = _VALUE.search(body)
    if found.get(b"t") == b"e":
        text = value[1].decode(errors="replace") if value else "#ERROR"
        return BadCell(row, col, address, "excel_error", text)
    formula = re.search(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", body, re.DOTALL)
    has_value = bool(value and value[1].strip()) or found.get(b"t") == b"str"
    if formula and not has_value:
        text = (formula[1] or b"(shared formula)").decode(errors="replace")
        return BadCell(row, col, address, "formula_without_value", "=" + text)
    return None


class TooLargeError(Sdg18Error):
    """A part inflates beyond the byte limit, or its grid beyond the cell limit.

    The message says which part and limit; the reader quotes it in the file's
    ``too_large`` finding (whose own hint tells the agency what to do).
    """

    def __init__(
        self,
        message: str,
        hint: str = "Delete the stray cells far below or right of the data, or raise "
        "SDG18_MAX_CELLS or SDG18_MAX_INFLATED_MB if the sheet really is that large.",
    ) -> None:
        super().__init__(message, hint)


@dataclass
class SheetScan:
    """What a worksheet's XML says before any reader allocates its grid."""

    bad_cells: list[BadCell] = field(default_factory=list)
    #: Largest row number and 0-based column index that hold a cell.
    last_row: int = 0
    last_column: int = 0
    inflated: int = 0
    #: The worksheet's elements carry a namespace prefix (``<x:c …>``): read every cell.
    prefixed: bool = False
    #: Row and column of the last element read (cells without ``r`` count on from it).
    row: int = 0
    column: int = -1

    @property
    def grid_cells(self) -> int:
        """Cells of the rectangle a reader would allocate (A1 to the last cell)."""
        return self.last_row * (self.last_column + 1)


def _cells_at(block: bytes, needles: tuple[bytes, ...]) -> Iterator[re.Match[bytes]]:
    """The ``<c>`` elements of ``block`` that contain one of ``needles``, each once.

    Found with ``bytes.find`` (fast) and parsed one by one, so a sheet with one
    error cell costs a search, not a parse of every cell. Each needle's cell starts at
    the nearest ``<c`` before it (no text inside a cell holds a bare ``<``).
    """
    starts: set[int] = set()
    for needle in needles:
        at = block.find(needle)
        while at >= 0:
            start = block.rfind(b"<c", 0, at)  # the nearest: stops there, not at the start
            if start >= 0 and start not in starts:
                starts.add(start)
                match = _CELL.match(block, start)
                if match is not None:
                    yield match
            at = block.find(needle, at + len(needle))


@cache
def _right_of(column: int) -> re.Pattern[bytes]:
    """Plain cell references (``<c r="…``) whose column lies right of ``column`` (< 25)."""
    first = chr(ord("A") + column + 1)
    return re.compile(rb'<c r="(?:[' + first.encode() + rb"-Z]\d|[A-Z]{2})")


def _measure_plain(block: bytes, scan: SheetScan) -> None:
    """Last row and column of a block whose every cell starts ``<c r="``, in a few fast
    searches instead of a look at every cell: the last row element's ``r``, and the
    references of the cells right of the widest column so far (their rows included).

    A single-letter cell whose row number lies beyond its row element's is not seen:
    at worst such a sheet makes a grid of 1,048,576 × 26 cells (about 1 GB in calamine),
    not an unbounded one.
    """
    rows = _LAST_ROW.findall(block, block.rfind(b"<row ")) if b"<row " in block else []
    if rows:
        scan.last_row = max(scan.last_row, int(rows[-1]))
    at = 0
    while scan.last_column < 25:  # single letters: search only for a column further right
        found = _right_of(scan.last_column).search(block, at)
        if found is None:
            return
        _widen(scan, _PLAIN_REFERENCE.match(block, found.start()))
        at = found.start()
    for found_wide in _WIDE_COLUMN.finditer(block, at):
        _widen(scan, _PLAIN_REFERENCE.match(block, found_wide.start()))


def _widen(scan: SheetScan, reference: re.Match[bytes] | None) -> None:
    if reference is not None:
        scan.last_column = max(scan.last_column, column_index(reference[1].decode()))
        scan.last_row = max(scan.last_row, int(reference[2]))


def _measure_any(block: bytes, scan: SheetScan) -> None:
    """Last row and column of any block: every row and cell element read, whatever its
    prefix, quotes or attribute order; a missing ``r`` counts on from the one before."""
    for element in _ELEMENT.finditer(block):
        reference = _REFERENCE.search(element[3])
        if element[2] == b"row":
            scan.row = int(reference[1]) if reference and reference[1].isdigit() else scan.row + 1
            scan.column = -1
            scan.last_row = max(scan.last_row, scan.row)
            continue
        address = _ADDRESS.match(reference[1].decode()) if reference else None
        if address is None:
            scan.column += 1
        else:
            scan.column = column_index(address[1])
            scan.last_row = max(scan.last_row, int(address[2]))
        scan.last_row = max(scan.last_row, scan.row)
        scan.last_column = max(scan.last_column, scan.column)


def _scan_block(block: bytes, scan: SheetScan) -> None:
    plain = not scan.prefixed and _UNUSUAL_CELL.search(block) is None
    (_measure_plain if plain else _measure_any)(block, scan)
    for match in _cells_at(block, _BAD_CELL_MARKS):
        cell = _bad_cell(match[1], match[2])
        if cell is not None:
            scan.bad_cells.append(cell)


def _cut(data: bytes) -> int:
    """Where the scanned part of ``data`` ends: after the last whole row; in a row longer
    than two chunks, after its last whole cell (so nothing is held or copied twice)."""
    end = data.rfind(b"</row>")
    if end >= 0:
        return end + len(b"</row>")
    if len(data) <= 2 * _CHUNK:
        return 0
    end = data.rfind(b"</c>")
    if end >= 0:
        return end + len(b"</c>")
    end = data.rfind(b"<")
    return end if end > 0 else len(data)


def scan_part(archive: zipfile.ZipFile, part: str, max_bytes: int, max_cells: int) -> SheetScan:
    """Error and uncalculated formula cells of one worksheet, and the size of its grid.

    The part is inflated in 1 MB chunks and never held whole; TooLargeError is raised
    as soon as it inflates past ``max_bytes`` or its grid passes ``max_cells``.
    """
    scan = SheetScan()
    leftover = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            scan.inflated += len(chunk)
            if scan.inflated > max_bytes:
                raise TooLargeError(f"a sheet inflates to more than {max_bytes // 2**20} MB")
            data = leftover + chunk
            if not scan.inflated - len(chunk):  # the root element: a prefixed namespace?
                scan.prefixed = _PREFIXED_ROOT.search(data) is not None
            cut = _cut(data)
            if cut:
                _scan_block(data[:cut], scan)
                _check_grid(scan, max_cells)
            leftover = data[cut:]
    _scan_block(leftover, scan)
    _check_grid(scan, max_cells)
    scan.bad_cells.sort(key=lambda cell: (cell.row, cell.column))
    return scan


def _check_grid(scan: SheetScan, max_cells: int) -> None:
    if scan.grid_cells > max_cells:
        last = f"{column_letters(scan.last_column)}{scan.last_row}"
        raise TooLargeError(
            f"its last cell is {last}, a grid of {scan.grid_cells:,} cells "
            f"(the limit is {max_cells:,})"
        )


def check_inflated_sizes(archive: zipfile.ZipFile, max_bytes: int) -> None:
    """TooLargeError if any part declares, or shared strings inflate to, more than ``max_bytes``."""
    for info in archive.infolist():
        if info.file_size > max_bytes:
            raise TooLargeError(f"{info.filename} declares {info.file_size // 2**20} MB inflated")
    if "xl/sharedStrings.xml" in archive.namelist():
        total = 0
        with archive.open("xl/sharedStrings.xml") as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    limit = max_bytes // 2**20
                    raise TooLargeError(f"shared strings inflate to more than {limit} MB")
