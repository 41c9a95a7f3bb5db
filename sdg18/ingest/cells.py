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
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.DOTALL)
_ADDRESS = re.compile(r"^([A-Z]+)(\d+)$")
_LAST_ROW = re.compile(rb'<row [^>]*?r="(\d+)"')
#: Cell references of two or three letters (column AA onwards): rare, so cheap to find.
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})\d')
_CHUNK = 1 << 20


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


class TooLargeError(Exception):
    """A part inflates beyond the byte limit, or its grid beyond the cell limit."""


@dataclass
class SheetScan:
    """What a worksheet's XML says before any reader allocates its grid."""

    bad_cells: list[BadCell] = field(default_factory=list)
    #: Largest row number and 0-based column index that hold a cell.
    last_row: int = 0
    last_column: int = 0
    inflated: int = 0

    @property
    def grid_cells(self) -> int:
        """Cells of the rectangle a reader would allocate (A1 to the last cell)."""
        return self.last_row * (self.last_column + 1)


def _scan_block(block: bytes, scan: SheetScan) -> None:
    row = _LAST_ROW.findall(block[block.rfind(b"<row ") :]) if b"<row " in block else []
    if row:
        scan.last_row = max(scan.last_row, int(row[-1]))
    for letters in _WIDE_COLUMN.findall(block):
        scan.last_column = max(scan.last_column, column_index(letters.decode()))
    if b't="e"' in block or b"<f" in block:
        for match in _CELL.finditer(block):
            cell = _bad_cell(match[1], match[2])
            if cell is not None:
                scan.bad_cells.append(cell)


def scan_part(archive: zipfile.ZipFile, part: str, max_bytes: int, max_cells: int) -> SheetScan:
    """Error and uncalculated formula cells of one worksheet, and the size of its grid.

    The part is inflated in 1 MB chunks and never held whole; TooLargeError is raised
    as soon as it inflates past ``max_bytes`` or its grid passes ``max_cells``.
    """
    scan = SheetScan(last_column=25)  # single-letter columns are not searched for
    leftover = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            scan.inflated += len(chunk)
            if scan.inflated > max_bytes:
                raise TooLargeError(f"a sheet inflates to more than {max_bytes // 2**20} MB")
            data = leftover + chunk
            cut = data.rfind(b"</row>")
            if cut < 0:
                leftover = data
                continue
            cut += len(b"</row>")
            _scan_block(data[:cut], scan)
            leftover = data[cut:]
            _check_grid(scan, max_cells)
    _scan_block(leftover, scan)
    _check_grid(scan, max_cells)
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
