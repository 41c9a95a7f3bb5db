"""What changed between two vintages of a value: the records one counts and the other not.

A value's vintage is the value as one run published it, computed from the records
that run used. Two vintages of the same value differ by the records *added* (they
make the later value, not the earlier: a late report, a resubmission's rows) and
the records *retired* (they made the earlier value, not the later: the rows a
resubmission replaced). A record is named by its origin — file, SHA-256, sheet
and row — which stays the same in every vintage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from sdg18.core.indicator_layout import VALUE_KEY
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.compute import TRACE_COLUMN, compute_traced
from sdg18.indicators.lineage import Trace, leaves
from sdg18.indicators.metadata import Framework, load_framework
from sdg18.indicators.revisions import PREVIOUS_RUN
from sdg18.store import Store

#: Records named one by one in ``revisions.csv`` (and the PDF); ``sdg18 trace --compare``
#: lists them all.
NAMED = 10
_ORIGIN = ["file", "file_sha256", "sheet", "row"]


@dataclass(frozen=True)
class Change:
    """The records added and retired between two vintages of one value (trace rows)."""

    added: pd.DataFrame
    retired: pd.DataFrame


def counted_records(trace: Trace | None, records: Records) -> pd.DataFrame:
    """The records that make a value (``not_counted`` copies left out): dataset, then the
    origin with the file relative to the inbox, one row per record."""
    frames = [pd.DataFrame(columns=["dataset", *_ORIGIN])]
    for leaf, _ in leaves(trace) if trace is not None else []:
        for part in leaf.parts:
            if part.role == "not_counted":
                continue
            chosen = records[part.dataset].loc[part.positions]
            origin = chosen[_ORIGIN].copy()
            origin["file"] = chosen["submission_period"].astype(str) + "/" + chosen["file"]
            origin.insert(0, "dataset", part.dataset)
            frames.append(origin)
    found = pd.concat(frames, ignore_index=True).astype({"row": "int64"})
    return found.drop_duplicates(ignore_index=True)


def change(
    before: Trace | None, records_before: Records, after: Trace | None, records_after: Records
) -> Change:
    """The records ``after`` counts and ``before`` does not (added), and the reverse."""
    return record_change(
        counted_records(before, records_before), counted_records(after, records_after)
    )


def record_change(old: pd.DataFrame, new: pd.DataFrame) -> Change:
    """The rows of ``new`` that ``old`` has not (added), and the reverse (retired); a record
    is known by its dataset, file SHA-256, sheet and row, its origin in every vintage."""
    key = ["dataset", "file_sha256", "sheet", "row"]
    both = old[key].merge(new[key], on=key, how="outer", indicator=True)
    added = new.merge(both[both["_merge"] == "right_only"][key], on=key)
    retired = old.merge(both[both["_merge"] == "left_only"][key], on=key)
    return Change(added.reset_index(drop=True), retired.reset_index(drop=True))


def named(frame: pd.DataFrame, limit: int = NAMED) -> str:
    """``file row N`` of the first ``limit`` records, and how many more."""
    names = [f"{file} row {row}" for file, row in zip(frame["file"], frame["row"], strict=True)]
    text = "; ".join(names[:limit])
    if len(names) > limit:
        text += f"; … and {len(names) - limit} more"
    return text


def change_text(found: Change) -> str:
    """The change as the revisions file and the PDF name it."""
    parts = []
    if len(found.added):
        parts.append("added: " + named(found.added))
    if len(found.retired):
        parts.append("retired: " + named(found.retired))
    return " | ".join(parts) or "no record changed (recomputed from the same records)"


def _traced(
    records: Records, period: str, indicators: Iterable[str], framework: Framework
) -> dict[tuple[str, ...], Trace | None]:
    """Each value's trace, by key, of ``indicators`` for ``period`` from ``records``."""
    wanted = set(indicators)
    chosen = replace(framework, indicators=tuple(m for m in framework.indicators if m.id in wanted))
    values = compute_traced(records, [Period.parse(period)], chosen)
    keys = zip(*(values[c].astype(str) for c in VALUE_KEY), strict=True)
    return dict(zip(keys, values[TRACE_COLUMN], strict=True))


def explain_revisions(
    revisions: pd.DataFrame, records_now: Records, store: Store, history: Records
) -> pd.DataFrame:
    """``revisions`` with, for each revised value, the records added and retired since the
    vintage its ``previous_run`` published (that vintage's records are ``history`` when
    that run is the store's last, else read from the store): counts and names."""
    if revisions.empty:
        return revisions
    framework = load_framework()
    last_run = store.last_run_id()
    explained = revisions.copy()
    explained["records_added"] = explained["records_retired"] = 0
    explained["changed_records"] = ""
    for (run_id, period), rows in explained.groupby([PREVIOUS_RUN, "period"], sort=False):
        before = history if run_id == last_run else store.records_of_run(str(run_id))
        indicators = set(rows["indicator"])
        old = _traced(before, str(period), indicators, framework)
        new = _traced(records_now, str(period), indicators, framework)
        for index, row in rows.iterrows():
            key = tuple(str(row[c]) for c in VALUE_KEY)
            found = change(old.get(key), before, new.get(key), records_now)
            explained.loc[index, "records_added"] = len(found.added)
            explained.loc[index, "records_retired"] = len(found.retired)
            explained.loc[index, "changed_records"] = change_text(found)
    return explained
