"""Machine-readable exports of the indicator values: ``indicators.csv`` and Open SDG.

``indicators.csv`` is the contract other systems read: the columns of
``INDICATOR_COLUMNS`` in order, one row per value, blank breakdown = total,
values at full precision, a missing value empty with a note saying why.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS
from sdg18.reports.exports.opensdg import check_opensdg_csv, write_opensdg

TEXT_COLUMNS = [c for c in INDICATOR_COLUMNS if c != "value"]


def indicators_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the ``indicators.csv`` columns: text blank as "", value float."""
    table = frame.reindex(columns=list(INDICATOR_COLUMNS))
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object).where(table[TEXT_COLUMNS].notna(), "")
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype("str")
    table["value"] = pd.to_numeric(table["value"], errors="coerce").astype("float64")
    return table


def write_indicators_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` as ``indicators.csv`` (UTF-8, no index, missing values empty,
    floats at full precision); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    indicators_table(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def read_indicators_csv(path: Path) -> pd.DataFrame:
    """An ``indicators.csv`` read back: text columns as text ("" for blank), value float."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    table["value"] = pd.to_numeric(table["value"].replace("", None)).astype("float64")
    return indicators_table(table)


__all__ = [
    "BREAKDOWN_COLUMNS",
    "INDICATOR_COLUMNS",
    "check_opensdg_csv",
    "indicators_table",
    "read_indicators_csv",
    "write_indicators_csv",
    "write_opensdg",
]
