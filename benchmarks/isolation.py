"""Benchmark: the cost of reading a file in a memory-capped worker (SDG18_ISOLATE_READS).

Times levels 0–1 of one land_release workbook in this process (``check_file``) and
in a warm worker (``check_bounded`` with ``isolate_reads``), rounds interleaved,
for a small agency workbook and a large one. The first isolated call, which starts
the forkserver and a worker, is reported apart; times are the fastest of the later
calls (on shared cores noise only adds time); ratios are those of the fastest and of
the medians. ``pickled`` is the same worker handing its result back as one pickle, as
it did before the Arrow hand-off (:mod:`sdg18.validation.handoff`).

    .venv/bin/python benchmarks/isolation.py                      # 500 and 200,000 rows
    .venv/bin/python benchmarks/isolation.py --rows 500 --rows 20000 --rows 200000 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, inbox_file
from sdg18.synthetic import write_land_release_workbook
from sdg18.validation.files import FileResult, check_file, guarded, levels_0_1
from sdg18.validation.isolation import _pool, check_bounded, close_readers

DATA = Path(__file__).resolve().parent / "data" / "isolation"
PERIOD = Period.parse("2026Q1")


def workbook(rows: int) -> Path:
    """``ANAMA/land_release_<rows>.xlsx`` under benchmarks/data/isolation, written once."""
    path = DATA / "ANAMA" / f"land_release_{rows}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_land_release_workbook(path, rows, period=PERIOD)
    return path


def seconds(run: object) -> float:
    """Wall time of calling ``run``."""
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def pickled(file: InboxFile, settings: Settings) -> FileResult:
    """Levels 0–1 of ``file`` in the warm worker, the result sent back as one pickle."""
    future = _pool(settings).submit(guarded, levels_0_1, file, PERIOD, settings)
    result: FileResult = future.result()
    return result


def main() -> None:
    """Run the benchmark and print one line per workbook."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = Settings.from_env()
    inline, isolated = replace(base, isolate_reads=False), replace(base, isolate_reads=True)
    print(
        f"{'rows':>8}{'in-process s':>14}{'isolated s':>12}{'ratio':>7}{'(median)':>10}"
        f"{'pickled s':>11}{'ratio':>7}{'(median)':>10}{'first call s':>14}"
    )
    for rows in args.rows or [500, 200_000]:
        file = inbox_file(workbook(rows), DATA)
        close_readers()
        first = seconds(lambda: check_bounded(file, PERIOD, isolated))  # noqa: B023
        here: list[float] = []
        there: list[float] = []
        before: list[float] = []
        for _ in range(args.rounds):
            here.append(seconds(lambda: check_file(file, PERIOD, inline)))  # noqa: B023
            there.append(seconds(lambda: check_bounded(file, PERIOD, isolated)))  # noqa: B023
            before.append(seconds(lambda: pickled(file, isolated)))  # noqa: B023
        a, b, c = (min(times) for times in (here, there, before))
        mid_a, mid_b, mid_c = (statistics.median(times) for times in (here, there, before))
        print(
            f"{rows:>8,}{a:>14.3f}{b:>12.3f}{b / a:>7.2f}{mid_b / mid_a:>10.2f}"
            f"{c:>11.3f}{c / a:>7.2f}{mid_c / mid_a:>10.2f}{first:>14.2f}"
        )
    close_readers()


if __name__ == "__main__":
    main()
