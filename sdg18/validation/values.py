"""The contract's value rules: cells as read → typed columns, and what broke a rule.

Each parser takes a column of raw cells (as calamine or the CSV reader gave
them) and returns the typed column plus a mask of cells whose *form* breaks the
contract (a date in no accepted form, a number with a decimal comma…). Nothing
is guessed: such a cell becomes blank in the typed column and gets a finding.
Parsers work on whole columns; where Python must look at a value (dates, codes,
districts), it looks at each distinct value once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from schemas.columns import ColumnSpec
from sdg18.ingest.names import match_district

# Digits are ASCII [0-9]: Python's \d also matches other scripts' digits ("١٢٣", "１２"),
# which Excel keeps as text and the contract does not read as numbers.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DOTTED_DATE = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}")
PLAIN_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
#: Plain number text without a fractional part (``12``, ``12.``, ``12.00``).
WHOLE_NUMBER = r"[+-]?(?:[0-9]+(?:\.0*)?|\.0+)"
#: Counts are 64-bit integers: a whole number outside [-COUNT_LIMIT, COUNT_LIMIT) is refused.
COUNT_LIMIT = 2**63
#: Whole-number text of more digits than this may not survive a float exactly.
EXACT_DIGITS = 15

#: (typed column, mask of cells that broke the named form rule)
Parsed = tuple[pd.Series, dict[str, pd.Series]]


def cell_text(value: object) -> str:
    """A cell as the text an agency would see ("" for an empty cell)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def as_text(raw: pd.Series) -> pd.Series:
    """Every cell of ``raw`` as text (blank cells as "")."""
    return pd.Series([cell_text(v) for v in raw], index=raw.index, dtype="str")


def _is_text(raw: pd.Series) -> pd.Series:
    return raw.map(type).isin([str])


def _by_distinct(raw: pd.Series, parse_one: Callable[[Any], Any], dtype: str) -> pd.Series:
    """``parse_one`` applied to each distinct non-blank value, spread back over ``raw``."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = pd.Series([parse_one(value) for value in uniques] + [None], dtype=dtype)
    spread = parsed.take(np.where(codes < 0, len(uniques), codes))
    spread.index = raw.index
    return spread


def parse_text(raw: pd.Series) -> Parsed:
    """Trimmed text; blank or white-space cells are blank; numbers in plain form (17.0 → 17)."""
    others = ~_is_text(raw) & raw.notna()
    if others.any():
        raw = raw.copy()
        raw[others] = raw[others].map(cell_text)
    text = raw.astype("str").str.strip()
    return text.where(text != ""), {}


def parse_code(codes: tuple[str, ...]) -> Callable[[pd.Series], Parsed]:
    """Codes matched case-insensitively after trimming; unknown text is kept as is."""
    canonical = {code.casefold(): code for code in codes}

    def parse(raw: pd.Series) -> Parsed:
        text, _ = parse_text(raw)
        return _by_distinct(text, lambda v: canonical.get(v.casefold(), v), "str"), {}

    return parse


def parse_district(raw: pd.Series) -> Parsed:
    """District names, aliases or codes → ISO code; an unknown name is kept as is."""
    text, _ = parse_text(raw)
    return _by_distinct(text, lambda v: match_district(v) or v, "str"), {}


def _objects(raw: pd.Series) -> pd.Series:
    """``raw`` as Python objects: a column absent from the sheet arrives as float NaN."""
    return raw if raw.dtype == object else raw.astype(object)


def parse_number(raw: pd.Series) -> Parsed:
    """Numeric cells and plain number text → float; other text → blank + ``number_format``.

    A value beyond the largest float (a 400-digit text, a cell of 1.8e308) is not
    the cell's number, so it is refused like any other unreadable number.
    """
    raw = _objects(raw)
    kinds = raw.map(type)
    typed = pd.Series(np.nan, index=raw.index, dtype="float64")
    numeric = kinds.isin([float, int])
    typed[numeric] = raw[numeric].astype("float64")
    strings = kinds.isin([str])
    stripped = raw[strings].str.strip()
    plain = stripped.str.fullmatch(PLAIN_NUMBER).astype(bool)
    typed[plain[plain].index] = stripped[plain].astype("float64")
    typed = typed.where(np.isfinite(typed))
    blank = raw.isna()
    blank[strings] = (stripped == "").to_numpy()
    return typed, {"number_format": ~blank & typed.isna()}


def _exact_whole(text: str) -> int | None:
    """The whole number that long whole-number text says, if it fits a count."""
    whole = int(Decimal(text))
    return whole if -COUNT_LIMIT <= whole < COUNT_LIMIT else None


def parse_integer(raw: pd.Series) -> Parsed:
    """Like :func:`parse_number`, for counts: a value with a fractional part, or too
    large for a 64-bit count, → blank + ``integer``.

    Text is judged as written: ``3.0000000000000001`` is not whole although its
    float is, and ``9007199254740993`` keeps its last digit although a float cannot.
    """
    raw = _objects(raw)
    number, problems = parse_number(raw)
    whole = (number % 1 == 0) & number.ge(-COUNT_LIMIT) & number.lt(COUNT_LIMIT)
    exact: dict[Any, int | None] = {}
    texts = raw.map(type).isin([str]) & number.notna()
    if texts.any():
        stripped = raw[texts].str.strip()
        whole_text = stripped.str.fullmatch(WHOLE_NUMBER).astype(bool)
        whole.loc[whole_text.index] = whole_text.to_numpy()
        long = stripped[whole_text & (stripped.str.len() > EXACT_DIGITS)]
        exact = {row: _exact_whole(str(text)) for row, text in long.items()}
        fits = pd.Series({row: value is not None for row, value in exact.items()}, dtype=bool)
        whole.loc[fits.index] = fits.to_numpy()
    typed = number.where(whole & ~number.index.isin(list(exact))).astype("Int64")
    known = pd.Series({row: v for row, v in exact.items() if v is not None}, dtype="Int64")
    if len(known):
        typed.loc[known.index] = known.to_numpy()
    return typed, {**problems, "integer": number.notna() & ~whole}


def _date(value: object) -> pd.Timestamp | None:
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value.date())
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if ISO_DATE.fullmatch(text):
            return pd.Timestamp(dt.datetime.strptime(text, "%Y-%m-%d"))
        if DOTTED_DATE.fullmatch(text):
            return pd.Timestamp(dt.datetime.strptime(text, "%d.%m.%Y"))
    except ValueError:
        return None  # 2026-02-30 and the like
    return None


def _date_blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


def parse_date(raw: pd.Series) -> Parsed:
    """Date cells, ``YYYY-MM-DD`` and ``DD.MM.YYYY`` text → date; else blank + ``date_format``."""
    typed = _by_distinct(raw, _date, "datetime64[us]")
    blank = raw.isna() | _by_distinct(raw, _date_blank, "boolean").fillna(False).astype(bool)
    return typed, {"date_format": ~blank & typed.isna()}


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
