"""The validation outputs of a run: the log, the summary, the catalogue, the
rejected records and one feedback workbook per agency.

The caller decides where (a run writes them into its staged period folder).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sdg18.reports.feedback import write_feedback
from sdg18.validation.findings import findings_frame
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.summary import rejected_by_dataset, rules_frame, summary_frame

UNKNOWN_AGENCY = "UNKNOWN"


def write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    """One JSON object per row; blanks as null, integers as integers."""
    with path.open("w", encoding="utf-8") as stream:
        for record in frame.astype(object).where(frame.notna(), None).to_dict("records"):
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def write_feedback_workbooks(
    findings: pd.DataFrame, rejected: dict[str, pd.DataFrame], folder: Path
) -> list[Path]:
    """One feedback workbook per agency with findings, named ``<AGENCY>.xlsx``."""
    agencies = findings["agency"].replace("", UNKNOWN_AGENCY)
    written = []
    for agency in sorted(agencies.unique()):
        own = {
            dataset: frame[frame["agency"].replace("", UNKNOWN_AGENCY) == agency]
            for dataset, frame in rejected.items()
        }
        path = folder / f"{agency}.xlsx"
        write_feedback(
            path,
            agency,
            findings[agencies == agency],
            {dataset: frame for dataset, frame in own.items() if len(frame)},
        )
        written.append(path)
    return written


def write_validation_outputs(
    inbox: InboxValidation, out_dir: Path, run_id: str, reconciliation: pd.DataFrame | None = None
) -> Path:
    """Write ``out_dir/validation/`` for ``inbox``; returns that folder."""
    staging = out_dir / "validation"
    (staging / "rejected").mkdir(parents=True, exist_ok=True)
    (staging / "feedback").mkdir(exist_ok=True)
    findings = findings_frame(inbox.findings, run_id, str(inbox.period))
    write_jsonl(findings, staging / "findings.jsonl")
    findings.to_csv(staging / "findings.csv", index=False)
    summary_frame(inbox).to_csv(staging / "summary.csv", index=False)
    rules_frame().to_csv(staging / "rules.csv", index=False)
    rejected = rejected_by_dataset(inbox)
    for dataset, frame in rejected.items():
        frame.to_csv(staging / "rejected" / f"{dataset}.csv", index=False)
    write_feedback_workbooks(findings, rejected, staging / "feedback")
    if reconciliation is not None:
        reconciliation.to_csv(staging / "reconciliation.csv", index=False)
    return staging
