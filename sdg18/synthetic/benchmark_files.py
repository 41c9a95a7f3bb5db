"""Large single-sheet workbooks of clean records, for reader benchmarks."""

from __future__ import annotations

from pathlib import Path

from sdg18.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import stream
from sdg18.synthetic.forms import render_table
from sdg18.synthetic.hazards import snapshot
from sdg18.synthetic.layout import file_stamp
from sdg18.synthetic.operations import eo_item_records, land_release_records, task_of
from sdg18.synthetic.tables import Table, Value
from sdg18.synthetic.writers import write_workbook

_TASK_M2 = v.RELEASE_HA * 10_000 / v.RELEASE_TASKS
_ITEM_ROWS_PER_TASK = v.EO_ROWS / v.RELEASE_TASKS


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
