"""How the ministry reports print a number: one rule per unit, used by the PDF and the workbook.

Hectares, square kilometres and percentages carry one decimal, the deminer casualty
rate two, counts and manat none. Thousands are separated by a narrow no-break space
(U+202F) in the PDF and by Excel's own separator in the workbook; a negative number
takes a true minus sign (U+2212). A missing value prints as "n/a".
"""

from __future__ import annotations

import math

#: Decimals printed per unit; a unit not listed is a count (0 decimals).
DECIMALS: dict[str, int] = {
    "ha": 1,
    "km²": 1,
    "%": 1,
    "persons per 1,000 ha": 2,
}
THIN_SPACE = "\u202f"
MINUS = "\u2212"
NOT_AVAILABLE = "n/a"
#: What a scope a series does not have prints as.
NOT_APPLICABLE = "—"


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


def format_value(value: object, unit: str) -> str:
    """``value`` printed for ``unit``: rounded, thousands thinly spaced, "n/a" when missing."""
    number = as_number(value)
    if number is None:
        return NOT_AVAILABLE
    text = f"{abs(number):,.{decimals(unit)}f}".replace(",", THIN_SPACE)
    negative = round(number, decimals(unit)) < 0
    return f"{MINUS}{text}" if negative else text


def with_unit(text: str, unit: str) -> str:
    """``text`` followed by its unit ("12.5%", "4 451.9 ha"); "n/a" stays bare."""
    if text in (NOT_AVAILABLE, NOT_APPLICABLE):
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def format_change(new: object, old: object, unit: str) -> str:
    """The change from ``old`` to ``new`` with its sign; percentage points for a share,
    and for any other unit the relative change too ("+120 (+8.1%)"); "n/a" when either
    value is missing."""
    after, before = as_number(new), as_number(old)
    if after is None or before is None:
        return NOT_AVAILABLE
    delta = after - before
    text = signed(delta, unit)
    if unit == "%":
        return f"{text} pp"
    if before == 0:
        return text
    return f"{text} ({signed(100 * delta / abs(before), '%')}%)"


def signed(number: float, unit: str) -> str:
    """``number`` printed for ``unit`` with an explicit + or − (zero unsigned)."""
    text = format_value(number, unit)
    if text.startswith(MINUS) or set(text) <= set("0.") or text == NOT_AVAILABLE:
        return text
    return f"+{text}"


def format_count(value: object) -> str:
    """A count as an integer with thin thousands separators ("n/a" when missing)."""
    return format_value(value, "count")
