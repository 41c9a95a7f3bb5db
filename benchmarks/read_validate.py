"""Benchmark: reading + validating one large land_release workbook.

Compares, in one run and on the same file, sdg18's read + level 0-1 validation
against ``pandas.read_excel(engine="openpyxl")`` (the naive baseline), pandas
with the calamine engine, and python-calamine alone (close to the limit of
parsing XLSX). Each measurement runs in a fresh Python process; rounds are
interleaved so that machine noise spreads over all variants. Prints wall time
(min and median), peak memory (max RSS) and ratios.

    .venv/bin/python benchmarks/read_validate.py              # 200,000 rows
    .venv/bin/python benchmarks/read_validate.py --rows 20000 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PERIOD = "2026Q1"

VARIANTS: dict[str, str] = {
    "sdg18 read + validate": """
from pathlib import Path
from sdg18.ingest.discover import inbox_file
from sdg18.ingest.read import read_file
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.validation.files import validate_file
file = inbox_file(Path(PATH))
read = read_file(file, Settings())
read.agency = "ANAMA"
result = validate_file(read, Period.parse("{period}"))
assert len(result.tables[0].typed) == ROWS, len(result.tables[0].typed)
""",
    "python-calamine alone": """
import python_calamine
book = python_calamine.CalamineWorkbook.from_path(PATH)
rows = book.get_sheet_by_name("land_release").to_python()
assert len(rows) == ROWS + 1
""",
    "pandas + calamine": """
import pandas as pd
frame = pd.read_excel(PATH, sheet_name="land_release", engine="calamine", dtype=object)
assert len(frame) == ROWS
""",
    "pandas + openpyxl": """
import pandas as pd
frame = pd.read_excel(PATH, sheet_name="land_release", engine="openpyxl", dtype=object)
assert len(frame) == ROWS
""",
}


def workbook(rows: int) -> Path:
    """The benchmark workbook, written once per row count and kept in benchmarks/data.

    It is written by a child process so that this process stays small: on Linux a
    child's peak-memory figure starts from its parent's size at fork time.
    """
    path = DATA / f"land_release_{rows}.xlsx"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.xlsx")
        program = (
            "from pathlib import Path\n"
            "from sdg18.core.periods import Period\n"
            "from sdg18.synthetic import write_land_release_workbook\n"
            f"write_land_release_workbook(Path({str(partial)!r}), {rows}, "
            f"period=Period.parse({PERIOD!r}))\n"
        )
        subprocess.run([sys.executable, "-c", program], check=True)
        partial.rename(path)
    return path


def measure(code: str, path: Path, rows: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process running ``code``."""
    program = f"PATH = {str(path)!r}\nROWS = {rows}\n" + code.format(period=PERIOD)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", program])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"measurement failed:\n{program}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--skip", action="append", default=[], help="variant to leave out (repeatable)"
    )
    args = parser.parse_args()
    path = workbook(args.rows)
    variants = {name: code for name, code in VARIANTS.items() if name not in args.skip}
    times: dict[str, list[float]] = {name: [] for name in variants}
    memory: dict[str, float] = {name: 0.0 for name in variants}
    for _ in range(args.rounds):
        for name, code in variants.items():
            seconds, peak = measure(code, path, args.rows)
            times[name].append(seconds)
            memory[name] = max(memory[name], peak)
    size = path.stat().st_size / 2**20
    print(f"\n{path.name}: {args.rows:,} rows x 11 columns, {size:.1f} MB; {args.rounds} rounds")
    print("whole-process wall time (includes Python start-up and imports)\n")
    ours = min(times["sdg18 read + validate"]) if "sdg18 read + validate" in times else None
    print(f"{'variant':<24}{'min s':>8}{'median s':>10}{'peak MB':>9}{'vs sdg18':>10}")
    for name, values in times.items():
        ratio = f"{min(values) / ours:.2f}x" if ours else ""
        print(
            f"{name:<24}{min(values):>8.2f}{statistics.median(values):>10.2f}"
            f"{memory[name]:>9.0f}{ratio:>10}"
        )


if __name__ == "__main__":
    main()
