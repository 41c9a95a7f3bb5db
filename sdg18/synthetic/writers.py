"""Writing synthetic sheets to disk: byte-stable .xlsx workbooks and UTF-8 .csv files.

Workbooks are openpyxl write-only workbooks. openpyxl stamps the save time into
``docProps/core.xml`` and into every zip entry; both are replaced here by a
fixed instant, so the same rows give the same bytes. openpyxl spends ~70 µs
per cell serialising XML, so the cells of each sheet are serialised here in
exactly openpyxl's write-only form (a test compares the bytes) and spliced
into the worksheet part openpyxl writes around them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml import LXML

from sdg18.synthetic.tables import Value

Sheet = tuple[str, Sequence[Sequence[Value]]]
#: The style openpyxl gives the first (here: the only) styled cell, a date.
_DATE_STYLE = "1"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: A date written into each skeleton sheet so that the date style exists.
_STYLE_PROBE = dt.date(2000, 1, 1)


def _cell_xml(ref: str, value: Value) -> str:
    """One cell as openpyxl's write-only mode serialises it ("" for a blank cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("booleans are not written by the synthetic data")
    if isinstance(value, str):
        if value in ERROR_CODES:
            return f'<c r="{ref}" t="e"><v>{value}</v></c>'
        if value.startswith("=") and len(value) > 1:
            raise ValueError(f"text {value!r} would be written as a formula")
        if value == "":
            return f'<c r="{ref}" t="inlineStr" />'
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        text = escape(value)
        if LXML:  # openpyxl then writes through lxml, which gives non-ASCII as references
            text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" t="n"><v>{format(value, ".16g")}</v></c>'
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not written by the synthetic data; use dates")
    serial = (value - _EXCEL_EPOCH).days
    return f'<c r="{ref}" s="{_DATE_STYLE}" t="n"><v>{serial}</v></c>'


def sheet_data_xml(rows: Iterable[Sequence[Value]]) -> bytes:
    """The ``<sheetData>`` element of a sheet holding ``rows`` from row 1."""
    letters: list[str] = []
    parts = ["<sheetData>"]
    for number, row in enumerate(rows, 1):
        while len(letters) < len(row):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(_cell_xml(f"{letters[i]}{number}", v) for i, v in enumerate(row))
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData>")
    return "".join(parts).encode("utf-8")


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries carry one fixed time; listed worksheet parts get new rows."""

    def __init__(
        self, file: Any, stamp: dt.datetime, sheet_rows: dict[str, Sequence[Sequence[Value]]]
    ) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._stamp = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        self._sheet_rows = sheet_rows

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        info = zipfile.ZipInfo(str(name), date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        super().writestr(info, data)

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        name = arcname or filename
        data = Path(filename).read_bytes()
        if name in self._sheet_rows:
            head, rest = data.split(b"<sheetData>", 1)
            tail = rest.split(b"</sheetData>", 1)[1]
            data = head + sheet_data_xml(self._sheet_rows[name]) + tail
        self.writestr(name, data)


def write_workbook(
    path: Path, sheets: Iterable[Sheet], stamp: dt.datetime, *, fast: bool = True
) -> Path:
    """Write ``sheets`` (name, rows) to ``path`` as .xlsx; the same input gives the same bytes.

    A ``datetime.date`` becomes a date cell, text such as ``"#N/A"`` an Excel
    error cell, ``None`` an empty cell. ``fast=False`` lets openpyxl serialise
    every cell itself (same bytes, many times slower).
    """
    workbook = Workbook(write_only=True)
    sheet_rows: dict[str, Sequence[Sequence[Value]]] = {}
    for number, (name, rows) in enumerate(sheets, 1):
        sheet = workbook.create_sheet(name)
        if fast:
            sheet.append([_STYLE_PROBE])
            sheet_rows[f"xl/worksheets/sheet{number}.xml"] = rows
        else:
            for row in rows:
                sheet.append(list(row))
    workbook.properties.creator = "sdg18 synthetic data"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, stamp, sheet_rows) as archive:
        ExcelWriter(workbook, archive).write_data()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def write_csv(path: Path, rows: Iterable[Sequence[Value]], *, bom: bool) -> Path:
    """Write ``rows`` to ``path`` as UTF-8 CSV (with a BOM if asked); blanks as empty fields."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    return path
