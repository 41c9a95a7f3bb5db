"""The demo flow: a synthetic inbox, every quarter run in order, and the check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.quarterly import backfill
from sdg18.core.periods import Period
from sdg18.run.demo import DemoCheck, compare
from sdg18.run.publish import RunResult
from sdg18.synthetic import SyntheticInbox, generate_inbox


@dataclass(frozen=True)
class DemoResult:
    """The runs of the demo quarters and the comparison with what was injected."""

    runs: list[RunResult]
    check: DemoCheck


@task(name="generate-synthetic-inbox", cache_policy=NO_CACHE)
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
    runs = backfill(first, last, str(inbox), str(out))
    findings = pd.concat(
        [
            pd.read_csv(out / run.period / "validation" / "findings.csv", dtype=str,
                        keep_default_na=False)
            for run in runs
        ],
        ignore_index=True,
    )  # fmt: skip
    findings["row"] = pd.to_numeric(findings["row"], errors="coerce").astype("Int64")
    return DemoResult(runs, compare(synthetic.injected, findings))
