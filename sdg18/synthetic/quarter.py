"""One quarter of synthetic submissions: clean tables in dependency order, with their errors.

References only ever point at clean records (tasks at clean hazards, items at
clean tasks, services at clean injured casualties), so an injected problem
gives its one finding and nothing downstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sdg18.core.periods import Period
from sdg18.synthetic import hazards as hz
from sdg18.synthetic import people
from sdg18.synthetic.draws import stream
from sdg18.synthetic.errors import Injection
from sdg18.synthetic.funding import funding_reports
from sdg18.synthetic.layout import AS_CSV
from sdg18.synthetic.operations import Task, eo_item_records, land_release_records, task_of
from sdg18.synthetic.planning import allocate, applicable_targets, plan_injections
from sdg18.synthetic.tables import Table
from sdg18.synthetic.volumes import QuarterVolumes, quarter_volumes

Key = tuple[str, str]  # (agency, dataset)


@dataclass
class History:
    """What later quarters may refer to: clean tasks and clean injured casualties so far."""

    tasks: list[Task] = field(default_factory=list)
    survivors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    """The knobs of one generation run."""

    seed: int
    scale: float
    error_rate: float


@dataclass
class Quarter:
    """The tables of one quarter keyed by (agency, dataset), and their injected problems."""

    period: Period
    settings: Settings
    budget: dict[Key, int] = field(default_factory=dict)
    tables: dict[Key, Table] = field(default_factory=dict)
    injections: dict[Key, list[Injection]] = field(default_factory=dict)

    def rng(self, dataset: str, agency: str, purpose: str) -> np.random.Generator:
        """The stream for one purpose ("records", "errors") of one table of the quarter."""
        return stream(self.settings.seed, self.period, dataset, agency, purpose)

    def add(self, table: Table) -> set[int]:
        """Store ``table`` with its share of the problems; return the injected row indexes."""
        key = (table.agency, table.dataset)
        rng = self.rng(table.dataset, table.agency, "errors")
        planned = plan_injections(
            rng, table, self.period, csv=AS_CSV[key], count=self.budget.get(key, 0)
        )
        self.tables[key] = table
        self.injections[key] = planned
        return {p.index for p in planned}


def _sizes(
    quarter: Quarter,
    volumes: QuarterVolumes,
    hazards: int,
    casualties: int,
    funding: dict[str, int],
) -> tuple[int, dict[Key, int]]:
    """All rows of the quarter, and the rows of each table that may get a problem."""
    rows: dict[Key, tuple[int, int]] = {  # (rows, protected rows)
        ("ANAMA", "hazard_areas"): (hazards, 0),
        ("ANAMA", "land_release"): (volumes.release_tasks, 1),
        ("ANAMA", "eo_items"): (volumes.eo_rows, 0),
        ("ANAMA", "casualties"): (casualties, 1),
        ("MOH", "casualties"): (casualties, casualties),
        ("SCRIDP", "returns"): (volumes.returns, 0),
    }
    rows |= {(a, "victim_assistance"): (n, 0) for a, n in volumes.services.items()}
    rows |= {(a, "eore"): (n, 0) for a, n in volumes.sessions.items()}
    rows |= {(a, "funding"): (volumes.funding_entries, shared) for a, shared in funding.items()}
    eligible = {}
    for (agency, dataset), (n, protected) in rows.items():
        probe = Table(dataset, agency, [])
        targets = applicable_targets(probe, quarter.period, csv=AS_CSV[(agency, dataset)])
        eligible[(agency, dataset)] = max(0, n - protected) if targets else 0
    return sum(n for n, _ in rows.values()), eligible


def generate_quarter(period: Period, settings: Settings, history: History) -> Quarter:
    """Every table of ``period``; ``history`` is extended with this quarter's clean references."""
    quarter = Quarter(period, settings)
    volumes = quarter_volumes(period, settings.scale)
    hazards = hz.snapshot(settings.seed, settings.scale, period)
    anama = people.anama_casualties(quarter.rng("casualties", "ANAMA", "records"), period)
    funding = funding_reports(
        quarter.rng("funding", "ANAMA", "records"), period, volumes.funding_entries, settings.scale
    )
    shared = {"ANAMA": len(funding.shared_ids), "MOF": len(funding.shared_ids)}
    total, eligible = _sizes(quarter, volumes, len(hazards), len(anama), shared)
    quarter.budget = allocate(
        quarter.rng("all", "all", "errors"), settings.error_rate, total, eligible
    )

    bad = quarter.add(Table("hazard_areas", "ANAMA", [h.record(period) for h in hazards]))
    clean_hazards = [h for i, h in enumerate(hazards) if i not in bad]

    rng = quarter.rng("land_release", "ANAMA", "records")
    records = land_release_records(
        rng, period, volumes.release_tasks, volumes.release_m2, clean_hazards
    )
    bad = quarter.add(Table("land_release", "ANAMA", records, protected={0}))
    tasks = [task_of(r) for i, r in enumerate(records) if i not in bad]

    rng = quarter.rng("eo_items", "ANAMA", "records")
    quarter.add(
        Table(
            "eo_items", "ANAMA", eo_item_records(rng, period, volumes.eo_rows, tasks, history.tasks)
        )
    )
    history.tasks.extend(tasks)

    first_injured = next(i for i, r in enumerate(anama) if r["outcome"] == "injured")
    bad = quarter.add(Table("casualties", "ANAMA", anama, protected={first_injured}))
    clean = [r for i, r in enumerate(anama) if i not in bad]
    moh = people.moh_casualties(quarter.rng("casualties", "MOH", "records"), period, clean)
    quarter.add(Table("casualties", "MOH", moh))
    history.survivors.extend(str(r["casualty_id"]) for r in clean if r["outcome"] == "injured")

    for agency, n in volumes.services.items():
        rng = quarter.rng("victim_assistance", agency, "records")
        records = people.victim_assistance(rng, agency, period, n, history.survivors)
        quarter.add(Table("victim_assistance", agency, records))
    for agency, n in volumes.sessions.items():
        rng = quarter.rng("eore", agency, "records")
        quarter.add(Table("eore", agency, people.eore_sessions(rng, agency, period, n)))
    rng = quarter.rng("returns", "SCRIDP", "records")
    quarter.add(Table("returns", "SCRIDP", people.returns(rng, period, volumes.returns)))

    for agency, records in (("ANAMA", funding.anama), ("MOF", funding.mof)):
        protected = {i for i, r in enumerate(records) if r["entry_id"] in funding.shared_ids}
        quarter.add(Table("funding", agency, records, protected=protected))
    return quarter
