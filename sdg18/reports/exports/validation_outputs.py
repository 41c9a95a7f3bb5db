"""The validation outputs of a run: the log, the summary, the catalogue, the
rejected records and one feedback workbook per agency.

The caller decides where (a run writes them into its staged period folder).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sdg18.core.findings import findings_frame
from sdg18.core.outputs import PeriodOutputs, feedback_name
from sdg18.core.settings import Editions
from sdg18.reports.xlsx.feedback import write_feedback
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.summary import rejected_by_dataset, rules_frame, summary_frame

UNKNOWN_AGENCY = "UNKNOWN"


def write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    """One JSON object per row; blanks as null, integers as integers."""
    with path.open("w", encoding="utf-8") as stream:
        for record in frame.astype(object).where(frame.notna(), None).to_dict("records"):
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def write_feedback_workbooks(
    findings: pd.DataFrame,
    rejected: dict[str, pd.DataFrame],
    folder: Path,
    editions: Editions,
) -> list[Path]:
    """One feedback workbook per agency with findings, named ``<AGENCY>.xlsx``, each in
    the agency's language (``editions.feedback_language``)."""
    agencies = findings["agency"].replace("", UNKNOWN_AGENCY)
    written = []
    for agency in sorted(agencies.unique()):
        own = {
            dataset: frame[frame["agency"].replace("", UNKNOWN_AGENCY) == agency]
            for dataset, frame in rejected.items()
        }
        path = folder / feedback_name(agency)
        write_feedback(
            path,
            agency,
            findings[agencies == agency],
            {dataset: frame for dataset, frame in own.items() if len(frame)},
            editions.feedback_language(agency),
        )
        written.append(path)
    return written


def write_validation_outputs(
    inbox: InboxValidation,
    out_dir: Path,
    run_id: str,
    reconciliation: pd.DataFrame | None = None,
    editions: Editions | None = None,
) -> Path:
    """Write ``out_dir/validation/`` for ``inbox``, feedback in ``editions``' languages
    (default: every agency in ``SDG18_LANGUAGE``'s default); returns that folder."""
    outputs = PeriodOutputs(out_dir, str(inbox.period))
    outputs.rejected_folder.mkdir(parents=True, exist_ok=True)
    outputs.feedback_folder.mkdir(exist_ok=True)
    findings = findings_frame(inbox.findings, run_id, str(inbox.period))
    write_jsonl(findings, outputs.findings_jsonl)
    findings.to_csv(outputs.findings_csv, index=False)
    summary_frame(inbox).to_csv(outputs.summary_csv, index=False)
    rules_frame().to_csv(outputs.rules_csv, index=False)
    rejected = rejected_by_dataset(inbox)
    for dataset, frame in rejected.items():
        frame.to_csv(outputs.rejected(dataset), index=False)
    write_feedback_workbooks(findings, rejected, outputs.feedback_folder, editions or Editions())
    if reconciliation is not None:
        reconciliation.to_csv(outputs.reconciliation_csv, index=False)
    return outputs.validation
