"""Single-sheet workbooks of clean records for the read benchmarks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.synthetic import write_eo_items_workbook, write_land_release_workbook

from .helpers import as_text, columns_of, sheets_of

PERIOD = Period(2026, 3)


def _dates(values: list[object]) -> list[dt.date]:
    days = []
    for value in values:
        text = as_text(value)
        form = "%d.%m.%Y" if "." in text else "%Y-%m-%d"
        days.append(dt.datetime.strptime(text, form).date())
    return days


def test_land_release_workbook(tmp_path: Path) -> None:
    path = write_land_release_workbook(tmp_path / "lr.xlsx", 300, period=PERIOD, seed=4)
    sheets = sheets_of(path)
    assert list(sheets) == ["land_release"]
    grid = sheets["land_release"]
    columns = columns_of("land_release", grid[0])
    assert len(grid) == 301
    tasks = [row[columns.index("task_id")] for row in grid[1:]]
    assert len(set(tasks)) == 300
    completed = _dates([row[columns.index("completion_date")] for row in grid[1:]])
    assert all(PERIOD.start <= day <= PERIOD.end for day in completed)
    again = write_land_release_workbook(tmp_path / "again.xlsx", 300, period=PERIOD, seed=4)
    assert again.read_bytes() == path.read_bytes()


def test_eo_items_workbook(tmp_path: Path) -> None:
    path = write_eo_items_workbook(tmp_path / "eo.xlsx", 250, period=PERIOD)
    grid = sheets_of(path)["eo_items"]
    columns = columns_of("eo_items", grid[0])
    assert len(grid) == 251
    found = _dates([row[columns.index("found_date")] for row in grid[1:]])
    assert all(PERIOD.start <= day <= PERIOD.end for day in found)
    quantities = [float(row[columns.index("quantity")]) for row in grid[1:]]
    assert all(1 <= q <= 20 for q in quantities)
