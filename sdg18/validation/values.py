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


def _cells(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``raw``'s cells as Python objects, and the type of each (one C-level pass)."""
    values = raw.to_numpy(dtype=object)
    return values, np.fromiter(map(type, values), dtype=object, count=len(values))


def _of(types: np.ndarray, *kinds: type) -> np.ndarray:
    """Cells of exactly one of ``kinds`` (not a subclass: ``True`` is not a number)."""
    found = np.zeros(len(types), dtype=bool)
    for kind in kinds:
        found |= np.equal(types, np.array(kind, dtype=object))
    return found


def _blank(values: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Cells that hold nothing (None, NaN, NaT): ``isna`` asked only of cells not text,
    which are all but a few in a text column."""
    blank = np.zeros(len(values), dtype=bool)
    floats = _of(types, float)
    if floats.any():
        blank[floats] = np.isnan(values[floats].astype("float64"))
    others = ~floats & ~_of(types, str)
    if others.any():
        blank[others] = pd.isna(values[others])
    return blank


def _trimmed(values: np.ndarray) -> pd.Series:
    """Text cells trimmed of white space (Arrow's kernel, not a Python loop)."""
    return pd.Series(values, dtype="str").str.strip()


def _by_distinct(raw: pd.Series, parse_one: Callable[[Any], Any], dtype: str) -> pd.Series:
    """``parse_one`` applied to each distinct non-blank value, spread back over ``raw``."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    return _spread(codes, [parse_one(value) for value in uniques], dtype, raw.index)


def _spread(codes: np.ndarray, parsed: list[Any], dtype: str, index: pd.Index) -> pd.Series:
    """Values of the distinct cells (``parsed``, by code) over every cell; blank for -1."""
    column = pd.Series([*parsed, None], dtype=dtype)
    spread = column.take(np.where(codes < 0, len(parsed), codes))
    spread.index = index
    return spread


def parse_text(raw: pd.Series) -> Parsed:
    """Trimmed text; blank or white-space cells are blank; numbers in plain form (17.0 → 17)."""
    values, types = _cells(raw)
    others = ~_of(types, str)
    if others.any():
        others &= ~_blank(values, types)
        values = values.copy()
        values[others] = [cell_text(v) for v in values[others]]
    text = _trimmed(values)
    text.index = raw.index
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


def parse_number(raw: pd.Series) -> Parsed:
    """Numeric cells and plain number text → float; other text → blank + ``number_format``.

    A value beyond the largest float (a 400-digit text, a cell of 1.8e308) is not
    the cell's number, so it is refused like any other unreadable number.
    """
    values, types = _cells(raw)
    typed = np.full(len(values), np.nan)
    numeric = _of(types, float, int)
    typed[numeric] = values[numeric].astype("float64")
    blank = _blank(values, types)
    strings = _of(types, str)
    if strings.any():
        stripped = _trimmed(values[strings])
        plain = stripped.str.fullmatch(PLAIN_NUMBER).to_numpy(dtype=bool)
        at = np.flatnonzero(strings)
        typed[at[plain]] = stripped[plain].to_numpy(dtype=object).astype("float64")
        blank[at] = (stripped == "").to_numpy(dtype=bool)
    with np.errstate(invalid="ignore"):
        typed[~np.isfinite(typed)] = np.nan
    problem = ~blank & np.isnan(typed)
    return (
        pd.Series(typed, index=raw.index),
        {"number_format": pd.Series(problem, index=raw.index)},
    )


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
    number, problems = parse_number(raw)
    whole = (number % 1 == 0) & number.ge(-COUNT_LIMIT) & number.lt(COUNT_LIMIT)
    exact: dict[Any, int | None] = {}
    values, types = _cells(raw)
    texts = _of(types, str) & number.notna().to_numpy()
    if texts.any():
        stripped = _trimmed(values[texts])
        stripped.index = raw.index[texts]
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
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    typed = _spread(codes, [_date(value) for value in uniques], "datetime64[us]", raw.index)
    white = np.array([_date_blank(value) for value in uniques] + [True], dtype=bool)
    blank = white[np.where(codes < 0, len(uniques), codes)]
    return typed, {"date_format": pd.Series(~blank, index=raw.index) & typed.isna()}


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
