"""Target 18.4 — protect communities through explosive ordnance risk education."""

from __future__ import annotations

import pandas as pd

from sdg18.core.indicator_layout import EORE_GROUPS
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.registry import indicator
from sdg18.indicators.rows import (
    Row,
    breakdown_rows,
    count_rows,
    distinct,
    in_window,
    plural,
    ratio_row,
    rows_frame,
    total_of,
    value_row,
)
from sdg18.indicators.selection import (
    casualty_register,
    dataset,
    eore_sessions,
    settlement_keys,
)
from sdg18.indicators.windows import flow_windows, four_quarters, period_window


@indicator("18.4.1")
def eore_beneficiaries(records: Records, period: Period) -> pd.DataFrame:
    """Persons reached by sessions in the period, year to date and since the baseline, by
    group, district and delivery; persons with disability as their own series."""
    sessions = eore_sessions(records)
    rows: list[Row] = []
    for window in flow_windows(period):
        chosen = in_window(sessions, "session_date", window)
        places = ("district", "delivery")
        rows += breakdown_rows(
            "eore_beneficiaries", window.scope, chosen, total_of("beneficiaries"), places
        )
        rows += [
            value_row("eore_beneficiaries", window.scope, total_of(g).of(chosen), group=g)
            for g in EORE_GROUPS
        ]
        rows += breakdown_rows(
            "eore_beneficiaries_with_disability",
            window.scope,
            chosen,
            total_of("persons_with_disability"),
            places,
        )
    return rows_frame(rows)


@indicator("18.4.2")
def civilian_casualties_with_eore(records: Records, period: Period) -> pd.DataFrame:
    """Share of the period's civilian casualties with a known answer who had received EORE;
    the note counts the unknown answers left out."""
    register = in_window(casualty_register(records), "incident_date", period_window(period))
    civilians = register[register["status"] == "civilian"]
    answers = civilians["received_eore"]
    yes = count_rows().of(civilians[answers == "yes"])
    known = count_rows().of(civilians[answers.isin(["yes", "no"])])
    unknown = len(answers) - int(known)
    row = ratio_row(
        "civilian_casualties_with_eore_pct",
        "period",
        yes,
        known,
        "no civilian casualties with a known received_eore in the period (denominator 0)",
        note=f"{plural(unknown, 'record')} with received_eore unknown excluded",
    )
    return rows_frame([row])


@indicator("18.4.3")
def return_settlements_covered(records: Records, period: Period) -> pd.DataFrame:
    """Share of settlements with returns in the period that had an EORE session in the same
    district and settlement in the four quarters ending the period."""
    returns = in_window(dataset(records, "returns"), "return_date", period_window(period))
    sessions = in_window(dataset(records, "eore"), "session_date", four_quarters(period))
    returns = returns.assign(settlement_key=settlement_keys(returns))
    reached = returns[returns["settlement_key"].isin(set(settlement_keys(sessions)))]
    settlements = distinct("settlement_key")
    row = ratio_row(
        "return_settlements_covered_pct",
        "period",
        settlements.of(reached),
        settlements.of(returns),
        "no returns in the period (denominator 0)",
    )
    return rows_frame([row])
