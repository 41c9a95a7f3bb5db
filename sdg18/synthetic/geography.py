"""Where the synthetic records happen: district weights, centroids, settlements, spellings.

Centroids and settlement names are approximate public geography, good enough to
place points inside the country's bounds; they are not survey data.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from schemas.reference import DISTRICT_AREA_M2, DISTRICTS, LATITUDE_RANGE, LONGITUDE_RANGE
from sdg18.ingest.names import match_district

#: Relative contamination per km² of district: 1 for districts occupied until 2020,
#: less for districts along the former line of contact, little elsewhere.
CONTAMINATION_INTENSITY = {
    "AZ-AGM": 1.0,
    "AZ-FUZ": 1.0,
    "AZ-XVD": 1.0,
    "AZ-XCI": 1.0,
    "AZ-SUS": 1.0,
    "AZ-XA": 1.0,
    "AZ-CAB": 1.0,
    "AZ-ZAN": 1.0,
    "AZ-QBI": 1.0,
    "AZ-LAC": 1.0,
    "AZ-KAL": 1.0,
    "AZ-TAR": 0.3,
    "AZ-AGC": 0.2,
    "AZ-BAR": 0.2,
    "AZ-GOR": 0.15,
    "AZ-QAZ": 0.05,
    "AZ-TOV": 0.05,
}
#: Districts people return to (the former occupied districts).
RETURN_DISTRICTS = tuple(c for c, w in CONTAMINATION_INTENSITY.items() if w == 1.0)

#: Approximate (latitude, longitude) of each district's centre.
CENTROIDS = {
    "AZ-AGM": (39.99, 46.93),
    "AZ-FUZ": (39.60, 47.15),
    "AZ-XVD": (39.70, 47.00),
    "AZ-XCI": (39.91, 46.79),
    "AZ-SUS": (39.76, 46.75),
    "AZ-XA": (39.82, 46.76),
    "AZ-TAR": (40.34, 46.93),
    "AZ-AGC": (40.05, 47.46),
    "AZ-BAR": (40.37, 47.13),
    "AZ-CAB": (39.40, 47.03),
    "AZ-ZAN": (39.09, 46.65),
    "AZ-QBI": (39.34, 46.58),
    "AZ-LAC": (39.64, 46.55),
    "AZ-KAL": (40.10, 46.04),
    "AZ-GOR": (40.61, 46.79),
    "AZ-QAZ": (41.09, 45.37),
    "AZ-TOV": (40.99, 45.63),
}
#: A few towns and villages of each district.
SETTLEMENTS = {
    "AZ-AGM": ("Ağdam", "Quzanlı", "Xıdırlı", "Sarıcalı"),
    "AZ-FUZ": ("Füzuli", "Horadiz", "Böyük Bəhmənli", "Dövlətyarlı"),
    "AZ-XVD": ("Hadrut", "Tuğ", "Xocavənd", "Azıx"),
    "AZ-XCI": ("Xocalı", "Ballıca", "Xanabad"),
    "AZ-SUS": ("Şuşa", "Daşaltı", "Malıbəyli"),
    "AZ-XA": ("Xankəndi",),
    "AZ-TAR": ("Tərtər", "Suqovuşan", "Talış", "Qapanlı"),
    "AZ-AGC": ("Ağcabədi", "Hindarx", "Şahsevən"),
    "AZ-BAR": ("Bərdə", "Qarayusifli", "Alpout"),
    "AZ-CAB": ("Cəbrayıl", "Şükürbəyli", "Horovlu", "Mehdili"),
    "AZ-ZAN": ("Zəngilan", "Ağalı", "Mincivan", "Bartaz"),
    "AZ-QBI": ("Qubadlı", "Xanlıq", "Mahmudlu"),
    "AZ-LAC": ("Laçın", "Zabux", "Sus", "Qorçu"),
    "AZ-KAL": ("Kəlbəcər", "İstisu", "Başlıbel", "Ağdaban"),
    "AZ-GOR": ("Goranboy", "Qızılhacılı", "Tap Qaraqoyunlu"),
    "AZ-QAZ": ("Qazax", "Kəmərli", "Xanlıqlar"),
    "AZ-TOV": ("Tovuz", "Əlibəyli", "Düz Qırıqlı"),
}


def district_weights(intensity_floor: float = 0.0) -> dict[str, float]:
    """Each district's share of contamination: area × intensity (plus a floor)."""
    return {
        code: DISTRICT_AREA_M2[code] * (CONTAMINATION_INTENSITY[code] + intensity_floor)
        for code in CONTAMINATION_INTENSITY
    }


def points_near(
    rng: np.random.Generator, districts: list[str], share: float, spread: float = 0.08
) -> list[tuple[float | None, float | None]]:
    """A point near each district's centre for about ``share`` of them, else (None, None).

    Every point lies strictly inside the country's latitude and longitude bounds.
    """
    n = len(districts)
    given = rng.random(n) < share
    centres = np.array([CENTROIDS[d] for d in districts]).reshape(n, 2)
    points = centres + rng.normal(0.0, spread, size=(n, 2))
    points[:, 0] = np.clip(points[:, 0], LATITUDE_RANGE[0] + 0.01, LATITUDE_RANGE[1] - 0.01)
    points[:, 1] = np.clip(points[:, 1], LONGITUDE_RANGE[0] + 0.01, LONGITUDE_RANGE[1] - 0.01)
    points = np.round(points, 6)
    return [
        (float(points[i, 0]), float(points[i, 1])) if given[i] else (None, None) for i in range(n)
    ]


@cache
def district_spellings() -> dict[str, tuple[str, ...]]:
    """Every way a district is written in the synthetic files; each one matches its code."""
    spellings: dict[str, tuple[str, ...]] = {}
    for district in DISTRICTS:
        forms: list[str] = []
        for name in (district.name_az, district.name_en, *district.aliases, district.code):
            for variant in (name, name.upper(), name.lower(), name.title()):
                if variant not in forms and match_district(variant) == district.code:
                    forms.append(variant)
        spellings[district.code] = tuple(forms)
    return spellings


def district_names(code: str) -> tuple[str, ...]:
    """The Azerbaijani name, English name and aliases of a district (no code)."""
    district = next(d for d in DISTRICTS if d.code == code)
    return (district.name_az, district.name_en, *district.aliases)


def misspell(rng: np.random.Generator, code: str) -> str:
    """A plausible misspelling of a district's name that matches no district."""
    names = district_names(code)
    for _ in range(50):
        name = names[int(rng.integers(0, len(names)))]
        pos = int(rng.integers(1, len(name)))
        edit = int(rng.integers(0, 3))
        if edit == 0:  # a doubled letter: "Agdamm"
            candidate = name[:pos] + name[pos - 1] + name[pos:]
        elif edit == 1 and len(name) > 4:  # a dropped letter: "Fzuli"
            candidate = name[: pos - 1] + name[pos:]
        else:  # two letters swapped: "Fuzlui"
            candidate = name[: pos - 1] + name[pos : pos + 1] + name[pos - 1] + name[pos + 1 :]
        if candidate.strip() and match_district(candidate) is None:
            return candidate
    return names[0] + "stan"
