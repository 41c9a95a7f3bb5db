"""One quarterly run called directly, without Prefect (the baseline for the flow's cost).

.venv/bin/python benchmarks/quarterly_direct.py --period 2026Q3 --inbox inbox/demo --out DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.run.sequence import run_period_direct


def main() -> None:
    """Run the stages of one quarter in this process (lock, archive, recovery included, as
    in the flow) and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--period", required=True)
    parser.add_argument("--inbox", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    period = Period.parse(args.period)
    result = run_period_direct(period, args.inbox, args.out, Settings.from_env())
    print(f"{result.period}: {result.counts.describe()}; verdict {result.verdict}")


if __name__ == "__main__":
    main()
