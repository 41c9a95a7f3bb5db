"""Every value traced to its records: hand-built records per kind of measure, the trace
a person expects, and the contributions recomputing the value to the last digit."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.compute import (
    TRACE_COLUMN,
    compute_indicators,
    compute_traced,
    compute_with_traces,
)
from sdg18.indicators.lineage import TRACE_COLUMNS, TraceCounter, exact_sum, trace_table
from sdg18.validation.accepted import accepted_records
from tests.indicators.builders import Row, period, records
from tests.indicators.test_target_18_2 import person
from tests.indicators.test_target_18_5 import entry


def traced(given: Records, indicator: str, series: str, scope: str = "period",
           at: str = "2026Q1", **breakdown: str) -> tuple[float, pd.DataFrame, float]:  # fmt: skip
    """(value, trace table, recomputed value) of one value of ``indicator``."""
    values = compute_traced(given, [period(at)])
    chosen = (values["indicator"] == indicator) & (values["series"] == series)
    chosen &= values["scope"] == scope
    for column in BREAKDOWN_COLUMNS:
        chosen &= values[column] == breakdown.get(column, "")
    (row,) = values[chosen].itertuples(index=False)
    trace = getattr(row, TRACE_COLUMN)
    return row.value, trace_table(trace, given), trace.recompute()


def listed(table: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in table[list(columns)].itertuples(index=False)]


def release(task: str, day: str, area_m2: float, district: str = "AZ-AGM") -> Row:
    return {"task_id": task, "hazard_id": "H1", "completion_date": day, "start_date": day,
            "district": district, "method": "cleared", "area_m2": area_m2,
            "end_use": "agriculture", "operator": "ANAMA"}  # fmt: skip


def test_a_sum_lists_its_records_with_their_hectares() -> None:
    given = records(land_release=[
        release("T1", "2026-01-10", 10_000), release("T2", "2026-02-10", 2_500, "AZ-FUZ"),
        release("T3", "2025-12-31", 7_000),  # before the period: ytd no, cumulative yes
    ])  # fmt: skip
    value, table, again = traced(given, "18.1.1", "released_ha")
    assert value == again == 1.25  # (10,000 + 2,500) m² / 10,000
    assert listed(table, "record_key", "role", "contribution", "row") == [
        ("T1", "value", 1.0, 2), ("T2", "value", 0.25, 3),
    ]  # fmt: skip
    assert set(table["file"]) == {"2026Q1/test.xlsx"}
    assert table["area_m2"].tolist() == [10_000, 2_500]  # the record's own columns follow
    value, table, again = traced(given, "18.1.1", "released_ha", district="AZ-FUZ")
    assert (value, again, table["record_key"].tolist()) == (0.25, 0.25, ["T2"])
    value, table, again = traced(given, "18.1.1", "released_ha", "cumulative")
    assert (value, again, len(table)) == (1.95, 1.95, 3)


def test_a_count_lists_one_record_per_casualty() -> None:
    register = [person("C1", "I1", "2026-01-10"), person("C2", "I1", "2026-01-10"),
                person("M1", "I8", "2026-03-01", agency="MOH")]  # fmt: skip
    value, table, again = traced(records(casualties=register), "18.2.1", "casualties")
    assert value == again == 2.0  # MOH's M1 never counts
    assert listed(table, "record_key", "role", "contribution") == [
        ("C1", "value", 1.0), ("C2", "value", 1.0),
    ]  # fmt: skip


def test_a_distinct_count_names_the_record_that_counted_each_incident() -> None:
    register = [person("C7", "I2", "2026-02-20"), person("C3", "I2", "2026-02-20"),
                person("C1", "I1", "2026-01-10")]  # fmt: skip
    value, table, again = traced(records(casualties=register), "18.2.2", "incidents")
    assert value == again == 2.0  # I1 and I2
    # incidents are read in casualty_id order: C1 counts I1, C3 counts I2, C7 does not
    assert listed(table, "record_key", "role", "contribution") == [
        ("C1", "counted", 1.0), ("C3", "counted", 1.0), ("C7", "not_counted", 0.0),
    ]  # fmt: skip


def test_a_ratio_is_traced_as_its_numerator_and_denominator() -> None:
    register = [person("C1", "I1", "2026-01-10", status="deminer"),
                person("C2", "I2", "2026-02-10", status="civilian")]  # fmt: skip
    releases = [release("T1", "2026-01-10", 20_000_000)]  # 2,000 ha
    given = records(casualties=register, land_release=releases)
    value, table, again = traced(given, "18.2.3", "deminer_casualties_per_1000_ha")
    assert value == again == 0.5  # 1 deminer / (2,000 ha / 1,000)
    assert listed(table, "dataset", "record_key", "role", "contribution") == [
        ("casualties", "C1", "numerator", 1.0),
        ("land_release", "T1", "denominator", 2_000.0),
    ]


def test_a_stock_is_traced_as_the_rows_of_its_snapshot() -> None:
    def hazard(hazard_id: str, area_m2: float, status: str, submitted: str) -> Row:
        return {"hazard_id": hazard_id, "district": "AZ-AGM", "hazard_class": "CHA",
                "area_m2": area_m2, "status": status, "submission_period": submitted}  # fmt: skip

    given = records(hazard_areas=[
        hazard("H1", 3_000_000, "open", "2025Q4"),  # an older inventory: not read
        hazard("H1", 2_000_000, "open", "2026Q1"), hazard("H2", 500_000, "open", "2026Q1"),
        hazard("H3", 900_000, "closed", "2026Q1"),
    ])  # fmt: skip
    value, table, again = traced(given, "18.1.2", "remaining_km2")
    assert value == again == 2.5
    assert listed(table, "record_key", "role", "contribution", "submission_period") == [
        ("H1", "snapshot", 2.0, "2026Q1"), ("H2", "snapshot", 0.5, "2026Q1"),
    ]  # fmt: skip


def test_funding_reported_twice_names_both_copies_and_the_one_counted() -> None:
    entries = [
        entry("F1", "2026-01-15", "state_budget", 1_000_000),
        entry("F1", "2026-01-15", "state_budget", 1_000_000, agency="MOF"),
        entry("F2", "2026-02-01", "international_bilateral", 250_000, agency="MOF"),
    ]
    value, table, again = traced(records(funding=entries), "18.5.1", "funding_azn")
    assert value == again == 1_250_000.0
    assert listed(table, "record_key", "agency", "role", "contribution") == [
        ("F2", "MOF", "value", 250_000.0),
        ("F1", "ANAMA", "counted", 1_000_000.0),
        ("F1", "MOF", "not_counted", 0.0),
    ]


def test_a_missing_ratio_is_traced_to_its_empty_denominator() -> None:
    given = records(funding=[entry("F1", "2025-06-15", "state_budget", 100)])
    value, table, again = traced(given, "18.5.2", "international_share_pct")
    assert math.isnan(value)
    assert math.isnan(again)
    assert table.empty


def test_sums_are_exact_whatever_the_order_of_their_records() -> None:
    amounts = [0.1, 0.2, 0.3, 1e16, -1e16]
    assert exact_sum(amounts) == exact_sum(list(reversed(amounts))) == 0.6
    assert exact_sum([1.0, float("nan"), 2.0]) == 3.0  # a blank adds nothing
    # Whole numbers (counts, items) take a plain sum, exact below 2**53 ...
    assert exact_sum([1e15, 1.0, -1e15, 7.0]) == 8.0
    # ... and beyond it the correctly rounded one: 2**53 + 1 is not a float64.
    assert exact_sum([2.0**53, 1.0, 1.0, -(2.0**53)]) == 2.0


@pytest.fixture(scope="module")
def demo_quarter(tmp_path_factory: pytest.TempPathFactory) -> Records:
    from sdg18.core.settings import Settings
    from sdg18.synthetic import generate_inbox
    from sdg18.validation.inbox import validate_inbox

    root = tmp_path_factory.mktemp("demo-quarter")
    quarter = Period.parse("2026Q3")
    generate_inbox(root, quarter, quarter, seed=18, scale=0.3, error_rate=0.01)
    validation = validate_inbox(root / str(quarter), quarter, Settings())
    return accepted_records(validation.tables, quarter)


def test_every_value_of_a_demo_quarter_is_recomputed_from_its_records(
    demo_quarter: Records,
) -> None:
    quarter = Period.parse("2026Q3")
    values = compute_traced(demo_quarter, [quarter])
    plain = compute_indicators(demo_quarter, [quarter])
    pd.testing.assert_frame_equal(
        values.drop(columns=TRACE_COLUMN), plain
    )  # tracing changes nothing
    assert len(values) > 600
    assert set(values["indicator"]) == set(plain["indicator"])
    counter = TraceCounter(demo_quarter)
    for row in values.itertuples(index=False):
        trace = getattr(row, TRACE_COLUMN)
        assert trace is not None, (row.indicator, row.series, row.scope)
        again = trace.recompute()
        assert again == row.value or (math.isnan(again) and math.isnan(row.value)), row
        table = trace_table(trace, demo_quarter)
        # The audit site's listing and counts are the table's (its first 50 rows here).
        assert counter.size(trace) == (len(table), table["file_sha256"].nunique())
        listed = pd.DataFrame(counter.listing(trace, 50))
        head = table.head(50).reindex(columns=list(TRACE_COLUMNS))
        pd.testing.assert_frame_equal(listed, head, check_dtype=False)
        assert table["file"].notna().all()
        assert (table["row"] >= 2).all()
        if row.indicator in ("18.1.1", "18.1.3", "18.2.1", "18.4.1", "18.5.1", "18.5.3"):
            counted = table[table["role"] != "not_counted"]["contribution"]
            assert exact_sum(counted) == row.value, row  # a sum: its rows add up to it


def test_a_run_traces_its_period_once_and_publishes_the_same_values() -> None:
    given = records(land_release=[
        release("T1", "2025-11-10", 10_000), release("T2", "2026-02-10", 2_500, "AZ-FUZ"),
    ])  # fmt: skip
    periods = [period("2025Q4"), period("2026Q1")]
    values, traced = compute_with_traces(given, periods, period("2026Q1"))
    pd.testing.assert_frame_equal(values, compute_indicators(given, periods))
    assert set(traced["period"]) == {"2026Q1"}
    assert traced.loc[traced["value"].notna(), TRACE_COLUMN].notna().all()  # every number
