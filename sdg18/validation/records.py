"""Level 1: every record of a dataset sheet against the contract, in one lazy pass.

The value parsers (:mod:`sdg18.validation.values`) turn cells into typed
columns and catch values in a form the contract refuses; the dataset's pandera
model then checks the typed table lazily (every failure, not the first). Each
failure becomes a finding located at its file, sheet, row and cell. A record
with any error finding is rejected; warnings are listed and the record kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from schemas import DATASETS, base, column_specs, dataset_metadata
from schemas.rules import check_key, rule_id, rule_of
from sdg18.core.findings import Finding, make_finding
from sdg18.core.periods import Period
from sdg18.ingest.names import closest_district
from sdg18.ingest.tables import SheetTable
from sdg18.validation.values import cell_text, parser_for


@dataclass
class ValidatedTable:
    """A dataset sheet after level-1 validation."""

    table: SheetTable
    #: Every record, typed (blank where a value broke its form rule).
    typed: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    #: Excel row → contract columns whose cells broke an error rule.
    failing: dict[int, set[str]] = field(default_factory=dict)
    #: Excel row → rule ids of error findings that rejected it.
    rejected_by: dict[int, list[str]] = field(default_factory=dict)
    #: The file whose later submission replaced this sheet ("" when in use).
    superseded_by: str = ""

    def record(self, finding: Finding, columns: Iterable[str] = ()) -> None:
        """Add a finding on this sheet; an error on a row rejects that row.

        ``columns`` are the cells the finding concerns (highlighted for the agency).
        """
        self.findings.append(finding)
        if finding.severity == "error" and finding.row is not None:
            self.failing.setdefault(finding.row, set()).update(columns or (finding.column,))
            self.rejected_by.setdefault(finding.row, []).append(finding.rule_id)

    def all_rejected_by(self, rule: str) -> dict[int, list[str]]:
        """:attr:`rejected_by` with every record of the sheet also rejected by ``rule`` (a
        level-0 decision); the sheet itself is left as it is."""
        rejected = {row: list(rules) for row, rules in self.rejected_by.items()}
        for row in self.typed.index:
            rejected.setdefault(int(row), []).append(rule)
        return rejected

    def reject_all(self, rule: str) -> None:
        """Reject every record of the sheet by ``rule`` while the sheet is being validated."""
        self.rejected_by = self.all_rejected_by(rule)

    @property
    def rejected_rows(self) -> list[int]:
        """Rows not accepted, in sheet order."""
        return sorted(self.rejected_by)

    @property
    def accepted(self) -> pd.DataFrame:
        """Typed records that broke no error rule (none if the sheet was superseded)."""
        if self.superseded_by:
            return self.typed.iloc[0:0]
        return self.typed.drop(index=self.rejected_rows)


class _Collector:
    def __init__(self, table: SheetTable, typed: pd.DataFrame, period: Period | None) -> None:
        self.table = table
        self.typed = typed
        self.period = period
        self.result = ValidatedTable(table, typed, list(table.findings))
        self.key = dataset_metadata(table.dataset)["key"]
        self.located: set[tuple[int, str]] = set()

    def add(
        self,
        check: str,
        row: int,
        column: str = "",
        *,
        named: str = "",
        value: str | None = None,
        cell: str = "",
        **context: Any,
    ) -> None:
        """Record a finding of rule ``check`` (of ``column``, or of the whole record)."""
        rid = rule_id(1, self.table.dataset, check, column)
        rule = rule_of(rid)
        named = named or column or rule.cells[0]
        columns = rule.cells or (named,)
        if value is None:
            value = self.text(row, named) if not rule.cells else self._values(row, columns)
        finding = make_finding(
            rid,
            self.table.source,
            row=row,
            column=named,
            cell=cell or self.table.cell(row, named),
            value=value,
            record_key=self._key(row),
            period=str(self.period or ""),
            **context,
        )
        self.result.record(finding, columns)
        self.located.add((row, named))

    def _values(self, row: int, columns: Iterable[str]) -> str:
        return ", ".join(f"{c}={self.text(row, c)}" for c in columns)

    def text(self, row: int, column: str) -> str:
        """The cell as the agency typed it."""
        return cell_text(self.table.raw.at[row, column])

    def _key(self, row: int) -> str:
        value = self.typed[self.key][row]
        return "" if pd.isna(value) else str(value)


def _typed_table(table: SheetTable) -> tuple[pd.DataFrame, dict[str, dict[str, pd.Series]]]:
    """Typed records and form problems; records left with no value at all (white
    space only) are dropped like blank rows."""
    columns: dict[str, pd.Series] = {}
    problems: dict[str, dict[str, pd.Series]] = {}
    for name, spec in column_specs(table.dataset).items():
        columns[name], problems[name] = parser_for(spec)(table.raw[name])
    typed = pd.DataFrame(columns, index=table.raw.index)
    empty = typed.isna().all(axis=1)
    for masks in problems.values():
        for mask in masks.values():
            empty &= ~mask
    empty[[row for row, _, _ in table.bad_cells]] = False
    if empty.any():
        typed = typed.loc[~empty]
        problems = {c: {k: m.loc[~empty] for k, m in ms.items()} for c, ms in problems.items()}
    return typed, problems


def _context(check: pa.Check | None, column: str, value: str) -> dict[str, Any]:
    context: dict[str, Any] = {}
    if check is not None:
        context.update(check.statistics or {})
        if "allowed_values" in context:
            context["codes"] = ", ".join(map(str, context["allowed_values"]))
    if check is not None and check_key(check) == "known":
        context["suggestion"] = closest_district(value)
    return context


def _schema_failures(collector: _Collector, schema: pa.DataFrameSchema) -> None:
    """Findings of the pandera model: column checks first, then record checks.

    A check is not reported on a cell that already has a finding (a blank
    ``required`` cell whose value was in the wrong form, a record check over a
    cell already found wrong): one problem, one finding.
    """
    try:
        schema.validate(collector.typed, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return
    columns = cases[cases["schema_context"] != "DataFrameSchema"]
    for case in columns.itertuples(index=False):
        row, column = int(case.index), str(case.column)
        if case.check == "not_nullable":
            if (row, column) not in collector.located:
                collector.add("required", row, column)
            continue
        if pd.isna(case.check_number):
            raise RuntimeError(f"unexpected pandera failure: {case}")
        check = schema.columns[column].checks[int(case.check_number)]
        text = collector.text(row, column)
        collector.add(check_key(check), row, column, **_context(check, column, text))
    records = cases[cases["schema_context"] == "DataFrameSchema"]
    pairs = records[["check_number", "index"]].drop_duplicates()
    for number, row in pairs.itertuples(index=False):
        key = check_key(schema.checks[int(number)])
        cells = rule_of(rule_id(1, collector.table.dataset, key)).cells
        if not any((int(row), cell) in collector.located for cell in cells):
            collector.add(key, int(row))


def validate_table(table: SheetTable, period: Period | None) -> ValidatedTable:
    """Level-1 validation of one sheet; rows are rejected only by error findings."""
    typed, problems = _typed_table(table)
    collector = _Collector(table, typed, period)
    if table.rejected_by:
        collector.result.reject_all(table.rejected_by)
        return collector.result
    for row, column, bad in table.bad_cells:
        collector.add(bad.kind, row, named=column, value=bad.value, cell=bad.address)
    for column, masks in problems.items():
        for check, mask in masks.items():
            for row in mask.index[mask.to_numpy()]:
                if (int(row), column) not in collector.located:
                    collector.add(check, int(row), column)
    token = base.PERIOD.set((period.start, period.end) if period else None)
    try:
        _schema_failures(collector, DATASETS[table.dataset].to_schema())
    finally:
        base.PERIOD.reset(token)
    return collector.result
