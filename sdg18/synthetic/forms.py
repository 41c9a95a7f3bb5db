"""How clean values are written: headers, sheet names, districts, dates, numbers, codes.

The forms vary the way agencies' files do, but every form is one the contract
accepts, so a clean cell never gives a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from schemas import column_specs
from schemas.columns import ColumnSpec
from sdg18.ingest.names import fold
from sdg18.synthetic.geography import district_spellings
from sdg18.synthetic.tables import Table, Value

#: Agencies whose sheets carry Azerbaijani headers where the contract has them.
AZERBAIJANI_HEADERS = frozenset({"MOH", "MLSPP", "SCRIDP"})
_ASCII_AZERBAIJANI = frozenset(
    {"rayon", "rayonu", "sinif", "metod", "say", "miqdar", "cins", "kateqoriya", "tarix", "valyuta"}
)

Overrides = dict[tuple[int, str], Value]


@dataclass(frozen=True)
class RenderedSheet:
    """A dataset sheet as written: its header and rows, and the column of each position."""

    name: str
    columns: tuple[str, ...]
    header: tuple[str, ...]
    rows: list[list[Value]]


def sheet_name(rng: np.random.Generator, dataset: str) -> str:
    """A sheet name that normalises to ``dataset`` (case, spaces and hyphens vary)."""
    words = dataset.split("_")
    forms = (
        dataset,
        " ".join(w.capitalize() for w in words),
        "-".join(words).upper() if len(dataset) < 10 else dataset.title(),
        words[0].upper() + "-" + "-".join(words[1:]) if len(words) > 1 else dataset.upper(),
    )
    return forms[int(rng.integers(0, len(forms)))]


def _styled(rng: np.random.Generator, name: str) -> str:
    """``name`` in one of the spellings header matching accepts."""
    words = name.split("_")
    titled = " ".join("ID" if w == "id" else w.capitalize() for w in words)
    forms = (name, name.upper(), " ".join(words).capitalize(), titled, "-".join(words))
    return forms[int(rng.integers(0, len(forms)))]


def is_azerbaijani(alias: str) -> bool:
    """True for an alias in Azerbaijani (rather than an English synonym)."""
    return not alias.isascii() or alias in _ASCII_AZERBAIJANI


def _unambiguous(dataset: str, column: str, alias: str) -> bool:
    """True when ``alias`` designates ``column`` and no other column of ``dataset``."""
    for other, spec in column_specs(dataset).items():
        if other != column and fold(alias) in {fold(other), *(fold(a) for a in spec.aliases)}:
            return False
    return True


def header_for(rng: np.random.Generator, dataset: str, column: str, azerbaijani: bool) -> str:
    """A header that resolves to ``column``: its name or an alias, in a varied style."""
    aliases = [a for a in column_specs(dataset)[column].aliases if _unambiguous(dataset, column, a)]
    local = [a for a in aliases if is_azerbaijani(a)]
    english = [a for a in aliases if not is_azerbaijani(a)]
    if azerbaijani and local:
        name = local[int(rng.integers(0, len(local)))]
    elif english and rng.random() < 0.3:
        name = english[int(rng.integers(0, len(english)))]
    else:
        name = column
    return _styled(rng, name)


def _code_form(value: str, draw: float, side: float) -> str:
    if draw < 0.80:
        return value
    if draw < 0.88:
        return value.upper() if value.islower() else value.lower()
    if draw < 0.94:
        return value.title()
    return f" {value}" if side < 0.5 else f"{value} "


def number_text(value: float | int) -> str:
    """A plain number as text: ``1234.5``, ``12`` (no separators, no exponent)."""
    if isinstance(value, int):
        return str(value)
    return str(int(value)) if value.is_integer() else repr(value)


def date_text(day: dt.date, draw: float, csv: bool) -> Value:
    """A day as an Excel date cell, ISO text or DD.MM.YYYY text (text only in CSV)."""
    if not csv and draw < 0.7:
        return day
    if draw < (0.85 if not csv else 0.6):
        return day.isoformat()
    return day.strftime("%d.%m.%Y")


def render_value(spec: ColumnSpec, value: Value, draws: Sequence[float], csv: bool) -> Value:
    """One clean value in the written form ``draws`` select; blank stays blank."""
    if value is None:
        return "" if csv else None
    kind = spec.kind
    if kind == "district":
        forms = district_spellings()[str(value)]
        return forms[int(draws[1] * len(forms))]
    if kind == "code":
        return _code_form(str(value), draws[0], draws[1])
    if kind == "date" and isinstance(value, dt.date):
        return date_text(value, draws[0], csv)
    if kind in ("number", "integer") and isinstance(value, int | float):
        return number_text(value) if csv or draws[0] >= 0.9 else value
    return str(value)


def render_table(
    rng: np.random.Generator,
    table: Table,
    *,
    csv: bool,
    overrides: Overrides,
    shuffle_columns: bool = False,
) -> RenderedSheet:
    """The table as a sheet: varied headers and forms, ``overrides`` written as given."""
    specs = column_specs(table.dataset)
    columns = list(specs)
    if shuffle_columns:
        columns = [columns[i] for i in rng.permutation(len(columns))]
    azerbaijani = table.agency in AZERBAIJANI_HEADERS
    header = tuple(header_for(rng, table.dataset, c, azerbaijani) for c in columns)
    n = len(table.records)
    draws = {c: rng.random((n, 3)).tolist() for c in columns}
    rows: list[list[Value]] = []
    for i, record in enumerate(table.records):
        row: list[Value] = []
        for column in columns:
            if (i, column) in overrides:
                row.append(overrides[(i, column)])
            else:
                row.append(render_value(specs[column], record[column], draws[column][i], csv))
        rows.append(row)
    return RenderedSheet(sheet_name(rng, table.dataset), tuple(columns), header, rows)
