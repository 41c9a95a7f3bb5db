"""land_release — one row per completed release task (ANAMA, for all operators)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, district, identifier, number, text
from schemas.words import N_


class LandRelease(base.DatasetModel):
    """Land released by survey or clearance, one completed task per row."""

    class Config:
        name = "land_release"
        metadata = {
            "agencies": ("ANAMA",),
            "key": "task_id",
            "row": N_("one completed release task"),
            "dated_by": "completion_date",
        }

    task_id: Series[str] = identifier(
        N_("Task identifier; unique, never reused across periods"), "task", "tapşırıq_id"
    )
    hazard_id: Series[str] = identifier(
        N_("Hazard area the task released (from the hazard inventory)"),
        "hazard",
        "təhlükəli_ərazi_id",
        required=False,
    )
    operator: Series[str] = text(
        N_("Operator that did the work (ANAMA, MoD, MES, SBS, a company)"), "operator_adı"
    )
    district: Series[str] = district()
    method: Series[str] = code(
        codes.RELEASE_METHOD, N_("Release method"), "release_method", "metod", "üsul"
    )
    area_m2: Series[float] = number(
        N_("Area released in square metres; > 0, not above the district's area"),
        "area",
        "area_sqm",
        "sahə_m2",
        "sahə",
        gt=0,
    )
    end_use: Series[str] = code(
        codes.END_USE, N_("Intended use of the released land"), "land_use", "təyinat"
    )
    start_date: Series[pd.Timestamp] = date(
        N_("Day work on the task started"), "start", "başlama_tarixi"
    )
    completion_date: Series[pd.Timestamp] = date(
        N_("Day the task was completed; inside the period"), "completed", "bitmə_tarixi"
    )
    latitude: Series[float] = number(N_("Latitude (WGS 84)"), "lat", "en_dairəsi", required=False)
    longitude: Series[float] = number(
        N_("Longitude (WGS 84)"), "lon", "lng", "uzunluq_dairəsi", required=False
    )

    @pa.check("task_id", name="unique")
    def _task_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("completion_date", name="in_period")
    def _completion_in_period(cls, dates: pd.Series) -> pd.Series:
        return base.inside_period(dates)

    @pa.check("start_date", name="not_after_period")
    def _start_not_after_period(cls, dates: pd.Series) -> pd.Series:
        return base.not_after_period(dates)

    @pa.check("latitude", name="inside_country")
    def _latitude_inside(cls, values: pd.Series) -> pd.Series:
        return base.latitude_inside(values)

    @pa.check("longitude", name="inside_country")
    def _longitude_inside(cls, values: pd.Series) -> pd.Series:
        return base.longitude_inside(values)

    @pa.dataframe_check(name="start_not_after_completion")
    def _start_before_completion(cls, frame: pd.DataFrame) -> pd.Series:
        return ~(frame["start_date"] > frame["completion_date"])

    @pa.dataframe_check(name="area_within_district")
    def _area_within_district(cls, frame: pd.DataFrame) -> pd.Series:
        return base.within_district(frame)

    @pa.dataframe_check(name="coordinates_paired")
    def _coordinates_paired(cls, frame: pd.DataFrame) -> pd.Series:
        return base.coordinates_paired(frame)
