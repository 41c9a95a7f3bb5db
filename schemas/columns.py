"""Column declarations: one helper per kind of contract column.

Each helper returns a pandera ``Field`` whose ``metadata["sdg18"]`` carries the
:class:`ColumnSpec` — the column's kind, description, header aliases and codes.
The reader, the template generator and the rule catalogue all read it, so a
column is described once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandera.pandas as pa

from schemas.reference import DISTRICT_CODES
from schemas.words import N_

ColumnKind = Literal["id", "text", "district", "code", "date", "number", "integer"]


@dataclass(frozen=True)
class ColumnSpec:
    """What the contract says of one column, beyond its pandera checks."""

    kind: ColumnKind
    description: str
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    required: bool = True


def _field(spec: ColumnSpec, **checks: Any) -> Any:
    return pa.Field(nullable=not spec.required, metadata={"sdg18": spec}, **checks)


def identifier(description: str, *aliases: str, required: bool = True) -> Any:
    """A text identifier: kept as text (``0001`` stays ``0001``)."""
    return _field(ColumnSpec("id", description, aliases, required=required))


def text(description: str, *aliases: str, required: bool = True) -> Any:
    """Free text, trimmed; never interpreted."""
    return _field(ColumnSpec("text", description, aliases, required=required))


def district(description: str = N_("District (name or ISO 3166-2:AZ code)")) -> Any:
    """A district, matched by name or alias and stored as its ISO code."""
    spec = ColumnSpec("district", description, ("rayon", "region", "rayonu"), DISTRICT_CODES)
    return _field(spec, isin=list(DISTRICT_CODES))


def code(codes: tuple[str, ...], description: str, *aliases: str, required: bool = True) -> Any:
    """A coded value from ``codes``, matched case-insensitively after trimming."""
    spec = ColumnSpec("code", description, aliases, codes, required)
    return _field(spec, isin=list(codes))


def date(description: str, *aliases: str, required: bool = True) -> Any:
    """A date: an Excel date cell, ``YYYY-MM-DD`` or ``DD.MM.YYYY`` text."""
    return _field(ColumnSpec("date", description, aliases, required=required))


def number(description: str, *aliases: str, required: bool = True, **checks: Any) -> Any:
    """A number: a numeric cell or plain number text (``1234.5``)."""
    return _field(ColumnSpec("number", description, aliases, required=required), **checks)


def integer(description: str, *aliases: str, required: bool = True, **checks: Any) -> Any:
    """A whole number: like :func:`number`, without a fractional part."""
    return _field(ColumnSpec("integer", description, aliases, required=required), **checks)
