"""How the ministry reports print a number: one rule per unit, used by the PDF and the workbook.

Hectares, square kilometres and percentages carry one decimal, the deminer casualty
rate two, counts and manat none. The symbols follow the edition's locale (Babel, CLDR):
``16,981.9`` in English, ``16 981,9`` in Azerbaijani, where the thousands are grouped
by a narrow no-break space (U+202F) as the State Statistical Committee prints them
rather than by CLDR's dot (:func:`sdg18.core.i18n.number_symbols`). The workbook stores numbers, so
Excel shows its reader's own separators; a negative number takes a true minus sign
(U+2212).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from sdg18.core.i18n import N_, number_symbols, translator

#: Decimals printed per unit; a unit not listed is a count (0 decimals).
DECIMALS: dict[str, int] = {
    "ha": 1,
    "km²": 1,
    "%": 1,
    "persons per 1,000 ha": 2,
}
MINUS = "\u2212"
#: What a missing value prints as (translated).
NOT_AVAILABLE = N_("n/a")
#: What a scope a series does not have prints as.
NOT_APPLICABLE = "—"
#: The change of a share, in percentage points (translated; ``{points}`` is signed).
POINTS = N_("{points} pp")
#: The units written as a word after a number, in the edition's language ("12 items",
#: "12 ədəd"); the others (ha, km², %, AZN) are symbols, the same in every language.
UNIT_WORDS: dict[str, str] = {
    "items": N_("{number} items"),
    "persons": N_("{number} persons"),
    "incidents": N_("{number} incidents"),
    "households": N_("{number} households"),
    "persons per 1,000 ha": N_("{number} persons per 1,000 ha"),
}


@cache
def _cldr_group(language: str) -> str:
    """The thousands separator Babel writes for ``language`` (CLDR's)."""
    return str(Locale.parse(language).number_symbols["latn"]["group"])


def format_number(number: float, places: int, language: str) -> str:
    """``number`` rounded to ``places`` decimals (half to even) and written in
    ``language``'s symbols, thousands grouped; the sign is the caller's."""
    quantum = decimal.Decimal(1).scaleb(-places)
    exact = decimal.Decimal(repr(abs(number))).quantize(quantum, decimal.ROUND_HALF_EVEN)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(exact, format=pattern, locale=language, decimal_quantization=True)
    group, cldr_group = number_symbols(language)[0], _cldr_group(language)
    return text.replace(cldr_group, group) if group != cldr_group else text


def format_day(day: dt.date, language: str) -> str:
    """A calendar day in full in ``language``: "30 sentyabr 2026", "30 September 2026"."""
    return babel_format_date(day, format="d MMMM y", locale=language)


def round_for(value: float, unit: str) -> float:
    """``value`` rounded to the decimals ``unit`` publishes (half to even, on the decimal
    value, so 60.14641999999999 becomes 60.1 and 0.125 becomes 0.12)."""
    quantum = decimal.Decimal(1).scaleb(-decimals(unit))
    return float(decimal.Decimal(repr(value)).quantize(quantum, decimal.ROUND_HALF_EVEN))


def decimals(unit: str) -> int:
    """The number of decimals printed for a value in ``unit``."""
    return DECIMALS.get(unit, 0)


def excel_format(unit: str) -> str:
    """The Excel number format of a value in ``unit`` (thousands grouped, same decimals)."""
    places = decimals(unit)
    if unit == "%":
        return "0.0"
    return "#,##0" + ("." + "0" * places if places else "")


def as_number(value: object) -> float | None:
    """``value`` as a float, None when it is missing (None, NaN, blank)."""
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def not_available(language: str) -> str:
    """What a missing value prints as in ``language`` ("n/a")."""
    return translator("report", language).gettext(NOT_AVAILABLE)


def format_value(value: object, unit: str, language: str) -> str:
    """``value`` printed for ``unit`` in ``language``: rounded, thousands grouped, a true
    minus; "n/a" (translated) when missing."""
    number = as_number(value)
    if number is None:
        return not_available(language)
    places = decimals(unit)
    text = format_number(number, places, language)
    negative = round(number, places) < 0
    return f"{MINUS}{text}" if negative else text


def with_unit(text: str, unit: str, language: str) -> str:
    """``text`` followed by its unit in ``language`` ("12.5%", "4,451.9 ha", "12 items",
    "12 ədəd"); "n/a" and "—" stay bare."""
    if text in (not_available(language), NOT_APPLICABLE):
        return text
    if unit == "%":
        return f"{text}%"
    if unit in UNIT_WORDS:
        return translator("report", language).gettext(UNIT_WORDS[unit]).format(number=text)
    return f"{text} {unit}"


def format_change(new: object, old: object, unit: str, language: str) -> str:
    """The change from ``old`` to ``new`` with its sign; percentage points for a share,
    and for any other unit the relative change too ("+120 (+8.1%)"); "n/a" when either
    value is missing."""
    after, before = as_number(new), as_number(old)
    if after is None or before is None:
        return not_available(language)
    delta = after - before
    text = signed(delta, unit, language)
    if unit == "%":
        return translator("report", language).gettext(POINTS).format(points=text)
    if before == 0:
        return text
    return f"{text} ({signed(100 * delta / abs(before), '%', language)}%)"


def signed(number: float, unit: str, language: str) -> str:
    """``number`` printed for ``unit`` with an explicit + or − (zero unsigned)."""
    text = format_value(number, unit, language)
    if text.startswith(MINUS) or not any(c in "123456789" for c in text):
        return text
    return f"+{text}"


def format_count(value: object, language: str) -> str:
    """A count as an integer, thousands grouped ("n/a" when missing)."""
    return format_value(value, "count", language)
