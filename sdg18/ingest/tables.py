"""From a grid of cells to a dataset table: headers matched, rows located.

A table keeps the values exactly as read (text stays text), under the
contract's column names, indexed by the Excel row number (or CSV line) the
agency sees. Header problems become level-0 findings here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from schemas import DATASETS, column_specs
from schemas.rules import sheet_rule
from sdg18.core.findings import Finding, Source, make_finding
from sdg18.ingest.cells import BadCell, column_letters
from sdg18.ingest.names import fold

#: The level-0 sheet rules found here; ``.of(dataset)`` names one dataset's rule.
UNKNOWN_COLUMN = sheet_rule("unknown_column")
DUPLICATE_COLUMN = sheet_rule("duplicate_column")
MISSING_COLUMN = sheet_rule("missing_column")


@dataclass
class SheetTable:
    """One dataset sheet of one file, as read."""

    source: Source
    #: Contract columns (all of them; absent optional ones are blank), values as read.
    raw: pd.DataFrame
    #: Contract column → the spreadsheet column letters it was read from ("" for CSV).
    letters: dict[str, str]
    #: Error and uncalculated formula cells in contract columns: (row, column, cell).
    bad_cells: list[tuple[int, str, BadCell]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Rule id that rejected the whole sheet at level 0, if any.
    rejected_by: str = ""

    @property
    def dataset(self) -> str:
        """The dataset the sheet holds."""
        return self.source.dataset

    def cell(self, row: int, column: str) -> str:
        """Spreadsheet address of a value (e.g. ``F12``), or "" for CSV files."""
        letters = self.letters.get(column, "")
        return f"{letters}{row}" if letters else ""


@cache
def header_aliases(dataset: str) -> dict[str, str]:
    """Folded header or alias → contract column, for one dataset."""
    aliases: dict[str, str] = {}
    for name, spec in column_specs(dataset).items():
        for alias in (name, *spec.aliases):
            aliases.setdefault(fold(alias), name)
    return aliases


@cache
def dataset_by_sheet_name() -> dict[str, str]:
    """Folded sheet name → dataset."""
    return {fold(name): name for name in DATASETS}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_values(column: pd.Series) -> bool:
    return bool((column.notna() & column.ne("")).any())


def _match_headers(
    header: Sequence[Any], dataset: str, source: Source, header_row: int, frame: pd.DataFrame
) -> tuple[dict[int, str], list[Finding]]:
    aliases = header_aliases(dataset)
    positions: dict[int, str] = {}
    findings: list[Finding] = []
    for index, title in enumerate(header):
        letters = column_letters(index)
        if _is_blank(title):
            if index in frame.columns and _has_values(frame[index]):
                findings.append(
                    make_finding(
                        UNKNOWN_COLUMN.of(dataset),
                        source,
                        row=header_row,
                        cell=f"{letters}{header_row}",
                        value="(blank header)",
                    )
                )
            continue
        column = aliases.get(fold(str(title)))
        if column is None:
            findings.append(
                make_finding(
                    UNKNOWN_COLUMN.of(dataset),
                    source,
                    row=header_row,
                    column=str(title).strip(),
                    cell=f"{letters}{header_row}",
                    value=str(title).strip(),
                )
            )
        elif column in positions.values():
            findings.append(
                make_finding(
                    DUPLICATE_COLUMN.of(dataset),
                    source,
                    row=header_row,
                    column=column,
                    cell=f"{letters}{header_row}",
                    value=str(title).strip(),
                )
            )
        else:
            positions[index] = column
    return positions, findings


def build_table(
    grid: list[list[Any]],
    source: Source,
    *,
    first_row: int = 1,
    letters: bool = True,
    bad_cells: Sequence[BadCell] = (),
) -> SheetTable:
    """The dataset table of a grid whose first non-blank row is the header.

    ``first_row`` is the row number of ``grid[0]``. Blank rows stay in the table
    (the validator drops records without any value); a missing required column
    rejects the whole sheet with a level-0 finding.
    """
    dataset = source.dataset
    specs = column_specs(dataset)
    start = next((i for i, row in enumerate(grid) if not all(map(_is_blank, row))), len(grid))
    header_row = first_row + start
    header = grid[start] if start < len(grid) else []
    data = grid[start + 1 :]
    frame = pd.DataFrame(data, dtype=object) if data else pd.DataFrame(dtype=object)
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
    positions, findings = _match_headers(header, dataset, source, header_row, frame)
    frame = frame[list(positions)].rename(columns=positions).reindex(columns=list(specs))
    located = {name: column_letters(i) if letters else "" for i, name in positions.items()}
    table = SheetTable(source, frame, located, findings=findings)
    for name, spec in specs.items():
        if spec.required and name not in positions.values():
            missing = MISSING_COLUMN.of(dataset)
            table.findings.append(make_finding(missing, source, row=header_row, column=name))
            table.rejected_by = table.rejected_by or missing
    by_index = dict(positions)
    for bad in bad_cells:
        column = by_index.get(bad.column)
        if column is not None and bad.row > header_row:
            table.bad_cells.append((bad.row, column, bad))
    return table
