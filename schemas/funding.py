"""funding — ANAMA and MOF; money received for mine action."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, identifier, number, text
from schemas.words import N_


class Funding(base.DatasetModel):
    """Money received for mine action, one receipt per row."""

    class Config:
        name = "funding"
        metadata = {
            "agencies": ("ANAMA", "MOF"),
            "key": "entry_id",
            "row": N_("one receipt"),
            "dated_by": "received_date",
        }

    entry_id: Series[str] = identifier(
        N_("Entry identifier; the same entry reported by ANAMA and MOF keeps its id"),
        "entry",
        "qeyd_id",
    )
    received_date: Series[pd.Timestamp] = date(
        N_("Day the money was received; inside the period"), "date", "daxilolma_tarixi"
    )
    source_type: Series[str] = code(codes.SOURCE_TYPE, N_("Kind of source"), "source", "mənbə_növü")
    donor: Series[str] = text(N_("Who gave the money"), "donor_name", "donor_adı", "mənbə")
    amount_azn: Series[float] = number(
        N_("Amount in manat (AZN); > 0"), "amount", "məbləğ_azn", "məbləğ", gt=0
    )
    currency: Series[str] = code(
        codes.CURRENCY, N_("Original currency (informational)"), "valyuta", required=False
    )
    amount_original: Series[float] = number(
        N_("Amount in the original currency; > 0 when currency is given"),
        "original_amount",
        "ilkin_məbləğ",
        required=False,
        gt=0,
    )

    @pa.check("entry_id", name="unique")
    def _entry_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("received_date", name="in_period")
    def _received_in_period(cls, dates: pd.Series) -> pd.Series:
        return base.inside_period(dates)

    @pa.dataframe_check(name="original_amount_with_currency")
    def _original_with_currency(cls, frame: pd.DataFrame) -> pd.Series:
        return ~(frame["currency"].notna() & frame["amount_original"].isna())
