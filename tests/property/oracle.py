"""What the contract reads in a cell, written apart from the parsers it judges.

Given a column's kind and a cell's value as stored in the workbook (read back
with openpyxl, a reader independent of python-calamine), :func:`reading` says
whether the contract reads a value (and which), a blank, or refuses the cell.
:func:`agrees` then says whether a typed value the pipeline accepted is that value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import pandas as pd

from schemas.columns import ColumnSpec
from schemas.reference import DISTRICTS

#: A plain decimal number in ASCII digits: what "text that is a plain number" means.
PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})", re.ASCII)
#: What the contract accepts a count as: a whole number that fits a 64-bit integer.
COUNT_LIMIT = 2**63
#: The text of a number cell in a text column: digits, point, exponent.
NUMBER_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:e[+-][0-9]+)?", re.ASCII)


@dataclass(frozen=True)
class Reading:
    """What the contract reads in one cell.

    ``value`` is the value read (None with ``blank`` or ``refused``). ``either``
    marks a cell the contract's wording leaves open: it may be read as ``value``
    or refused.
    """

    value: Any = None
    blank: bool = False
    refused: bool = False
    either: bool = False


BLANK = Reading(blank=True)
REFUSED = Reading(refused=True)


def _is_number(stored: object) -> bool:
    return isinstance(stored, int | float) and not isinstance(stored, bool)


def _fold(text: str, *, loose: bool) -> str:
    """Diacritics and Azerbaijani letters folded, case ignored; spaces and hyphens
    as one underscore, or (``loose``) dropped altogether."""
    text = text.translate(str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "İ": "i"}))
    letters = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in letters if not unicodedata.combining(ch)).strip().casefold()
    return re.sub(r"[\s\-_]+", "", plain) if loose else re.sub(r"[\s\-]+", "_", plain)


@cache
def _district_names(loose: bool) -> dict[str, str]:
    names: dict[str, str] = {}
    for district in DISTRICTS:
        for name in (district.code, district.name_az, district.name_en, *district.aliases):
            names[_fold(name, loose=loose)] = district.code
    return names


def _district(text: str) -> Reading:
    strict = _district_names(False).get(_fold(text, loose=False))
    if strict is not None:
        return Reading(strict)
    loose = _district_names(True).get(_fold(text, loose=True))
    # The contract says names match "ignoring spaces and hyphens"; the readers treat
    # them as separators. Either reading of such a name is allowed here.
    return Reading(loose, either=True) if loose is not None else REFUSED


def _code(text: str, codes: tuple[str, ...]) -> Reading:
    found = [code for code in codes if code.casefold() == text.casefold()]
    return Reading(found[0]) if found else REFUSED


#: The first day an Excel date cell can hold; openpyxl reads a negative serial in a
#: date-formatted cell as a day before it, where Excel shows "#####".
FIRST_EXCEL_DAY = dt.date(1900, 1, 1)


def _date(stored: object) -> Reading:
    if isinstance(stored, dt.date):
        day = stored.date() if isinstance(stored, dt.datetime) else stored
        return Reading(day) if day >= FIRST_EXCEL_DAY else REFUSED
    if not isinstance(stored, str):
        return REFUSED
    text = stored.strip()
    iso, dotted = ISO.fullmatch(text), DOTTED.fullmatch(text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif dotted:
        day, month, year = int(dotted[1]), int(dotted[2]), int(dotted[3])
    else:
        return REFUSED
    try:
        return Reading(dt.date(year, month, day))
    except ValueError:  # no such day (or year 0)
        return REFUSED


def _decimal(stored: object) -> Decimal | None:
    """The exact number a cell holds: a number cell, or plain decimal text."""
    if _is_number(stored):
        number = float(stored)  # type: ignore[arg-type]
        return Decimal(number) if math.isfinite(number) else None
    if isinstance(stored, str) and PLAIN.fullmatch(stored.strip()):
        return Decimal(stored.strip())
    return None


def _number(stored: object) -> Reading:
    exact = _decimal(stored)
    if exact is None:
        return REFUSED
    nearest = float(exact)  # the double closest to the decimal the cell says
    return Reading(nearest) if math.isfinite(nearest) else REFUSED


def _integer(stored: object) -> Reading:
    exact = _decimal(stored)
    if exact is None or exact != exact.to_integral_value():
        return REFUSED
    whole = int(exact)
    return Reading(whole) if -COUNT_LIMIT <= whole < COUNT_LIMIT else REFUSED


def reading(spec: ColumnSpec, stored: object) -> Reading:
    """What the contract reads in a cell of a column of ``spec``'s kind."""
    if stored is None or (isinstance(stored, str) and not stored.strip()):
        return BLANK
    if spec.kind in ("id", "text"):
        return Reading(stored.strip() if isinstance(stored, str) else stored)
    if spec.kind == "date":
        return _date(stored)
    if spec.kind == "number":
        return _number(stored)
    if spec.kind == "integer":
        return _integer(stored)
    if not isinstance(stored, str):  # a number, date or boolean is never a code
        return REFUSED
    if spec.kind == "district":
        return _district(stored.strip())
    return _code(stored.strip(), spec.codes)


def _same_text(accepted: str, stored: object) -> bool:
    """Text accepted from a cell of any type says what the cell says."""
    if isinstance(stored, str):
        return accepted == stored
    if isinstance(stored, bool):
        return accepted.casefold() == str(stored).casefold()
    if _is_number(stored):
        return bool(NUMBER_TEXT.fullmatch(accepted)) and float(accepted) == float(stored)  # type: ignore[arg-type]
    if isinstance(stored, dt.datetime):
        if stored.time() == dt.time(0):
            return accepted == stored.date().isoformat()
        return abs(dt.datetime.fromisoformat(accepted) - stored) < dt.timedelta(milliseconds=1)
    if isinstance(stored, dt.date):
        return accepted == stored.isoformat()
    if isinstance(stored, dt.time):
        moment = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(accepted))
        return abs(moment - dt.datetime.combine(dt.date(2000, 1, 1), stored)) < dt.timedelta(
            milliseconds=1
        )
    return False


def agrees(spec: ColumnSpec, accepted: Any, expected: Reading) -> bool:
    """Whether ``accepted`` (a typed value of an accepted record) is what the cell says."""
    if expected.blank:
        return bool(pd.isna(accepted))
    if expected.refused or pd.isna(accepted):
        return False
    if spec.kind in ("id", "text"):
        return isinstance(accepted, str) and _same_text(accepted, expected.value)
    if spec.kind == "date":
        return bool(pd.Timestamp(accepted).date() == expected.value)
    if spec.kind == "number":
        return float(accepted) == expected.value
    if spec.kind == "integer":
        return int(accepted) == expected.value
    return bool(accepted == expected.value)
