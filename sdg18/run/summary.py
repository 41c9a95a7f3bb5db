"""What a finished run shows at a glance: the validation table and the headline indicators.

Plain data for the Prefect artifacts of a run (``flows/artifacts.py``): every
value JSON-safe (no NaN, NA or numpy types), text in Markdown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.reports.context import ReportContext
from sdg18.validation.report import ValidationCounts

VALIDATION_COLUMNS = (
    "agency",
    "file",
    "dataset",
    "sheet",
    "status",
    "late",
    "records_accepted",
    "records_rejected",
    "errors",
    "warnings",
)


def json_safe(value: object) -> str | int | float | bool | None:
    """``value`` as a JSON scalar: missing values become None, numpy scalars Python ones,
    times ISO 8601 text, anything else its text."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def validation_rows(context: ReportContext) -> list[dict[str, Any]]:
    """One row per dataset sheet received (and per file that gave none): its status,
    records accepted and rejected, errors and warnings — JSON-safe."""
    findings = context.findings
    severity = Counter(
        zip(findings["file"], findings["sheet"].fillna(""), findings["severity"], strict=True)
    )
    by_file = Counter(zip(findings["file"], findings["severity"], strict=True))
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for sheet in context.submissions.to_dict("records"):
        seen.add(str(sheet["file"]))
        key = (sheet["file"], sheet["sheet"] or "")
        row = {name: sheet.get(name) for name in VALIDATION_COLUMNS[:8]}
        row["errors"] = severity[(*key, "error")]
        row["warnings"] = severity[(*key, "warning")]
        rows.append(row)
    for file in context.inputs.to_dict("records"):
        if file["file"] in seen:
            continue
        rows.append(
            {
                "agency": file["agency"],
                "file": file["file"],
                "dataset": "",
                "sheet": "",
                "status": "no dataset read",
                "late": None,
                "records_accepted": 0,
                "records_rejected": 0,
                "errors": by_file[(file["file"], "error")],
                "warnings": by_file[(file["file"], "warning")],
            }
        )
    return [{name: json_safe(row[name]) for name in VALIDATION_COLUMNS} for row in rows]


def headline_values(values: pd.DataFrame, period: str) -> pd.DataFrame:
    """The headline (no breakdown) of every series for ``period``: one row per series, one
    column per scope (``period``, ``ytd``, ``cumulative``)."""
    blank = (values[list(BREAKDOWN_COLUMNS)].fillna("").astype(str) == "").all(axis=1)
    rows = values[blank & values["period"].astype(str).eq(period)]
    keys = ["indicator", "series", "unit", "scope"]
    table = rows.drop_duplicates(keys).set_index(keys)["value"].unstack("scope", sort=False)
    return table.reindex(columns=["period", "ytd", "cumulative"]).reset_index()


def _number(value: object) -> str:
    safe = json_safe(value)
    if safe is None or safe == "":
        return "—"
    try:
        number = float(safe)
    except (TypeError, ValueError):
        return str(safe)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"


def headline_markdown(
    context: ReportContext, counts: ValidationCounts, manifest_sha256: str = ""
) -> str:
    """The run's verdict, its validation counts and every headline value, as Markdown."""
    titles = {meta.id: meta.title_en for meta in context.framework.indicators}
    lines = [
        f"# SDG 18 — {context.period}: {context.verdict}",
        "",
        f"Run `{context.run_id}`: {counts.describe()}.",
    ]
    if manifest_sha256:
        lines.append(f"Manifest SHA-256 `{manifest_sha256}`.")
    lines += [
        "",
        "| indicator | title | series | unit | period | year to date | cumulative |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    table = headline_values(context.values, context.period)
    for row in table.to_dict("records"):
        lines.append(
            f"| {row['indicator']} | {titles.get(str(row['indicator']), '')} | {row['series']} "
            f"| {row['unit']} | {_number(row['period'])} | {_number(row['ytd'])} "
            f"| {_number(row['cumulative'])} |"
        )
    return "\n".join(lines) + "\n"
