"""One quarterly run called directly, without Prefect (the baseline for the flow's cost).

.venv/bin/python benchmarks/quarterly_direct.py --period 2026Q3 --inbox inbox/demo --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sdg18.periods import Period
from sdg18.pipeline import complete_run, new_run_id
from sdg18.settings import Settings
from sdg18.store import open_store
from sdg18.validation.inbox import validate_inbox


def main() -> None:
    """Run the stages of one quarter in this process and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--period", required=True)
    parser.add_argument("--inbox", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    period = Period.parse(args.period)
    settings = Settings.from_env()
    started = dt.datetime.now(dt.UTC)
    validation = validate_inbox(args.inbox / str(period), period, settings)
    store = open_store(settings, args.out)
    result = complete_run(validation, store, args.out, new_run_id(period), started)
    print(f"{result.period}: {result.counts.describe()}; verdict {result.verdict}")


if __name__ == "__main__":
    main()
