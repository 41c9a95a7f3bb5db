"""The contract's value rules: cells as read → typed columns, and what broke a rule.

Each parser takes a column of raw cells (as calamine or the CSV reader gave
them) and returns the typed column plus a mask of cells whose *form* breaks the
contract (a date in no accepted form, a number with a decimal comma…). Nothing
is guessed: such a cell becomes blank in the typed column and gets a finding.
All parsers work on whole columns and look at each distinct text once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from schemas.columns import ColumnSpec
from sdg18.ingest.names import match_district

ISO_DATE = r"\d{4}-\d{2}-\d{2}"
DOTTED_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
PLAIN_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"

#: (typed column, mask of cells that broke the named form rule)
Parsed = tuple[pd.Series, dict[str, pd.Series]]


def _kinds(raw: pd.Series) -> pd.Series:
    return raw.map(type)


def _blank(raw: pd.Series, kinds: pd.Series) -> pd.Series:
    blank = raw.isna()
    texts = kinds.isin([str])
    if texts.any():
        blank[texts] = raw[texts].str.strip().eq("").to_numpy()
    return blank


def as_text(raw: pd.Series) -> pd.Series:
    """Every cell as the text an agency would see (blank cells as "")."""
    text = pd.Series("", index=raw.index, dtype="str")
    present = raw.notna()
    if present.any():
        text[present] = raw[present].map(_cell_text)
    return text


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_text(raw: pd.Series) -> Parsed:
    """Trimmed text; numbers written as their plain form (``17.0`` → ``17``)."""
    kinds = _kinds(raw)
    blank = _blank(raw, kinds)
    typed = as_text(raw).str.strip().astype("str").where(~blank)
    return typed, {}


def parse_code(codes: tuple[str, ...]) -> Callable[[pd.Series], Parsed]:
    """Codes matched case-insensitively after trimming; unknown text is kept as is."""
    canonical = {code.casefold(): code for code in codes}

    def parse(raw: pd.Series) -> Parsed:
        text, _ = parse_text(raw)
        distinct = text.dropna().unique()
        mapping = {value: canonical.get(value.casefold(), value) for value in distinct}
        return text.map(mapping).astype("str").where(text.notna()), {}

    return parse


def parse_district(raw: pd.Series) -> Parsed:
    """District names, aliases or codes → ISO code; an unknown name is kept as is."""
    text, _ = parse_text(raw)
    distinct = text.dropna().unique()
    mapping = {value: match_district(value) or value for value in distinct}
    return text.map(mapping).astype("str").where(text.notna()), {}


def parse_number(raw: pd.Series) -> Parsed:
    """Numeric cells and plain number text → float; other text → blank + ``number_format``."""
    kinds = _kinds(raw)
    blank = _blank(raw, kinds)
    numeric = kinds.isin([float, int])
    typed = pd.Series(np.nan, index=raw.index, dtype="float64")
    typed[numeric] = raw[numeric].astype("float64")
    texts = kinds.isin([str]) & ~blank
    if texts.any():
        stripped = raw[texts].str.strip()
        plain = stripped.str.fullmatch(PLAIN_NUMBER)
        typed[plain[plain].index] = stripped[plain].astype("float64")
    bad = ~blank & typed.isna()
    return typed, {"number_format": bad}


def parse_integer(raw: pd.Series) -> Parsed:
    """Like :func:`parse_number`; a number with a fractional part → blank + ``integer``."""
    number, problems = parse_number(raw)
    fractional = number.notna() & (number % 1 != 0)
    typed = number.where(~fractional).astype("Int64")
    return typed, {**problems, "integer": fractional}


def parse_date(raw: pd.Series) -> Parsed:
    """Date cells, ``YYYY-MM-DD`` and ``DD.MM.YYYY`` text → date; else blank + ``date_format``."""
    kinds = _kinds(raw)
    blank = _blank(raw, kinds)
    typed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    cells = kinds.isin([dt.date, dt.datetime, pd.Timestamp])
    if cells.any():
        typed[cells] = pd.to_datetime(raw[cells].map(_day)).astype("datetime64[us]")
    texts = kinds.isin([str]) & ~blank
    if texts.any():
        stripped = raw[texts].str.strip()
        for pattern, form in ((ISO_DATE, "%Y-%m-%d"), (DOTTED_DATE, "%d.%m.%Y")):
            matching = stripped[stripped.str.fullmatch(pattern)]
            if len(matching):
                parsed = pd.to_datetime(matching, format=form, errors="coerce")
                typed[matching.index] = parsed.astype("datetime64[us]")
    bad = ~blank & typed.isna()
    return typed, {"date_format": bad}


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def parser_for(spec: ColumnSpec) -> Callable[[pd.Series], Parsed]:
    """The parser of a column's kind."""
    parsers: dict[str, Callable[[pd.Series], Parsed]] = {
        "id": parse_text,
        "text": parse_text,
        "district": parse_district,
        "code": parse_code(spec.codes),
        "date": parse_date,
        "number": parse_number,
        "integer": parse_integer,
    }
    return parsers[spec.kind]
