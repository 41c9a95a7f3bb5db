"""Date windows of a period: the period itself, year to date, cumulative, four quarters.

A record belongs to a window when its own date (the dataset's ``dated_by``
column) lies in it, whichever submission brought it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from pandas.api.types import is_datetime64_dtype

from schemas.reference import BASELINE_DATE
from sdg18.core.periods import Period


@dataclass(frozen=True)
class Window:
    """Days from ``start`` to ``end``, both included, labelled with the scope they give."""

    scope: str
    start: dt.date
    end: dt.date

    def contains(self, dates: pd.Series) -> pd.Series:
        """True where a date lies in the window (False for a blank date)."""
        days = dates if is_datetime64_dtype(dates) else pd.to_datetime(dates, errors="coerce")
        inside = (days >= pd.Timestamp(self.start)) & (days <= pd.Timestamp(self.end))
        return inside.fillna(False).astype(bool)


def period_window(period: Period) -> Window:
    """The days of ``period``."""
    return Window("period", period.start, period.end)


def ytd_window(period: Period) -> Window:
    """1 January of the period's year to the period's end."""
    return Window("ytd", dt.date(period.year, 1, 1), period.end)


def cumulative_window(period: Period) -> Window:
    """The baseline date (2020-11-10) to the period's end."""
    return Window("cumulative", BASELINE_DATE, period.end)


def flow_windows(period: Period) -> tuple[Window, Window, Window]:
    """The three windows a flow is computed over: period, year to date, cumulative."""
    return period_window(period), ytd_window(period), cumulative_window(period)


def four_quarters(period: Period) -> Window:
    """The four quarters ending ``period`` (scope ``period``: the value belongs to it)."""
    first = period.previous().previous().previous()
    return Window("period", first.start, period.end)
