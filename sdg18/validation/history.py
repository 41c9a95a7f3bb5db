"""Level 2: one source over time.

Each check compares a sheet of this run with what the same agency sent in
earlier periods, as kept in the store: a land release task accepted before
must not come back; a figure far above the source's recent quarters is worth a
second look; and a resubmission says which earlier records it replaces.
"""

from __future__ import annotations

import pandas as pd

from schemas.rules import (
    HISTORY_FACTOR,
    HISTORY_FIGURES,
    HISTORY_MIN_QUARTERS,
    HISTORY_WINDOW,
    known_rule,
    sheet_rule,
)
from sdg18.core.periods import Period
from sdg18.validation.links import among
from sdg18.validation.run_view import RunView, amount_text

#: The level-2 rules found here (checked against the catalogue at import).
REUSED_TASK_ID = known_rule(2, "land_release", "reused_across_periods", "task_id")
FAR_FROM_HISTORY = {
    dataset: known_rule(2, dataset, "far_from_history") for dataset in HISTORY_FIGURES
}
REPLACES_SUBMISSION = sheet_rule("replaces_submission", level=2)


def reused_task_ids(view: RunView) -> None:
    """Reject every land release row whose task_id the store holds from an earlier
    submission period; the finding names the period and file it came from."""
    stored = view.stored("land_release")
    earlier = stored[stored["submission_period"] < str(view.period)]
    if earlier.empty:
        return
    first = (
        earlier.sort_values(["submission_period", "file", "row"], kind="stable")
        .drop_duplicates("task_id")
        .set_index("task_id")
    )
    rule = REUSED_TASK_ID
    for table in view.submitted("land_release"):
        tasks = table.accepted["task_id"]
        reused = tasks[among(tasks, first.index.to_series())]
        for row, task in zip(reused.index.tolist(), reused.tolist(), strict=True):
            view.at_row(
                rule,
                table,
                row,
                "task_id",
                other_period=first.at[task, "submission_period"],
                other=first.at[task, "file"],
            )


def figures(frame: pd.DataFrame, dataset: str) -> pd.Series:
    """The dataset's level-2 figure of each record: the sum of its measured columns,
    or 1 when the figure is a count of records."""
    columns, _ = HISTORY_FIGURES[dataset]
    if not columns:
        return pd.Series(1.0, index=frame.index)
    return frame[list(columns)].astype("float64").sum(axis=1)


def window(period: Period) -> list[str]:
    """The quarters a period's figure is compared with, oldest first."""
    quarters = [period.previous()]
    while len(quarters) < HISTORY_WINDOW:
        quarters.append(quarters[-1].previous())
    return [str(q) for q in reversed(quarters)]


def far_from_history(view: RunView) -> None:
    """A warning on each sheet whose source's figure for the period exceeds
    ``HISTORY_FACTOR`` times the mean of its accepted quarters in the window before
    it; with fewer than ``HISTORY_MIN_QUARTERS`` such quarters nothing is compared."""
    for dataset, (columns, _) in HISTORY_FIGURES.items():
        stored = view.stored(dataset)
        for agency in dict.fromkeys(t.table.source.agency for t in view.submitted(dataset)):
            tables = view.submitted(dataset, agency)
            accepted = [t.accepted for t in tables]
            figure = float(sum(figures(frame, dataset).sum() for frame in accepted))
            past = stored[
                (stored["agency"] == agency) & stored["submission_period"].isin(window(view.period))
            ]
            by_quarter = figures(past, dataset).groupby(past["submission_period"]).sum()
            if len(by_quarter) < HISTORY_MIN_QUARTERS:
                continue
            mean = float(by_quarter.mean())
            if figure <= HISTORY_FACTOR * mean:
                continue
            rule = FAR_FROM_HISTORY[dataset]
            for table in tables:
                view.on_sheet(
                    rule,
                    table,
                    column=columns[0] if len(columns) == 1 else "",
                    value=amount_text(figure),
                    mean=amount_text(mean),
                    quarters=", ".join(sorted(by_quarter.index)),
                )


def replaced_submissions(view: RunView) -> None:
    """A note on each sheet that replaces records the store accepted for the same
    agency, dataset and period from another file, naming the files and the count."""
    period = str(view.period)
    for table in view.tables:
        source = table.table.source
        stored = view.stored(source.dataset)
        resubmitted = view.submitted(source.dataset, source.agency)
        same_files = {t.table.source.file_sha256 for t in resubmitted}
        replaced = stored[
            (stored["agency"] == source.agency)
            & (stored["submission_period"] == period)
            & ~stored["file_sha256"].isin(same_files)
        ]
        if replaced.empty:
            continue
        view.on_sheet(
            REPLACES_SUBMISSION.of(source.dataset),
            table,
            value=", ".join(sorted(replaced["file"].unique())),
            count=len(replaced),
        )
