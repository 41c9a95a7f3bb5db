"""The synthetic figures match the volumes stated in docs/synthetic-data.md."""

from __future__ import annotations

import pytest

from schemas.reference import DISTRICT_AREA_M2
from sdg18.core.periods import Period
from sdg18.synthetic import hazards
from sdg18.synthetic.quarter import History, Quarter, Settings, generate_quarter
from sdg18.synthetic.tables import Record, as_number
from sdg18.synthetic.volumes import quarter_volumes


@pytest.fixture(scope="module")
def quarter() -> Quarter:
    """2026Q2 at scale 1 without injected problems."""
    return generate_quarter(Period(2026, 2), Settings(18, 1.0, 0.0), History())


def _total(quarter: Quarter, agency: str, dataset: str, column: str) -> float:
    return sum(as_number(r[column]) for r in quarter.tables[(agency, dataset)].records)


def test_land_release_hectares_per_quarter(quarter: Quarter) -> None:
    hectares = _total(quarter, "ANAMA", "land_release", "area_m2") / 10_000
    assert 16_250 * 0.85 <= hectares <= 16_250 * 1.15
    assert 1_600 * 0.85 <= len(quarter.tables[("ANAMA", "land_release")]) <= 1_600 * 1.15


def test_a_year_releases_65_000_hectares() -> None:
    year = [quarter_volumes(Period(2026, q), 1.0).release_m2 for q in (1, 2, 3, 4)]
    assert sum(year) / 10_000 == pytest.approx(65_000)


def test_release_methods_by_area(quarter: Quarter) -> None:
    area: dict[str, float] = dict.fromkeys(("cancelled", "reduced", "cleared"), 0.0)
    for record in quarter.tables[("ANAMA", "land_release")].records:
        area[str(record["method"])] += as_number(record["area_m2"])
    total = sum(area.values())
    for method, share in {"cancelled": 0.45, "reduced": 0.30, "cleared": 0.25}.items():
        assert area[method] / total == pytest.approx(share, abs=0.05)


def test_hazard_inventory(quarter: Quarter) -> None:
    records = quarter.tables[("ANAMA", "hazard_areas")].records
    assert 2_500 <= len(records) <= 3_500
    total_km2 = sum(as_number(r["area_m2"]) for r in records) / 1e6
    assert 9_000 * 0.85 <= total_km2 <= 9_000 * 1.15
    for record in records:
        area = as_number(record["area_m2"])
        assert 0 < area < 0.05 * DISTRICT_AREA_M2[str(record["district"])]
        assert (record["latitude"] is None) == (record["longitude"] is None)


def test_hazards_close_as_land_is_released() -> None:
    def open_km2(period: Period) -> float:
        snapshot = hazards.snapshot(18, 1.0, period)
        return sum(h.area_m2 for h in snapshot if h.record(period)["status"] == "open") / 1e6

    before, after = open_km2(Period(2025, 1)), open_km2(Period(2026, 1))
    assert 500 <= before - after <= 900  # about 650 km² a year


def test_explosive_items_per_quarter(quarter: Quarter) -> None:
    table = quarter.tables[("ANAMA", "eo_items")]
    assert 3_400 <= len(table) <= 4_600
    assert 8_000 <= _total(quarter, "ANAMA", "eo_items", "quantity") <= 12_000
    assert all(1 <= as_number(r["quantity"]) <= 20 for r in table.records)


def test_funding_shares(quarter: Quarter) -> None:
    entries: dict[object, Record] = {}
    for agency in ("ANAMA", "MOF"):
        for record in quarter.tables[(agency, "funding")].records:
            entries.setdefault(record["entry_id"], record)  # counted once
    money: dict[str, float] = {"state": 0.0, "international": 0.0, "private": 0.0, "other": 0.0}
    for record in entries.values():
        money[str(record["source_type"]).split("_")[0]] += as_number(record["amount_azn"])
    share = money["international"] / sum(money.values())
    assert 0.02 <= share <= 0.10
    assert money["state"] / sum(money.values()) > 0.9
    shared = [r for r in quarter.tables[("MOF", "funding")].records if r["entry_id"] in entries]
    anama = {r["entry_id"]: r for r in quarter.tables[("ANAMA", "funding")].records}
    both = [r for r in shared if r["entry_id"] in anama]
    assert both
    assert all(r["amount_azn"] == anama[r["entry_id"]]["amount_azn"] for r in both)


def test_people(quarter: Quarter) -> None:
    casualties = quarter.tables[("ANAMA", "casualties")].records
    assert 6 <= len(casualties) <= 14
    assert any(r["outcome"] == "injured" for r in casualties)
    injured = {r["casualty_id"] for r in casualties if r["outcome"] == "injured"}
    for agency in ("MLSPP", "MOH"):
        services = quarter.tables[(agency, "victim_assistance")].records
        assert {r["survivor_id"] for r in services} <= injured
    returns = quarter.tables[("SCRIDP", "returns")].records
    persons = sum(as_number(r["persons"]) for r in returns)
    households = sum(as_number(r["households"]) for r in returns)
    assert 3 <= persons / households <= 5
    for agency in ("ANAMA", "MSE"):
        for r in quarter.tables[(agency, "eore")].records:
            reached = sum(as_number(r[c]) for c in ("girls", "boys", "women", "men"))
            assert reached > 0
            assert as_number(r["persons_with_disability"]) <= reached


def test_scale_multiplies_rows_except_casualties() -> None:
    small = generate_quarter(Period(2026, 1), Settings(5, 0.1, 0.0), History())
    double = generate_quarter(Period(2026, 1), Settings(5, 0.2, 0.0), History())
    for key, table in small.tables.items():
        if key[1] == "casualties":
            assert len(double.tables[key]) == len(table)
        else:
            assert len(double.tables[key]) == pytest.approx(2 * len(table), abs=1.5), key
    assert len(small.tables[("ANAMA", "land_release")]) == pytest.approx(147, abs=2)
