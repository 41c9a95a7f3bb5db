"""This run's accepted records, with their origin (the shape is :mod:`sdg18.core.records`)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from schemas import DATASETS, dataset_metadata
from sdg18.core.periods import Period
from sdg18.core.records import Records, empty_records, quarters_of
from sdg18.validation.records import ValidatedTable


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
