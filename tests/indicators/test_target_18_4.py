"""Target 18.4: EORE beneficiaries, civilian casualties with EORE, coverage of returns."""

from __future__ import annotations

import math

import pytest

from sdg18.indicators.functions.target_18_4 import (
    civilian_casualties_with_eore,
    eore_beneficiaries,
    return_settlements_covered,
)
from tests.indicators.builders import Row, note, period, records, value


def session(number: int, day: str, district: str, settlement: str, **fields: object) -> Row:
    """An EORE session: 1 girl, 1 boy, 1 woman, 1 man at school unless told."""
    record: Row = {
        "session_id": f"E{number}", "session_date": day, "district": district,
        "settlement": settlement, "delivery": "school", "girls": 1, "boys": 1, "women": 1,
        "men": 1, "persons_with_disability": 0, "provider": "ANAMA",
    }  # fmt: skip
    return {**record, **fields}


def test_eore_beneficiaries_by_group_district_and_delivery() -> None:
    sessions = [
        session(1, "2026-01-20", "AZ-LAC", "Zabux", girls=12, boys=15, women=3, men=2,
                persons_with_disability=1),
        session(2, "2026-02-10", "AZ-AGM", "Ağdam", delivery="in_person", girls=0, boys=0,
                women=10, men=20, persons_with_disability=3, agency="MSE"),
        session(3, "2025-12-05", "AZ-AGM", "Ağdam", delivery="media"),
    ]  # fmt: skip
    result = eore_beneficiaries(records(eore=sessions), period("2026Q1"))
    assert value(result, "eore_beneficiaries") == 62.0  # (12+15+3+2) + (10+20)
    assert value(result, "eore_beneficiaries", group="girls") == 12.0
    assert value(result, "eore_beneficiaries", group="women") == 13.0  # 3 + 10
    assert value(result, "eore_beneficiaries", group="men") == 22.0  # 2 + 20
    assert value(result, "eore_beneficiaries", district="AZ-LAC") == 32.0
    assert value(result, "eore_beneficiaries", delivery="in_person") == 30.0
    assert value(result, "eore_beneficiaries_with_disability") == 4.0  # 1 + 3
    assert value(result, "eore_beneficiaries_with_disability", district="AZ-AGM") == 3.0
    assert value(result, "eore_beneficiaries", "ytd") == 62.0
    assert value(result, "eore_beneficiaries", "cumulative") == 66.0  # + 4 in 2025Q4


def casualty(number: int, day: str, status: str, eore: str, agency: str = "ANAMA") -> Row:
    """A casualty record with its status and EORE answer."""
    return {
        "casualty_id": f"C{number}", "incident_id": f"I{number}", "incident_date": day,
        "district": "AZ-AGM", "outcome": "injured", "sex": "male", "age": 30,
        "status": status, "device_type": "UXO", "received_eore": eore, "agency": agency,
    }  # fmt: skip


def test_civilian_casualties_with_eore_excludes_unknown_and_counts_it() -> None:
    register = [
        casualty(1, "2026-01-05", "civilian", "yes"),
        casualty(2, "2026-01-06", "civilian", "yes"),
        casualty(3, "2026-02-07", "civilian", "yes"),
        casualty(4, "2026-02-08", "civilian", "no"),
        casualty(5, "2026-03-09", "civilian", "unknown"),
        casualty(6, "2026-03-10", "civilian", "unknown"),
        casualty(7, "2026-03-11", "military", "yes"),  # not a civilian
        casualty(8, "2026-03-12", "civilian", "yes", agency="MOH"),  # not the register
        casualty(9, "2025-12-12", "civilian", "no"),  # 2025Q4
    ]
    result = civilian_casualties_with_eore(records(casualties=register), period("2026Q1"))
    assert value(result, "civilian_casualties_with_eore_pct") == 75.0  # 3 / (3 + 1)
    assert note(result, "civilian_casualties_with_eore_pct") == (
        "2 records with received_eore unknown excluded"
    )


def test_civilian_casualties_with_eore_only_unknown_is_missing() -> None:
    register = [casualty(1, "2026-01-05", "civilian", "unknown")]
    result = civilian_casualties_with_eore(records(casualties=register), period("2026Q1"))
    assert math.isnan(value(result, "civilian_casualties_with_eore_pct"))
    assert "denominator 0" in note(result, "civilian_casualties_with_eore_pct")
    assert "1 record with received_eore unknown excluded" in note(
        result, "civilian_casualties_with_eore_pct"
    )


def test_return_settlements_covered_with_names_folded() -> None:
    returns = [
        {"return_id": "R1", "return_date": "2026-01-10", "district": "AZ-SUS",
         "settlement": "Şuşa", "households": 20, "persons": 75},
        {"return_id": "R2", "return_date": "2026-02-10", "district": "AZ-SUS",
         "settlement": "susa ", "households": 2, "persons": 5},  # the same settlement
        {"return_id": "R3", "return_date": "2026-02-11", "district": "AZ-LAC",
         "settlement": "Zabux", "households": 3, "persons": 9},
        {"return_id": "R4", "return_date": "2026-03-01", "district": "AZ-AGM",
         "settlement": "Yeni Ağdam", "households": 4, "persons": 12},
        {"return_id": "R5", "return_date": "2025-12-01", "district": "AZ-FUZ",
         "settlement": "Dövlətyarlı", "households": 4, "persons": 12},  # not in 2026Q1
    ]  # fmt: skip
    sessions = [
        session(1, "2025-05-01", "AZ-SUS", "SUSA"),  # covers Şuşa
        session(2, "2025-03-31", "AZ-LAC", "Zabux"),  # 2025Q1: before the four quarters
        session(3, "2026-01-05", "AZ-AGM", "YeniAğdam"),  # spaces ignored
        session(4, "2026-01-10", "AZ-KAL", "Zabux"),  # another district
    ]
    result = return_settlements_covered(records(returns=returns, eore=sessions), period("2026Q1"))
    # settlements: Şuşa (R1 = R2), Zabux, Yeni Ağdam; covered: Şuşa, Yeni Ağdam → 2 / 3
    assert value(result, "return_settlements_covered_pct") == pytest.approx(66.666666667)


def test_return_settlements_covered_without_returns_is_missing() -> None:
    result = return_settlements_covered(records(), period("2026Q1"))
    assert math.isnan(value(result, "return_settlements_covered_pct"))
    assert note(result, "return_settlements_covered_pct") == (
        "no returns in the period (denominator 0)"
    )
