"""Excel error cells and formula cells without a cached value.

python-calamine returns an error cell (``#REF!``, ``#N/A``…) and a formula that
was never calculated as an empty string, so reading values alone would lose
them silently. This module scans the worksheet XML itself, in bounded chunks,
and reports each such cell by address. Sheets with neither (the usual case)
cost one pass of decompression and two substring searches per chunk.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.DOTALL)
_ADDRESS = re.compile(r"^([A-Z]+)(\d+)$")
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


def _scan_block(block: bytes, cells: list[BadCell]) -> None:
    if b't="e"' in block or b"<f" in block:
        for match in _CELL.finditer(block):
            cell = _bad_cell(match[1], match[2])
            if cell is not None:
                cells.append(cell)


def scan_part(archive: zipfile.ZipFile, part: str) -> list[BadCell]:
    """Every error cell and uncalculated formula cell of one worksheet part."""
    cells: list[BadCell] = []
    leftover = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = leftover + chunk
            cut = data.rfind(b"</row>")
            if cut < 0:
                leftover = data
                continue
            cut += len(b"</row>")
            _scan_block(data[:cut], cells)
            leftover = data[cut:]
    _scan_block(leftover, cells)
    return cells
