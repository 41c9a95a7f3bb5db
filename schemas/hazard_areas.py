"""hazard_areas — ANAMA's hazard inventory as at the end of the period (a snapshot)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import base, codes
from schemas.columns import code, date, district, identifier, number
from schemas.words import N_


class HazardAreas(base.DatasetModel):
    """Suspected and confirmed hazardous areas, one area per row."""

    class Config:
        name = "hazard_areas"
        metadata = {
            "agencies": ("ANAMA",),
            "key": "hazard_id",
            "row": N_("one hazardous area"),
            "dated_by": None,
        }

    hazard_id: Series[str] = identifier(N_("Hazard area identifier; unique"), "hazard", "ərazi_id")
    district: Series[str] = district()
    hazard_class: Series[str] = code(
        codes.HAZARD_CLASS, N_("SHA (suspected) or CHA (confirmed)"), "class", "sinif"
    )
    contamination: Series[str] = code(
        codes.CONTAMINATION, N_("Main contamination"), "contamination_type", "çirklənmə"
    )
    area_m2: Series[float] = number(
        N_("Area in square metres; > 0, not above the district's area"),
        "area",
        "area_sqm",
        "sahə_m2",
        "sahə",
        gt=0,
    )
    status: Series[str] = code(
        codes.HAZARD_STATUS, N_("open, or closed once fully released"), "vəziyyət"
    )
    recorded_date: Series[pd.Timestamp] = date(
        N_("Day the area was recorded; not after the period"), "recorded", "qeydə_alınma_tarixi"
    )
    latitude: Series[float] = number(N_("Latitude (WGS 84)"), "lat", "en_dairəsi", required=False)
    longitude: Series[float] = number(
        N_("Longitude (WGS 84)"), "lon", "lng", "uzunluq_dairəsi", required=False
    )

    @pa.check("hazard_id", name="unique")
    def _hazard_unique(cls, values: pd.Series) -> pd.Series:
        return base.unique_values(values)

    @pa.check("recorded_date", name="not_after_period")
    def _recorded_not_after_period(cls, dates: pd.Series) -> pd.Series:
        return base.not_after_period(dates)

    @pa.check("latitude", name="inside_country")
    def _latitude_inside(cls, values: pd.Series) -> pd.Series:
        return base.latitude_inside(values)

    @pa.check("longitude", name="inside_country")
    def _longitude_inside(cls, values: pd.Series) -> pd.Series:
        return base.longitude_inside(values)

    @pa.dataframe_check(name="area_within_district")
    def _area_within_district(cls, frame: pd.DataFrame) -> pd.Series:
        return base.within_district(frame)

    @pa.dataframe_check(name="coordinates_paired")
    def _coordinates_paired(cls, frame: pd.DataFrame) -> pd.Series:
        return base.coordinates_paired(frame)
