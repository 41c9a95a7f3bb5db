"""Everything the ministry reports (PDF, workbook) are made from, gathered by the run.

The reports read only this: they never reach back into the store or the inbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from schemas.reference import AGENCIES
from sdg18.core.findings import findings_frame
from sdg18.core.records import Records
from sdg18.indicators import Framework, load_framework
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.summary import summary_frame

#: Days after the end of a quarter by which agencies submit (the run is on the 15th).
SUBMISSION_DAYS = 14
SUBMISSION_COLUMNS = (
    "agency",
    "dataset",
    "file",
    "sheet",
    "status",
    "prepared_on",
    "late",
    "records_accepted",
    "records_rejected",
)
INPUT_COLUMNS = ("file", "agency", "size", "sha256")


@dataclass(frozen=True)
class ReportContext:
    """The run's facts and figures, as the reports present them."""

    period: str
    run_id: str
    started_at: dt.datetime
    #: "final" or "provisional"
    verdict: str
    code_version: str
    #: indicators.csv layout, every period the store holds up to ``period``
    values: pd.DataFrame = field(repr=False)
    #: sdg18.indicators.revisions.REVISION_COLUMNS
    revisions: pd.DataFrame = field(repr=False)
    #: the validation log (FINDING_FIELDS)
    findings: pd.DataFrame = field(repr=False)
    #: the validation summary (rule × dataset × file)
    summary: pd.DataFrame = field(repr=False)
    #: SUBMISSION_COLUMNS: every dataset sheet received
    submissions: pd.DataFrame = field(repr=False)
    #: (agency, dataset) pairs the contract expects and no sheet in use delivered
    missing: tuple[tuple[str, str], ...]
    #: INPUT_COLUMNS: every file in the inbox with its fingerprint
    inputs: pd.DataFrame = field(repr=False)
    #: ANAMA–MOH casualty mirror: district, outcome, anama, moh, difference
    reconciliation: pd.DataFrame = field(repr=False)
    framework: Framework = field(repr=False)
    #: hash of the run manifest, when one was written before the reports ("" otherwise)
    manifest_sha256: str = ""
    #: the value's key, then how many records and files each value of ``period`` comes
    #: from (sdg18.run.sources.COUNT_COLUMNS); None when the run traced nothing
    value_sources: pd.DataFrame | None = field(default=None, repr=False)
    #: per indicator, every file its values of ``period`` read (SOURCE_COLUMNS); None when
    #: the run traced nothing
    sources: pd.DataFrame | None = field(default=None, repr=False)
    #: the values of ``period`` with their traces (a last ``trace`` column) and the records
    #: they index, for the audit site; None when the run traced nothing
    value_traces: pd.DataFrame | None = field(default=None, repr=False)
    traced_records: Records | None = field(default=None, repr=False)

    def without_traces(self) -> ReportContext:
        """This context without the audit site's traces (:attr:`value_traces`,
        :attr:`traced_records`), which the PDF and the workbook never read: what a
        worker laying out the PDF is sent (at the stress size the traces are all but
        1 MB of the 477 MB the context pickles to)."""
        return replace(self, value_traces=None, traced_records=None)


def submissions_frame(validation: InboxValidation) -> pd.DataFrame:
    """Every dataset sheet received, with its status and whether it came late."""
    deadline = pd.Timestamp(validation.period.end + dt.timedelta(days=SUBMISSION_DAYS))
    rows = []
    for result in validation.results:
        prepared_on = result.prepared_on
        for table in result.tables:
            source = table.table.source
            status = (
                "superseded"
                if table.superseded_by
                else "rejected"
                if table.table.rejected_by
                else "accepted"
            )
            rows.append(
                {
                    "agency": source.agency,
                    "dataset": source.dataset,
                    "file": source.file,
                    "sheet": source.sheet,
                    "status": status,
                    "prepared_on": prepared_on,
                    "late": bool(prepared_on is not None and prepared_on > deadline),
                    "records_accepted": len(table.accepted),
                    "records_rejected": len(table.rejected_rows),
                }
            )
    return pd.DataFrame(rows, columns=list(SUBMISSION_COLUMNS))


def missing_submissions(submissions: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Agency × dataset pairs of the contract with no sheet in use this run."""
    delivered = set(
        zip(
            submissions.loc[submissions["status"] == "accepted", "agency"],
            submissions.loc[submissions["status"] == "accepted", "dataset"],
            strict=True,
        )
    )
    return tuple(
        (agency.code, dataset)
        for agency in AGENCIES
        for dataset in agency.datasets
        if (agency.code, dataset) not in delivered
    )


def inputs_frame(validation: InboxValidation) -> pd.DataFrame:
    """Every file of the inbox (duplicates included) with its size and SHA-256."""
    return pd.DataFrame(
        [(f.name, f.folder_agency, f.size, f.sha256) for f in validation.files],
        columns=list(INPUT_COLUMNS),
    )


def report_context(
    validation: InboxValidation,
    *,
    run_id: str,
    started_at: dt.datetime,
    verdict: str,
    code_version: str,
    values: pd.DataFrame,
    revisions: pd.DataFrame,
    reconciliation: pd.DataFrame,
    value_sources: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    value_traces: pd.DataFrame | None = None,
    traced_records: Records | None = None,
) -> ReportContext:
    """Gather a run's facts for the reports."""
    submissions = submissions_frame(validation)
    return ReportContext(
        period=str(validation.period),
        run_id=run_id,
        started_at=started_at,
        verdict=verdict,
        code_version=code_version,
        values=values,
        revisions=revisions,
        findings=findings_frame(validation.findings, run_id, str(validation.period)),
        summary=summary_frame(validation),
        submissions=submissions,
        missing=missing_submissions(submissions),
        inputs=inputs_frame(validation),
        reconciliation=reconciliation,
        framework=load_framework(),
        value_sources=value_sources,
        sources=sources,
        value_traces=value_traces,
        traced_records=traced_records,
    )
