"""returns — SCRIDP; IDP households resettled."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base
from schemas.columns import date, district, identifier, integer, text
from schemas.words import N_


class Returns(base.DatasetModel):
    """Households of internally displaced persons resettled, one return per row."""

    class Config:
        name = "returns"
        metadata = {
            "agencies": ("SCRIDP",),
            "key": "return_id",
            "row": N_("one resettlement"),
            "dated_by": "return_date",
        }

    return_id: Series[str] = identifier(N_("Return identifier; unique"), "return", "qayıdış_id")
    return_date: Series[pd.Timestamp] = date(
        N_("Day of resettlement; inside the period"), "date", "qayıdış_tarixi"
    )
    district: Series[str] = district()
    settlement: Series[str] = text(N_("Village or town"), "village", "town", "yaşayış_məntəqəsi")
    households: Series[pd.Int64Dtype] = integer(N_("Households resettled"), "ailələr", ge=1)
    persons: Series[pd.Int64Dtype] = integer(
        N_("Persons resettled; at least one per household"), "şəxslər", "nəfər", ge=1
    )

    @pa.check("return_id", name="unique")
    def _return_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("return_date", name="in_period")
    def _return_in_period(cls, dates: pd.Series) -> pd.Series:
        return base.inside_period(dates)

    @pa.dataframe_check(name="persons_at_least_households")
    def _persons_at_least_households(cls, frame: pd.DataFrame) -> pd.Series:
        both = frame["persons"].notna() & frame["households"].notna()
        return (~both | (frame["persons"] >= frame["households"])).astype(bool)
