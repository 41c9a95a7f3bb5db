"""The in-memory form of a synthetic submission: clean records of one dataset and agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: A cell value before it is written: text, number, date or blank.
Value = str | int | float | dt.date | None
Record = dict[str, Value]


@dataclass
class Table:
    """Records of one dataset from one agency, in the order they are written.

    ``protected`` holds the row indexes that other datasets refer to (or that
    another agency reports too); no error is injected into them.
    """

    dataset: str
    agency: str
    records: list[Record]
    protected: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.records)


def as_date(value: Value) -> dt.date:
    """``value`` as a date; TypeError when the record holds something else."""
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date, found {value!r}")


def as_number(value: Value) -> float:
    """``value`` as a number; TypeError when the record holds something else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, found {value!r}")
