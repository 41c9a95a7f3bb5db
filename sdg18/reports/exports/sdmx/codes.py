"""The national SDG 18 structure as data: its dimensions, attributes and code lists.

Where the global SDG structure (IAEG-SDGs:SDG 1.14) has a concept and a code
list that fit, the national structure uses the same concept id and the same
codes (a subset of the global list, with the global names): FREQ,
REPORTING_TYPE, SEX, AGE, DISABILITY_STATUS, UNIT_MEASURE, UNIT_MULT,
OBS_STATUS, NATURE, COMMENT_OBS. SERIES and REF_AREA are national lists (the
global SERIES list has no demining series; REF_AREA adds the ISO 3166-2:AZ
districts to Azerbaijan's M49 code ``31``). Each breakdown with no global code
list is a dimension of its own with a national list, ``_T`` meaning total:
one dimension per breakdown, because a global CUST_BREAKDOWN holds one
breakdown per observation and its codes say nothing by themselves.

Everything is derived from the framework (series), the data contract (breakdown
codes) and the reference data (districts): nothing here is a second copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from schemas.reference import DISTRICTS
from sdg18.core.indicator_layout import BREAKDOWN_CODES, SCOPES
from sdg18.core.labels import BREAKDOWN_NAMES, code_label_en
from sdg18.indicators.metadata import Framework

#: Azerbaijan in the global SDG area list: M49 without its leading zero.
COUNTRY_AREA = "31"
TOTAL = "_T"
#: The global structure's code lists the national one takes its codes from.
GLOBAL_ORIGIN = {
    "CL_FREQ": "SDMX:CL_FREQ(2.0)",
    "CL_REPORTING_TYPE": "IAEG-SDGs:CL_REPORTING_TYPE(1.0)",
    "CL_SEX": "IAEG-SDGs:CL_SEX(1.1)",
    "CL_AGE": "IAEG-SDGs:CL_AGE(1.12)",
    "CL_DISABILITY": "IAEG-SDGs:CL_DISABILITY(1.0)",
    "CL_UNIT_MEASURE": "IAEG-SDGs:CL_UNIT_MEASURE(1.8)",
    "CL_UNIT_MULT": "SDMX:CL_UNIT_MULT(1.1)",
    "CL_OBS_STATUS": "SDMX:CL_OBS_STATUS(2.1)",
    "CL_NATURE": "IAEG-SDGs:CL_NATURE(1.0)",
}


@dataclass(frozen=True)
class CodeList:
    """A code list: id, English name and its codes (id → English name)."""

    id: str
    name: str
    codes: Mapping[str, str]


@dataclass(frozen=True)
class Dimension:
    """A dimension of the national structure: id, concept name, code list."""

    id: str
    name: str
    codelist: CodeList


@dataclass(frozen=True)
class Attribute:
    """An attribute: id, name, code list (None for free text), mandatory or not, and
    whether it is given per observation ("O") or per series ("S")."""

    id: str
    name: str
    codelist: CodeList | None
    mandatory: bool
    level: str


FREQ = CodeList("CL_FREQ", "Frequency", {"A": "Annual", "Q": "Quarterly"})
REPORTING_TYPE = CodeList("CL_REPORTING_TYPE", "Reporting type", {"N": "National"})
SEX = CodeList(
    "CL_SEX",
    "Sex",
    {TOTAL: "Both sexes or no breakdown by sex", "F": "Female", "M": "Male", "_U": "Unknown"},
)
AGE = CodeList(
    "CL_AGE",
    "Age group",
    {
        TOTAL: "All age ranges or no breakdown by age",
        "Y0T17": "under 18 years old",
        "Y_GE18": "18 years old and over",
        "_U": "Unknown",
    },
)
DISABILITY = CodeList(
    "CL_DISABILITY",
    "Disability status",
    {TOTAL: "No breakdown", "PD": "Persons with disability"},
)
SCOPE = CodeList(
    "CL_SCOPE",
    "Time covered by the value",
    {
        "P": "The period itself (the quarter, or the calendar year)",
        "YTD": "Year to date: 1 January to the end of the period",
        "CUM": "Cumulative: the baseline date to the end of the period",
    },
)
UNIT_MEASURE = CodeList(
    "CL_UNIT_MEASURE",
    "Unit of measure",
    {
        "HA": "Hectares",
        "KM2": "Square kilometers",
        "PT": "Percent",
        "NUMBER": "Number",
        "CUR_LCU": "Local currency",
        "PER_1000_HA": "Per 1,000 hectares",
    },
)
UNIT_MULT = CodeList("CL_UNIT_MULT", "Unit multiplier", {"0": "Units"})
OBS_STATUS = CodeList(
    "CL_OBS_STATUS",
    "Observation status",
    {"A": "Normal value", "P": "Provisional value", "M": "Missing value; data cannot exist"},
)
NATURE = CodeList("CL_NATURE", "Nature of data points", {"C": "Country Data"})

#: The framework's units → UNIT_MEASURE (counts of people, items and events are NUMBER;
#: the series says what is counted).
UNIT_CODES: dict[str, str] = {
    "ha": "HA",
    "km²": "KM2",
    "%": "PT",
    "items": "NUMBER",
    "persons": "NUMBER",
    "incidents": "NUMBER",
    "households": "NUMBER",
    "AZN": "CUR_LCU",
    "persons per 1,000 ha": "PER_1000_HA",
}
#: indicators.csv scope → SCOPE code.
SCOPE_CODES: dict[str, str] = dict(zip(SCOPES, ("P", "YTD", "CUM"), strict=True))
#: Series counting persons with disability only.
DISABILITY_SERIES: dict[str, str] = {"eore_beneficiaries_with_disability": "PD"}
#: indicators.csv breakdown → the global dimension it is given in, code by code.
SEX_CODES = {"male": "M", "female": "F", "unknown": "_U"}
AGE_CODES = {"child": "Y0T17", "adult": "Y_GE18", "unknown": "_U"}
#: 18.4.1's beneficiary groups are sex × age: girls are female and under 18.
GROUP_CODES = {
    "girls": ("F", "Y0T17"),
    "boys": ("M", "Y0T17"),
    "women": ("F", "Y_GE18"),
    "men": ("M", "Y_GE18"),
}
#: The breakdowns with a national dimension of their own: column → dimension id (its name is
#: the breakdown's English name, ``sdg18.core.labels.BREAKDOWN_NAMES``).
NATIONAL_BREAKDOWNS: dict[str, str] = {
    "method": "RELEASE_METHOD",
    "end_use": "END_USE",
    "hazard_class": "HAZARD_CLASS",
    "item_type": "ITEM_TYPE",
    "outcome": "OUTCOME",
    "status": "CASUALTY_STATUS",
    "device_type": "DEVICE_TYPE",
    "service_type": "SERVICE_TYPE",
    "delivery": "EORE_DELIVERY",
    "source_type": "FUNDING_SOURCE",
}
#: Breakdowns given through SEX, AGE and REF_AREA instead.
GLOBAL_BREAKDOWNS = ("district", "sex", "age_group", "group")
assert set(NATIONAL_BREAKDOWNS) | set(GLOBAL_BREAKDOWNS) == set(BREAKDOWN_CODES)


def national_code(code: str) -> str:
    """A data-contract code as an SDMX code: upper case; unknown is ``_U``, other ``_O``
    (the SDMX conventions)."""
    return {"unknown": "_U", "other": "_O"}.get(code.lower(), code.upper())


def breakdown_codelist(breakdown: str) -> CodeList:
    """The national code list of ``breakdown``: total first, then its codes in order."""
    codes = {TOTAL: "Total"}
    codes.update({national_code(c): code_label_en(c) for c in BREAKDOWN_CODES[breakdown]})
    return CodeList(f"CL_{NATIONAL_BREAKDOWNS[breakdown]}", BREAKDOWN_NAMES[breakdown][0], codes)


def series_codelist(framework: Framework) -> CodeList:
    """SERIES: one code per series of the framework (its id in upper case)."""
    codes = {
        s.id.upper(): f"{s.title} ({meta.id})" for meta in framework.indicators for s in meta.series
    }
    return CodeList("CL_SERIES", f"SDG {framework.goal_id} series", codes)


def area_codelist() -> CodeList:
    """REF_AREA: Azerbaijan (``31``) and its districts (ISO 3166-2:AZ)."""
    codes = {COUNTRY_AREA: "Azerbaijan"}
    codes.update({d.code: d.name_en for d in DISTRICTS})
    return CodeList("CL_AREA", "Reference area", codes)


def dimensions(framework: Framework) -> tuple[Dimension, ...]:
    """The dimensions in key order (TIME_PERIOD, last, is not among them)."""
    fixed = (
        Dimension("FREQ", "Frequency of observation", FREQ),
        Dimension("REPORTING_TYPE", "Reporting type", REPORTING_TYPE),
        Dimension("SERIES", "Series", series_codelist(framework)),
        Dimension("REF_AREA", "Reference area", area_codelist()),
        Dimension("SEX", "Sex", SEX),
        Dimension("AGE", "Age", AGE),
        Dimension("DISABILITY_STATUS", "Disability status", DISABILITY),
        Dimension("SCOPE", "Time covered by the value", SCOPE),
    )
    national = tuple(
        Dimension(dimension, BREAKDOWN_NAMES[column][0], breakdown_codelist(column))
        for column, dimension in NATIONAL_BREAKDOWNS.items()
    )
    return fixed + national


ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("UNIT_MEASURE", "Unit of measure", UNIT_MEASURE, True, "S"),
    Attribute("UNIT_MULT", "Unit multiplier", UNIT_MULT, True, "O"),
    Attribute("OBS_STATUS", "Observation status", OBS_STATUS, True, "O"),
    Attribute("NATURE", "Nature of data points", NATURE, False, "O"),
    Attribute("COMMENT_OBS", "Comment on the observation", None, False, "O"),
)
TIME_DIMENSION = "TIME_PERIOD"
MEASURE = "OBS_VALUE"
