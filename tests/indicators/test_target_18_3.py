"""Target 18.3: survivors assisted, assistance coverage, economic inclusion coverage."""

from __future__ import annotations

import math

import pytest

from sdg18.indicators.functions.target_18_3 import (
    assistance_coverage,
    economic_inclusion_coverage,
    survivors_assisted,
)
from tests.indicators.builders import Row, note, period, records, value


def survivor(casualty: str, day: str, sex: str, age: int | None, **fields: object) -> Row:
    """An injured civilian of ANAMA's register."""
    record: Row = {
        "casualty_id": casualty, "incident_id": f"I-{casualty}", "incident_date": day,
        "district": "AZ-AGM", "outcome": "injured", "sex": sex, "age": age,
        "status": "civilian", "device_type": "AP_MINE", "received_eore": "no",
    }  # fmt: skip
    return {**record, **fields}


def service(number: int, survivor_id: str, day: str, kind: str, agency: str = "MLSPP") -> Row:
    """A victim assistance service."""
    return {
        "service_id": f"V{number}", "survivor_id": survivor_id, "service_date": day,
        "service_type": kind, "provider": "Centre", "agency": agency,
    }  # fmt: skip


def test_survivors_assisted_counts_each_survivor_once() -> None:
    register = [
        survivor("S1", "2025-05-01", "female", 30),
        survivor("S2", "2025-06-01", "male", 15),
    ]
    services = [
        service(1, "S1", "2026-01-15", "medical", agency="MOH"),
        service(2, "S1", "2026-02-15", "psychosocial"),
        service(3, "S2", "2026-03-01", "medical"),
        service(4, "X9", "2026-03-10", "economic_inclusion"),  # not in the register
        service(5, "S2", "2025-12-01", "medical"),
    ]
    given = records(casualties=register, victim_assistance=services)
    result = survivors_assisted(given, period("2026Q1"))
    assert value(result, "survivors_assisted") == 3.0  # S1, S2, X9
    assert value(result, "survivors_assisted", service_type="medical") == 2.0  # S1, S2
    assert value(result, "survivors_assisted", service_type="psychosocial") == 1.0
    assert value(result, "survivors_assisted", sex="female") == 1.0
    assert value(result, "survivors_assisted", sex="unknown") == 1.0  # X9: not registered
    assert value(result, "survivors_assisted", age_group="child") == 1.0  # S2, 15
    assert value(result, "survivors_assisted", age_group="unknown") == 1.0  # X9
    assert value(result, "survivors_assisted", "ytd") == 3.0
    assert value(result, "survivors_assisted", "cumulative") == 3.0  # S2's 2025 service: same S2
    earlier = survivors_assisted(given, period("2025Q4"))
    assert value(earlier, "survivors_assisted") == 1.0


REGISTER = [
    survivor("S1", "2025-05-01", "female", 30),
    survivor("S2", "2026-02-01", "male", 64),
    survivor("S3", "2024-01-01", "male", 65),
    survivor("S4", "2025-01-01", "male", 40, outcome="killed"),  # not a survivor
    survivor("S5", "2026-05-01", "female", 20),  # hurt after 2026Q1
    survivor("M1", "2025-01-01", "male", 30, agency="MOH"),  # second source
]


def test_assistance_coverage_over_four_quarters() -> None:
    services = [
        service(1, "S1", "2025-06-10", "medical"),  # in 2025Q2–2026Q1
        service(2, "S3", "2025-03-15", "medical"),  # 2025Q1: outside the four quarters
        service(3, "S5", "2026-05-02", "medical"),  # after the period
        service(4, "M1", "2026-01-02", "medical"),  # not an ANAMA survivor
    ]
    given = records(casualties=REGISTER, victim_assistance=services)
    result = assistance_coverage(given, period("2026Q1"))
    # survivors S1, S2, S3; assisted S1 → 1 / 3 × 100
    assert value(result, "assistance_coverage_pct") == pytest.approx(33.333333333)
    assert value(result, "assistance_coverage_pct", sex="female") == 100.0  # S1 / S1
    assert value(result, "assistance_coverage_pct", sex="male") == 0.0  # 0 / (S2, S3)
    assert math.isnan(value(result, "assistance_coverage_pct", sex="unknown"))  # 0 / 0


def test_assistance_coverage_without_survivors_is_missing() -> None:
    result = assistance_coverage(records(), period("2026Q1"))
    assert math.isnan(value(result, "assistance_coverage_pct"))
    assert note(result, "assistance_coverage_pct") == "no survivors in the register (denominator 0)"


def test_economic_inclusion_coverage_of_working_age_survivors() -> None:
    register = [
        survivor("S1", "2025-05-01", "female", 30),
        survivor("S2", "2025-05-01", "male", 64),
        survivor("S3", "2025-05-01", "male", 65),  # too old
        survivor("S4", "2025-05-01", "male", None),  # age unknown: left out
        survivor("S5", "2025-05-01", "female", 17),  # too young
    ]
    services = [
        service(1, "S1", "2026-01-10", "economic_inclusion"),
        service(2, "S3", "2026-01-10", "economic_inclusion"),  # not of working age
        service(3, "S2", "2026-01-10", "medical"),  # not economic inclusion
    ]
    given = records(casualties=register, victim_assistance=services)
    result = economic_inclusion_coverage(given, period("2026Q1"))
    assert value(result, "economic_inclusion_coverage_pct") == 50.0  # S1 / (S1, S2)
    assert value(result, "economic_inclusion_coverage_pct", sex="female") == 100.0
    assert value(result, "economic_inclusion_coverage_pct", sex="male") == 0.0
