"""Large workbooks of clean records for the benchmarks: one-sheet files and a stress inbox.

The stress inbox is written in chunks straight into the zip archive, so that a
sheet of millions of rows never sits in memory as one piece of XML. The chunks
reuse the inbox writer's own pieces (its cell XML, whose bytes a test pins to
openpyxl's, its fixed-time archive, its date-style probe, its file writer), so a
streamed workbook is the workbook ``write_workbook`` would write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from sdg18.core.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import stream
from sdg18.synthetic.forms import RenderedSheet, render_table
from sdg18.synthetic.hazards import snapshot
from sdg18.synthetic.inbox import MANIFEST, SyntheticInbox, generate_inbox, write_manifest
from sdg18.synthetic.inbox import _write_file as write_submission_file
from sdg18.synthetic.layout import FILES, file_stamp, submission_rows
from sdg18.synthetic.operations import Task, eo_item_records, land_release_records, task_of
from sdg18.synthetic.quarter import History, generate_quarter
from sdg18.synthetic.quarter import Settings as QuarterSettings
from sdg18.synthetic.tables import Record, Table, Value
from sdg18.synthetic.writers import _STYLE_PROBE, _cell_xml, _FixedTimeZip, write_workbook

_TASK_M2 = v.RELEASE_HA * 10_000 / v.RELEASE_TASKS
_ITEM_ROWS_PER_TASK = v.EO_ROWS / v.RELEASE_TASKS
#: Records generated, rendered and written at a time in the stress inbox.
CHUNK_ROWS = 50_000

Rows = Sequence[Sequence[Value]]


def _write_single(path: Path, table: Table, period: Period, seed: int) -> Path:
    rng = stream(seed, period, table.dataset, "benchmark", "forms")
    rendered = render_table(rng, table, csv=False, overrides={})
    rows: list[list[Value]] = [list(rendered.header), *rendered.rows]
    return write_workbook(path, [(table.dataset, rows)], file_stamp(period))


def write_land_release_workbook(path: Path, rows: int, *, period: Period, seed: int = 18) -> Path:
    """A workbook with one sheet ``land_release`` holding ``rows`` clean tasks of ``period``."""
    rng = stream(seed, period, "land_release", "benchmark", "records")
    hazards = snapshot(seed, 1.0, period)
    records = land_release_records(rng, period, rows, rows * _TASK_M2, hazards)
    return _write_single(path, Table("land_release", "ANAMA", records), period, seed)


def write_eo_items_workbook(path: Path, rows: int, *, period: Period, seed: int = 18) -> Path:
    """A workbook with one sheet ``eo_items`` holding ``rows`` clean rows of ``period``."""
    rng = stream(seed, period, "eo_items", "benchmark", "records")
    n_tasks = max(1, round(rows / _ITEM_ROWS_PER_TASK))
    tasks = [task_of(r) for r in land_release_records(rng, period, n_tasks, n_tasks * _TASK_M2, [])]
    records = eo_item_records(rng, period, rows, tasks, [])
    return _write_single(path, Table("eo_items", "ANAMA", records), period, seed)


# ---- streamed workbooks ---------------------------------------------------------------


def _rows_xml(rows: Rows, first: int, letters: list[str]) -> bytes:
    """``<row>`` elements for ``rows`` numbered from ``first`` (the inbox writer's bytes)."""
    parts = []
    for number, row in enumerate(rows, first):
        while len(letters) < len(row):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(_cell_xml(f"{letters[i]}{number}", value) for i, value in enumerate(row))
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts).encode("utf-8")


class _StreamingZip(_FixedTimeZip):
    """The fixed-time archive, with listed worksheet parts filled chunk by chunk."""

    def __init__(self, file: Any, stamp: dt.datetime, streams: dict[str, Iterable[Rows]]) -> None:
        super().__init__(file, stamp, {})
        self._streams = streams

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        name = arcname or filename
        if name not in self._streams:
            super().write(filename, arcname, *args, **kwargs)
            return
        head, rest = Path(filename).read_bytes().split(b"<sheetData>", 1)
        tail = rest.split(b"</sheetData>", 1)[1]
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        letters: list[str] = []
        number = 1
        with self.open(info, "w", force_zip64=False) as part:
            part.write(head + b"<sheetData>")
            for rows in self._streams[name]:
                part.write(_rows_xml(rows, number, letters))
                number += len(rows)
            part.write(b"</sheetData>" + tail)


def write_streamed_workbook(
    path: Path, sheets: Sequence[tuple[str, Iterable[Rows]]], stamp: dt.datetime
) -> Path:
    """Write ``sheets`` (name, chunks of rows) to ``path`` as .xlsx, one chunk in memory at a
    time; the same input gives the bytes :func:`write_workbook` would give for the same rows."""
    workbook = Workbook(write_only=True)
    streams: dict[str, Iterable[Rows]] = {}
    for number, (name, chunks) in enumerate(sheets, 1):
        workbook.create_sheet(name).append([_STYLE_PROBE])
        streams[f"xl/worksheets/sheet{number}.xml"] = chunks
    workbook.properties.creator = "sdg18 synthetic data"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with _StreamingZip(partial, stamp, streams) as archive:
        ExcelWriter(workbook, archive).write_data()
    partial.replace(path)
    return path


def _rendered(
    dataset: str, chunks: Iterator[list[Record]], period: Period, seed: int
) -> tuple[str, Iterator[Rows]]:
    """The sheet name and the rendered rows (header first) of ANAMA's ``dataset``, chunk by
    chunk; the first chunk decides the sheet name and the header."""

    def forms(k: int, records: list[Record]) -> RenderedSheet:
        rng = stream(seed, period, dataset, "stress", "forms", k)
        return render_table(rng, Table(dataset, "ANAMA", records), csv=False, overrides={})

    first = forms(0, next(chunks))

    def rows() -> Iterator[Rows]:
        yield [list(first.header), *first.rows]
        for k, records in enumerate(chunks, 1):
            yield forms(k, records).rows

    return first.name, rows()


def _item_chunks(rows: int, tasks: list[Task], period: Period, seed: int) -> Iterator[list[Record]]:
    for k, start in enumerate(range(0, rows, CHUNK_ROWS)):
        rng = stream(seed, period, "eo_items", "stress", "records", k)
        yield eo_item_records(rng, period, min(CHUNK_ROWS, rows - start), tasks, [])


def write_stress_inbox(
    root: Path,
    period: Period,
    *,
    release_rows: int,
    item_rows: int,
    seed: int = 18,
    error_rate: float = 0.01,
) -> SyntheticInbox:
    """A realistic quarter (as :func:`generate_inbox` writes it at scale 1) in which ANAMA
    sends ``release_rows`` land_release and ``item_rows`` eo_items rows of clean records.

    Each of the two datasets is one sheet of a workbook of its own
    (``ANAMA/ANAMA_<period>_land_release.xlsx``, ``…_eo_items.xlsx``, each with a
    submission sheet), because a second file of the same agency, dataset and period
    would supersede the first; the realistic operations workbook keeps only
    hazard_areas. Tasks point at the quarter's clean hazards and items at the tasks,
    so no reference check fires on them. Sheets above 1,048,575 rows are beyond what
    Excel opens, though sdg18 reads them; a sheet part above 2 GiB of XML (about
    7 million eo_items rows) would need ZIP64 and is refused by :mod:`zipfile`.
    """
    inbox = generate_inbox(root, period, period, seed=seed, error_rate=error_rate)
    quarter = generate_quarter(period, QuarterSettings(seed, 1.0, error_rate), History())
    operations = next(f for f in FILES if "land_release" in f.datasets)
    hazards_only = dataclasses.replace(operations, datasets=("hazard_areas",))
    _, placed = write_submission_file(root, quarter, hazards_only, seed)
    relative = f"{operations.agency}/{operations.file_name(period)}"
    injected = (*(e for e in inbox.injected if e.file != relative), *placed)

    bad = {p.index for p in quarter.injections[("ANAMA", "hazard_areas")]}
    hazards = [h for i, h in enumerate(snapshot(seed, 1.0, period)) if i not in bad]
    rng = stream(seed, period, "land_release", "stress", "records")
    releases = land_release_records(rng, period, release_rows, release_rows * _TASK_M2, hazards)
    release_chunks = (releases[i : i + CHUNK_ROWS] for i in range(0, release_rows, CHUNK_ROWS))
    stamp = file_stamp(period)
    folder = root / str(period) / "ANAMA"
    written: list[Path] = []
    for dataset, chunks in (
        ("land_release", release_chunks),
        ("eo_items", _item_chunks(item_rows, [task_of(r) for r in releases], period, seed)),
    ):
        name, rows = _rendered(dataset, chunks, period, seed)
        submission: list[Rows] = [submission_rows("ANAMA", period)]
        target = folder / f"ANAMA_{period}_{dataset}.xlsx"
        sheets = [("submission", submission), (name, rows)]
        written.append(write_streamed_workbook(target, sheets, stamp))

    counts = dict(inbox.record_counts)
    counts[(str(period), "ANAMA", "land_release")] = release_rows
    counts[(str(period), "ANAMA", "eo_items")] = item_rows
    manifest = write_manifest(root / MANIFEST, injected)
    files = (*(f for f in inbox.files if f != manifest), *written, manifest)
    return SyntheticInbox(
        root=root,
        periods=inbox.periods,
        files=files,
        injected=injected,
        record_counts=counts,
    )
