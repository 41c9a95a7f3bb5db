"""Revisions: values of periods already published that this run computes differently.

A value is revised when the run's computation for a period that an earlier run
published differs from the value last published for the same indicator,
series, scope and breakdown (or appears or disappears). Each revision names the
submissions that caused it: this run's accepted records dated in that period,
or this run's resubmission of that period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sdg18.core.indicator_layout import VALUE_KEY as KEY
from sdg18.core.indicator_layout import keyed
from sdg18.core.records import Records

#: The columns of ``revisions.csv``: the value's key, its two vintages and their cause, and
#: the records added and retired between them (filled by
#: :func:`sdg18.run.vintages.explain_revisions`).
REVISION_COLUMNS = [
    *KEY,
    "old_value",
    "new_value",
    "cause",
    "records_added",
    "records_retired",
    "changed_records",
]
#: The run that published the earlier vintage: a last column of :func:`find_revisions`'s
#: table, not written to ``revisions.csv`` or the reports (they hold no run id, so two
#: runs on the same inputs write the same files).
PREVIOUS_RUN = "previous_run"


def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    both_missing = old.isna() & new.isna()
    close = pd.Series(
        np.isclose(old.fillna(0.0), new.fillna(0.0), rtol=1e-12, atol=1e-12), index=old.index
    )
    return ~both_missing & ~(close & (old.isna() == new.isna()))


def _in_scope(record_periods: pd.Series, period: str, scope: str) -> pd.Series:
    """Records whose own period falls in the scope's window ending with ``period``."""
    if scope == "period":
        return record_periods == period
    if scope == "ytd":
        return (record_periods >= period[:4] + "Q1") & (record_periods <= period)
    return record_periods <= period


def _causes(
    current: Records, sources: Sequence[str], period: str, scope: str, run_period: str
) -> str:
    dated: list[str] = []
    resubmitted: list[str] = []
    for dataset in sources:
        frame = current.get(dataset)
        if frame is None or frame.empty:
            continue
        late = frame[_in_scope(frame["record_period"], period, scope)]
        late = late[late["record_period"] < late["submission_period"]]
        counts = late.groupby(["file", "record_period"]).size().reset_index(name="count")
        for file, dated_in, count in counts.itertuples(index=False):
            dated.append(f"{file}: {count} {dataset} record(s) dated {dated_in}")
        if period == run_period:
            resubmitted.extend(sorted(set(frame["file"])))
    if dated:
        return "; ".join(dated)
    if resubmitted:
        return "resubmission: " + "; ".join(dict.fromkeys(resubmitted))
    return "recomputed from the store (no new records for this period in this run)"


def find_revisions(
    values: pd.DataFrame,
    published: pd.DataFrame,
    current: Records,
    sources: Mapping[str, Sequence[str]],
    run_period: str,
) -> pd.DataFrame:
    """Every value of an already published period that changed, with its cause."""
    if published.empty:
        return pd.DataFrame(columns=[*REVISION_COLUMNS, PREVIOUS_RUN])
    published = published.assign(previous_run=published.get("run_id", ""))
    old = keyed(published)[[*KEY, "value", "previous_run"]].rename(columns={"value": "old_value"})
    new = keyed(values)
    new = new[new["period"].isin(set(old["period"]))][[*KEY, "value"]]
    merged = old.merge(new.rename(columns={"value": "new_value"}), on=KEY, how="outer")
    merged = merged[merged["period"].isin(set(new["period"]))]
    changed = merged[_differs(merged["old_value"], merged["new_value"])].copy()
    changed["cause"] = [
        _causes(current, sources.get(indicator, ()), period, scope, run_period)
        for indicator, period, scope in zip(
            changed["indicator"], changed["period"], changed["scope"], strict=True
        )
    ]
    changed[PREVIOUS_RUN] = changed[PREVIOUS_RUN].fillna("").astype(str)
    changed = changed.reindex(columns=[*REVISION_COLUMNS, PREVIOUS_RUN])
    return changed.sort_values(KEY).reset_index(drop=True)
