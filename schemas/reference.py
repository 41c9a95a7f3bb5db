"""Reference data: districts, agencies, national constants.

Figures follow the data contract. District areas are approximate and are used
only for plausibility checks (an area larger than its district is an error).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    """A district with its ISO 3166-2:AZ code and the names agencies use for it."""

    code: str
    name_az: str
    name_en: str
    aliases: tuple[str, ...]
    area_km2: float
    region: str


DISTRICTS: tuple[District, ...] = (
    District("AZ-AGM", "Ağdam", "Aghdam", ("Agdam",), 1094, "Karabakh"),
    District("AZ-FUZ", "Füzuli", "Fuzuli", ("Fizuli",), 1386, "Karabakh"),
    District("AZ-XVD", "Xocavənd", "Khojavend", ("Khojavand", "Khodzhavend"), 1460, "Karabakh"),
    District("AZ-XCI", "Xocalı", "Khojaly", ("Khojali",), 1000, "Karabakh"),
    District("AZ-SUS", "Şuşa", "Shusha", ("Susa",), 290, "Karabakh"),
    District("AZ-XA", "Xankəndi", "Khankendi", ("Khankandi",), 26, "Karabakh"),
    District("AZ-TAR", "Tərtər", "Tartar", ("Terter",), 960, "Karabakh"),
    District("AZ-AGC", "Ağcabədi", "Aghjabadi", ("Agjabedi",), 1760, "Karabakh"),
    District("AZ-BAR", "Bərdə", "Barda", ("Berde",), 960, "Karabakh"),
    District(
        "AZ-CAB",
        "Cəbrayıl",
        "Jabrayil",
        ("Jabrail", "Jebrail", "Dzhebrail"),
        1050,
        "East Zangezur",
    ),
    District("AZ-ZAN", "Zəngilan", "Zangilan", ("Zengilan", "Zangelan"), 707, "East Zangezur"),
    District("AZ-QBI", "Qubadlı", "Gubadly", ("Gubadli", "Kubatly"), 802, "East Zangezur"),
    District("AZ-LAC", "Laçın", "Lachin", ("Lacin",), 1835, "East Zangezur"),
    District("AZ-KAL", "Kəlbəcər", "Kalbajar", ("Kelbajar", "Kelbadzhar"), 3050, "East Zangezur"),
    District("AZ-GOR", "Goranboy", "Goranboy", (), 1790, "Ganja-Dashkasan"),
    District("AZ-QAZ", "Qazax", "Gazakh", ("Kazakh",), 700, "Gazakh-Tovuz"),
    District("AZ-TOV", "Tovuz", "Tovuz", (), 1900, "Gazakh-Tovuz"),
)
DISTRICT_CODES: tuple[str, ...] = tuple(d.code for d in DISTRICTS)
DISTRICT_AREA_M2: dict[str, float] = {d.code: d.area_km2 * 1e6 for d in DISTRICTS}


#: The contract's datasets in its order, by name, for code that must know them before
#: the pandera models load (a reader choosing which sheets to read): the models'
#: ``Config.name``, which :mod:`schemas.contract` checks against this at import.
DATASET_NAMES: tuple[str, ...] = (
    "hazard_areas",
    "land_release",
    "eo_items",
    "casualties",
    "victim_assistance",
    "eore",
    "returns",
    "funding",
)


@dataclass(frozen=True)
class Agency:
    """A reporting agency, its English and Azerbaijani names, and the datasets it may submit."""

    code: str
    name: str
    name_az: str
    datasets: tuple[str, ...]


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "ANAMA",
        "Azerbaijan National Agency for Mine Action",
        "Ərazilərin Minalardan Təmizlənməsi üzrə Azərbaycan Milli Agentliyi",
        ("hazard_areas", "land_release", "eo_items", "casualties", "eore", "funding"),
    ),
    Agency("MOH", "Ministry of Health", "Səhiyyə Nazirliyi", ("casualties", "victim_assistance")),
    Agency(
        "MLSPP",
        "Ministry of Labour and Social Protection of Population",
        "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
        ("victim_assistance",),
    ),
    Agency("MSE", "Ministry of Science and Education", "Elm və Təhsil Nazirliyi", ("eore",)),
    Agency(
        "SCRIDP",
        "State Committee for Affairs of Refugees and IDPs",
        "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi",
        ("returns",),
    ),
    Agency("MOF", "Ministry of Finance", "Maliyyə Nazirliyi", ("funding",)),
)
AGENCY_BY_CODE: dict[str, Agency] = {a.code: a for a in AGENCIES}

#: The ceasefire of 10 November 2020: the baseline date of the goal.
BASELINE_DATE = dt.date(2020, 11, 10)
NATIONAL_AREA_KM2 = 86_600.0

#: Latitude and longitude bounds of Azerbaijan used for coordinate checks.
LATITUDE_RANGE = (38.3, 41.95)
LONGITUDE_RANGE = (44.75, 50.45)

#: The optional key/value sheet of a workbook, and its keys in order.
SUBMISSION_SHEET = "submission"
SUBMISSION_KEYS = ("agency", "period", "prepared_by", "prepared_on", "contact")


@dataclass(frozen=True)
class BaselineEstimate:
    """One estimate of the land contaminated at the baseline, with the month it was made."""

    area_km2: float
    #: First day of the month of the estimate (only the month is published).
    as_of: dt.date
    #: How the estimate is cited, e.g. "October 2024".
    label: str
    approximate: bool = False


#: Successive estimates of the baseline contaminated area, oldest first. A new
#: estimate is appended here; indicators use the last one (``CURRENT_BASELINE``).
BASELINE_CONTAMINATION: tuple[BaselineEstimate, ...] = (
    BaselineEstimate(8_235.0, dt.date(2023, 4, 1), "April 2023"),
    BaselineEstimate(9_000.0, dt.date(2023, 12, 1), "December 2023", approximate=True),
    BaselineEstimate(11_667.0, dt.date(2024, 10, 1), "October 2024"),
)
CURRENT_BASELINE: BaselineEstimate = BASELINE_CONTAMINATION[-1]
