"""The same seed gives the same files, byte for byte; another seed gives other data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.synthetic import generate_inbox
from sdg18.synthetic.tables import Value
from sdg18.synthetic.writers import Sheet, write_workbook

from .helpers import sheets_of

PERIOD = Period(2026, 1)


def _contents(root: Path, seed: int) -> dict[str, bytes]:
    inbox = generate_inbox(root, PERIOD, PERIOD, seed=seed, scale=0.05, error_rate=0.02)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in inbox.files}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = _contents(tmp_path / "a", 11)
    second = _contents(tmp_path / "b", 11)
    assert first == second


def test_other_seed_other_data(tmp_path: Path) -> None:
    _contents(tmp_path / "a", 11)
    _contents(tmp_path / "b", 12)
    name = "2026Q1/ANAMA/ANAMA_2026Q1_operations.xlsx"
    a, b = sheets_of(tmp_path / "a" / name), sheets_of(tmp_path / "b" / name)
    assert a["submission"] == b["submission"]
    assert {k: v for k, v in a.items() if k != "submission"} != {
        k: v for k, v in b.items() if k != "submission"
    }


def test_fast_cells_are_what_openpyxl_writes(tmp_path: Path) -> None:
    rows: list[list[Value]] = [
        ["Task ID", "Sahə m2", "Completion date", "lat"],
        ["000123", 1234.5, dt.date(2026, 2, 3), None],
        [" Cleared", -1500, "03/04/2026", "#N/A"],
        ["a & b < c", 0.1, 1 / 3, "Ağdam  "],
        [None, None],
        [40.123456, 123456789012, "1 234,5", "#DIV/0!"],
    ]
    sheets: list[Sheet] = [
        ("submission", [["prepared_on", dt.date(2026, 4, 14)]]),
        ("Land Release", rows),
    ]
    stamp = dt.datetime(2026, 4, 14, 9)
    fast = write_workbook(tmp_path / "fast.xlsx", sheets, stamp).read_bytes()
    slow = write_workbook(tmp_path / "slow.xlsx", sheets, stamp, fast=False).read_bytes()
    assert fast == slow
