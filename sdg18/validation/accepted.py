"""Accepted records in the shape the store keeps and the indicators read.

One frame per dataset: the contract's typed columns, then the record's origin —
agency, the period of the submission that brought it, the period its own date
places it in, file, SHA-256, sheet and row. A snapshot dataset (hazard_areas)
belongs to the period of its submission.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from schemas import DATASETS, column_specs, dataset_metadata
from sdg18.periods import Period
from sdg18.validation.records import ValidatedTable

ORIGIN_COLUMNS = (
    "agency",
    "submission_period",
    "record_period",
    "file",
    "file_sha256",
    "sheet",
    "row",
)
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


def accepted_frame(table: ValidatedTable, period: Period) -> pd.DataFrame:
    """The accepted records of one validated sheet, with their origin."""
    frame = table.accepted.copy()
    source = table.table.source
    dated_by = dataset_metadata(source.dataset)["dated_by"]
    frame["agency"] = source.agency
    frame["submission_period"] = str(period)
    frame["record_period"] = quarters_of(frame[dated_by]) if dated_by else str(period)
    frame["file"] = source.file
    frame["file_sha256"] = source.file_sha256
    frame["sheet"] = source.sheet
    frame["row"] = frame.index.astype("int64")
    return frame.reset_index(drop=True)


def accepted_records(tables: Iterable[ValidatedTable], period: Period) -> Records:
    """Every dataset's accepted records of one run (empty frames for datasets not sent)."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in DATASETS}
    for table in tables:
        if len(table.accepted):
            parts[table.table.dataset].append(accepted_frame(table, period))
    return {
        name: pd.concat(frames, ignore_index=True) if frames else empty_records(name)
        for name, frames in parts.items()
    }
