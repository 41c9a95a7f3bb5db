"""The figures the synthetic data reproduces, per quarter at scale 1.

Each figure and its basis is explained in ``docs/synthetic-data.md``; change
them here and there together. ``scale`` multiplies the row counts (and hence
areas and money) of every dataset except casualties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sdg18.core.periods import Period
from sdg18.synthetic.draws import scaled_count

# ---- hazard inventory (a fixed set of areas whose status changes) ------------------
HAZARD_COUNT = 3_000
HAZARD_TOTAL_M2 = 9_000e6  # about 9,000 km², the December 2023 estimate
#: A hazard stays strictly below this share of its district's area.
HAZARD_MAX_DISTRICT_SHARE = 0.049
HAZARD_SURVEY_FIRST = dt.date(2020, 12, 1)
HAZARD_SURVEY_LAST = dt.date(2023, 12, 31)
#: Areas are closed at the pace land is released, from this day on.
CLOSURE_START = dt.date(2021, 3, 1)
HAZARD_CLASS_WEIGHTS = {"SHA": 0.6, "CHA": 0.4}
CONTAMINATION_WEIGHTS = {"MIXED": 30, "UXO": 25, "AP": 20, "AT": 15, "CMR": 7, "IED": 3}
COORDINATE_SHARE = 0.85

# ---- land release ---------------------------------------------------------------
RELEASE_TASKS = 1_600
RELEASE_HA = 16_250.0  # ≈ 65,000 ha a year
#: Share of tasks by method, and each method's mean task size relative to the mean;
#: together they give area shares cancelled 45 % / reduced 30 % / cleared 25 %.
METHOD_TASK_SHARE = {"cancelled": 0.25, "reduced": 0.30, "cleared": 0.45}
METHOD_AREA_SHARE = {"cancelled": 0.45, "reduced": 0.30, "cleared": 0.25}
TASK_MAX_M2 = 2_000_000.0
#: Quarter → factor on tasks and area (winter is slower); the factors average 1.
SEASON = {1: 0.92, 2: 1.03, 3: 1.06, 4: 0.99}
OPERATOR_WEIGHTS = {
    "ANAMA": 40,
    "MoD": 18,
    "MES": 14,
    "SBS": 10,
    "Safe Steps LLC": 7,
    "Green Field Clearance LLC": 6,
    "Caspian Survey LLC": 5,
}
END_USE_WEIGHTS = {
    "agriculture": 45,
    "infrastructure": 15,
    "residential": 12,
    "transport": 10,
    "energy": 6,
    "environment": 6,
    "water": 3,
    "other": 3,
}
TASK_WITH_HAZARD_SHARE = 0.85

# ---- explosive ordnance -----------------------------------------------------------
EO_ROWS = 4_000
#: Quantity per row: geometric with this success probability, capped at 20 (mean ≈ 2.5).
EO_QUANTITY_P = 0.4
EO_QUANTITY_MAX = 20
EO_EARLIER_TASK_SHARE = 0.1
ITEM_TYPE_WEIGHTS = {"UXO": 55, "AP_MINE": 20, "AT_MINE": 10, "CMR": 8, "OTHER": 5, "IED": 2}

# ---- people ---------------------------------------------------------------------
CASUALTIES_LOW, CASUALTIES_HIGH = 6, 14  # ANAMA persons per quarter, never scaled
KILLED_SHARE = 0.3
VICTIM_SERVICES = {"MLSPP": 70, "MOH": 50}
EORE_SESSIONS = {"ANAMA": 60, "MSE": 40}
RETURNS_ROWS = 40

# ---- funding --------------------------------------------------------------------
FUNDING_ENTRIES = 20  # per agency (ANAMA and MOF)
SHARED_ENTRY_SHARE = 0.15  # of FUNDING_ENTRIES, reported by both agencies
INTERNATIONAL_ENTRY_SHARE = 0.3  # of ANAMA's entries
STATE_BUDGET_AZN = 57e6  # per quarter, assumed order of magnitude
INTERNATIONAL_SHARE = (0.04, 0.06)  # of all money, drawn per quarter
AZN_PER = {"USD": 1.70, "EUR": 1.85}


@dataclass(frozen=True)
class QuarterVolumes:
    """Row counts and totals for one quarter at a given scale."""

    hazards: int
    hazard_total_m2: float
    release_tasks: int
    release_m2: float
    eo_rows: int
    services: dict[str, int]
    sessions: dict[str, int]
    returns: int
    funding_entries: int


def quarter_volumes(period: Period, scale: float) -> QuarterVolumes:
    """The volumes of ``period`` at ``scale``: every count at least 1."""
    season = SEASON[period.quarter]
    return QuarterVolumes(
        hazards=scaled_count(HAZARD_COUNT, scale),
        hazard_total_m2=HAZARD_TOTAL_M2 * scale,
        release_tasks=scaled_count(RELEASE_TASKS * season, scale),
        release_m2=RELEASE_HA * 10_000 * season * scale,
        eo_rows=scaled_count(EO_ROWS * season, scale),
        services={agency: scaled_count(n, scale) for agency, n in VICTIM_SERVICES.items()},
        sessions={agency: scaled_count(n, scale) for agency, n in EORE_SESSIONS.items()},
        returns=scaled_count(RETURNS_ROWS, scale),
        funding_entries=scaled_count(FUNDING_ENTRIES, scale),
    )


def method_mean_factor(method: str) -> float:
    """Mean task size of ``method`` relative to the mean task size of all methods."""
    return METHOD_AREA_SHARE[method] / METHOD_TASK_SHARE[method]
