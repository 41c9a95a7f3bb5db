"""Target 18.5 — resource the effort and enable the return of displaced people."""

from __future__ import annotations

import pandas as pd

from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators.registry import indicator
from sdg18.indicators.rows import flow_rows, in_window, ratio_row, rows_frame, total_of
from sdg18.indicators.selection import dataset, funding_entries
from sdg18.indicators.windows import cumulative_window, period_window

SERIES = (("idps_returned_persons", "persons"), ("idps_returned_households", "households"))
INTERNATIONAL = ("international_bilateral", "international_multilateral")


@indicator("18.5.1")
def funding_received(records: Records, period: Period) -> pd.DataFrame:
    """AZN received in the period, year to date and since the baseline, each entry once;
    by source type."""
    rows = flow_rows(
        "funding_azn",
        funding_entries(records),
        "received_date",
        period,
        total_of("amount_azn"),
        ("source_type",),
    )
    return rows_frame(rows)


@indicator("18.5.2")
def international_share(records: Records, period: Period) -> pd.DataFrame:
    """International sources' share of funding in the period and since the baseline;
    missing when nothing was received."""
    entries = funding_entries(records)
    windows = (
        ("international_share_pct", period_window(period), "in the period"),
        ("international_share_cumulative_pct", cumulative_window(period), "since the baseline"),
    )
    rows = []
    for series, window, when in windows:
        received = in_window(entries, "received_date", window)
        international = received[received["source_type"].isin(INTERNATIONAL)]
        rows.append(
            ratio_row(
                series,
                window.scope,
                total_of("amount_azn").of(international),
                total_of("amount_azn").of(received),
                f"no funding received {when} (denominator 0)",
            )
        )
    return rows_frame(rows)


@indicator("18.5.3")
def idps_returned(records: Records, period: Period) -> pd.DataFrame:
    """Displaced persons and households returned in the period, year to date and since
    the baseline; by district."""
    returns = dataset(records, "returns")
    rows = [
        *flow_rows(
            "idps_returned_persons",
            returns,
            "return_date",
            period,
            total_of("persons"),
            ("district",),
        ),
        *flow_rows(
            "idps_returned_households",
            returns,
            "return_date",
            period,
            total_of("households"),
            ("district",),
        ),
    ]
    return rows_frame(rows)
