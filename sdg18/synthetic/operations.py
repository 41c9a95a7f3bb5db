"""Clean records of the operational datasets: land_release and eo_items.

Tasks refer only to hazards that are clean in the same quarter, and items only
to tasks that are clean, so no reference check fires on a clean record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from schemas.reference import DISTRICT_AREA_M2
from sdg18.core.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import pick, random_days
from sdg18.synthetic.geography import district_weights, points_near
from sdg18.synthetic.hazards import Hazard
from sdg18.synthetic.tables import Record, as_date

_TASK_SIGMA = 1.0


@dataclass(frozen=True)
class Task:
    """What other datasets need to know of a completed release task."""

    task_id: str
    district: str
    start_date: dt.date
    completion_date: dt.date


def _task_areas(
    rng: np.random.Generator, methods: list[str], districts: list[str], total_m2: float
) -> np.ndarray:
    """Lognormal task sizes with per-method means, summing to about ``total_m2``."""
    factors = np.array([v.method_mean_factor(m) for m in methods])
    caps = np.array([min(v.TASK_MAX_M2, DISTRICT_AREA_M2[d] * 0.049) for d in districts])
    sizes = factors * rng.lognormal(-(_TASK_SIGMA**2) / 2, _TASK_SIGMA, size=len(methods))
    for _ in range(5):
        sizes = np.clip(sizes * total_m2 / sizes.sum(), 50.0, caps)
    return np.round(sizes, 1)


def _hazard_for_task(
    rng: np.random.Generator, hazards: list[Hazard], closing: list[Hazard]
) -> Hazard:
    """A hazard a task plausibly worked on: preferably one that closed in the quarter."""
    pool = closing if closing and rng.random() < 0.6 else hazards
    return pool[int(rng.integers(0, len(pool)))]


def land_release_records(
    rng: np.random.Generator,
    period: Period,
    n: int,
    total_m2: float,
    hazards: list[Hazard],
) -> list[Record]:
    """``n`` completed tasks of ``period`` whose areas sum to about ``total_m2``."""
    methods = pick(rng, v.METHOD_TASK_SHARE, n)
    linked = rng.random(n) < v.TASK_WITH_HAZARD_SHARE
    free_districts = pick(rng, district_weights(0.05), n)
    closing = [h for h in hazards if period.start <= h.closes_on <= period.end]
    task_hazards = [
        _hazard_for_task(rng, hazards, closing) if linked[i] and hazards else None for i in range(n)
    ]
    districts = [h.district if h else free_districts[i] for i, h in enumerate(task_hazards)]
    areas = _task_areas(rng, methods, districts, total_m2)
    operators = pick(rng, v.OPERATOR_WEIGHTS, n)
    end_uses = pick(rng, v.END_USE_WEIGHTS, n)
    durations = np.clip(rng.lognormal(np.log(40), 0.8, size=n), 1, 400).astype(int)
    points = points_near(rng, districts, 0.8)
    completions = random_days(rng, period.start, period.end, n)
    width = max(5, len(str(n)))
    records: list[Record] = []
    for i, completion in enumerate(completions):
        lat, lon = points[i]
        hazard = task_hazards[i]
        records.append(
            {
                "task_id": f"LR-{period}-{i + 1:0{width}d}",
                "hazard_id": hazard.hazard_id if hazard else None,
                "operator": operators[i],
                "district": districts[i],
                "method": methods[i],
                "area_m2": float(areas[i]),
                "end_use": end_uses[i],
                "start_date": completion - dt.timedelta(days=int(durations[i])),
                "completion_date": completion,
                "latitude": lat,
                "longitude": lon,
            }
        )
    records.sort(key=lambda r: (str(r["completion_date"]), str(r["task_id"])))
    return records


def task_of(record: Record) -> Task:
    """The task a land_release record describes."""
    return Task(
        str(record["task_id"]),
        str(record["district"]),
        as_date(record["start_date"]),
        as_date(record["completion_date"]),
    )


def _quantities(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.minimum(rng.geometric(v.EO_QUANTITY_P, size=n), v.EO_QUANTITY_MAX)


def eo_item_records(
    rng: np.random.Generator,
    period: Period,
    n: int,
    current: list[Task],
    earlier: list[Task],
) -> list[Record]:
    """``n`` rows of items found in ``period`` on tasks of this or earlier quarters."""
    item_types = pick(rng, v.ITEM_TYPE_WEIGHTS, n)
    quantities = _quantities(rng, n)
    from_earlier = rng.random(n) < v.EO_EARLIER_TASK_SHARE
    draws = rng.random((n, 2))
    records: list[Record] = []
    for i in range(n):
        if current and not (from_earlier[i] and earlier):
            task = current[int(draws[i, 0] * len(current))]
            first = max(task.start_date, period.start)
            last = task.completion_date
        else:
            task = earlier[int(draws[i, 0] * len(earlier))]
            first, last = period.start, period.end
        found = first + dt.timedelta(days=int(draws[i, 1] * ((last - first).days + 1)))
        records.append(
            {
                "task_id": task.task_id,
                "district": task.district,
                "found_date": found,
                "item_type": item_types[i],
                "quantity": int(quantities[i]),
            }
        )
    records.sort(key=lambda r: (str(r["found_date"]), str(r["task_id"])))
    return records
