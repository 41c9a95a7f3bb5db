"""The base of every dataset model, and the checks they share.

Checks that depend on the reporting period read it from :data:`PERIOD`, a
context variable the validator sets around each validation; with no period set
they pass, so a model can also be used on its own.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

import pandas as pd
import pandera.pandas as pa

from schemas.reference import DISTRICT_AREA_M2, LATITUDE_RANGE, LONGITUDE_RANGE

#: (first day, last day) of the period being validated.
PERIOD: ContextVar[tuple[dt.date, dt.date] | None] = ContextVar("sdg18_period", default=None)


class DatasetModel(pa.DataFrameModel):
    """A dataset of the contract; subclasses declare columns and checks."""

    # Subclasses give Config.name (the dataset) and Config.metadata: "agencies"
    # allowed to submit it, "key" (the column naming a record in findings) and
    # "row" (what one row is).

    class Config:
        strict = False
        coerce = False


def _bounds() -> tuple[pd.Timestamp, pd.Timestamp] | None:
    period = PERIOD.get()
    if period is None:
        return None
    return pd.Timestamp(period[0]), pd.Timestamp(period[1])


def inside_period(dates: pd.Series) -> pd.Series:
    """True where the date lies inside the period (or is blank)."""
    bounds = _bounds()
    if bounds is None:
        return pd.Series(True, index=dates.index)
    return dates.isna() | ((dates >= bounds[0]) & (dates <= bounds[1]))


def not_after_period(dates: pd.Series) -> pd.Series:
    """True where the date is not after the last day of the period (or blank)."""
    bounds = _bounds()
    if bounds is None:
        return pd.Series(True, index=dates.index)
    return dates.isna() | (dates <= bounds[1])


def not_before_period(dates: pd.Series) -> pd.Series:
    """True where the date is not before the first day of the period (or blank)."""
    bounds = _bounds()
    if bounds is None:
        return pd.Series(True, index=dates.index)
    return dates.isna() | (dates >= bounds[0])


def unique_values(values: pd.Series) -> pd.Series:
    """True where the value occurs once (blank values are left to ``required``)."""
    return values.isna() | ~values.duplicated(keep=False)


def within_district(frame: pd.DataFrame) -> pd.Series:
    """True where ``area_m2`` is not larger than its district's area."""
    limit = frame["district"].map(DISTRICT_AREA_M2)
    return frame["area_m2"].isna() | limit.isna() | (frame["area_m2"] <= limit)


def coordinates_paired(frame: pd.DataFrame) -> pd.Series:
    """True where latitude and longitude are both given or both blank."""
    return frame["latitude"].isna() == frame["longitude"].isna()


def latitude_inside(values: pd.Series) -> pd.Series:
    """True where the latitude lies inside Azerbaijan (or is blank)."""
    return values.isna() | values.between(*LATITUDE_RANGE)


def longitude_inside(values: pd.Series) -> pd.Series:
    """True where the longitude lies inside Azerbaijan (or is blank)."""
    return values.isna() | values.between(*LONGITUDE_RANGE)
