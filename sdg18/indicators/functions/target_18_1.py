"""Target 18.1 — release all land contaminated by mines and explosive remnants of war."""

from __future__ import annotations

import pandas as pd

from schemas.reference import CURRENT_BASELINE, NATIONAL_AREA_KM2
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.registry import indicator
from sdg18.indicators.rows import (
    Row,
    breakdown_rows,
    flow_rows,
    in_window,
    ratio_row,
    rows_frame,
    total_of,
    value_row,
)
from sdg18.indicators.selection import dataset, land_releases, latest_snapshot
from sdg18.indicators.windows import cumulative_window

NO_INVENTORY = "no hazard inventory submitted at or before the period"


def baseline_note() -> str:
    """The baseline estimate a share of it is computed against, with its date."""
    estimate = CURRENT_BASELINE
    about = "about " if estimate.approximate else ""
    return f"baseline {about}{estimate.area_km2:,.0f} km² as estimated in {estimate.label}"


@indicator("18.1.1")
def land_released(records: Records, period: Period) -> pd.DataFrame:
    """Hectares released by tasks completed in the period, year to date and since the
    baseline; by method, district and end use."""
    releases = land_releases(records)
    breakdowns = ("method", "district", "end_use")
    rows = flow_rows(
        "released_ha", releases, "completion_date", period, total_of("released_ha"), breakdowns
    )
    return rows_frame(rows)


@indicator("18.1.2")
def contaminated_area_remaining(records: Records, period: Period) -> pd.DataFrame:
    """Open hazardous area of the latest inventory at or before the period (km², share of
    the territory) and land released since the baseline as a share of the baseline area."""
    rows: list[Row] = []
    snapshot = latest_snapshot(records, period)
    if snapshot is None:
        rows.append(value_row("remaining_km2", "period", float("nan"), NO_INVENTORY))
        rows.append(
            value_row("remaining_share_of_territory_pct", "period", float("nan"), NO_INVENTORY)
        )
    else:
        hazards = snapshot[snapshot["status"] == "open"].copy()
        hazards["remaining_km2"] = hazards["area_m2"] / 1_000_000
        remaining = total_of("remaining_km2", role="snapshot")
        rows += breakdown_rows(
            "remaining_km2", "period", hazards, remaining, ("hazard_class", "district")
        )
        share = remaining.of(hazards) / NATIONAL_AREA_KM2 * 100
        rows.append(value_row("remaining_share_of_territory_pct", "period", share))
    released = in_window(land_releases(records), "completion_date", cumulative_window(period))
    released_km2 = total_of("released_ha").of(released) / 100
    rows.append(
        ratio_row(
            "released_share_of_baseline_pct",
            "cumulative",
            released_km2,
            CURRENT_BASELINE.area_km2,
            "no baseline contaminated area is set",
            note=baseline_note(),
        )
    )
    return rows_frame(rows)


@indicator("18.1.3")
def items_destroyed(records: Records, period: Period) -> pd.DataFrame:
    """Explosive ordnance items found and destroyed in the period, year to date and since
    the baseline; by item type and district."""
    items = dataset(records, "eo_items")
    rows = flow_rows(
        "items_destroyed",
        items,
        "found_date",
        period,
        total_of("quantity"),
        ("item_type", "district"),
    )
    return rows_frame(rows)
