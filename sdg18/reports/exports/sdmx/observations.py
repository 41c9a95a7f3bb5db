"""The SDMX observations of a run: every value of ``indicators.csv`` as a quarterly
observation, and the values that make a calendar year as annual ones.

Quarterly (FREQ ``Q``, TIME_PERIOD ``2026-Q3``): one observation per row of
``indicators.csv``, its scope in the SCOPE dimension. Annual (FREQ ``A``,
TIME_PERIOD ``2025``), for each year whose four quarters are all in the store,
read at the year's fourth quarter: a flow's year to date (the year's total)
and cumulative value; a stock's value at the year's end and its cumulative
value; a ratio's cumulative value. A ratio of one quarter (deminer casualties
per 1,000 ha of the quarter, say) has no annual observation: the year's ratio
is not its last quarter's, and the pipeline does not compute it.

OBS_STATUS: ``M`` for a missing value (its note in COMMENT_OBS), else ``A``
when the last run publishing the period was final and ``P`` when provisional
(a year is provisional when one of its quarters is).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from sdg18.core.errors import Sdg18Error
from sdg18.core.periods import Period
from sdg18.indicators.metadata import Framework
from sdg18.reports.exports.indicators_csv import indicators_table
from sdg18.reports.exports.sdmx import codes

#: Per indicator kind: the scope read at the fourth quarter → the annual SCOPE code.
ANNUAL_SCOPES: dict[str, dict[str, str]] = {
    "flow": {"ytd": "P", "cumulative": "CUM"},
    "stock": {"period": "P", "cumulative": "CUM"},
    "ratio": {"cumulative": "CUM"},
}
STATUS = {"final": "A", "provisional": "P"}


def time_period(period: Period, freq: str) -> str:
    """SDMX TIME_PERIOD: ``2026-Q3`` for a quarter, ``2026`` for its year."""
    return f"{period.year}-Q{period.quarter}" if freq == "Q" else str(period.year)


def full_years(periods: Sequence[Period]) -> list[int]:
    """The years whose four quarters are all among ``periods``, in order."""
    quarters: dict[int, set[int]] = {}
    for period in periods:
        quarters.setdefault(period.year, set()).add(period.quarter)
    return sorted(year for year, seen in quarters.items() if seen == {1, 2, 3, 4})


def _key_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The dimensions other than FREQ, SCOPE and TIME_PERIOD, from the breakdown columns."""
    group = table["group"].map(codes.GROUP_CODES)
    sex = table["sex"].map(codes.SEX_CODES)
    age = table["age_group"].map(codes.AGE_CODES)
    keys = pd.DataFrame(index=table.index)
    keys["REPORTING_TYPE"] = "N"
    keys["SERIES"] = table["series"].str.upper()
    keys["REF_AREA"] = table["district"].where(table["district"] != "", codes.COUNTRY_AREA)
    keys["SEX"] = sex.fillna(group.str[0]).fillna(codes.TOTAL)
    keys["AGE"] = age.fillna(group.str[1]).fillna(codes.TOTAL)
    keys["DISABILITY_STATUS"] = table["series"].map(codes.DISABILITY_SERIES).fillna(codes.TOTAL)
    for column, dimension in codes.NATIONAL_BREAKDOWNS.items():
        found = {c: codes.national_code(c) if c else codes.TOTAL for c in table[column].unique()}
        keys[dimension] = table[column].map(found)
    return keys


def _observations(
    table: pd.DataFrame, freq: str, scope: pd.Series, status: pd.Series
) -> pd.DataFrame:
    keys = _key_columns(table)
    frame = pd.DataFrame({"FREQ": freq}, index=table.index)
    frame = pd.concat([frame, keys], axis=1)
    frame.insert(list(frame.columns).index("DISABILITY_STATUS") + 1, "SCOPE", scope)
    times = {p: time_period(Period.parse(p), freq) for p in table["period"].unique()}
    frame[codes.TIME_DIMENSION] = table["period"].map(times)
    frame[codes.MEASURE] = table["value"]
    frame["UNIT_MEASURE"] = table["unit"].map(codes.UNIT_CODES)
    unknown = sorted(set(table["unit"][frame["UNIT_MEASURE"].isna()]))
    if unknown:
        raise Sdg18Error(
            f"the unit(s) {unknown} have no SDMX UNIT_MEASURE code",
            "Add each to UNIT_CODES in sdg18/reports/exports/sdmx/codes.py (a code of the "
            "global CL_UNIT_MEASURE, or a national one added to UNIT_MEASURE there).",
        )
    frame["UNIT_MULT"] = "0"
    frame["OBS_STATUS"] = status.where(table["value"].notna(), "M")
    frame["NATURE"] = "C"
    frame["COMMENT_OBS"] = table["note"]
    return frame


def _annual_rows(table: pd.DataFrame, framework: Framework, years: list[int]) -> pd.DataFrame:
    """The rows of ``table`` read as annual values, with their annual SCOPE in ``_scope``."""
    annual = {
        (meta.id, scope): code
        for meta in framework.indicators
        for scope, code in ANNUAL_SCOPES[meta.kind].items()
    }
    ends = {f"{year}Q4" for year in years}
    rows = table[table["period"].isin(ends)].copy()
    keys = pd.MultiIndex.from_frame(rows[["indicator", "scope"]])
    rows["_scope"] = keys.map(lambda key: annual.get(key, ""))
    return rows[rows["_scope"] != ""]


def sdmx_observations(
    values: pd.DataFrame,
    periods: Sequence[Period],
    verdicts: Mapping[str, str],
    framework: Framework,
) -> pd.DataFrame:
    """Every quarterly and annual observation of ``values`` (``indicators.csv`` rows), in
    series order then key order; ``verdicts`` maps each period to the verdict of the last
    run that published it (a period without one is provisional)."""
    table = indicators_table(values)
    by_period = {p: STATUS.get(verdicts.get(p, ""), "P") for p in table["period"].unique()}
    status = table["period"].map(by_period)
    quarterly = _observations(table, "Q", table["scope"].map(codes.SCOPE_CODES), status)
    years = full_years(periods)
    annual_rows = _annual_rows(table, framework, years)
    # a year is provisional when one of its quarters is
    year_status = {y: "P" if any(by_period.get(f"{y}Q{q}") == "P" for q in (1, 2, 3, 4)) else "A"
                   for y in years}  # fmt: skip
    annual_status = annual_rows["period"].str[:4].astype(int).map(year_status)
    annual = _observations(annual_rows, "A", annual_rows["_scope"], annual_status)
    frame = pd.concat([quarterly, annual], ignore_index=True)
    series = [s.id.upper() for meta in framework.indicators for s in meta.series]
    rank = {code: n for n, code in enumerate(series)}
    columns = list(frame.columns)
    dims = columns[: columns.index(codes.TIME_DIMENSION) + 1]  # the key, in its order
    order = frame.assign(_rank=frame["SERIES"].map(rank)).sort_values(
        ["_rank", *dims], kind="stable"
    )
    return order.drop(columns="_rank").reset_index(drop=True)
