"""The demo flow: synthetic inbox → one validation flow per quarter → the check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from prefect import flow, task

from flows.validation import validate_period
from sdg18.demo import DemoCheck, compare
from sdg18.periods import Period, period_range
from sdg18.synthetic import SyntheticInbox, generate_inbox
from sdg18.validation.report import ValidationCounts


@dataclass(frozen=True)
class DemoResult:
    """Counts per quarter and the comparison with what was injected."""

    counts: dict[str, ValidationCounts]
    check: DemoCheck


@task(name="generate-synthetic-inbox")
def generate(
    inbox: Path, first: str, last: str, seed: int, scale: float, error_rate: float
) -> SyntheticInbox:
    """Write the synthetic inbox (deterministic for the seed)."""
    return generate_inbox(
        inbox,
        Period.parse(first),
        Period.parse(last),
        seed=seed,
        scale=scale,
        error_rate=error_rate,
    )


@flow(name="sdg18-demo")
def demo(
    inbox: Path, out: Path, first: str, last: str, seed: int, scale: float, error_rate: float
) -> DemoResult:
    """Run every demo quarter and compare its findings with the injected problems."""
    synthetic = generate(inbox, first, last, seed, scale, error_rate)
    counts: dict[str, ValidationCounts] = {}
    for period in period_range(Period.parse(first), Period.parse(last)):
        counts[str(period)] = validate_period(str(period), inbox, out)
    findings = pd.concat(
        [
            pd.read_csv(out / p / "validation" / "findings.csv", dtype=str, keep_default_na=False)
            for p in counts
        ],
        ignore_index=True,
    )
    findings["row"] = pd.to_numeric(findings["row"], errors="coerce").astype("Int64")
    return DemoResult(counts, compare(synthetic.injected, findings))
