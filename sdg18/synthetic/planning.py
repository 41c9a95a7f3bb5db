"""Where the deliberate problems go: how many per table, which records, which kinds.

The budget of a quarter is split so that every table that can take a problem
gets one (small tables are exercised too) and the rest goes by size; within a
table the kinds are taken in turn, starting one kind further each quarter.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from schemas.reference import BASELINE_DATE
from sdg18.core.periods import Period
from sdg18.synthetic.draws import bernoulli_round
from sdg18.synthetic.errors import AGENCY_ONLY, INJECTORS, TARGETS, XLSX_ONLY, Injection, rule_for
from sdg18.synthetic.tables import Table


def applicable_targets(table: Table, period: Period, *, csv: bool) -> list[tuple[str, str]]:
    """The (kind, column) pairs that can be injected into ``table`` in ``period``."""
    if AGENCY_ONLY.get(table.dataset, table.agency) != table.agency:
        return []
    targets = [t for t in TARGETS[table.dataset] if not (csv and t[0] in XLSX_ONLY)]
    if period.start - dt.timedelta(days=1) < BASELINE_DATE:
        targets = [t for t in targets if t[0] != "late_report"]
    return targets


def allocate(
    rng: np.random.Generator, rate: float, total_rows: int, eligible: dict[tuple[str, str], int]
) -> dict[tuple[str, str], int]:
    """How many problems each table gets: about ``rate × total_rows`` in all.

    Every table with eligible rows gets one first (so small tables are exercised
    too), while the budget lasts; the rest goes by size, never above a table's
    eligible rows.
    """
    budget = bernoulli_round(rng, rate * total_rows)
    keys = [k for k, n in eligible.items() if n > 0]
    counts = dict.fromkeys(eligible, 0)
    if budget < len(keys):
        for i in rng.choice(len(keys), size=budget, replace=False):
            counts[keys[int(i)]] = 1
        return counts
    # One each, then the rest by largest remainder of each table's share of the room left.
    room = {k: eligible[k] - 1 for k in keys}
    pool = sum(room.values())
    rest = min(budget - len(keys), pool)
    exact = {k: rest * room[k] / pool if pool else 0.0 for k in keys}
    for key in keys:
        counts[key] = 1 + int(exact[key])
    left = rest - sum(int(x) for x in exact.values())
    by_remainder = sorted(keys, key=lambda k: int(exact[k]) - exact[k])
    for key in by_remainder[:left]:
        counts[key] += 1
    return counts


def plan_injections(
    rng: np.random.Generator, table: Table, period: Period, *, csv: bool, count: int
) -> list[Injection]:
    """``count`` problems (at most one per unprotected record), the kinds taken in turn.

    The chosen records are changed in place where the problem changes a value
    (e.g. a date moved after the period); the cell to write is in the Injection.
    """
    targets = applicable_targets(table, period, csv=csv)
    eligible = [i for i in range(len(table)) if i not in table.protected]
    count = min(count, len(eligible))
    if not targets or count == 0:
        return []
    rows = sorted(int(i) for i in rng.choice(eligible, size=count, replace=False))
    offset = (4 * period.year + period.quarter) % len(targets)  # next kind each quarter
    injections = []
    for j, index in enumerate(rows):
        kind, column = targets[(offset + j) % len(targets)]
        cell = INJECTORS[kind](rng, table.records[index], column, period, csv)
        rule = rule_for(kind, table.dataset, column)
        injections.append(Injection(index, column, kind, rule, cell))
    return injections
