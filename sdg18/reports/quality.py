"""The data quality annex, the revisions and the provenance as tables, for the PDF and the workbook.

Each function is a pure function of the :class:`ReportContext`; text that came
from an agency (file names, values, messages) is passed through unchanged, and
the renderers are responsible for writing it as text.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from schemas import DATASETS
from schemas.reference import AGENCIES
from schemas.rules import rules_by_id
from sdg18.indicators import BREAKDOWN_COLUMNS
from sdg18.indicators.revisions import REVISION_COLUMNS
from sdg18.reports.context import ReportContext

SEVERITIES = ("error", "warning", "info")
SUBMISSION_TABLE = (
    "agency",
    "dataset",
    "status",
    "file",
    "sheet",
    "prepared_on",
    "late",
    "records_accepted",
    "records_rejected",
)
#: Columns of a listed finding, in the order the annex prints them.
FINDING_TABLE = ("severity", "rule_id", "file", "sheet", "cell", "value", "message")


def inputs_fingerprint(context: ReportContext) -> str:
    """SHA-256 of the sorted SHA-256s of every input file, one per line: the same
    inbox gives the same fingerprint, whatever the run."""
    digests = sorted(str(d) for d in context.inputs["sha256"])
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()


def submission_table(context: ReportContext) -> pd.DataFrame:
    """Every sheet received (accepted, rejected or superseded) and every expected
    agency × dataset pair that was not delivered ("missing"), in contract order."""
    received = context.submissions.reindex(columns=list(SUBMISSION_TABLE)).copy()
    missing = pd.DataFrame(
        [
            {"agency": agency, "dataset": dataset, "status": "missing", "late": False}
            for agency, dataset in context.missing
            # a sheet received and rejected is listed as such, not as missing
            if not ((received["agency"] == agency) & (received["dataset"] == dataset)).any()
        ],
        columns=list(SUBMISSION_TABLE),
    )
    table = pd.concat([p for p in (received, missing) if not p.empty] or [received])
    agency_order = {a.code: i for i, a in enumerate(AGENCIES)}
    dataset_order = {name: i for i, name in enumerate(DATASETS)}
    table = table.assign(
        _agency=table["agency"].map(agency_order).fillna(len(agency_order)),
        _dataset=table["dataset"].map(dataset_order).fillna(len(dataset_order)),
    )
    table = table.sort_values(["_agency", "_dataset", "file", "sheet"], kind="stable")
    table = table.drop(columns=["_agency", "_dataset"]).reset_index(drop=True)
    table["late"] = table["late"].fillna(False).astype(bool)
    for column in ("records_accepted", "records_rejected"):
        table[column] = pd.to_numeric(table[column]).fillna(0).astype("int64")
    return table


def records_by_dataset(context: ReportContext) -> pd.DataFrame:
    """Records accepted and rejected per dataset over the sheets in use, contract order."""
    used = context.submissions[context.submissions["status"] != "superseded"]
    totals = used.groupby("dataset")[["records_accepted", "records_rejected"]].sum()
    order = [name for name in DATASETS if name in totals.index]
    order += sorted(name for name in totals.index if name not in DATASETS)
    table = totals.reindex(order).reset_index().astype({"dataset": str})
    table["records_accepted"] = table["records_accepted"].astype("int64")
    table["records_rejected"] = table["records_rejected"].astype("int64")
    return table


def findings_by_rule(context: ReportContext) -> pd.DataFrame:
    """Findings counted per rule, errors first then by count: rule_id, severity,
    count, description."""
    columns = ["rule_id", "severity", "count", "description"]
    findings = context.findings
    if findings.empty:
        return pd.DataFrame(columns=columns)
    counts = findings.groupby(["rule_id", "severity"]).size().reset_index(name="count")
    counts["rank"] = counts["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    counts = counts.sort_values(["rank", "count", "rule_id"], ascending=[True, False, True])
    catalogue = rules_by_id()
    counts["description"] = [
        getattr(catalogue.get(rule), "description", "") for rule in counts["rule_id"]
    ]
    return counts[columns].reset_index(drop=True)


def severity_counts(context: ReportContext) -> dict[str, int]:
    """Number of findings of each severity (0 included)."""
    counts = context.findings["severity"].value_counts()
    return {severity: int(counts.get(severity, 0)) for severity in SEVERITIES}


def listed_findings(context: ReportContext, *, severities: tuple[str, ...]) -> pd.DataFrame:
    """The findings of ``severities``, severity first, then in the order an agency reads
    its files; text columns blank rather than missing."""
    findings = context.findings[context.findings["severity"].isin(severities)].copy()
    findings["rank"] = findings["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    findings["row"] = pd.to_numeric(findings["row"]).astype("Int64")
    findings = findings.sort_values(
        ["rank", "file", "sheet", "row", "column", "rule_id"], kind="stable", na_position="first"
    )
    table = findings.reindex(columns=list(FINDING_TABLE))
    return table.astype(object).where(table.notna(), "").astype(str).reset_index(drop=True)


def reconciliation_table(context: ReportContext) -> pd.DataFrame:
    """ANAMA's and MOH's casualties of the period per district and outcome, differences first."""
    table = context.reconciliation.copy()
    if table.empty:
        return table
    table["mismatch"] = table["difference"] != 0
    table = table.sort_values(["mismatch", "district", "outcome"], ascending=[False, True, True])
    return table.drop(columns="mismatch").reset_index(drop=True)


def revision_breakdown(revisions: pd.DataFrame) -> pd.Series:
    """Each revision's breakdown as "column = code" ("" for a headline value)."""
    label = pd.Series("", index=revisions.index, dtype=object)
    for column in BREAKDOWN_COLUMNS:
        codes = revisions[column].astype(object).where(revisions[column].notna(), "").astype(str)
        label = label.mask(codes != "", column + " = " + codes)
    return label


def revision_table(context: ReportContext) -> pd.DataFrame:
    """Every revised value: indicator, series, unit, period, scope, breakdown, old and
    new value, cause, and the records added and retired since the value was published;
    ordered as the revisions file is."""
    revisions = context.revisions
    key = [c for c in REVISION_COLUMNS if c in ("indicator", "series", "unit", "period", "scope")]
    after_key = REVISION_COLUMNS[REVISION_COLUMNS.index("old_value") :]
    columns = [*key, "breakdown", *after_key]
    if revisions.empty:
        return pd.DataFrame(columns=columns)
    table = revisions.reindex(
        columns=[*revisions.columns, *(c for c in columns if c not in revisions)]
    )
    table["breakdown"] = revision_breakdown(table)
    text = (
        "indicator",
        "series",
        "unit",
        "period",
        "scope",
        "cause",
        "changed_records",
    )
    for column in text:
        table[column] = table[column].astype(object).where(table[column].notna(), "").astype(str)
    return table[columns].reset_index(drop=True)
