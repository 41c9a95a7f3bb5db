"""Properties every flow keeps, whatever the records: breakdowns add up to the headline,
and a year's quarters add up to its year to date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.codes import END_USE, RELEASE_METHOD
from schemas.reference import DISTRICT_CODES
from sdg18.core.periods import Period
from sdg18.indicators.functions.target_18_1 import land_released
from tests.indicators.builders import Row, records, value

release = st.fixed_dictionaries(
    {
        "method": st.sampled_from(RELEASE_METHOD),
        "district": st.sampled_from(DISTRICT_CODES),
        "end_use": st.sampled_from(END_USE),
        "area_m2": st.integers(min_value=1, max_value=10_000_000),
        "completion_date": st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    }
)


@settings(max_examples=10, deadline=None)
@given(st.lists(release, max_size=12))
def test_land_released_breakdowns_and_quarters_add_up(releases: list[Row]) -> None:
    rows = [{"task_id": f"T{n}", **r} for n, r in enumerate(releases)]
    given_records = records(land_release=rows)
    year = land_released(given_records, Period(2025, 4))
    total = value(year, "released_ha", "ytd")
    ytd = year[year["scope"] == "ytd"]
    for breakdown in ("method", "district", "end_use"):
        assert ytd.loc[ytd[breakdown] != "", "value"].sum() == pytest.approx(total)
    quarters = sum(
        value(land_released(given_records, Period(2025, q)), "released_ha") for q in (1, 2, 3, 4)
    )
    assert quarters == pytest.approx(total)
    assert total == pytest.approx(sum(r["area_m2"] for r in releases) / 10_000)
