"""eo_items — ANAMA; explosive ordnance found and destroyed."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, district, identifier, integer
from schemas.words import N_


class EoItems(base.DatasetModel):
    """Explosive ordnance items found and destroyed, by task and type."""

    class Config:
        name = "eo_items"
        metadata = {
            "agencies": ("ANAMA",),
            "key": "task_id",
            "row": N_("items of one type found on one day of one task"),
            "dated_by": "found_date",
        }

    task_id: Series[str] = identifier(
        N_("Release task on which the items were found"), "task", "tapşırıq_id"
    )
    district: Series[str] = district()
    found_date: Series[pd.Timestamp] = date(
        N_("Day the items were found; inside the period"), "found", "tapılma_tarixi"
    )
    item_type: Series[str] = code(codes.ITEM_TYPE, N_("Type of item"), "type", "növ", "sursat_növü")
    quantity: Series[pd.Int64Dtype] = integer(
        N_("Number of items; at least 1"), "count", "qty", "say", "miqdar", ge=1
    )

    @pa.check("found_date", name="in_period")
    def _found_in_period(cls, dates: pd.Series) -> pd.Series:
        return base.inside_period(dates)
