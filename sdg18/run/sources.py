"""Where the values of a run's period come from: records and files per value, files per
indicator (for the workbook's indicator sheets and its ``sources`` sheet)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from sdg18.core.indicator_layout import VALUE_KEY
from sdg18.core.records import Records
from sdg18.indicators.compute import TRACE_COLUMN
from sdg18.indicators.lineage import Trace, leaves

#: Columns of the per-value counts: the value's key, then records and files.
COUNT_COLUMNS = (*VALUE_KEY, "records", "files")
#: Columns of the sources table.
SOURCE_COLUMNS = ("indicator", "file", "file_sha256", "dataset", "records")


def _counted(trace: Trace | None) -> dict[str, np.ndarray]:
    """Positions of the records that make a value, by dataset (copies not counted left out)."""
    found: dict[str, list[np.ndarray]] = defaultdict(list)
    for leaf, _ in leaves(trace) if trace is not None else []:
        for part in leaf.parts:
            if part.role != "not_counted":
                found[part.dataset].append(part.positions)
    return {name: np.unique(np.concatenate(parts)) for name, parts in found.items()}


def period_sources(records: Records, values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For every traced value of ``values`` (:func:`~sdg18.indicators.compute.compute_traced`:
    a period's, all scopes and breakdowns), the number of records and of files it comes
    from; and, per indicator, every file its values read, with its SHA-256, dataset and
    number of records."""
    files = {name: pd.factorize(frame["file_sha256"]) for name, frame in records.items()}
    counts = []
    used: dict[str, dict[str, list[np.ndarray]]] = defaultdict(lambda: defaultdict(list))
    for row in values.itertuples(index=False):
        chosen = _counted(getattr(row, TRACE_COLUMN))
        total = sum(len(p) for p in chosen.values())
        shas = [
            np.asarray(files[name][1])[np.unique(files[name][0][p])] for name, p in chosen.items()
        ]
        distinct = len(set(np.concatenate(shas).tolist())) if shas else 0
        key = tuple(getattr(row, column) for column in VALUE_KEY)
        counts.append((*key, total, distinct))
        for name, positions in chosen.items():
            used[str(row.indicator)][name].append(positions)
    return pd.DataFrame(counts, columns=list(COUNT_COLUMNS)), _sources(used, records)


def _sources(used: dict[str, dict[str, list[np.ndarray]]], records: Records) -> pd.DataFrame:
    """One row per indicator and file its values read, with the records read from it."""
    rows = []
    for indicator, datasets in used.items():
        for name, parts in datasets.items():
            chosen = records[name].loc[np.unique(np.concatenate(parts))]
            grouped = chosen.groupby(["submission_period", "file", "file_sha256"], sort=True)
            for (submitted, file, sha256), members in grouped:
                rows.append((indicator, f"{submitted}/{file}", sha256, name, len(members)))
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    return frame.sort_values(["indicator", "file", "dataset"], kind="stable").reset_index(drop=True)
