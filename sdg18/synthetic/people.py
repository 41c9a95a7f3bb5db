"""Clean records of the datasets about people: casualties, victim assistance, EORE, returns."""

from __future__ import annotations

import datetime as dt

import numpy as np

from schemas.reference import BASELINE_DATE
from sdg18.core.periods import Period
from sdg18.synthetic import volumes as v
from sdg18.synthetic.draws import choose, pick, pick_one, random_day
from sdg18.synthetic.geography import RETURN_DISTRICTS, SETTLEMENTS, district_weights
from sdg18.synthetic.tables import Record

_INCIDENT_SIZES = (1, 1, 1, 1, 1, 1, 1, 2, 2, 3)
_SEX = {"male": 85, "female": 10, "unknown": 5}
_STATUS = {"civilian": 65, "deminer": 20, "military": 15}
_DEVICE = {"AP_MINE": 40, "AT_MINE": 25, "UXO": 25, "UNKNOWN": 7, "CMR": 2, "IED": 1}
_EORE = {"no": 50, "yes": 30, "unknown": 20}
_SERVICES = {
    "MOH": {"medical": 45, "physical_rehabilitation": 25, "prosthetics_orthotics": 15,
            "psychosocial": 15},
    "MLSPP": {"social_protection": 30, "economic_inclusion": 20, "prosthetics_orthotics": 15,
              "physical_rehabilitation": 15, "education": 10, "psychosocial": 10},
}  # fmt: skip
_PROVIDERS = {
    "MOH": ("Republican Clinical Hospital", "Bərdə Central District Hospital",
            "Republican Rehabilitation Centre", "Mental Health Centre"),
    "MLSPP": ("DOST Centre", "State Employment Agency", "Social Services Agency",
              "Prosthetic-Orthopaedic Rehabilitation Centre"),
}  # fmt: skip
_DELIVERY = {
    "ANAMA": {"in_person": 50, "school": 20, "media": 15, "digital": 15},
    "MSE": {"school": 85, "in_person": 10, "digital": 5},
}
_EORE_PROVIDERS = ("ANAMA", "ANAMA risk education team", "Azerbaijan Red Crescent Society")


def casualty_districts() -> dict[str, float]:
    """District weights of casualties: where the contamination is."""
    return district_weights(0.02)


def _person(rng: np.random.Generator, status: str) -> Record:
    """Outcome, sex, age and awareness of one person hurt (ids and incident added later)."""
    draw = rng.random()
    if draw < 0.10:
        age: int | None = None
    elif draw < 0.24 and status == "civilian":
        age = int(rng.integers(6, 18))
    else:
        age = int(rng.integers(18, 71))
    return {
        "outcome": "killed" if rng.random() < v.KILLED_SHARE else "injured",
        "sex": pick_one(rng, _SEX),
        "age": age,
        "status": status,
        "received_eore": pick_one(rng, _EORE),
    }


def anama_casualties(rng: np.random.Generator, period: Period) -> list[Record]:
    """ANAMA's register for ``period``: persons grouped in incidents, at least one injured."""
    n = int(rng.integers(v.CASUALTIES_LOW, v.CASUALTIES_HIGH + 1))
    first = max(period.start, BASELINE_DATE)
    incidents: list[tuple[dt.date, str, str, list[Record]]] = []
    persons = 0
    while persons < n:
        size = min(n - persons, choose(rng, _INCIDENT_SIZES))
        status = pick_one(rng, _STATUS)
        people = [_person(rng, status) for _ in range(size)]
        incidents.append(
            (random_day(rng, first, period.end), pick_one(rng, casualty_districts()),
             pick_one(rng, _DEVICE), people)
        )  # fmt: skip
        persons += size
    incidents.sort(key=lambda incident: incident[0])
    records: list[Record] = []
    for number, (day, district, device, people) in enumerate(incidents, 1):
        for person in people:
            records.append(
                {
                    "casualty_id": f"CAS-{period}-{len(records) + 1:03d}",
                    "incident_id": f"INC-{period}-{number:03d}",
                    "incident_date": day,
                    "district": district,
                    **person,
                    "device_type": device,
                }
            )
    if all(r["outcome"] == "killed" for r in records):
        records[0]["outcome"] = "injured"
    return records


def moh_casualties(rng: np.random.Generator, period: Period, anama: list[Record]) -> list[Record]:
    """MOH's second source: ANAMA's persons under MOH's ids, now and then one missing or extra."""
    persons = [dict(r) for r in anama]
    draw = rng.random()
    if draw < 0.2 and len(persons) > 1:
        persons.pop(int(rng.integers(0, len(persons))))
    elif draw < 0.35:
        extra = _person(rng, "civilian")
        persons.append(
            {
                "incident_id": "extra",
                "incident_date": random_day(rng, max(period.start, BASELINE_DATE), period.end),
                "district": pick_one(rng, casualty_districts()),
                **extra,
                "device_type": pick_one(rng, _DEVICE),
            }
        )
    incident_numbers: dict[str, int] = {}
    records: list[Record] = []
    for k, person in enumerate(persons, 1):
        number = incident_numbers.setdefault(str(person["incident_id"]), len(incident_numbers) + 1)
        person["casualty_id"] = f"MOH-{period}-{k:03d}"
        person["incident_id"] = f"MOH-INC-{period}-{number:03d}"
        if rng.random() < 0.3:
            person["received_eore"] = "unknown"  # hospitals seldom know
        records.append(person)
    return records


def victim_assistance(
    rng: np.random.Generator, agency: str, period: Period, n: int, survivors: list[str]
) -> list[Record]:
    """``n`` services ``agency`` delivered in ``period`` to registered injured survivors."""
    days = sorted(random_day(rng, period.start, period.end) for _ in range(n))
    types = pick(rng, _SERVICES[agency], n)
    return [
        {
            "service_id": f"{agency}-VA-{period}-{i + 1:04d}",
            "survivor_id": choose(rng, survivors),
            "service_date": day,
            "service_type": types[i],
            "provider": choose(rng, _PROVIDERS[agency]),
        }
        for i, day in enumerate(days)
    ]


def _participants(rng: np.random.Generator, delivery: str) -> tuple[int, int, int, int]:
    """(girls, boys, women, men) reached by one session; never all zero."""
    if delivery == "school":
        ranges = ((5, 30), (5, 30), (0, 3), (0, 2))
    elif delivery == "in_person":
        ranges = ((0, 10), (0, 10), (3, 25), (3, 30))
    else:
        ranges = ((10, 150), (10, 150), (20, 250), (20, 250))
    girls, boys, women, men = (int(rng.integers(a, b + 1)) for a, b in ranges)
    return girls, boys, women, men


def eore_sessions(rng: np.random.Generator, agency: str, period: Period, n: int) -> list[Record]:
    """``n`` risk education sessions ``agency`` held in ``period``."""
    days = sorted(random_day(rng, period.start, period.end) for _ in range(n))
    districts = pick(rng, district_weights(0.3), n)
    deliveries = pick(rng, _DELIVERY[agency], n)
    records: list[Record] = []
    for i, day in enumerate(days):
        settlement = choose(rng, SETTLEMENTS[districts[i]])
        girls, boys, women, men = _participants(rng, deliveries[i])
        total = girls + boys + women + men
        if agency == "MSE":
            provider = f"{settlement} {int(rng.integers(1, 6))} nömrəli tam orta məktəb"
        else:
            provider = choose(rng, _EORE_PROVIDERS)
        records.append(
            {
                "session_id": f"{agency}-EORE-{period}-{i + 1:04d}",
                "session_date": day,
                "district": districts[i],
                "settlement": settlement,
                "delivery": deliveries[i],
                "girls": girls,
                "boys": boys,
                "women": women,
                "men": men,
                "persons_with_disability": min(total, int(rng.binomial(total, 0.02))),
                "provider": provider,
            }
        )
    return records


def returns(rng: np.random.Generator, period: Period, n: int) -> list[Record]:
    """``n`` resettlements of ``period``: 3 to 5 persons per household."""
    days = sorted(random_day(rng, period.start, period.end) for _ in range(n))
    records: list[Record] = []
    for i, day in enumerate(days):
        district = choose(rng, RETURN_DISTRICTS)
        households = int(np.clip(round(rng.lognormal(np.log(18), 0.7)), 1, 200))
        persons = max(households, round(households * rng.uniform(3.0, 5.0)))
        records.append(
            {
                "return_id": f"RET-{period}-{i + 1:04d}",
                "return_date": day,
                "district": district,
                "settlement": choose(rng, SETTLEMENTS[district]),
                "households": households,
                "persons": persons,
            }
        )
    return records
