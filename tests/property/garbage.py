"""Hypothesis strategies for what an agency's spreadsheet cell may hold.

Text of every kind (Unicode, the control characters XML allows, very long
strings, formula-like text, numbers and dates written every which way, codes in
odd case and spacing), numbers (huge, negative, beyond 2**53), booleans, dates
and date-times from 1900-01-01 to 9999-12-31, times and blanks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from schemas import DATASETS, column_specs
from schemas.reference import DISTRICTS
from tests.validation.contract_rows import VALID

#: Characters openpyxl refuses (XML 1.0 forbids them) and the non-characters XML forbids.
XML_FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters=XML_FORBIDDEN)
SPACES = ("", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u202f", "\r\n")
#: Digits of other scripts: Arabic-Indic, full-width, Devanagari.
FOREIGN_DIGITS = ("٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९")
MONTHS = ("Jan", "February", "mar", "Apr.", "MAY", "İyun", "iyul", "Avqust")

short_text = st.text(CHARACTERS, max_size=30)
padding = st.sampled_from(SPACES)


def _padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda a, text, b: a + text + b, padding, inner, padding)


formula_like = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(["=", "+", "-", "@", "=HYPERLINK(", "=1+", "'=", "=cmd|' /C calc'!A0"]),
    short_text,
)
long_text = st.builds(
    lambda ch, n, tail: ch * n + tail, CHARACTERS, st.integers(300, 33_000), short_text
)


NUMBER_SHAPES = (
    "plain", "foreign digits", "grouped", "decimal comma", "exponent",
    "long", "tiny", "signed oddly", "with unit",
)  # fmt: skip


@st.composite
def number_text(draw: st.DrawFn) -> str:
    """A number as an agency might type it: plain, in other scripts' digits, grouped,
    with a decimal comma, an exponent, hundreds of digits, an odd sign or a unit."""
    digits = st.text(st.sampled_from("0123456789"), min_size=1, max_size=20)
    whole = draw(digits)
    fraction = draw(st.sampled_from(["", "."]) | st.builds(".".__add__, digits))
    sign = draw(st.sampled_from(["", "+", "-"]))
    shape = draw(st.sampled_from(NUMBER_SHAPES))
    if shape == "foreign digits":
        script = draw(st.sampled_from(FOREIGN_DIGITS))
        whole = whole.translate(str.maketrans("0123456789", script))
    elif shape == "grouped":
        separator = draw(st.sampled_from([",", " ", "\u00a0", "\u202f", "'", "_", "."]))
        whole += "".join(separator + draw(digits) for _ in range(draw(st.integers(1, 3))))
    elif shape == "decimal comma":
        fraction = "," + draw(digits)
    elif shape == "exponent":
        fraction += draw(st.sampled_from(["e5", "E-3", "e400", "e-400"]))
    elif shape == "long":
        whole = draw(digits) * draw(st.integers(300, 420)) + whole
    elif shape == "tiny":
        whole, fraction = "0", "." + "0" * draw(st.integers(16, 400)) + draw(digits)
    elif shape == "signed oddly":
        sign = draw(st.sampled_from(["\u2212", "- ", "(", "--", "+-"]))
    elif shape == "with unit":
        fraction += draw(st.sampled_from(["%", " AZN", "$", "k", " m2", "ha"]))
    return draw(padding) + sign + whole + fraction + draw(padding)


@st.composite
def date_text(draw: st.DrawFn) -> str:
    """A date written in the contract's forms and in many it refuses."""
    if draw(st.integers(0, 3)) == 0:  # impossible days and months
        y, m, d = draw(st.integers(0, 9999)), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    else:
        day = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
        y, m, d = day.year, day.month, day.day
    month = draw(st.sampled_from(MONTHS))
    forms = [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{d:02d}.{m:02d}.{y:04d}",
        f"{d}.{m}.{y}",
        f"{d}.{m}.{y % 100:02d}",
        f"{d:02d}/{m:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{y}/{m}/{d}",
        f"{y}-{m}-{d}",
        f"{y:04d}{m:02d}{d:02d}",
        f"{d:02d}-{m:02d}-{y}",
        f"{y:04d}-{m:02d}-{d:02d}T00:00:00",
        f"{y:04d}-{m:02d}-{d:02d} 13:45",
        f"{d} {month} {y}",
        f"{y:04d}-{m:02d}",
        f"{y:04d}.{m:02d}.{d:02d}",
    ]
    text = draw(st.sampled_from(forms))
    if draw(st.integers(0, 7)) == 0:
        text = text.translate(str.maketrans("0123456789", draw(st.sampled_from(FOREIGN_DIGITS))))
    return draw(padding) + text + draw(padding)


def _words() -> list[str]:
    words = {code for d in DATASETS for s in column_specs(d).values() for code in s.codes}
    for district in DISTRICTS:
        words.update((district.code, district.name_az, district.name_en, *district.aliases))
    return sorted(words)


@st.composite
def code_like(draw: st.DrawFn) -> str:
    """A code or district name, in odd case, spacing or spelling."""
    word = draw(st.sampled_from(_words()))
    change = draw(
        st.sampled_from(["none", "upper", "lower", "title", "swap", "hyphen", "squeeze", "typo"])
    )
    if change in ("upper", "lower", "title"):
        word = getattr(word, change)()
    elif change == "swap":
        word = word.swapcase()
    elif change == "hyphen":
        word = word.replace("_", "-").replace(" ", "-")
    elif change == "squeeze":
        word = word.replace("-", "").replace("_", "").replace(" ", "")
    elif change == "typo" and word:
        at = draw(st.integers(0, len(word) - 1))
        word = word[:at] + draw(CHARACTERS) + word[at + 1 :]
    return draw(padding) + word + draw(padding)


def _valid_values() -> list[Any]:
    return sorted({v for row in VALID.values() for v in row.values() if v is not None}, key=repr)


whole_seconds = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)).map(
    lambda moment: moment.replace(microsecond=0)
)
#: Numbers openpyxl writes as they are. (A cell beyond the largest double, which only a
#: hand-made file holds, is read as infinity: see ``beyond_double``.)
numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.integers(-1000, 1000),
    st.floats(min_value=-1e308, max_value=1e308),
    st.sampled_from([0, -1, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), 1e300, -1e300, 5e-324]),
    st.sampled_from([0.5, 2.5, 40.0, 47.0, 39.6, 110, 111, 3.0000001]),
)
beyond_double = st.sampled_from([1.7976931348623157e308, -1.7976931348623157e308])
dates = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1900, 1, 1), dt.date(9999, 12, 31), dt.date(1900, 2, 28)]),
    st.dates(dt.date(2025, 12, 1), dt.date(2026, 4, 30)),  # around the period 2026Q1
)
blanks = st.sampled_from([None, "", " ", "\t", "\n \n", "\u00a0", "\u3000"])

#: Garbage close to what a column of each kind expects, so it reaches the parsers' edges.
near_kind: dict[str, st.SearchStrategy[Any]] = {
    "id": short_text | formula_like | numbers,
    "text": short_text | formula_like | long_text,
    "district": code_like(),
    "code": code_like(),
    "date": date_text() | dates | whole_seconds,
    "number": number_text() | numbers | beyond_double | number_text(),
    "integer": number_text() | numbers | beyond_double | number_text(),
}

#: Anything an agency's cell may hold.
cell_values: st.SearchStrategy[Any] = st.one_of(
    short_text,
    formula_like,
    long_text,
    number_text(),
    date_text(),
    code_like(),
    st.sampled_from(_valid_values()),
    numbers,
    st.booleans(),
    dates,
    whole_seconds,
    st.times().map(lambda t: t.replace(microsecond=0)),
    blanks,
)
