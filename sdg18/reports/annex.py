"""The back of the PDF — revisions, data quality annex, methodology, provenance — as printed text.

Also the run stamp: the only text of the PDF that differs between two runs on the
same inputs (:func:`run_stamp`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from schemas.reference import (
    BASELINE_CONTAMINATION,
    BASELINE_DATE,
    CURRENT_BASELINE,
    NATIONAL_AREA_KM2,
)
from sdg18.reports.context import ReportContext
from sdg18.reports.figures import code_label
from sdg18.reports.numbers import format_count, format_value, signed
from sdg18.reports import quality

#: Azerbaijan keeps UTC+4 all year (no daylight saving since 2016).
BAKU = dt.timezone(dt.timedelta(hours=4), "Baku")
#: Errors and warnings listed one by one in the annex; the rest are in the workbook.
LISTED_FINDINGS = 150
#: Revised headline values listed one by one; breakdown revisions are counted.
LISTED_REVISIONS = 60


@dataclass(frozen=True)
class Table:
    """A table as printed: header and rows of text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Rows not printed (listed in the workbook).
    more: int = 0


def _table(frame: pd.DataFrame, header: tuple[str, ...], limit: int | None = None) -> Table:
    rows = tuple(tuple(str(v) for v in values) for values in frame.itertuples(index=False))
    shown = rows if limit is None else rows[:limit]
    return Table(header, shown, len(rows) - len(shown))


def run_time_text(started_at: dt.datetime) -> str:
    """When the run started, as the cover and the provenance print it (UTC and Baku time)."""
    utc = started_at.astimezone(dt.UTC)
    baku = started_at.astimezone(BAKU)
    return f"{utc:%d %B %Y, %H:%M} UTC ({baku:%H:%M} Baku)"


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
            "old": [format_value(v, u) for v, u in zip(headline["old_value"], headline["unit"],
                                                       strict=True)],
            "new": [format_value(v, u) for v, u in zip(headline["new_value"], headline["unit"],
                                                       strict=True)],
            "unit": headline["unit"],
            "cause": headline["cause"],
        }
    )  # fmt: skip
    header = ("Period", "Indicator · series", "Scope", "Published", "Now", "Unit", "Why")
    return _table(rows, header, LISTED_REVISIONS), len(table) - len(headline)


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
    header = ("Agency", "Dataset", "Status", "File", "Prepared", "On time", "Accepted", "Rejected")
    return _table(rows, header)


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
    return _table(rows, ("Dataset", "Records accepted", "Records rejected"))


def rules(context: ReportContext) -> Table:
    """Findings counted per rule."""
    table = quality.findings_by_rule(context)
    table = table.assign(count=[format_count(n) for n in table["count"]])
    return _table(table, ("Rule", "Severity", "Findings", "What it checks"))


def findings(context: ReportContext) -> Table:
    """The errors and warnings, one per row, up to :data:`LISTED_FINDINGS`."""
    table = quality.listed_findings(context, severities=("error", "warning"))
    header = ("Severity", "Rule", "File", "Sheet", "Cell", "Value", "Message")
    return _table(table, header, LISTED_FINDINGS)


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
    return _table(rows, ("District", "Outcome", "ANAMA", "MOH", "Difference"))


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
    return _table(rows, ("File", "Agency", "Bytes", "SHA-256"))
