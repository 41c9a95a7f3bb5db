"""Target 18.5: funding, international share, IDPs returned."""

from __future__ import annotations

import math

from sdg18.indicators.functions.target_18_5 import (
    funding_received,
    idps_returned,
    international_share,
)
from tests.indicators.builders import Row, note, period, records, value


def entry(entry_id: str, day: str, source: str, amount: float, agency: str = "ANAMA") -> Row:
    """A funding entry as one agency reported it."""
    return {
        "entry_id": entry_id, "received_date": day, "source_type": source,
        "donor": "Donor", "amount_azn": amount, "agency": agency,
    }  # fmt: skip


def test_funding_entry_reported_by_anama_and_mof_counts_once() -> None:
    entries = [
        entry("F1", "2026-01-15", "state_budget", 1_000_000),
        entry("F1", "2026-01-15", "state_budget", 1_000_000, agency="MOF"),  # the same entry
        entry("F2", "2026-02-01", "international_bilateral", 250_000, agency="MOF"),
        # amounts that disagree are rejected upstream; if one got through, ANAMA's is kept
        entry("F4", "2026-03-01", "private", 200, agency="MOF"),
        entry("F4", "2026-03-01", "private", 100),
        entry("F3", "2025-12-20", "international_multilateral", 500_000),
    ]
    result = funding_received(records(funding=entries), period("2026Q1"))
    assert value(result, "funding_azn") == 1_250_100.0  # 1,000,000 + 250,000 + 100
    assert value(result, "funding_azn", source_type="state_budget") == 1_000_000.0
    assert value(result, "funding_azn", source_type="private") == 100.0
    assert value(result, "funding_azn", "ytd") == 1_250_100.0
    assert value(result, "funding_azn", "cumulative") == 1_750_100.0  # + F3 500,000


def test_international_share_for_the_period_and_since_the_baseline() -> None:
    entries = [
        entry("F1", "2026-01-15", "state_budget", 300),
        entry("F2", "2026-02-15", "international_bilateral", 100),
        entry("F3", "2026-03-15", "international_multilateral", 100),
        entry("F4", "2025-06-15", "state_budget", 500),
    ]
    given = records(funding=entries)
    result = international_share(given, period("2026Q1"))
    assert value(result, "international_share_pct") == 40.0  # 200 / 500 × 100
    assert value(result, "international_share_cumulative_pct", "cumulative") == 20.0  # 200 / 1000
    later = international_share(given, period("2026Q2"))  # nothing received in 2026Q2
    assert math.isnan(value(later, "international_share_pct"))
    assert note(later, "international_share_pct") == (
        "no funding received in the period (denominator 0)"
    )
    assert value(later, "international_share_cumulative_pct", "cumulative") == 20.0


def test_idps_returned_persons_and_households() -> None:
    returns = [
        {"return_id": "R1", "return_date": "2026-01-10", "district": "AZ-SUS",
         "settlement": "Şuşa", "households": 20, "persons": 75},
        {"return_id": "R2", "return_date": "2026-02-01", "district": "AZ-LAC",
         "settlement": "Laçın", "households": 10, "persons": 40},
        {"return_id": "R3", "return_date": "2025-11-01", "district": "AZ-SUS",
         "settlement": "Şuşa", "households": 5, "persons": 12},
    ]  # fmt: skip
    result = idps_returned(records(returns=returns), period("2026Q1"))
    assert value(result, "idps_returned_persons") == 115.0  # 75 + 40
    assert value(result, "idps_returned_households") == 30.0  # 20 + 10
    assert value(result, "idps_returned_persons", district="AZ-SUS") == 75.0
    assert value(result, "idps_returned_persons", "cumulative") == 127.0  # + 12
    assert value(result, "idps_returned_households", "cumulative") == 35.0  # + 5
    assert value(result, "idps_returned_households", "ytd") == 30.0
