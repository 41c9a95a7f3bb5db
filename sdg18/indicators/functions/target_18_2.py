"""Target 18.2 — end casualties from mines and explosive remnants of war.

Only ANAMA's register is counted; the Ministry of Health's casualty records
serve the reconciliation and never enter a value.
"""

from __future__ import annotations

import pandas as pd

from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.registry import indicator
from sdg18.indicators.rows import (
    count_rows,
    distinct,
    flow_rows,
    in_window,
    ratio_row,
    rows_frame,
    total_of,
)
from sdg18.indicators.selection import casualty_register, land_releases
from sdg18.indicators.windows import period_window

NO_LAND_RELEASED = "no land released in the period (denominator 0)"


@indicator("18.2.1")
def casualties(records: Records, period: Period) -> pd.DataFrame:
    """Persons killed or injured in the period, year to date and since the baseline; by
    outcome, sex, age group, status, device type and district."""
    register = casualty_register(records)
    breakdowns = ("outcome", "sex", "age_group", "status", "device_type", "district")
    rows = flow_rows("casualties", register, "incident_date", period, count_rows(), breakdowns)
    return rows_frame(rows)


@indicator("18.2.2")
def incidents(records: Records, period: Period) -> pd.DataFrame:
    """Distinct incidents among the casualties of the period, year to date and since the
    baseline; an incident takes the device type and district of its smallest casualty_id."""
    register = casualty_register(records).sort_values("casualty_id", kind="stable")
    first = register.drop_duplicates("incident_id").set_index("incident_id")
    for column in ("device_type", "district"):
        register[column] = register["incident_id"].map(first[column])
    rows = flow_rows(
        "incidents",
        register,
        "incident_date",
        period,
        distinct("incident_id"),
        ("device_type", "district"),
    )
    return rows_frame(rows)


@indicator("18.2.3")
def deminer_casualty_rate(records: Records, period: Period) -> pd.DataFrame:
    """Deminer casualties of the period per 1,000 ha released in the period; missing
    when no land was released."""
    window = period_window(period)
    register = in_window(casualty_register(records), "incident_date", window)
    deminers = count_rows().of(register[register["status"] == "deminer"])
    released_ha = total_of("released_ha").of(
        in_window(land_releases(records), "completion_date", window)
    )
    row = ratio_row(
        "deminer_casualties_per_1000_ha",
        "period",
        deminers,
        released_ha / 1000,
        NO_LAND_RELEASED,
        scale=1.0,
    )
    return rows_frame([row])
