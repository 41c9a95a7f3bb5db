"""Small accepted-records frames for the indicator tests, written as a person would.

``records(casualties=[{...}, ...])`` gives all eight datasets (empty where not
given) in the store's shape: typed contract columns plus origin columns. A row
may set ``agency`` and ``submission_period``; by default the agency is the
dataset's first and the submission period is the quarter of the record's date.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from schemas import DATASETS, column_specs, dataset_metadata
from sdg18.core.periods import Period
from sdg18.core.records import Records, empty_records, quarters_of

Row = dict[str, Any]


def typed_frame(dataset: str, rows: list[Row], submitted: str = "") -> pd.DataFrame:
    """The accepted records ``rows`` of ``dataset`` with typed columns and an origin."""
    if not rows:
        return empty_records(dataset)
    specs = column_specs(dataset)
    meta = dataset_metadata(dataset)
    raw = pd.DataFrame(rows)
    frame = pd.DataFrame(index=raw.index)
    for column, spec in specs.items():
        values = raw[column] if column in raw else pd.Series([None] * len(raw))
        if spec.kind == "date":
            frame[column] = pd.to_datetime(values).astype("datetime64[us]")
        elif spec.kind == "number":
            frame[column] = pd.to_numeric(values).astype("float64")
        elif spec.kind == "integer":
            frame[column] = pd.to_numeric(values).astype("Int64")
        else:
            frame[column] = values.astype("str")
    dated_by = meta["dated_by"]
    own_period = quarters_of(frame[dated_by]) if dated_by else pd.Series(submitted, index=raw.index)
    default_agency = meta["agencies"][0]
    frame["agency"] = raw.get("agency", default_agency)
    frame["agency"] = frame["agency"].fillna(default_agency).astype("str")
    given = raw["submission_period"] if "submission_period" in raw else pd.Series(None, raw.index)
    frame["submission_period"] = given.fillna(own_period).astype("str")
    frame["record_period"] = own_period if dated_by else frame["submission_period"]
    frame["file"] = "test.xlsx"
    frame["file_sha256"] = "0" * 64
    frame["sheet"] = dataset
    frame["row"] = range(2, len(frame) + 2)
    return frame


def records(**datasets: list[Row]) -> Records:
    """Records of every dataset: the given rows, empty frames for the others."""
    unknown = set(datasets) - set(DATASETS)
    assert not unknown, f"unknown datasets {unknown}"
    return {name: typed_frame(name, datasets.get(name, [])) for name in DATASETS}


def value(result: pd.DataFrame, series: str, scope: str = "period", **breakdown: str) -> float:
    """The one value of ``series`` in ``scope`` for the breakdown given (others total)."""
    return float(row(result, series, scope, **breakdown)["value"])


def note(result: pd.DataFrame, series: str, scope: str = "period", **breakdown: str) -> str:
    """The note beside that value."""
    return str(row(result, series, scope, **breakdown)["note"])


def row(result: pd.DataFrame, series: str, scope: str = "period", **breakdown: str) -> pd.Series:
    """The one row of ``series`` in ``scope`` for the breakdown given (others total)."""
    missing = set(breakdown) - set(result.columns)
    assert not missing, f"the result has no breakdown column {missing}"
    chosen = (result["series"] == series) & (result["scope"] == scope)
    for column in result.columns:
        if column in ("series", "scope", "value", "note", "indicator", "unit", "period"):
            continue
        chosen &= result[column].fillna("") == breakdown.get(column, "")
    found = result[chosen]
    assert len(found) == 1, f"{len(found)} rows for {series} {scope} {breakdown}"
    return found.iloc[0]


def period(text: str) -> Period:
    """``Period.parse``, shorter."""
    return Period.parse(text)
