"""victim_assistance — MLSPP and MOH; one row per service delivered to a survivor."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, identifier, text
from schemas.words import N_


class VictimAssistance(base.DatasetModel):
    """Services delivered to survivors, one service per row."""

    class Config:
        name = "victim_assistance"
        metadata = {
            "agencies": ("MLSPP", "MOH"),
            "key": "service_id",
            "row": N_("one service delivered to one survivor"),
            "dated_by": "service_date",
        }

    service_id: Series[str] = identifier(N_("Service identifier; unique"), "service", "xidmət_id")
    survivor_id: Series[str] = identifier(
        N_("casualty_id of the injured person in ANAMA's register"), "survivor", "casualty_id"
    )
    service_date: Series[pd.Timestamp] = date(
        N_("Day the service was delivered; not after the period"), "date", "xidmət_tarixi"
    )
    service_type: Series[str] = code(
        codes.SERVICE_TYPE, N_("Kind of service"), "type", "xidmət_növü"
    )
    provider: Series[str] = text(N_("Who delivered the service"), "təminatçı")

    @pa.check("service_id", name="unique")
    def _service_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("service_date", name="not_after_period")
    def _service_not_after_period(cls, dates: pd.Series) -> pd.Series:
        return base.not_after_period(dates)

    @pa.check("service_date", name="late_report")
    def _service_late(cls, dates: pd.Series) -> pd.Series:
        return base.not_before_period(dates)
