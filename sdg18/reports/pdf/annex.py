"""The back of the PDF — revisions, data quality annex, methodology, provenance — as printed text.

Also the run stamp: the only text of the PDF that differs between two runs on the
same inputs (:func:`run_stamp`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from schemas.reference import (
    BASELINE_CONTAMINATION,
    BASELINE_DATE,
    CURRENT_BASELINE,
    NATIONAL_AREA_KM2,
)
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.figures import code_label
from sdg18.reports.numbers import format_count, format_value, signed

#: Azerbaijan keeps UTC+4 all year (no daylight saving since 2016).
BAKU = dt.timezone(dt.timedelta(hours=4), "Baku")
#: Errors and warnings listed one by one in the annex; the rest are in the workbook.
LISTED_FINDINGS = 150
#: Revised headline values listed one by one; breakdown revisions are counted.
LISTED_REVISIONS = 60


@dataclass(frozen=True)
class Table:
    """A table as printed: header, rows of text, and how each column is set."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Rows not printed (listed in the workbook).
    more: int = 0
    #: CSS width of each column (empty: the browser decides).
    widths: tuple[str, ...] = ()
    #: Positions of right-aligned numeric columns.
    numeric: frozenset[int] = frozenset()
    #: Positions of columns whose text may break anywhere (file names, codes, hashes).
    breakable: frozenset[int] = frozenset()

    def cell_class(self, position: int) -> str:
        """The CSS class of the column at ``position``."""
        if position in self.numeric:
            return "num"
        return "any" if position in self.breakable else "text"


def _table(
    frame: pd.DataFrame,
    header: tuple[str, ...],
    limit: int | None = None,
    **layout: Any,
) -> Table:
    rows = tuple(tuple(str(v) for v in values) for values in frame.itertuples(index=False))
    shown = rows if limit is None else rows[:limit]
    return Table(header, shown, len(rows) - len(shown), **layout)


def run_time_text(started_at: dt.datetime) -> str:
    """When the run started, as the cover and the provenance print it (UTC and Baku time)."""
    utc = started_at.astimezone(dt.UTC)
    baku = started_at.astimezone(BAKU)
    return f"{utc.day} {utc:%B %Y, %H:%M} UTC ({baku:%H:%M} Baku)"


def run_stamp(context: ReportContext) -> tuple[str, ...]:
    """The texts that identify the run: its id and start time (all else is the same
    for two runs on the same inputs)."""
    return (context.run_id, run_time_text(context.started_at))


def revisions(context: ReportContext) -> tuple[Table, int]:
    """Revised headline values (old, new, change, cause) and the number of revised
    breakdown values."""
    table = quality.revision_table(context)
    headline = table[table["breakdown"] == ""]
    rows = pd.DataFrame(
        {
            "period": headline["period"],
            "indicator": headline["indicator"] + " " + headline["series"],
            "scope": headline["scope"],
            "old": [
                format_value(v, u)
                for v, u in zip(headline["old_value"], headline["unit"], strict=True)
            ],
            "new": [
                format_value(v, u)
                for v, u in zip(headline["new_value"], headline["unit"], strict=True)
            ],
            "unit": headline["unit"],
            "cause": [
                f"{cause} — {changed}" if changed else cause
                for cause, changed in zip(
                    headline["cause"], headline["changed_records"], strict=True
                )
            ],
        }
    )
    header = ("Period", "Indicator · series", "Scope", "Published", "Now", "Unit", "Why")
    layout = {
        "widths": ("14mm", "38mm", "17mm", "17mm", "17mm", "15mm", ""),
        "numeric": frozenset({3, 4}),
        "breakable": frozenset({1, 6}),
    }
    return _table(rows, header, LISTED_REVISIONS, **layout), len(table) - len(headline)


def submissions(context: ReportContext) -> Table:
    """Every expected and received submission with its status and record counts."""
    table = quality.submission_table(context)
    prepared = table["prepared_on"]
    rows = pd.DataFrame(
        {
            "agency": table["agency"],
            "dataset": table["dataset"],
            "status": table["status"],
            "file": table["file"].fillna(""),
            "prepared": [
                "" if pd.isna(day) else pd.Timestamp(day).strftime("%Y-%m-%d") for day in prepared
            ],
            "late": ["late" if late else "" for late in table["late"]],
            "accepted": [format_count(n) for n in table["records_accepted"]],
            "rejected": [format_count(n) for n in table["records_rejected"]],
        }
    )
    header = ("Agency", "Dataset", "Status", "File", "Prepared", "Late", "Accepted", "Rejected")
    widths = ("14mm", "27mm", "18mm", "", "17mm", "9mm", "15mm", "15mm")
    return _table(
        rows, header, widths=widths, numeric=frozenset({6, 7}), breakable=frozenset({1, 3})
    )


def records(context: ReportContext) -> Table:
    """Records accepted and rejected per dataset."""
    table = quality.records_by_dataset(context)
    rows = pd.DataFrame(
        {
            "dataset": table["dataset"],
            "accepted": [format_count(n) for n in table["records_accepted"]],
            "rejected": [format_count(n) for n in table["records_rejected"]],
        }
    )
    return _table(
        rows, ("Dataset", "Records accepted", "Records rejected"), numeric=frozenset({1, 2})
    )


def rules(context: ReportContext) -> Table:
    """Findings counted per rule."""
    table = quality.findings_by_rule(context)
    table = table.assign(count=[format_count(n) for n in table["count"]])
    header = ("Rule", "Severity", "Findings", "What it checks")
    return _table(
        table,
        header,
        widths=("62mm", "15mm", "14mm", ""),
        numeric=frozenset({2}),
        breakable=frozenset({0}),
    )


def findings(context: ReportContext) -> Table:
    """The errors and warnings, one per row, up to :data:`LISTED_FINDINGS`."""
    table = quality.listed_findings(context, severities=("error", "warning"))
    header = ("Severity", "Rule", "File", "Sheet", "Cell", "Value", "Message")
    widths = ("12mm", "34mm", "34mm", "17mm", "10mm", "22mm", "")
    return _table(
        table, header, LISTED_FINDINGS, widths=widths, breakable=frozenset({1, 2, 3, 5, 6})
    )


def reconciliation(context: ReportContext) -> Table:
    """ANAMA's and MOH's casualty counts per district and outcome."""
    table = quality.reconciliation_table(context)
    if table.empty:
        return Table(("District", "Outcome", "ANAMA", "MOH", "Difference"), ())
    rows = pd.DataFrame(
        {
            "district": [code_label("district", c) for c in table["district"]],
            "outcome": table["outcome"],
            "anama": [format_count(n) for n in table["anama"]],
            "moh": [format_count(n) for n in table["moh"]],
            "difference": [signed(float(n), "persons") for n in table["difference"]],
        }
    )
    header = ("District", "Outcome", "ANAMA", "MOH", "Difference")
    return _table(rows, header, numeric=frozenset({2, 3, 4}))


def baseline() -> dict[str, object]:
    """The baseline date, the national area and every estimate of contamination."""
    return {
        "date": f"{BASELINE_DATE:%d %B %Y}",
        "national_area": format_value(NATIONAL_AREA_KM2, "km²"),
        "current": f"{format_value(CURRENT_BASELINE.area_km2, 'km²')} km² "
        f"(as of {CURRENT_BASELINE.label})",
        "estimates": Table(
            ("Estimate of", "Contaminated area (km²)", "Used"),
            tuple(
                (
                    e.label,
                    ("about " if e.approximate else "") + format_value(e.area_km2, "km²"),
                    "current" if e == CURRENT_BASELINE else "superseded",
                )
                for e in BASELINE_CONTAMINATION
            ),
            numeric=frozenset({1}),
        ),
    }


def inputs(context: ReportContext) -> Table:
    """Every input file with its agency, size and SHA-256, as the run found them."""
    table = context.inputs.sort_values("file", kind="stable")
    rows = pd.DataFrame(
        {
            "file": table["file"],
            "agency": table["agency"].fillna(""),
            "size": [format_count(n) for n in table["size"]],
            "sha256": table["sha256"],
        }
    )
    header = ("File", "Agency", "Bytes", "SHA-256")
    return _table(
        rows,
        header,
        widths=("", "15mm", "15mm", "87mm"),
        numeric=frozenset({2}),
        breakable=frozenset({0}),
    )
