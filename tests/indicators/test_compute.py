"""compute_indicators: the indicators.csv layout, order, codes and periods."""

from __future__ import annotations

import pandas as pd
import pytest

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.indicators import INDICATOR_COLUMNS, compute_indicators, load_framework
from sdg18.indicators.compute import IndicatorResultError, check_result
from tests.indicators.builders import records

PERIODS = [Period(2025, 4), Period(2026, 1)]
GIVEN = records(
    land_release=[
        {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 12_000, "completion_date": "2026-02-15"},
        {"task_id": "T3", "method": "cancelled", "district": "AZ-FUZ", "end_use": "energy",
         "area_m2": 5_000, "completion_date": "2025-12-31"},
    ],
    casualties=[
        {"casualty_id": "C1", "incident_id": "I1", "incident_date": "2026-01-10",
         "district": "AZ-SUS", "outcome": "injured", "sex": "male", "age": 30,
         "status": "civilian", "device_type": "UXO", "received_eore": "no"},
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicators(GIVEN, PERIODS)


def test_columns_are_those_of_indicators_csv(values: pd.DataFrame) -> None:
    assert list(values.columns) == list(INDICATOR_COLUMNS)
    assert values["value"].dtype == "float64"


def test_every_series_of_every_period_has_a_headline_row(values: pd.DataFrame) -> None:
    headline = values[(values[list(BREAKDOWN_COLUMNS)] == "").all(axis=1)]
    series = {s.id for m in load_framework().indicators for s in m.series}
    for period in ("2025Q4", "2026Q1"):
        assert set(headline.loc[headline["period"] == period, "series"]) == series
    released = headline[(headline["series"] == "released_ha") & (headline["scope"] == "period")]
    assert released["value"].tolist() == [0.5, 1.2]  # 2025Q4, 2026Q1: earlier period kept
    assert released["unit"].tolist() == ["ha", "ha"]


def test_codes_are_those_of_the_contract(values: pd.DataFrame) -> None:
    districts = set(values["district"]) - {""}
    assert "AZ-SUS" in districts
    assert all(code.startswith("AZ-") for code in districts)
    shusha = values[
        (values["series"] == "casualties")
        & (values["period"] == "2026Q1")
        & (values["scope"] == "period")
        & (values["district"] == "AZ-SUS")
    ]
    assert shusha["value"].tolist() == [1.0]


def test_missing_values_carry_a_note(values: pd.DataFrame) -> None:
    missing = values[values["value"].isna()]
    assert len(missing)
    assert (missing["note"] != "").all()


def test_row_order_is_deterministic(values: pd.DataFrame) -> None:
    again = compute_indicators(GIVEN, list(reversed(PERIODS)))
    pd.testing.assert_frame_equal(values, again)
    indicators = values["indicator"].drop_duplicates().tolist()
    assert indicators == [m.id for m in load_framework().indicators]
    first = values[(values["series"] == "released_ha")]
    assert first["period"].is_monotonic_increasing


def test_a_function_returning_an_undeclared_series_is_refused() -> None:
    meta = load_framework().indicator("18.1.1")
    wrong = pd.DataFrame(
        {"series": ["released_km2"], "scope": ["period"], "value": [1.0], "note": [""]}
    )
    with pytest.raises(IndicatorResultError, match=r"18\.1\.1"):
        check_result(meta, wrong)
