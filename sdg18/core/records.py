"""Accepted records in the shape the store keeps and the indicators read.

One frame per dataset: the contract's typed columns, then the record's origin —
agency, the period of the submission that brought it, the period its own date
places it in, file, SHA-256, sheet and row. A snapshot dataset (hazard_areas)
belongs to the period of its submission. Validation makes these frames
(:mod:`sdg18.validation.accepted`); the store and the indicators read them.
"""

from __future__ import annotations

import pandas as pd

from schemas import column_specs

ORIGIN_COLUMNS = (
    "agency",
    "submission_period",
    "record_period",
    "file",
    "file_sha256",
    "sheet",
    "row",
)
#: Every dataset's records, by dataset name.
Records = dict[str, pd.DataFrame]


def quarters_of(dates: pd.Series) -> pd.Series:
    """``YYYYQn`` of each date (blank for a blank date)."""
    text = (
        dates.dt.year.astype("Int64").astype(str)
        + "Q"
        + dates.dt.quarter.astype("Int64").astype(str)
    )
    return text.where(dates.notna())


def empty_records(dataset: str) -> pd.DataFrame:
    """An empty frame with the dataset's record columns."""
    return pd.DataFrame(columns=[*column_specs(dataset), *ORIGIN_COLUMNS])
