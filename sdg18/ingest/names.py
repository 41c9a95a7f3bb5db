"""Name matching: headers to contract columns, district names to ISO codes.

Both fold Azerbaijani letters and diacritics (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o,
ü→u), ignore case and surrounding spaces, and treat spaces and hyphens as
underscores.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

from schemas.reference import DISTRICTS

_LETTERS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "İ": "i", "I": "i"})
_SEPARATORS = re.compile(r"[\s\-]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form of ``text``: letters folded, separators as ``_``."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub("_", stripped.strip().casefold())


@cache
def district_names() -> dict[str, str]:
    """Every folded name, English name, alias and code of a district → its ISO code."""
    names: dict[str, str] = {}
    for district in DISTRICTS:
        for name in (district.code, district.name_az, district.name_en, *district.aliases):
            names[fold(name)] = district.code
    return names


def match_district(name: str) -> str | None:
    """The ISO code of the district ``name`` designates, or None."""
    return district_names().get(fold(name))


def closest_district(name: str) -> str:
    """The Azerbaijani name of the district whose spelling is closest to ``name``."""
    names = district_names()
    best = difflib.get_close_matches(fold(name), list(names), n=1, cutoff=0.0)
    code = names[best[0]] if best else DISTRICTS[0].code
    return next(d.name_az for d in DISTRICTS if d.code == code)
