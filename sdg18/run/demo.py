"""The demo's own check: the validation finds exactly what the generator injected.

The generator injects problems that one record shows (levels 0–1). Findings of
levels 2–3 (a record's links to other datasets, the ANAMA–MOH mirror) depend on
the whole history and are reported by the run but not part of this comparison.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from sdg18.synthetic import InjectedError

#: What locates a finding for this comparison.
FINDING_KEY = ("period", "file", "sheet", "row", "column", "rule_id")


@dataclass(frozen=True)
class DemoCheck:
    """Injected errors and warnings against those the validation reported."""

    injected: int
    found: int
    missed: tuple[tuple[object, ...], ...]
    unexpected: tuple[tuple[object, ...], ...]

    @property
    def exact(self) -> bool:
        """True when every injected problem was found and nothing else."""
        return not self.missed and not self.unexpected


def compare(injected: Iterable[InjectedError], findings: pd.DataFrame) -> DemoCheck:
    """Compare injected problems with the error and warning findings of the demo."""
    expected = {(e.period, e.file, e.sheet, e.row, e.column, e.rule_id) for e in injected}
    own_record = findings["level"].astype(int) <= 1
    reported = findings[own_record & findings["severity"].isin(["error", "warning"])]
    rows = reported["row"].astype(object).where(reported["row"].notna(), None)
    found = set(
        zip(
            reported["period"].astype(str),
            reported["file"].astype(str),
            reported["sheet"].astype(str),
            (None if r is None else int(r) for r in rows),
            reported["column"].astype(str),
            reported["rule_id"].astype(str),
            strict=True,
        )
    )
    return DemoCheck(
        len(expected),
        len(found),
        tuple(sorted(expected - found, key=str)),
        tuple(sorted(found - expected, key=str)),
    )
