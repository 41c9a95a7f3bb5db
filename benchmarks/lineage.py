"""Lineage benchmark (issue 12): what tracing costs the run, the store and an auditor.

On one stress inbox (200,000 land_release and 1,000,000 eo_items rows plus a
realistic quarter; ``--scale`` shrinks both), in this one invocation:

- the direct run (inbox to outputs and store, the PDF included) with lineage
  (``SDG18_LINEAGE=1``, the default) and without (``=0``), interleaved, each in a
  fresh process and a fresh outputs folder; ratio of the best times;
- what lineage adds to the store beyond keeping retired records — the
  ``retired_run`` column and the index on ``submission_no`` — as a share of the
  store's size: the SQLite file against a copy with both dropped and vacuumed;
- ``sdg18 trace 18.1.3`` (the headline of items destroyed, traced through every
  eo_items record) as a whole process, on the run's outputs.

    .venv/bin/python benchmarks/lineage.py                # stress size (about 15 min)
    .venv/bin/python benchmarks/lineage.py --scale 0.02   # a few minutes
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

PERIOD = "2026Q1"
RELEASES, ITEMS = 200_000, 1_000_000
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

GENERATE = """
import sys
from pathlib import Path
from sdg18.core.periods import Period
from sdg18.synthetic.benchmark_files import write_stress_inbox
write_stress_inbox(Path(sys.argv[1]), Period.parse(sys.argv[2]),
                   release_rows=int(sys.argv[3]), item_rows=int(sys.argv[4]))
"""
RUN = """
import sys
from pathlib import Path
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.run.sequence import run_period_direct
run_period_direct(Period.parse(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]),
                  Settings.from_env())
"""
#: Limits the stress inbox needs above the defaults (its eo_items sheet is large).
LIMITS = {"SDG18_MAX_CELLS": "30000000", "SDG18_MAX_INFLATED_MB": "2048"}


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds the command takes as a whole process (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def environment(lineage: bool) -> dict[str, str]:
    """The process environment of a run, with or without lineage."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("SDG18_")}
    return {**kept, **LIMITS, "SDG18_LINEAGE": "1" if lineage else "0"}


def store_share(store: Path) -> tuple[int, int]:
    """The store's size, and its size without what lineage adds (a vacuumed copy)."""
    copy = store.with_name("without-lineage.sqlite")
    shutil.copyfile(store, copy)
    with sqlite3.connect(copy) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'records_%'"
        )]  # fmt: skip
        for table in tables:
            conn.execute(f"DROP INDEX IF EXISTS ix_{table}_submission")
            conn.execute(f"ALTER TABLE {table} DROP COLUMN retired_run")
        conn.commit()
        conn.execute("VACUUM")
    with sqlite3.connect(store) as conn:
        conn.execute("VACUUM")
    return store.stat().st_size, copy.stat().st_size


def main() -> None:
    """Measure, print the table, write it as JSON beside the work folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/sdg18-bench-lineage"))
    parser.add_argument("--scale", type=float, default=1.0, help="share of the stress size")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    releases, items = int(RELEASES * args.scale), int(ITEMS * args.scale)
    inbox = args.work / f"inbox-{releases}-{items}"
    if not (inbox / PERIOD).is_dir():
        print(f"generating {releases:,} land_release and {items:,} eo_items rows …", flush=True)
        subprocess.run([PYTHON, "-c", GENERATE, str(inbox), PERIOD, str(releases), str(items)],
                       check=True)  # fmt: skip
    times: dict[bool, list[float]] = {True: [], False: []}
    for round_no in range(args.rounds):
        for lineage in (False, True):
            out = args.work / f"out-{'with' if lineage else 'without'}"
            shutil.rmtree(out, ignore_errors=True)
            seconds = timed([PYTHON, "-c", RUN, PERIOD, str(inbox), str(out)], environment(lineage))
            times[lineage].append(seconds)
            print(f"round {round_no + 1}: run {'with' if lineage else 'without'} lineage "
                  f"{seconds:.1f} s", flush=True)  # fmt: skip
    out = args.work / "out-with"
    trace = [PYTHON, "-m", "sdg18.cli", "trace", "18.1.3", "--outputs", str(out)]
    trace_s = min(timed(trace, environment(True)) for _ in range(args.rounds))
    size, without = store_share(out / "sdg18.sqlite")
    with_s, without_s = min(times[True]), min(times[False])
    rows = [
        ("run with lineage ÷ without", f"{with_s:.1f} s ÷ {without_s:.1f} s",
         f"{with_s / without_s:.2f}×", "≤ 1.15×"),
        ("store: what lineage adds ÷ the rest", f"{size - without:,} B ÷ {without:,} B",
         f"{(size - without) / without:.1%}", "≤ 30 %"),
        ("sdg18 trace 18.1.3 (whole process)", f"{trace_s:.1f} s", "", "< 5 s"),
    ]  # fmt: skip
    print(f"\n{releases:,} land_release + {items:,} eo_items rows, best of {args.rounds}:")
    for row in rows:
        print(" | ".join(row))
    (args.work / "lineage.json").write_text(json.dumps({"rows": rows, "times": {
        "with": times[True], "without": times[False], "trace": trace_s}}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
