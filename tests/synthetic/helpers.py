"""Reading synthetic files back the way an agency's reader sees them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import python_calamine

from schemas import DATASETS, column_specs
from sdg18.ingest.names import fold


def sheets_of(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook (or the one table of a CSV under the name "")."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return {"": [list(row) for row in csv.reader(handle)]}
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    grids = {
        n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names
    }
    book.close()
    return grids


def dataset_of_sheet(name: str, path: Path) -> str | None:
    """The dataset a sheet (or CSV file) holds, by the contract's naming rules."""
    if path.suffix == ".csv":
        return path.stem.split("__", 1)[1]
    folded = name.strip().lower().replace(" ", "_").replace("-", "_")
    return folded if folded in DATASETS else None


def resolve_header(dataset: str, title: str) -> list[str]:
    """Every contract column whose name or alias ``title`` folds to."""
    key = fold(title)
    return [
        column
        for column, spec in column_specs(dataset).items()
        if key in {fold(column), *(fold(a) for a in spec.aliases)}
    ]


def columns_of(dataset: str, header: list[Any]) -> list[str]:
    """The contract column of each header cell (asserting each resolves to exactly one)."""
    found = []
    for title in header:
        matches = resolve_header(dataset, str(title))
        assert len(matches) == 1, f"{dataset}: header {title!r} resolves to {matches}"
        found.append(matches[0])
    return found


def as_text(value: Any) -> str:
    """A read cell as text: dates ISO, whole floats without '.0', blanks ''."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
