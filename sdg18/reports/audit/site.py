"""The audit site of a run: ``<period>/audit/``, static pages opened from the file system.

The pages are Jinja2 templates (``templates/audit/``, autoescaped) with the run's
small tables in them; the large ones travel as data scripts (:mod:`.data`) that
the folder's own ``audit.js`` loads and fills in with ``textContent``. Each page
carries a Content-Security-Policy that lets it run and load only the folder's own
files: nothing remote, no inline script, no form, no frame.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.outputs import INDICATORS_CSV, archive_path
from sdg18.core.periods import LOCAL_ZONE
from sdg18.indicators.compute import TRACE_COLUMN
from sdg18.reports.audit.data import (
    FINDING_FACETS,
    FINDING_SHOWN,
    FINDINGS_CHUNK,
    TRACE_SHOWN,
    VALUE_COLUMNS,
    data_script,
    findings_data,
    records_of,
    traced_values,
    values_table,
)
from sdg18.reports.context import ReportContext
from sdg18.validation.summary import rules_frame

#: The pages' templates, stylesheet and script.
AUDIT_TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "audit"
#: (file, title) of every page, in the order of the navigation.
PAGES = (
    ("index.html", "Run"),
    ("validation.html", "Validation"),
    ("findings.html", "Findings"),
    ("indicators.html", "Indicators"),
    ("revisions.html", "Revisions"),
    ("rules.html", "Rules"),
)
ASSETS = ("audit.css", "audit.js")
SUMMARY_SHOWN = ("rule_id", "checked", "passed", "failed", "level", "severity", "dataset",
                 "file", "sheet", "description")  # fmt: skip
RULE_SHOWN = ("rule_id", "level", "severity", "dataset", "column", "check", "description", "hint")
RECONCILIATION_SHOWN = ("district", "outcome", "anama", "moh", "difference")
REVISION_SHOWN = ("indicator", "series", "period", "scope", "breakdown", "old_value", "new_value",
                  "cause", "records_added", "records_retired", "changed_records")  # fmt: skip


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(AUDIT_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _times(moment: dt.datetime) -> dict[str, str]:
    return {
        "utc": moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "baku": moment.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M:%S (Asia/Baku)"),
    }


def _inputs(context: ReportContext) -> list[dict[str, str]]:
    """Every input with its datasets and where the outputs keep a copy of its bytes."""
    datasets = context.submissions.groupby("file")["dataset"].agg(
        lambda names: ", ".join(sorted(set(names)))
    )
    rows = []
    for number, row in enumerate(context.inputs.to_dict("records"), start=1):
        sha = str(row["sha256"])
        rows.append(
            {
                "number": str(number),
                "file": str(row["file"]),
                "agency": str(row["agency"]),
                "size": f"{int(row['size']):,}",
                "sha256": sha,
                "datasets": str(datasets.get(row["file"], "")),
                "archive": archive_path(sha),
            }
        )
    return rows


def _revisions(revisions: pd.DataFrame) -> list[list[str]]:
    """The revisions with their breakdowns in one ``column=code`` cell."""
    shown = revisions.copy()
    columns = [c for c in BREAKDOWN_COLUMNS if c in shown.columns]
    shown["breakdown"] = [
        " ".join(f"{c}={v}" for c, v in zip(columns, row, strict=True) if isinstance(v, str) and v)
        for row in shown[columns].itertuples(index=False)
    ]
    return records_of(shown, REVISION_SHOWN)


def _with_rule_text(summary: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """The summary with each rule's text (its description in the catalogue)."""
    text = rules.drop_duplicates("rule_id").set_index("rule_id")["description"]
    return summary.assign(description=summary["rule_id"].map(text).fillna(""))


def page_context(context: ReportContext, inputs: list[dict[str, str]]) -> dict[str, Any]:
    """What the templates render: the run's facts, its inputs (:func:`_inputs`) and its
    small tables."""
    rules = rules_frame()
    return {
        "pages": PAGES,
        "period": context.period,
        "run_id": context.run_id,
        "verdict": context.verdict,
        "code_version": context.code_version,
        "started": _times(context.started_at),
        "written": _times(dt.datetime.now(dt.UTC)),
        "inputs": inputs,
        "summary_columns": SUMMARY_SHOWN,
        "summary": records_of(_with_rule_text(context.summary, rules), SUMMARY_SHOWN),
        "rule_columns": RULE_SHOWN,
        "rules": records_of(rules, RULE_SHOWN),
        "reconciliation_columns": RECONCILIATION_SHOWN,
        "reconciliation": records_of(context.reconciliation, RECONCILIATION_SHOWN),
        "revision_columns": REVISION_SHOWN,
        "revisions": _revisions(context.revisions),
        "finding_count": len(context.findings),
        "value_count": len(context.values),
        "indicators_csv": INDICATORS_CSV,
    }


def write_findings_data(findings: pd.DataFrame, inputs: dict[str, str], data: Path) -> None:
    """The findings' index and chunks in ``data`` (``inputs``: file → its number in the
    inputs table, for the link from a finding to its file)."""
    for old in data.glob("findings-*.js"):
        old.unlink()
    found = findings_data(findings)
    index = {
        "inputs": inputs,
        "facets": found.facets,
        "order": FINDING_FACETS,
        "columns": FINDING_SHOWN,
        "chunk": FINDINGS_CHUNK,
        "index": found.index,
    }
    (data / "findings-index.js").write_text(data_script("findings-index", index), "utf-8")
    for number, chunk in enumerate(found.chunks):
        name = f"findings-{number}"
        (data / f"{name}.js").write_text(data_script(name, chunk), encoding="utf-8")


def _write_values(context: ReportContext, folder: Path) -> None:
    data = folder / "data"
    values = {
        "columns": VALUE_COLUMNS,
        "trace_columns": TRACE_SHOWN,
        "rows": values_table(context.values, context.value_traces),
    }
    (data / "values.js").write_text(data_script("values", values), encoding="utf-8")
    if context.value_traces is None or context.traced_records is None:
        return
    (data / "traces").mkdir(exist_ok=True)
    traces = traced_values(
        context.values, context.value_traces, context.traced_records, context.run_id, TRACE_COLUMN
    )
    for trace in traces:
        name = f"trace-{trace.number}"
        script = data_script(name, trace.payload)
        (data / "traces" / f"{trace.number}.js").write_text(script, encoding="utf-8")
        if trace.extract is not None:
            path = folder / trace.extract[0]
            path.parent.mkdir(exist_ok=True)
            if not path.exists():  # values with the same records share one extract
                path.write_text(trace.extract[1], encoding="utf-8")


def write_audit(context: ReportContext, folder: Path) -> Path:
    """Write the audit site of ``context``'s run into ``folder`` (``<period>/audit/``);
    returns ``folder / "index.html"``."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    for asset in ASSETS:
        shutil.copyfile(AUDIT_TEMPLATES / asset, folder / asset)
    environment = _environment()
    inputs = _inputs(context)
    facts = page_context(context, inputs)
    for page, title in PAGES:
        template = environment.get_template(page + ".j2")
        html = template.render(**facts, page=page, title=title)
        (folder / page).write_text(html, encoding="utf-8")
    numbers = {row["file"]: row["number"] for row in inputs}
    write_findings_data(context.findings, numbers, folder / "data")
    _write_values(context, folder)
    return folder / "index.html"
