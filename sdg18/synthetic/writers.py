"""Writing synthetic sheets to disk: byte-stable .xlsx workbooks and UTF-8 .csv files.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip
entry; both are replaced here by a fixed instant, so the same rows give the
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sdg18.synthetic.tables import Value


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed modification time."""

    def __init__(self, file: Any, stamp: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._stamp = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = (
            zinfo_or_arcname.filename
            if isinstance(zinfo_or_arcname, zipfile.ZipInfo)
            else zinfo_or_arcname
        )
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        super().writestr(info, data)

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        self.writestr(arcname or filename, Path(filename).read_bytes())


Sheet = tuple[str, Sequence[Sequence[Value]]]


def write_workbook(path: Path, sheets: Iterable[Sheet], stamp: dt.datetime) -> Path:
    """Write ``sheets`` (name, rows) to ``path`` as .xlsx; same input, same bytes.

    Rows are written as given: a ``datetime.date`` becomes a date cell, text
    like ``"#N/A"`` an Excel error cell, ``None`` an empty cell.
    """
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.properties.creator = "sdg18 synthetic data"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, stamp) as archive:
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
