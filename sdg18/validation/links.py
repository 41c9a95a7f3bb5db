"""Level 3: across sources.

A record that names a record of another dataset must find it (a hazard area in
the inventory, a release task, an injured casualty); ANAMA's and MOH's casualty
counts mirror each other per district and outcome; and a funding entry that
ANAMA and MOF both report has one amount.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas.rules import REFERENCES, known_rule
from sdg18.core.findings import Source
from sdg18.validation.records import ValidatedTable
from sdg18.validation.run_view import RunView, amount_text

#: The two casualty sources compared by the mirror check: the official register first.
MIRROR = ("ANAMA", "MOH")
#: Funding amounts closer than this (half a qəpik) are the same amount.
SAME_AMOUNT_AZN = 0.005
RECONCILIATION_COLUMNS = ("district", "outcome", "anama", "moh", "difference")

#: The level-3 rules found here (checked against the catalogue at import).
UNKNOWN_REFERENCE = {(d, c): known_rule(3, d, "unknown", c) for d, c in REFERENCES}
CONFLICTING_AMOUNTS = known_rule(3, "funding", "conflicting_amounts", "entry_id")
REPORTED_TWICE = known_rule(3, "funding", "reported_twice", "entry_id")
MIRROR_SOURCE_MISSING = known_rule(3, "casualties", "mirror_source_missing")
MIRROR_MISMATCH = known_rule(3, "casualties", "mirror_mismatch")


def hazard_inventory(view: RunView) -> pd.Series | None:
    """hazard_id of the latest hazard_areas snapshot up to the period (any status);
    None when no snapshot was ever accepted, so there is nothing to check against."""
    hazards = view.in_force("hazard_areas", ["hazard_id"])
    if hazards.empty:
        return None
    latest = hazards["submission_period"].max()
    return hazards.loc[hazards["submission_period"] == latest, "hazard_id"]


def release_tasks(view: RunView) -> pd.Series:
    """task_id of every land release task accepted up to the period, this run included."""
    return view.in_force("land_release", ["task_id"])["task_id"]


def survivors(view: RunView) -> pd.Series:
    """casualty_id of every injured person in ANAMA's register up to the period."""
    casualties = view.in_force("casualties", ["casualty_id", "outcome"])
    injured = (casualties["agency"] == MIRROR[0]) & (casualties["outcome"] == "injured")
    return casualties.loc[injured, "casualty_id"]


#: Where each reference of :data:`schemas.rules.REFERENCES` is looked up.
KNOWN: dict[tuple[str, str], Callable[[RunView], pd.Series | None]] = {
    ("land_release", "hazard_id"): hazard_inventory,
    ("eo_items", "task_id"): release_tasks,
    ("victim_assistance", "survivor_id"): survivors,
}


def among(values: pd.Series, known: pd.Series) -> np.ndarray:
    """Which of ``values`` are among ``known`` (a blank is not), as a boolean array: one
    hash lookup per value in Arrow (pandas' ``isin`` on text makes a Python object of
    every known value first, seconds for 200,000 task ids)."""
    found = pa.array(values, from_pandas=True)
    keys = pa.array(known, from_pandas=True)
    if isinstance(keys, pa.ChunkedArray):
        keys = keys.combine_chunks()
    if not pa.types.is_large_string(found.type) or not pa.types.is_large_string(keys.type):
        return values.isin(known).to_numpy(dtype=bool)  # not both text: pandas decides
    return pc.is_in(found, value_set=keys, skip_nulls=True).to_numpy(zero_copy_only=False)


def unknown_references(view: RunView) -> None:
    """A warning on every accepted row whose reference names no known record."""
    for dataset, column in REFERENCES:
        known = KNOWN[(dataset, column)](view)
        if known is None:
            continue
        rule = UNKNOWN_REFERENCE[(dataset, column)]
        for table in view.submitted(dataset):
            values = table.accepted[column]
            for row in values.index[values.notna().to_numpy() & ~among(values, known)]:
                view.at_row(rule, table, int(row), column)


def conflicting_funding(view: RunView) -> None:
    """Entries that ANAMA and MOF both report for the period: with different amounts,
    an error rejecting this run's row(s); with one amount, a note on the second source's
    row (MOF's when it is in this run). Each finding names the other file and row."""
    period = str(view.period)
    tables = {(t.table.source.file, t.table.source.sheet): t for t in view.submitted("funding")}
    stored = view.earlier("funding")
    columns = ["entry_id", "amount_azn", "agency", "record_period", "file", "sheet", "row"]
    entries = pd.concat(
        [
            view.current("funding")[columns].assign(in_run=True),
            stored.loc[stored["submission_period"] == period, columns].assign(in_run=False),
        ],
        ignore_index=True,
    )
    anama, mof = (entries[entries["agency"] == agency] for agency in ("ANAMA", "MOF"))
    pairs = anama.merge(mof, on=["entry_id", "record_period"], suffixes=("_ANAMA", "_MOF"))
    pairs = pairs[pairs["in_run_ANAMA"] | pairs["in_run_MOF"]]
    gap = (pairs["amount_azn_ANAMA"] - pairs["amount_azn_MOF"]).abs()
    for pair in pairs.assign(conflict=gap >= SAME_AMOUNT_AZN).to_dict("records"):
        conflict = bool(pair["conflict"])
        sides = [s for s in ("MOF", "ANAMA") if pair[f"in_run_{s}"]]
        for side in sides if conflict else sides[:1]:
            other = "ANAMA" if side == "MOF" else "MOF"
            view.at_row(
                CONFLICTING_AMOUNTS if conflict else REPORTED_TWICE,
                tables[(pair[f"file_{side}"], pair[f"sheet_{side}"])],
                int(pair[f"row_{side}"]),
                "entry_id",
                cells=("entry_id", "amount_azn"),
                amount=amount_text(pair[f"amount_azn_{side}"]),
                other_amount=amount_text(pair[f"amount_azn_{other}"]),
                other=pair[f"file_{other}"],
                other_row=int(pair[f"row_{other}"]),
                other_agency=other,
            )


def reconciliation(view: RunView) -> pd.DataFrame:
    """ANAMA's and MOH's casualty counts for the period per district and outcome
    (every pair either source has), and ANAMA's minus MOH's."""
    casualties = view.in_force("casualties", ["district", "outcome"])
    casualties = casualties[
        (casualties["record_period"] == str(view.period)) & casualties["agency"].isin(MIRROR)
    ]
    if casualties.empty:
        dtypes = dict.fromkeys(RECONCILIATION_COLUMNS, "int64") | {
            "district": "str",
            "outcome": "str",
        }
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
    counts = (
        casualties.groupby(["district", "outcome", "agency"])
        .size()
        .unstack("agency", fill_value=0)
        .reindex(columns=list(MIRROR), fill_value=0)
        .astype("int64")
    )
    frame = pd.DataFrame(
        {
            "anama": counts[MIRROR[0]],
            "moh": counts[MIRROR[1]],
            "difference": counts[MIRROR[0]] - counts[MIRROR[1]],
        }
    )
    return frame.reset_index().sort_values(["district", "outcome"], ignore_index=True)


def _sender(view: RunView, agency: str) -> tuple[ValidatedTable | None, Source | None]:
    """Where an agency's casualties of the period are: its sheet of this run, else the
    stored submission's origin; (None, None) when it sent none."""
    tables = view.submitted("casualties", agency)
    if tables:
        return tables[0], None
    stored = view.earlier("casualties")
    sent = stored[(stored["agency"] == agency) & (stored["submission_period"] == str(view.period))]
    if sent.empty:
        return None, None
    first = sent.iloc[0]
    return None, Source(first["file"], first["file_sha256"], agency, first["sheet"], "casualties")


def casualty_mirror(view: RunView) -> pd.DataFrame:
    """The reconciliation table, with a warning per district and outcome where the
    counts differ (on ANAMA's sheet when it is in this run), or one warning naming the
    source that sent nothing for the period."""
    table = reconciliation(view)
    senders = {agency: _sender(view, agency) for agency in MIRROR}
    present = [a for a, (sheet, source) in senders.items() if sheet or source]
    if not present:
        return table
    in_run = [a for a in present if senders[a][0] is not None]
    sheet, source = senders[(in_run or present)[0]]
    if len(present) == 1:
        missing = next(a for a in MIRROR if a not in present)
        rule = MIRROR_SOURCE_MISSING
        view.on_sheet(rule, sheet, source, value=missing)
        return table
    rule = MIRROR_MISMATCH
    for pair in table[table["difference"] != 0].to_dict("records"):
        value = f"{pair['district']} {pair['outcome']}: ANAMA {pair['anama']}, MOH {pair['moh']}"
        view.on_sheet(rule, sheet, source, value=value)
    return table
