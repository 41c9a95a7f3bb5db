"""The records an indicator counts, chosen from the accepted records of the store.

Each selector returns a copy with dates as timestamps and numbers as numbers,
whatever form the store handed them in, so indicator functions stay small.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from schemas import DATASETS, column_specs
from sdg18.core.indicator_layout import EORE_GROUPS
from sdg18.core.periods import Period
from sdg18.core.records import Records, empty_records
from sdg18.indicators.lineage import DATASET_ATTR, keep_copies
from sdg18.indicators.windows import cumulative_window
from sdg18.ingest.names import fold

#: The official casualty register; other agencies' casualty records are never counted.
REGISTER_AGENCY = "ANAMA"
#: Which agency's copy of a funding entry is kept when several report it.
FUNDING_AGENCY_ORDER = ("ANAMA", "MOF")
#: Marks (in ``DataFrame.attrs``) a frame already typed by :func:`dataset`.
PREPARED = "sdg18_prepared"
#: The origin columns an indicator may need; file, sheet and row are dropped.
KEPT_ORIGIN = ("agency", "submission_period", "record_period")


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The contract columns of ``frame`` (all present, dates as timestamps, numbers as
    floats) with the agency and the periods of each record."""
    kept = [c for c in frame.columns if c in column_specs(name) or c in KEPT_ORIGIN]
    frame = frame[kept].copy()
    for column, spec in column_specs(name).items():
        if column not in frame:
            frame[column] = pd.NA
        if spec.kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        elif spec.kind in ("number", "integer"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in KEPT_ORIGIN:
        if column not in frame:
            frame[column] = pd.NA
    frame.attrs[PREPARED] = True
    frame.attrs[DATASET_ATTR] = name
    return frame


def prepare_records(records: Records) -> Records:
    """Every dataset of ``records`` typed once (see :func:`dataset`), so that many
    indicator functions and periods can share the work."""
    return {name: dataset(records, name) for name in DATASETS}


def dataset(records: Records, name: str) -> pd.DataFrame:
    """A copy of the accepted records of ``name`` with typed dates and numbers.

    Records are taken as the store gives them: it already keeps only the latest
    accepted submission of each agency, dataset and period.
    """
    frame = records.get(name)
    if frame is None:
        return _typed(name, empty_records(name))
    if frame.attrs.get(PREPARED):
        return frame.copy()
    return _typed(name, frame)


def age_group(ages: pd.Series) -> pd.Series:
    """``child`` under 18, ``adult`` from 18, ``unknown`` for a blank age."""
    years = pd.to_numeric(ages, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    groups = np.where(np.isnan(years), "unknown", np.where(years < 18, "child", "adult"))
    return pd.Series(groups, index=ages.index, dtype="str")


def casualty_register(records: Records) -> pd.DataFrame:
    """ANAMA's casualty records (the official count), with an ``age_group`` column."""
    frame = dataset(records, "casualties")
    frame = frame[frame["agency"] == REGISTER_AGENCY].copy()
    frame["age_group"] = age_group(frame["age"])
    return frame


def survivors(records: Records, period: Period) -> pd.DataFrame:
    """Injured persons of the register hurt from the baseline date to the end of ``period``,
    one row per ``casualty_id``."""
    register = casualty_register(records)
    injured = register[register["outcome"] == "injured"]
    injured = injured[cumulative_window(period).contains(injured["incident_date"])]
    return injured.drop_duplicates("casualty_id")


def services(records: Records) -> pd.DataFrame:
    """Victim assistance services with the survivor's sex and age group from the register
    (``unknown`` when the survivor is not in it)."""
    frame = dataset(records, "victim_assistance")
    register = casualty_register(records).drop_duplicates("casualty_id")
    people = register.set_index("casualty_id")[["sex", "age_group"]]
    found = people.reindex(frame["survivor_id"].to_numpy())
    frame["sex"] = found["sex"].fillna("unknown").to_numpy()
    frame["age_group"] = found["age_group"].fillna("unknown").to_numpy()
    return frame


def funding_entries(records: Records) -> pd.DataFrame:
    """Funding entries counted once: of an ``entry_id`` reported by several agencies,
    ANAMA's copy, else the Ministry of Finance's, else the first."""
    frame = dataset(records, "funding")
    order = {agency: rank for rank, agency in enumerate(FUNDING_AGENCY_ORDER)}
    rank = frame["agency"].map(order).fillna(len(order))
    frame = frame.assign(_rank=rank).sort_values("_rank", kind="stable")
    copies = frame["entry_id"].duplicated()
    kept = frame[~copies].drop(columns="_rank").sort_index()
    return keep_copies(kept, frame[copies], "entry_id")


def eore_sessions(records: Records) -> pd.DataFrame:
    """EORE sessions with a ``beneficiaries`` column: girls + boys + women + men."""
    frame = dataset(records, "eore")
    frame["beneficiaries"] = frame[list(EORE_GROUPS)].fillna(0).sum(axis=1)
    return frame


def latest_snapshot(records: Records, period: Period) -> pd.DataFrame | None:
    """The hazard inventory of the latest submission at or before ``period``; None when
    no inventory was submitted by then."""
    frame = dataset(records, "hazard_areas")
    submitted = frame["submission_period"].dropna().astype(str)
    periods = {text: Period.parse(text) for text in submitted.unique()}
    eligible = [p for p in periods.values() if p <= period]
    if not eligible:
        return None
    latest = str(max(eligible))
    return frame[frame["submission_period"].astype(str) == latest]


def settlement_keys(frame: pd.DataFrame) -> pd.Series:
    """``district|settlement`` with the name folded (ə→e, ş→s…), case and spaces ignored."""
    names = frame["settlement"].map(
        lambda name: fold(name).replace("_", "") if isinstance(name, str) else ""
    )
    return frame["district"].astype(str) + "|" + names.astype(str)


def land_releases(records: Records) -> pd.DataFrame:
    """Land release tasks with a ``released_ha`` column (``area_m2`` / 10,000)."""
    frame = dataset(records, "land_release")
    frame["released_ha"] = frame["area_m2"] / 10_000
    return frame
