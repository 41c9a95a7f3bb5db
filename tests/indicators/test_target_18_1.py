"""Target 18.1: land released, contaminated area remaining, items destroyed."""

from __future__ import annotations

import math

import pytest

from sdg18.indicators.functions.target_18_1 import (
    contaminated_area_remaining,
    items_destroyed,
    land_released,
)
from tests.indicators.builders import note, period, records, value

RELEASES = [
    # task, method, district, end use, m², completion date
    {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
     "area_m2": 12_000, "completion_date": "2026-02-15"},
    {"task_id": "T2", "method": "reduced", "district": "AZ-FUZ", "end_use": "residential",
     "area_m2": 30_000, "completion_date": "2026-03-31"},
    {"task_id": "T3", "method": "cancelled", "district": "AZ-AGM", "end_use": "agriculture",
     "area_m2": 5_000, "completion_date": "2025-12-31"},
    {"task_id": "T4", "method": "cleared", "district": "AZ-FUZ", "end_use": "agriculture",
     "area_m2": 100_000, "completion_date": "2024-06-01"},
]  # fmt: skip


def test_land_released_period_ytd_and_cumulative_across_a_year_boundary() -> None:
    result = land_released(records(land_release=RELEASES), period("2026Q1"))
    assert value(result, "released_ha") == pytest.approx(4.2)  # (12,000 + 30,000) / 10,000
    assert value(result, "released_ha", "ytd") == pytest.approx(4.2)  # 2025-12-31 is last year
    assert value(result, "released_ha", "cumulative") == pytest.approx(14.7)  # 4.2 + 0.5 + 10
    assert value(result, "released_ha", method="cleared") == pytest.approx(1.2)
    assert value(result, "released_ha", method="cancelled") == 0.0  # explicit zero
    assert value(result, "released_ha", district="AZ-FUZ") == pytest.approx(3.0)
    # agriculture since the baseline: 1.2 + 0.5 + 10
    assert value(result, "released_ha", "cumulative", end_use="agriculture") == pytest.approx(11.7)


def test_land_released_in_the_last_quarter_of_a_year() -> None:
    result = land_released(records(land_release=RELEASES), period("2025Q4"))
    assert value(result, "released_ha") == pytest.approx(0.5)  # T3 only
    assert value(result, "released_ha", "ytd") == pytest.approx(0.5)  # T4 was in 2024
    assert value(result, "released_ha", "cumulative") == pytest.approx(10.5)  # 0.5 + 10


HAZARDS = [
    {"hazard_id": "H1", "district": "AZ-AGM", "hazard_class": "CHA", "area_m2": 2_000_000,
     "status": "open", "submission_period": "2025Q4"},
    {"hazard_id": "H2", "district": "AZ-FUZ", "hazard_class": "SHA", "area_m2": 1_000_000,
     "status": "open", "submission_period": "2025Q4"},
    {"hazard_id": "H1", "district": "AZ-AGM", "hazard_class": "CHA", "area_m2": 1_500_000,
     "status": "open", "submission_period": "2026Q1"},
    {"hazard_id": "H2", "district": "AZ-FUZ", "hazard_class": "SHA", "area_m2": 1_000_000,
     "status": "closed", "submission_period": "2026Q1"},
    {"hazard_id": "H3", "district": "AZ-LAC", "hazard_class": "SHA", "area_m2": 500_000,
     "status": "open", "submission_period": "2026Q1"},
    {"hazard_id": "H1", "district": "AZ-AGM", "hazard_class": "CHA", "area_m2": 100,
     "status": "open", "submission_period": "2026Q2"},
]  # fmt: skip
BASELINE_RELEASE = [
    {"task_id": "B1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
     "area_m2": 2_333_400, "completion_date": "2022-05-01"},
]  # fmt: skip


def test_remaining_area_uses_the_latest_snapshot_at_or_before_the_period() -> None:
    given = records(hazard_areas=HAZARDS, land_release=BASELINE_RELEASE)
    result = contaminated_area_remaining(given, period("2026Q1"))
    # the 2026Q1 snapshot (not 2025Q4, not 2026Q2): open H1 1.5 km² + H3 0.5 km²
    assert value(result, "remaining_km2") == pytest.approx(2.0)
    assert value(result, "remaining_km2", hazard_class="CHA") == pytest.approx(1.5)
    assert value(result, "remaining_km2", district="AZ-FUZ") == 0.0  # H2 closed
    # 2.0 / 86,600 × 100
    assert value(result, "remaining_share_of_territory_pct") == pytest.approx(0.0023094688)
    # 2,333,400 m² = 2.3334 km² released since the baseline; 2.3334 / 11,667 × 100
    share = value(result, "released_share_of_baseline_pct", "cumulative")
    assert share == pytest.approx(0.02)
    assert "11,667 km²" in note(result, "released_share_of_baseline_pct", "cumulative")
    assert "October 2024" in note(result, "released_share_of_baseline_pct", "cumulative")


def test_remaining_area_of_an_earlier_snapshot_and_without_one() -> None:
    given = records(hazard_areas=HAZARDS)
    earlier = contaminated_area_remaining(given, period("2025Q4"))
    assert value(earlier, "remaining_km2") == pytest.approx(3.0)  # 2 + 1 km², both open
    none = contaminated_area_remaining(given, period("2025Q3"))
    assert math.isnan(value(none, "remaining_km2"))
    assert "no hazard inventory" in note(none, "remaining_km2")
    assert value(none, "released_share_of_baseline_pct", "cumulative") == 0.0


def test_items_destroyed() -> None:
    items = [
        {"task_id": "T1", "district": "AZ-FUZ", "found_date": "2026-02-10",
         "item_type": "AP_MINE", "quantity": 3},
        {"task_id": "T1", "district": "AZ-AGM", "found_date": "2026-03-01",
         "item_type": "UXO", "quantity": 5},
        {"task_id": "T3", "district": "AZ-FUZ", "found_date": "2025-11-20",
         "item_type": "AT_MINE", "quantity": 2},
    ]  # fmt: skip
    result = items_destroyed(records(eo_items=items), period("2026Q1"))
    assert value(result, "items_destroyed") == 8.0  # 3 + 5
    assert value(result, "items_destroyed", item_type="AP_MINE") == 3.0
    assert value(result, "items_destroyed", district="AZ-FUZ") == 3.0
    assert value(result, "items_destroyed", "ytd") == 8.0
    assert value(result, "items_destroyed", "cumulative") == 10.0  # 8 + 2
    assert value(result, "items_destroyed", "cumulative", item_type="AT_MINE") == 2.0
