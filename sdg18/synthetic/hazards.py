"""The hazard inventory: a fixed set of areas whose status closes as land is released.

The set depends only on the seed and the scale, so a hazard keeps its id, size
and place from one quarterly snapshot to the next; only ``status`` changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import numpy as np

from schemas.reference import DISTRICT_AREA_M2
from sdg18.core.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import pick, random_days, scaled_count, stream
from sdg18.synthetic.geography import district_weights, points_near
from sdg18.synthetic.tables import Record

_MEAN_M2 = v.HAZARD_TOTAL_M2 / v.HAZARD_COUNT
_SIGMA = 1.1
_MIN_M2 = 400.0


@dataclass(frozen=True)
class Hazard:
    """One hazardous area of the inventory, with the day it is fully released."""

    hazard_id: str
    district: str
    hazard_class: str
    contamination: str
    area_m2: float
    recorded_date: dt.date
    latitude: float | None
    longitude: float | None
    closes_on: dt.date

    def record(self, period: Period) -> Record:
        """The hazard as a row of the snapshot at the end of ``period``."""
        status = "closed" if self.closes_on <= period.end else "open"
        return {
            "hazard_id": self.hazard_id,
            "district": self.district,
            "hazard_class": self.hazard_class,
            "contamination": self.contamination,
            "area_m2": self.area_m2,
            "status": status,
            "recorded_date": self.recorded_date,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


def _district_caps() -> dict[str, float]:
    return {code: DISTRICT_AREA_M2[code] * v.HAZARD_MAX_DISTRICT_SHARE for code in DISTRICT_AREA_M2}


def _mean_size(code: str) -> float:
    """Mean hazard size in a district: small districts get smaller areas."""
    return min(_MEAN_M2, _district_caps()[code] / 4)


def _sizes(rng: np.random.Generator, districts: list[str], total_m2: float) -> np.ndarray:
    """Lognormal sizes summing to ``total_m2``, each strictly below its district cap."""
    means = np.array([_mean_size(d) for d in districts])
    caps = np.array([_district_caps()[d] for d in districts])
    sizes = means * rng.lognormal(-(_SIGMA**2) / 2, _SIGMA, size=len(districts))
    for _ in range(5):
        sizes = np.clip(sizes, _MIN_M2, caps)
        sizes *= total_m2 / sizes.sum()
    return np.round(np.clip(sizes, _MIN_M2, caps), 1)


def _hazard_id(number: int) -> str:
    """Most ids read ``HA-00042``; every eighth is all digits with leading zeros."""
    return f"{number:06d}" if number % 8 == 0 else f"HA-{number:05d}"


@cache
def inventory(seed: int, scale: float) -> tuple[Hazard, ...]:
    """Every hazard of the inventory for ``seed`` and ``scale``, by id number."""
    rng = stream(seed, "hazard_inventory")
    n = scaled_count(v.HAZARD_COUNT, scale)
    weights = {code: w / _mean_size(code) for code, w in district_weights().items()}
    districts = pick(rng, weights, n)
    sizes = _sizes(rng, districts, v.HAZARD_TOTAL_M2 * scale)
    classes = pick(rng, v.HAZARD_CLASS_WEIGHTS, n)
    contamination = pick(rng, v.CONTAMINATION_WEIGHTS, n)
    recorded = random_days(rng, v.HAZARD_SURVEY_FIRST, v.HAZARD_SURVEY_LAST, n)
    # Areas close in a random order at the national release pace.
    order = rng.permutation(n)
    release_m2_per_day = v.RELEASE_HA * 10_000 * 4 / 365.25 * scale
    closed_by = np.empty(n)
    closed_by[order] = np.cumsum(sizes[order]) / release_m2_per_day
    points = points_near(rng, districts, v.COORDINATE_SHARE)
    hazards = []
    for i in range(n):
        lat, lon = points[i]
        closes = v.CLOSURE_START + dt.timedelta(days=int(closed_by[i]))
        hazards.append(
            Hazard(
                hazard_id=_hazard_id(i + 1),
                district=districts[i],
                hazard_class=classes[i],
                contamination=contamination[i],
                area_m2=float(sizes[i]),
                recorded_date=recorded[i],
                latitude=lat,
                longitude=lon,
                closes_on=max(closes, recorded[i] + dt.timedelta(days=60)),
            )
        )
    return tuple(hazards)


def snapshot(seed: int, scale: float, period: Period) -> list[Hazard]:
    """The hazards recorded by the end of ``period``, in id order."""
    return [h for h in inventory(seed, scale) if h.recorded_date <= period.end]
