"""Target 18.2: casualties, incidents, deminer casualty rate."""

from __future__ import annotations

import math

from sdg18.indicators.functions.target_18_2 import casualties, deminer_casualty_rate, incidents
from tests.indicators.builders import Row, note, period, records, value


def person(casualty: str, incident: str, day: str, **fields: object) -> Row:
    """A casualty record: a civilian man of 30 hurt by an AP mine in Aghdam unless told."""
    record: Row = {
        "casualty_id": casualty, "incident_id": incident, "incident_date": day,
        "district": "AZ-AGM", "outcome": "injured", "sex": "male", "age": 30,
        "status": "civilian", "device_type": "AP_MINE", "received_eore": "no",
    }  # fmt: skip
    return {**record, **fields}


REGISTER = [
    person("C1", "I1", "2026-01-10", outcome="killed"),
    person("C2", "I1", "2026-01-10", sex="female", age=None),  # age unknown
    person("C3", "I2", "2026-02-20", age=12, device_type="UXO", district="AZ-FUZ"),
    # reported late, in the 2026Q2 submission, about an incident of 2026Q1
    person("C4", "I3", "2026-03-05", age=40, status="deminer", device_type="AT_MINE",
           district="AZ-FUZ", submission_period="2026Q2"),
    person("C5", "I4", "2026-04-10", age=25, status="military", district="AZ-LAC"),
    # the Ministry of Health's second source: never counted
    person("M1", "I9", "2026-02-01", agency="MOH", outcome="killed"),
    person("C1", "I1", "2026-01-10", agency="MOH", outcome="killed"),
]  # fmt: skip


def test_casualties_count_anama_only_in_the_period_of_the_incident() -> None:
    result = casualties(records(casualties=REGISTER), period("2026Q1"))
    assert value(result, "casualties") == 4.0  # C1–C4; MOH's M1 and C1 not counted
    assert value(result, "casualties", outcome="killed") == 1.0
    assert value(result, "casualties", outcome="injured") == 3.0
    assert value(result, "casualties", sex="female") == 1.0
    assert value(result, "casualties", age_group="child") == 1.0  # C3, 12
    assert value(result, "casualties", age_group="adult") == 2.0  # C1 30, C4 40
    assert value(result, "casualties", age_group="unknown") == 1.0  # C2, blank age
    assert value(result, "casualties", status="deminer") == 1.0
    assert value(result, "casualties", device_type="AP_MINE") == 2.0
    assert value(result, "casualties", district="AZ-FUZ") == 2.0


def test_a_late_report_counts_in_the_period_of_its_incident() -> None:
    result = casualties(records(casualties=REGISTER), period("2026Q2"))
    assert value(result, "casualties") == 1.0  # C5 only; C4 (sent in 2026Q2) is in 2026Q1
    assert value(result, "casualties", "ytd") == 5.0  # C1–C5
    assert value(result, "casualties", "cumulative") == 5.0


def test_incidents_take_the_device_of_their_smallest_casualty_id() -> None:
    register = [
        person("C7", "I2", "2026-02-20", device_type="AP_MINE", district="AZ-AGM"),
        person("C3", "I2", "2026-02-20", device_type="UXO", district="AZ-FUZ"),
        person("C1", "I1", "2026-01-10"),
        person("C2", "I1", "2026-01-10"),
        person("C4", "I3", "2026-03-05", device_type="AT_MINE", district="AZ-FUZ"),
        person("C5", "I4", "2025-10-01"),
        person("M1", "I8", "2026-03-01", agency="MOH"),
    ]
    result = incidents(records(casualties=register), period("2026Q1"))
    assert value(result, "incidents") == 3.0  # I1, I2, I3 (I4 in 2025, I8 from MOH)
    assert value(result, "incidents", device_type="UXO") == 1.0  # I2 by C3 < C7
    assert value(result, "incidents", device_type="AP_MINE") == 1.0  # I1 only
    assert value(result, "incidents", district="AZ-FUZ") == 2.0  # I2 (C3), I3
    assert value(result, "incidents", "cumulative") == 4.0  # + I4


def test_deminer_casualties_per_1000_ha_released() -> None:
    register = [
        person("C1", "I1", "2026-01-10", status="deminer"),
        person("C2", "I2", "2026-02-10", status="deminer"),
        person("C3", "I3", "2026-02-11"),  # civilian: not a deminer
        person("C4", "I4", "2026-05-11", status="deminer"),
    ]
    releases = [
        {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 5_000_000, "completion_date": "2026-03-01"},
    ]  # fmt: skip
    given = records(casualties=register, land_release=releases)
    first = deminer_casualty_rate(given, period("2026Q1"))
    assert value(first, "deminer_casualties_per_1000_ha") == 4.0  # 2 deminers / (500 ha / 1,000)
    # 2026Q2: one deminer, no land released → missing, never 0 or infinite
    later = deminer_casualty_rate(given, period("2026Q2"))
    assert math.isnan(value(later, "deminer_casualties_per_1000_ha"))
    assert note(later, "deminer_casualties_per_1000_ha") == (
        "no land released in the period (denominator 0)"
    )


def test_casualties_with_no_records() -> None:
    result = casualties(records(), period("2026Q1"))
    assert value(result, "casualties") == 0.0
    assert value(result, "casualties", "cumulative", age_group="unknown") == 0.0
