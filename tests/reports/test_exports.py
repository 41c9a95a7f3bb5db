"""indicators.csv and the Open SDG export: layout, round trip, and the file checks."""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sdg18.core.periods import Period, period_range
from sdg18.indicators import INDICATOR_COLUMNS, compute_indicators
from sdg18.reports.exports.indicators_csv import (
    check_opensdg_csv,
    read_indicators_csv,
    write_indicators_csv,
    write_opensdg,
)
from tests.indicators.builders import records

PERIODS = period_range(Period(2025, 3), Period(2026, 1))
GIVEN = records(
    land_release=[
        {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 10_000, "completion_date": "2025-08-01"},
        {"task_id": "T2", "method": "reduced", "district": "AZ-FUZ", "end_use": "energy",
         "area_m2": 30_000, "completion_date": "2025-11-01"},
        {"task_id": "T3", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 5_000, "completion_date": "2026-02-01"},
    ],
    funding=[
        {"entry_id": "F1", "received_date": "2026-01-15", "source_type": "state_budget",
         "donor": "State", "amount_azn": 300.0},
        {"entry_id": "F2", "received_date": "2026-02-15", "source_type": "international_bilateral",
         "donor": "Donor", "amount_azn": 100.0},
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicators(GIVEN, PERIODS)


@pytest.fixture(scope="module")
def opensdg(values: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("opensdg")
    write_opensdg(values, PERIODS, folder)
    return folder


def test_indicators_csv_header_blanks_and_round_trip(values: pd.DataFrame, tmp_path: Path) -> None:
    path = write_indicators_csv(values, tmp_path / "indicators.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(INDICATOR_COLUMNS)
    # the headline of 18.1.1 in 2025Q3: every breakdown blank; 10,000 m² = 1 ha
    assert lines[1] == "18.1.1,released_ha,ha,2025Q3,period" + "," * 14 + ",1.0,"
    # a missing value: empty, with the reason beside it
    no_survivors = "18.3.2,assistance_coverage_pct,%,2025Q3,period" + "," * 14
    assert no_survivors + ",,no survivors in the register (denominator 0)" in lines
    pd.testing.assert_frame_equal(read_indicators_csv(path), values)


def test_indicators_csv_keeps_full_precision(values: pd.DataFrame, tmp_path: Path) -> None:
    share = values[(values["series"] == "international_share_pct") & (values["period"] == "2026Q1")]
    assert share["value"].tolist() == [25.0]  # 100 / 400 × 100
    third = values.copy()
    third.loc[third.index[0], "value"] = 100 / 3
    back = read_indicators_csv(write_indicators_csv(third, tmp_path / "i.csv"))
    assert back.loc[0, "value"] == 100 / 3


def test_opensdg_files_pass_the_check(opensdg: Path) -> None:
    data = sorted(opensdg.glob("indicator_18-*.csv"))
    assert len(data) == 15
    assert len(list((opensdg / "meta").glob("18-*.yml"))) == 15
    for path in data:
        assert check_opensdg_csv(path) == [], path.name


def test_opensdg_years_of_a_flow(opensdg: Path) -> None:
    table = pd.read_csv(opensdg / "indicator_18-1-1.csv", dtype=str, keep_default_na=False)
    assert list(table.columns) == [
        "Year", "Series", "Units", "Method", "District", "End Use", "GeoCode", "Value",
    ]  # fmt: skip
    headline = table[(table[["Method", "District", "End Use"]] == "").all(axis=1)]
    # 2025: Q3 + Q4 = 1 + 3 ha (the year to date at 2025Q4); 2026: to the end of Q1, 0.5 ha
    assert headline[["Year", "Value"]].values.tolist() == [["2025", "4"], ["2026", "0.5"]]
    aghdam = table[(table["Year"] == "2025") & (table["District"] == "Aghdam")]
    assert aghdam[["GeoCode", "Value"]].values.tolist() == [["AZ-AGM", "1"]]


def test_opensdg_card(opensdg: Path) -> None:
    card = yaml.safe_load((opensdg / "meta" / "18-1-1.yml").read_text(encoding="utf-8"))
    assert card["indicator_number"] == "18.1.1"
    assert card["indicator_name"] == "Land released"
    assert card["SDG_TARGET"] == (
        "Target 18.1: Release all land contaminated by mines and explosive remnants of war"
    )
    assert card["data_show_map"] is True  # district rows, with GeoCodes
    assert card["data_non_statistical"] is False
    assert card["reporting_status"] == "complete"
    assert card["source_organisation_1"] == "Azerbaijan National Agency for Mine Action"
    assert "2026 is year to date" in card["data_footnote"]


def test_opensdg_ratio_leaves_out_missing_values(opensdg: Path) -> None:
    table = pd.read_csv(opensdg / "indicator_18-5-2.csv", dtype=str, keep_default_na=False)
    # 2025 had no funding (missing, left out); 2026Q1: 100 / 400 × 100 both ways
    assert table.values.tolist() == [
        ["2026", "international_share_pct", "%", "25"],
        ["2026", "international_share_cumulative_pct", "%", "25"],
    ]
    assert not math.isnan(float(table["Value"].iloc[0]))


def test_a_broken_opensdg_csv_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "indicator_18-9-9.csv"
    path.write_text(
        inspect.cleandoc(
            """
            Year,Series,Units,Value,Sex
            2025,casualties ,persons,3,
            2025,casualties,persons,1,female
            """
        )
        + "\n\n2026,casualties,persons,2,\n",
        encoding="utf-8",
    )
    problems = check_opensdg_csv(path)
    assert "the last column is 'Sex', not 'Value'" in problems
    assert "line 2, column Series: white space around 'casualties '" in problems
    assert "line 4 is empty" in problems
    assert check_opensdg_csv(tmp_path / "missing.csv")[0].startswith("cannot read")
