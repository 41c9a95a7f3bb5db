"""eore — ANAMA and MSE; one row per explosive ordnance risk education session."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, district, identifier, integer, text
from schemas.words import N_

PARTICIPANTS = ("girls", "boys", "women", "men")


class Eore(base.DatasetModel):
    """Risk education sessions and their beneficiaries, one session per row."""

    class Config:
        name = "eore"
        metadata = {
            "agencies": ("ANAMA", "MSE"),
            "key": "session_id",
            "row": N_("one session"),
            "dated_by": "session_date",
        }

    session_id: Series[str] = identifier(N_("Session identifier; unique"), "session", "sessiya_id")
    session_date: Series[pd.Timestamp] = date(
        N_("Day of the session; inside the period"), "date", "tarix"
    )
    district: Series[str] = district()
    settlement: Series[str] = text(N_("Village or town"), "village", "town", "yaşayış_məntəqəsi")
    delivery: Series[str] = code(codes.DELIVERY, N_("How the session was delivered"), "çatdırılma")
    girls: Series[pd.Int64Dtype] = integer(N_("Girls reached"), "qızlar", ge=0)
    boys: Series[pd.Int64Dtype] = integer(N_("Boys reached"), "oğlanlar", ge=0)
    women: Series[pd.Int64Dtype] = integer(N_("Women reached"), "qadınlar", ge=0)
    men: Series[pd.Int64Dtype] = integer(N_("Men reached"), "kişilər", ge=0)
    persons_with_disability: Series[pd.Int64Dtype] = integer(
        N_("Persons with disability among them"), "pwd", "əlilliyi_olan_şəxslər", ge=0
    )
    provider: Series[str] = text(N_("Who delivered the session"), "təminatçı")

    @pa.check("session_id", name="unique")
    def _session_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("session_date", name="in_period")
    def _session_in_period(cls, dates: pd.Series) -> pd.Series:
        return base.inside_period(dates)

    @pa.dataframe_check(name="participants_positive")
    def _someone_reached(cls, frame: pd.DataFrame) -> pd.Series:
        counts = frame[list(PARTICIPANTS)]
        return counts.isna().any(axis=1) | (counts.sum(axis=1) > 0)

    @pa.dataframe_check(name="disability_within_total")
    def _disability_within_total(cls, frame: pd.DataFrame) -> pd.Series:
        total = frame[list(PARTICIPANTS)].sum(axis=1, min_count=4)
        pwd = frame["persons_with_disability"]
        return (total.isna() | pwd.isna() | (pwd <= total)).astype(bool)
