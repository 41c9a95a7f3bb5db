"""casualties — ANAMA (official register) and MOH (second source); one row per person."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, district, identifier, integer
from schemas.reference import BASELINE_DATE
from schemas.words import N_


class Casualties(base.DatasetModel):
    """Persons killed or injured by explosive ordnance, one person per row."""

    class Config:
        name = "casualties"
        metadata = {
            "agencies": ("ANAMA", "MOH"),
            "key": "casualty_id",
            "row": N_("one person killed or injured"),
            "dated_by": "incident_date",
        }

    casualty_id: Series[str] = identifier(
        N_("Person identifier; unique per agency"), "casualty", "person_id", "zərərçəkən_id"
    )
    incident_id: Series[str] = identifier(
        N_("Incident identifier; groups persons hurt in one incident"), "incident", "hadisə_id"
    )
    incident_date: Series[pd.Timestamp] = date(
        N_("Day of the incident; on or after 2020-11-10, not after the period"),
        "date",
        "hadisə_tarixi",
    )
    district: Series[str] = district()
    outcome: Series[str] = code(codes.OUTCOME, N_("killed or injured"), "nəticə")
    sex: Series[str] = code(codes.SEX, N_("Sex of the person"), "gender", "cins")
    age: Series[pd.Int64Dtype] = integer(
        N_("Age in years, 0–110; blank when unknown"),
        "yaş",
        required=False,
        in_range={"min_value": 0, "max_value": 110},
    )
    status: Series[str] = code(
        codes.CASUALTY_STATUS, N_("civilian, military or deminer"), "category", "kateqoriya"
    )
    device_type: Series[str] = code(
        codes.DEVICE_TYPE, N_("Device that caused the casualty"), "device", "qurğu_növü"
    )
    received_eore: Series[str] = code(
        codes.YES_NO_UNKNOWN,
        N_("Had the person received risk education before"),
        "eore",
        "maarifləndirmə_alıb",
    )

    @pa.check("casualty_id", name="unique")
    def _casualty_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("incident_date", name="not_before_baseline")
    def _after_baseline(cls, dates: pd.Series) -> pd.Series:
        return dates.isna() | (dates >= pd.Timestamp(BASELINE_DATE))

    @pa.check("incident_date", name="not_after_period")
    def _incident_not_after_period(cls, dates: pd.Series) -> pd.Series:
        return base.not_after_period(dates)

    @pa.check("incident_date", name="late_report")
    def _incident_late(cls, dates: pd.Series) -> pd.Series:
        before_baseline = dates < pd.Timestamp(BASELINE_DATE)  # an error of its own
        return base.not_before_period(dates) | before_baseline

    @pa.dataframe_check(name="incident_device_consistent")
    def _incident_device_consistent(cls, frame: pd.DataFrame) -> pd.Series:
        # The incident's device type is the one on its record with the smallest
        # casualty_id (the indicators use it); records that say otherwise are flagged.
        ordered = frame.sort_values("casualty_id", kind="stable")
        first = ordered.groupby("incident_id", sort=False)["device_type"].transform("first")
        first = first.reindex(frame.index)
        device = frame["device_type"]
        return (first.isna() | device.isna() | (device == first)).astype(bool)
