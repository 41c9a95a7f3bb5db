"""The shape of an indicator table: its columns, scopes and breakdown codes.

Written once here and read by the framework's validation, the indicator
functions, ``compute_indicators`` and every export.
"""

from __future__ import annotations

import pandas as pd

from schemas import codes
from schemas.reference import DISTRICT_CODES

#: Where a value's records come from: the period, 1 January to the period's end,
#: or the baseline date to the period's end.
SCOPES: tuple[str, ...] = ("period", "ytd", "cumulative")

#: The breakdown columns of ``indicators.csv``, in their column order.
BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "district",
    "method",
    "end_use",
    "hazard_class",
    "item_type",
    "outcome",
    "sex",
    "age_group",
    "status",
    "device_type",
    "service_type",
    "group",
    "delivery",
    "source_type",
)

#: The columns of ``indicators.csv``, in order.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator",
    "series",
    "unit",
    "period",
    "scope",
    *BREAKDOWN_COLUMNS,
    "value",
    "note",
)

AGE_GROUPS: tuple[str, ...] = ("child", "adult", "unknown")
#: The beneficiary columns of an EORE session, one per group of 18.4.1.
EORE_GROUPS: tuple[str, ...] = ("girls", "boys", "women", "men")

#: Every value a breakdown takes, in the order reports list them. A breakdown
#: gives a row for each value, zero or missing included, so gaps are explicit.
BREAKDOWN_CODES: dict[str, tuple[str, ...]] = {
    "district": DISTRICT_CODES,
    "method": codes.RELEASE_METHOD,
    "end_use": codes.END_USE,
    "hazard_class": codes.HAZARD_CLASS,
    "item_type": codes.ITEM_TYPE,
    "outcome": codes.OUTCOME,
    "sex": codes.SEX,
    "age_group": AGE_GROUPS,
    "status": codes.CASUALTY_STATUS,
    "device_type": codes.DEVICE_TYPE,
    "service_type": codes.SERVICE_TYPE,
    "group": EORE_GROUPS,
    "delivery": codes.DELIVERY,
    "source_type": codes.SOURCE_TYPE,
}
assert tuple(BREAKDOWN_CODES) == BREAKDOWN_COLUMNS

#: What identifies a published value: the same key in two runs is the same value, revised
#: when its number differs.
VALUE_KEY: list[str] = ["indicator", "series", "unit", "period", "scope", *BREAKDOWN_COLUMNS]


def keyed(values: pd.DataFrame) -> pd.DataFrame:
    """``values`` with every key column as text, blank breakdowns as ""."""
    frame = values.copy()
    for column in VALUE_KEY:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    frame["value"] = pd.to_numeric(frame["value"]).astype("float64")
    return frame
