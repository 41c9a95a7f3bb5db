"""Target 18.3 — meet the needs of every survivor.

Survivors are the injured persons of ANAMA's register hurt from the baseline
date to the end of the period; services come from MLSPP and MOH.
"""

from __future__ import annotations

import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_CODES
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.registry import indicator
from sdg18.indicators.rows import (
    Row,
    count_rows,
    distinct,
    flow_rows,
    in_window,
    ratio_row,
    rows_frame,
)
from sdg18.indicators.selection import dataset, services, survivors
from sdg18.indicators.windows import four_quarters

WORKING_AGES = (18, 64)


def coverage_rows(series: str, people: pd.DataFrame, served: set[str], missing: str) -> list[Row]:
    """Share of ``people`` whose casualty_id is in ``served``, overall and by sex."""
    covered = people["casualty_id"].isin(served)
    count = count_rows()
    rows = [ratio_row(series, "period", count.of(people[covered]), count.of(people), missing)]
    for sex in BREAKDOWN_CODES["sex"]:
        mine = people["sex"] == sex
        rows.append(
            ratio_row(
                series,
                "period",
                count.of(people[covered & mine]),
                count.of(people[mine]),
                missing,
                sex=sex,
            )
        )
    return rows


@indicator("18.3.1")
def survivors_assisted(records: Records, period: Period) -> pd.DataFrame:
    """Distinct survivors with a service dated in the period, year to date and since the
    baseline; by service type, sex and age group (unknown when not in the register)."""
    assisted = services(records)
    rows = flow_rows(
        "survivors_assisted",
        assisted,
        "service_date",
        period,
        distinct("survivor_id"),
        ("service_type", "sex", "age_group"),
    )
    return rows_frame(rows)


@indicator("18.3.2")
def assistance_coverage(records: Records, period: Period) -> pd.DataFrame:
    """Survivors with any service in the four quarters ending the period, as a share of all
    survivors; by sex."""
    recent = in_window(dataset(records, "victim_assistance"), "service_date", four_quarters(period))
    rows = coverage_rows(
        "assistance_coverage_pct",
        survivors(records, period),
        set(recent["survivor_id"]),
        "no survivors in the register (denominator 0)",
    )
    return rows_frame(rows)


@indicator("18.3.3")
def economic_inclusion_coverage(records: Records, period: Period) -> pd.DataFrame:
    """Survivors aged 18–64 with an economic inclusion service in the four quarters ending
    the period, as a share of all such survivors; by sex."""
    recent = in_window(dataset(records, "victim_assistance"), "service_date", four_quarters(period))
    inclusion = recent[recent["service_type"] == "economic_inclusion"]
    people = survivors(records, period)
    low, high = WORKING_AGES
    people = people[people["age"].between(low, high)]
    rows = coverage_rows(
        "economic_inclusion_coverage_pct",
        people,
        set(inclusion["survivor_id"]),
        "no survivors aged 18–64 in the register (denominator 0)",
    )
    return rows_frame(rows)
