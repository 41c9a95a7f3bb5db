"""One quarter of synthetic submissions: clean tables in dependency order, with their errors.

References only ever point at clean records (hazards at clean hazards, items at
clean tasks, services at clean injured casualties), so an injected problem
gives its one finding and nothing downstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sdg18.periods import Period
from sdg18.synthetic import hazards as hz
from sdg18.synthetic import people
from sdg18.synthetic.draws import stream
from sdg18.synthetic.errors import Injection, plan_injections
from sdg18.synthetic.funding import funding_reports
from sdg18.synthetic.layout import AS_CSV
from sdg18.synthetic.operations import Task, eo_item_records, land_release_records, task_of
from sdg18.synthetic.tables import Table
from sdg18.synthetic.volumes import quarter_volumes


@dataclass
class History:
    """What later quarters may refer to: clean tasks and clean injured casualties so far."""

    tasks: list[Task] = field(default_factory=list)
    survivors: list[str] = field(default_factory=list)


@dataclass
class Quarter:
    """The tables of one quarter keyed by (agency, dataset), and their injected problems."""

    period: Period
    tables: dict[tuple[str, str], Table] = field(default_factory=dict)
    injections: dict[tuple[str, str], list[Injection]] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """The knobs of one generation run."""

    seed: int
    scale: float
    error_rate: float


def _add(quarter: Quarter, table: Table, settings: Settings) -> set[int]:
    """Store ``table`` with its planned problems; return the indexes of the injected rows."""
    key = (table.agency, table.dataset)
    rng = stream(settings.seed, quarter.period, table.dataset, table.agency, "errors")
    planned = plan_injections(rng, table, quarter.period, csv=AS_CSV[key], rate=settings.error_rate)
    quarter.tables[key] = table
    quarter.injections[key] = planned
    return {p.index for p in planned}


def _records_rng(
    settings: Settings, period: Period, dataset: str, agency: str = "ANAMA"
) -> np.random.Generator:
    """The stream a dataset's clean records are drawn from."""
    return stream(settings.seed, period, dataset, agency, "records")


def generate_quarter(period: Period, settings: Settings, history: History) -> Quarter:
    """Every table of ``period``; ``history`` is extended with this quarter's clean references."""
    quarter = Quarter(period)
    volumes = quarter_volumes(period, settings.scale)
    seed, scale = settings.seed, settings.scale

    hazards = hz.snapshot(seed, scale, period)
    bad = _add(
        quarter, Table("hazard_areas", "ANAMA", [h.record(period) for h in hazards]), settings
    )
    clean_hazards = [h for i, h in enumerate(hazards) if i not in bad]

    rng = _records_rng(settings, period, "land_release")
    records = land_release_records(
        rng, period, volumes.release_tasks, volumes.release_m2, clean_hazards
    )
    bad = _add(quarter, Table("land_release", "ANAMA", records, protected={0}), settings)
    tasks = [task_of(r) for i, r in enumerate(records) if i not in bad]

    rng = _records_rng(settings, period, "eo_items")
    records = eo_item_records(rng, period, volumes.eo_rows, tasks, history.tasks)
    _add(quarter, Table("eo_items", "ANAMA", records), settings)
    history.tasks.extend(tasks)

    rng = _records_rng(settings, period, "casualties")
    anama = people.anama_casualties(rng, period)
    first_injured = next(i for i, r in enumerate(anama) if r["outcome"] == "injured")
    bad = _add(quarter, Table("casualties", "ANAMA", anama, protected={first_injured}), settings)
    clean = [r for i, r in enumerate(anama) if i not in bad]
    moh = people.moh_casualties(_records_rng(settings, period, "casualties", "MOH"), period, clean)
    _add(quarter, Table("casualties", "MOH", moh), settings)
    history.survivors.extend(str(r["casualty_id"]) for r in clean if r["outcome"] == "injured")

    for agency, n in volumes.services.items():
        rng = _records_rng(settings, period, "victim_assistance", agency)
        records = people.victim_assistance(rng, agency, period, n, history.survivors)
        _add(quarter, Table("victim_assistance", agency, records), settings)
    for agency, n in volumes.sessions.items():
        records = people.eore_sessions(
            _records_rng(settings, period, "eore", agency), agency, period, n
        )
        _add(quarter, Table("eore", agency, records), settings)
    records = people.returns(
        _records_rng(settings, period, "returns", "SCRIDP"), period, volumes.returns
    )
    _add(quarter, Table("returns", "SCRIDP", records), settings)

    rng = _records_rng(settings, period, "funding")
    reports = funding_reports(rng, period, volumes.funding_entries, scale)
    for agency, records in (("ANAMA", reports.anama), ("MOF", reports.mof)):
        shared = {i for i, r in enumerate(records) if r["entry_id"] in reports.shared_ids}
        _add(quarter, Table("funding", agency, records, protected=shared), settings)
    return quarter
