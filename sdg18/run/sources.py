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
    """Positions of the records that make a value, by dataset (copies not counted left out;
    a record in two parts once)."""
    found: dict[str, list[np.ndarray]] = defaultdict(list)
    for leaf, _ in leaves(trace) if trace is not None else []:
        for part in leaf.parts:
            if part.role != "not_counted" and len(part.positions):
                found[part.dataset].append(part.positions)
    return {
        name: parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
        for name, parts in found.items()
    }


def period_sources(records: Records, values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For every traced value of ``values`` (:func:`~sdg18.indicators.compute.compute_traced`:
    a period's, all scopes and breakdowns), the number of records and of files it comes
    from; and, per indicator, every file its values read, with its SHA-256, dataset and
    number of records."""
    files = {name: pd.factorize(frame["file_sha256"]) for name, frame in records.items()}
    counts = []
    used: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
    for row in values.itertuples(index=False):
        chosen = _counted(getattr(row, TRACE_COLUMN))
        total = sum(len(p) for p in chosen.values())
        shas: set[str] = set()
        for name, positions in chosen.items():
            codes, names = files[name]
            present = np.bincount(codes[positions], minlength=len(names)) > 0
            shas.update(np.asarray(names)[present].tolist())
            mask = used[str(row.indicator)].setdefault(name, np.zeros(len(codes), dtype=bool))
            mask[positions] = True
        key = tuple(getattr(row, column) for column in VALUE_KEY)
        counts.append((*key, total, len(shas)))
    return pd.DataFrame(counts, columns=list(COUNT_COLUMNS)), _sources(used, records)


def _sources(used: dict[str, dict[str, np.ndarray]], records: Records) -> pd.DataFrame:
    """One row per indicator and file its values read, with the records read from it."""
    rows = []
    for indicator, datasets in used.items():
        for name, mask in datasets.items():
            chosen = records[name][mask]
            grouped = chosen.groupby(["submission_period", "file", "file_sha256"], sort=True)
            for key, size in grouped.size().items():
                submitted, file, sha256 = (str(part) for part in key)  # type: ignore[attr-defined]
                rows.append((indicator, f"{submitted}/{file}", sha256, name, int(size)))
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    return frame.sort_values(["indicator", "file", "dataset"], kind="stable").reset_index(drop=True)
