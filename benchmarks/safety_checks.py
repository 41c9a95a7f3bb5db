"""What the reader's safety checks cost: reading a workbook with them and without them.

``sdg18.ingest.read.read_file`` checks a workbook before python-calamine sees it:
the container (zip, not an encrypted or legacy file), every part's declared and
the shared strings' inflated size, and a streamed scan of each wanted sheet's XML
(inflated size, the real last row and column, error and uncalculated formula
cells). Without them, reading is calamine's grid plus the header matching of
``build_table``. Both are timed in this process after a warm-up read (imports and
pandera's first schema build are not counted), rounds interleaved; min of rounds.

    .venv/bin/python benchmarks/safety_checks.py                 # 200,000 rows
    .venv/bin/python benchmarks/safety_checks.py --rows 20000 --rounds 5
"""

from __future__ import annotations

import argparse
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import python_calamine

from sdg18.core.findings import Source
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.cells import scan_part, sheet_parts
from sdg18.ingest.discover import inbox_file
from sdg18.ingest.read import read_file
from sdg18.ingest.tables import build_table
from sdg18.synthetic import write_land_release_workbook

DATA = Path(__file__).resolve().parent / "data"
SHEET = "land_release"


def workbook(rows: int) -> Path:
    """The benchmark workbook of ``rows`` land_release records (written once)."""
    path = DATA / f"land_release_{rows}.xlsx"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        write_land_release_workbook(path, rows, period=Period.parse("2026Q1"))
    return path


def with_checks(path: Path) -> int:
    """sdg18's reader: every safety check, then calamine and the table."""
    read = read_file(inbox_file(path), Settings())
    return len(read.tables[0].raw)


def without_checks(path: Path) -> int:
    """calamine and the table only: what reading would cost with no check at all."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    grid = book.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    return len(build_table(grid, Source(path.name, "", "ANAMA", SHEET, SHEET)).raw)


def scan_only(path: Path) -> int:
    """The streamed XML scan alone."""
    with zipfile.ZipFile(path) as archive:
        scan = scan_part(archive, sheet_parts(archive)[SHEET], 2**30, 25_000_000)
    return scan.last_row - 1


def main() -> None:
    """Time the three variants and print the ratio of the checks' cost."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    path = workbook(args.rows)
    with_checks(workbook(100))  # warm-up: imports, pandera's first schema build
    variants: dict[str, Callable[[Path], int]] = {
        "with the safety checks (read_file)": with_checks,
        "without them (calamine + table)": without_checks,
        "the XML scan alone": scan_only,
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, variant in variants.items():
            start = time.perf_counter()
            rows = variant(path)
            times[name].append(time.perf_counter() - start)
            assert rows == args.rows, (name, rows)
    best = {name: min(values) for name, values in times.items()}
    base = best["without them (calamine + table)"]
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {args.rows:,} rows, {size:.1f} MB; {args.rounds} rounds, min, in-process")
    for name, seconds in best.items():
        print(f"{name:<38}{seconds:>8.2f} s{seconds / base:>8.2f}x")


if __name__ == "__main__":
    main()
