"""One valid record per dataset (period 2026Q1) and one violation of each rule.

Shared by the contract tests. Values are written as an agency would type them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

VALID: dict[str, dict[str, Any]] = {
    "hazard_areas": {
        "hazard_id": "000123",
        "district": "Ağdam",
        "hazard_class": "CHA",
        "contamination": "AP",
        "area_m2": 25000,
        "status": "open",
        "recorded_date": dt.date(2025, 6, 1),
        "latitude": 40.0,
        "longitude": 47.0,
    },
    "land_release": {
        "task_id": "LR-0001",
        "hazard_id": "000123",
        "operator": "ANAMA",
        "district": "Fuzuli",
        "method": "cleared",
        "area_m2": 12000.5,
        "end_use": "agriculture",
        "start_date": "2026-01-05",
        "completion_date": "15.02.2026",
        "latitude": 39.6,
        "longitude": 47.1,
    },
    "eo_items": {
        "task_id": "LR-0001",
        "district": "AZ-FUZ",
        "found_date": dt.date(2026, 2, 10),
        "item_type": "AP_MINE",
        "quantity": 3,
    },
    "casualties": {
        "casualty_id": "C-0001",
        "incident_id": "I-0001",
        "incident_date": "2026-03-02",
        "district": "Tərtər",
        "outcome": "injured",
        "sex": "male",
        "age": 34,
        "status": "civilian",
        "device_type": "AT_MINE",
        "received_eore": "no",
    },
    "victim_assistance": {
        "service_id": "S-0001",
        "survivor_id": "C-0001",
        "service_date": "2026-03-20",
        "service_type": "prosthetics_orthotics",
        "provider": "State Prosthetics Centre",
    },
    "eore": {
        "session_id": "E-0001",
        "session_date": "2026-01-20",
        "district": "Laçın",
        "settlement": "Zabux",
        "delivery": "school",
        "girls": 12,
        "boys": 15,
        "women": 3,
        "men": 2,
        "persons_with_disability": 1,
        "provider": "ANAMA",
    },
    "returns": {
        "return_id": "R-0001",
        "return_date": "2026-03-10",
        "district": "Şuşa",
        "settlement": "Şuşa",
        "households": 20,
        "persons": 81,
    },
    "funding": {
        "entry_id": "F-0001",
        "received_date": "2026-02-01",
        "source_type": "international_bilateral",
        "donor": "Japan",
        "amount_azn": 850000,
        "currency": "USD",
        "amount_original": 500000,
    },
}

#: Bad values by check: applied to the column of the rule.
BAD_VALUE: dict[str, Any] = {
    "required": None,
    "date_format": "03/04/2026",
    "number_format": "1 234,5",
    "integer": 2.5,
    "code": "zzz",
    "known": "Agdamm",
    "positive": -1,
    "non_negative": -1,
    "at_least_one": 0,
    "range": 111,
    "inside_country": 10.0,
    "in_period": "2026-04-02",
    "not_after_period": "2026-04-02",
    "not_before_baseline": "2019-05-01",
    "late_report": "2025-12-30",
}

#: Record-level checks: the changes that break them.
ROW_CHANGES: dict[str, dict[str, Any]] = {
    "start_not_after_completion": {"start_date": "2026-02-20"},
    "area_within_district": {"area_m2": 2_000_000_000},
    "coordinates_paired": {"longitude": None},
    "participants_positive": {
        "girls": 0,
        "boys": 0,
        "women": 0,
        "men": 0,
        "persons_with_disability": 0,
    },
    "disability_within_total": {"persons_with_disability": 40},
    "persons_at_least_households": {"persons": 10},
    "original_amount_with_currency": {"amount_original": None},
    # Same incident as the valid record (smaller casualty_id), another device.
    "incident_device_consistent": {"device_type": "UXO"},
}
