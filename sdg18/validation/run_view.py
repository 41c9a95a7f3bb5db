"""This run's sheets beside the store's history: what levels 2 and 3 look at.

The view answers the questions the cross checks ask — which sheets this run
uses, which records stand as of the period once this run's submissions have
replaced the earlier ones, and where a finding goes. Only sheets still in use
are looked at: a sheet superseded by a later file, or rejected whole at level 0,
replaces nothing and is checked no further. History is read as of the period:
records of later periods (a re-run of an old quarter) are left out, so a re-run
finds what the first run found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from schemas import dataset_metadata
from sdg18.core.findings import Finding, Source, make_finding
from sdg18.core.periods import Period
from sdg18.core.records import ORIGIN_COLUMNS, Records, empty_records
from sdg18.validation.accepted import accepted_frame
from sdg18.validation.records import ValidatedTable
from sdg18.validation.values import cell_text


def in_use(tables: Iterable[ValidatedTable]) -> list[ValidatedTable]:
    """The sheets whose records this run may accept: not superseded, not rejected whole."""
    return [t for t in tables if not t.superseded_by and not t.table.rejected_by]


def amount_text(value: float) -> str:
    """A figure as an agency reads it: thousands separated, at most two decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@dataclass
class RunView:
    """This run's sheets in use, the store's earlier records, and the findings made."""

    tables: list[ValidatedTable]
    history: Records
    period: Period
    #: Findings recorded on a sheet of this run (already in that sheet's findings).
    recorded: list[Finding] = field(default_factory=list)
    #: Findings about records that are all in the store (no sheet of this run to carry them).
    unattached: list[Finding] = field(default_factory=list)

    @classmethod
    def of(cls, tables: Iterable[ValidatedTable], history: Records, period: Period) -> RunView:
        """The view of a run: its sheets in use and history as of ``period``."""
        return cls(in_use(tables), history, period)

    def submitted(self, dataset: str, agency: str | None = None) -> list[ValidatedTable]:
        """This run's sheets in use of ``dataset`` (from ``agency``, when given)."""
        return [
            t
            for t in self.tables
            if t.table.dataset == dataset and agency in (None, t.table.source.agency)
        ]

    def stored(self, dataset: str) -> pd.DataFrame:
        """The store's records of ``dataset`` up to the period, as they were before this run."""
        frame = self.history.get(dataset)
        if frame is None or frame.empty:
            return empty_records(dataset)
        return frame[frame["submission_period"] <= str(self.period)]

    def earlier(self, dataset: str) -> pd.DataFrame:
        """Stored records that still stand after this run: those of the period from an
        agency that resubmits the dataset now are about to be replaced and are left out."""
        frame = self.stored(dataset)
        resubmitting = {t.table.source.agency for t in self.submitted(dataset)}
        replaced = frame["agency"].isin(resubmitting) & (
            frame["submission_period"] == str(self.period)
        )
        return frame[~replaced]

    def current(self, dataset: str) -> pd.DataFrame:
        """This run's accepted records of ``dataset`` with their origin, as they stand now."""
        frames = [accepted_frame(t, self.period) for t in self.submitted(dataset)]
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else empty_records(dataset)

    def in_force(self, dataset: str, columns: Iterable[str]) -> pd.DataFrame:
        """``columns`` and the origin of every record standing as of the period: the
        earlier ones still in force, then this run's accepted ones."""
        wanted = list(dict.fromkeys([*columns, *ORIGIN_COLUMNS]))
        frames = [self.earlier(dataset)[wanted], self.current(dataset)[wanted]]
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=wanted)

    def add(
        self, finding: Finding, table: ValidatedTable | None, columns: Iterable[str] = ()
    ) -> None:
        """Keep a finding: on ``table`` (an error on a row rejects it), else unattached."""
        if table is None:
            self.unattached.append(finding)
            return
        table.record(finding, columns)
        self.recorded.append(finding)

    def at_row(
        self,
        rule: str,
        table: ValidatedTable,
        row: int,
        column: str,
        cells: Iterable[str] = (),
        **context: Any,
    ) -> None:
        """Record a finding of ``rule`` on one row of ``table``, located at ``column``'s cell
        and quoting it as the agency typed it; ``cells`` are highlighted with it."""
        keys = table.typed[_key_column(table)]
        key = "" if keys.isna()[row] else str(keys[row])
        finding = make_finding(
            rule,
            table.table.source,
            row=row,
            column=column,
            cell=table.table.cell(row, column),
            value=cell_text(table.table.raw.at[row, column]),
            record_key=key,
            period=str(self.period),
            **context,
        )
        self.add(finding, table, tuple(cells) or (column,))

    def on_sheet(
        self,
        rule: str,
        table: ValidatedTable | None,
        source: Source | None = None,
        **context: Any,
    ) -> None:
        """Record a finding of ``rule`` about a whole sheet (no row): on ``table``, or
        unattached and located at ``source`` when the records are all in the store."""
        where = table.table.source if table is not None else source
        if where is None:
            raise ValueError("a finding needs a table or a source")
        self.add(make_finding(rule, where, period=str(self.period), **context), table)


def _key_column(table: ValidatedTable) -> str:
    return str(dataset_metadata(table.table.dataset)["key"])
