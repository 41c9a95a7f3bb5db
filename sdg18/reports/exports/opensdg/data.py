"""The Open SDG data files: one CSV per indicator, and their check.

Data CSV (``indicator_18-x-y.csv``): ``Year``, ``Series``, ``Units``, one column
per breakdown (title-cased; ``District`` holds the English district name),
``GeoCode`` (the ISO 3166-2:AZ code) when district rows exist, ``Value`` last.
A blank breakdown cell is a total; the row with every breakdown blank is the
headline. Missing values are left out (Open SDG has no blank values).

Years: a flow gives one value per calendar year — the year-to-date value at the
year's last reported quarter, so a full year when that quarter is Q4 and a
partial year otherwise (said in the card's ``data_footnote``, :mod:`.site`). A stock or a
ratio gives the value of the last reported quarter of each year.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from schemas.reference import DISTRICTS
from sdg18.core.periods import Period
from sdg18.indicators.metadata import IndicatorMeta

DISTRICT_NAMES = {d.code: d.name_en for d in DISTRICTS}
FIXED_COLUMNS = ("Year", "Series", "Units", "GeoCode", "Value")


def slug(indicator_id: str) -> str:
    """``18.1.1`` → ``18-1-1``, as Open SDG names files."""
    return indicator_id.replace(".", "-")


def column_title(breakdown: str) -> str:
    """A breakdown column's Open SDG header: ``end_use`` → ``End Use``."""
    return breakdown.replace("_", " ").title()


def year_ends(periods: Sequence[Period]) -> dict[int, Period]:
    """Each year of ``periods`` → its last period among them."""
    ends: dict[int, Period] = {}
    for period in sorted(periods):
        ends[period.year] = period
    return ends


def _series_rows(rows: pd.DataFrame, meta: IndicatorMeta, ends: dict[int, Period]) -> pd.DataFrame:
    """Per series, the rows of the scope a year's value is read from, at each year's end."""
    wanted = []
    for series in meta.series:
        scope = "ytd" if "ytd" in series.scopes else series.scopes[0]
        wanted += [(series.id, scope, str(p)) for p in ends.values()]
    keys = pd.MultiIndex.from_frame(rows[["series", "scope", "period"]])
    return rows[keys.isin(wanted)]


def opensdg_frame(
    frame: pd.DataFrame, meta: IndicatorMeta, periods: Sequence[Period]
) -> pd.DataFrame:
    """The Open SDG data table of one indicator from the ``indicators.csv`` table."""
    ends = year_ends(periods)
    rows = _series_rows(frame[frame["indicator"] == meta.id], meta, ends)
    rows = rows[rows["value"].notna()]
    series_rank = {s.id: rank for rank, s in enumerate(meta.series)}
    table = pd.DataFrame(
        {
            "Year": rows["period"].map(lambda text: Period.parse(text).year).astype("int64"),
            "Series": rows["series"],
            "Units": rows["unit"],
        }
    )
    for breakdown in meta.breakdowns:
        values = rows[breakdown].fillna("").astype(str)
        if breakdown == "district":
            values = values.map(lambda code: DISTRICT_NAMES.get(code, code))
        table[column_title(breakdown)] = values
    if "district" in meta.breakdowns and (rows["district"].fillna("") != "").any():
        table["GeoCode"] = rows["district"].fillna("").astype(str)
    table["Value"] = rows["value"].astype("float64")
    order = [table["Year"], table["Series"].map(series_rank)]
    keys = pd.concat(order + [table[c] for c in table.columns[3:-1]], axis=1)
    keys.columns = [f"_{i}" for i in range(keys.shape[1])]
    return table.loc[keys.sort_values(list(keys.columns), kind="stable").index].reset_index(
        drop=True
    )


def format_value(value: float) -> str:
    """A value as Open SDG reads it: integers without ``.0``, others at full precision."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_opensdg_csv(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` as UTF-8 CSV with ``\\n`` line ends and no white space around cells."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.columns)
    for record in table.itertuples(index=False):
        *cells, value = record
        writer.writerow([str(cell).strip() for cell in cells] + [format_value(value)])
    path.write_text(stream.getvalue(), encoding="utf-8")


def _header_problems(header: list[str]) -> list[str]:
    problems = [f"header '{h}' has white space around it" for h in header if h != h.strip()]
    names = [h.strip() for h in header]
    if names[0] != "Year":
        problems.append(f"the first column is '{names[0]}', not 'Year'")
    if names[-1] != "Value":
        problems.append(f"the last column is '{names[-1]}', not 'Value'")
    if "GeoCode" in names and (len(names) < 2 or names[-2] != "GeoCode"):
        problems.append("'GeoCode' is not the second to last column")
    problems += [f"the column '{c}' is missing" for c in ("Series", "Units") if c not in names]
    repeated = sorted({n for n in names if names.count(n) > 1})
    problems += [f"the column '{n}' appears more than once" for n in repeated]
    return problems


def _row_problems(line: int, header: list[str], row: list[str]) -> list[str]:
    if len(row) != len(header):
        return [f"line {line} has {len(row)} cells, the header {len(header)}"]
    problems = [
        f"line {line}, column {column}: white space around '{cell}'"
        for column, cell in zip(header, row, strict=True)
        if cell != cell.strip()
    ]
    year, value = row[0].strip(), row[-1].strip()
    if not (year.isdigit() and len(year) == 4):
        problems.append(f"line {line}: Year '{row[0]}' is not a four-digit year")
    try:
        if not math.isfinite(float(value)):
            raise ValueError(value)
    except ValueError:
        problems.append(f"line {line}: Value '{row[-1]}' is not a number")
    return problems


def check_opensdg_csv(path: Path) -> list[str]:
    """Every way the file breaks the Open SDG rules of this project ([] when it is fine)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [f"cannot read {path.name} as UTF-8 text: {error}"]
    if text.startswith("\ufeff"):
        return ["the file starts with a byte order mark"]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    problems = [f"line {n} is empty" for n, line in enumerate(lines, 1) if not line.strip(", \r")]
    numbered = [
        (n, next(csv.reader([line]))) for n, line in enumerate(lines, 1) if line.strip(", \r")
    ]
    if not numbered:
        return [*problems, "the file has no header"]
    header = numbered[0][1]
    body = [row for _, row in numbered[1:]]
    problems += _header_problems(header)
    for line, row in numbered[1:]:
        problems += _row_problems(line, header, row)
    if problems:
        return problems
    return _table_problems(header, body)


def _table_problems(header: list[str], body: list[list[str]]) -> list[str]:
    """Duplicated observations and series without a headline row."""
    problems = []
    counts = Counter(tuple(row[:-1]) for row in body)
    repeated = sorted(k for k, n in counts.items() if n > 1)
    problems += [f"the row {list(k)} appears more than once" for k in repeated]
    breakdown_at = [i for i, h in enumerate(header) if h not in FIXED_COLUMNS]
    series_at = header.index("Series")
    with_headline = {row[series_at] for row in body if not any(row[i] for i in breakdown_at)}
    for series in sorted({row[series_at] for row in body} - with_headline):
        problems.append(f"series '{series}' has no headline row (every breakdown blank)")
    return problems
