"""Level 0 and 1 for one file: who sent it, for which period, then every record.

The agency must be known, match the agency folder the file was sent in, and be
allowed each dataset it sends; a submission sheet naming another period rejects
the file's datasets. Sheets that pass go through
level-1 validation (:func:`sdg18.validation.records.validate_table`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from schemas.reference import AGENCY_BY_CODE
from schemas.rules import (
    IN_FILE_NAME,
    IN_SUBMISSION_SHEET,
    NO_AGENCY,
    file_rule,
    sheet_rule,
)
from sdg18.core.findings import Finding, make_finding
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile
from sdg18.ingest.read import FileRead, read_file
from sdg18.ingest.tables import SheetTable
from sdg18.validation.records import ValidatedTable, validate_table
from sdg18.validation.values import parse_date

#: The level-0 rules found here (checked against the catalogue at import).
AGENCY_MISMATCH = file_rule("agency_mismatch")
AGENCY_UNKNOWN = file_rule("agency_unknown")
READER_FAILED = file_rule("reader_failed")
READ_TIMEOUT = file_rule("read_timeout")
UNREADABLE = file_rule("unreadable")
AGENCY_NOT_ALLOWED = sheet_rule("agency_not_allowed")
PERIOD_MISMATCH = sheet_rule("period_mismatch")


@dataclass
class FileResult:
    """One file after levels 0 and 1."""

    read: FileRead
    tables: list[ValidatedTable] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """File findings, then each sheet's findings."""
        found = list(self.read.findings)
        for table in self.tables:
            found.extend(table.findings)
        return found

    @property
    def prepared_on(self) -> pd.Timestamp | None:
        """The submission sheet's ``prepared_on`` as a date, if it is one."""
        value = self.read.submission.get("prepared_on")
        if value is None:
            return None
        typed, _ = parse_date(pd.Series([value], dtype=object))
        return None if pd.isna(typed.iloc[0]) else typed.iloc[0]


def _stated_period(read: FileRead) -> str:
    return str(read.submission.get("period", "")).strip().upper()


def _reject_sheet(table: SheetTable, rule: str, **context: Any) -> None:
    table.findings.append(make_finding(rule, table.source, **context))
    table.rejected_by = table.rejected_by or rule


def check_submission(read: FileRead, period: Period | None) -> None:
    """Add the level-0 findings on agency and period; reject the sheets they concern."""
    if not read.tables:
        return
    folder = read.file.folder_agency
    if folder and read.agency != folder:
        where = IN_FILE_NAME if read.file.suffix == ".csv" else IN_SUBMISSION_SHEET
        rule = AGENCY_MISMATCH
        finding = make_finding(rule, read.source, value=read.agency, folder=folder, where=where)
        read.findings.append(finding)
        for table in read.tables:
            table.rejected_by = table.rejected_by or rule
        return
    agency = AGENCY_BY_CODE.get(read.agency)
    if agency is None:
        rule = AGENCY_UNKNOWN
        read.findings.append(make_finding(rule, read.source, value=read.agency or NO_AGENCY))
        for table in read.tables:
            table.rejected_by = table.rejected_by or rule
        return
    stated = _stated_period(read)
    for table in read.tables:
        dataset = table.dataset
        if dataset not in agency.datasets:
            allowed = ", ".join(a.code for a in AGENCY_BY_CODE.values() if dataset in a.datasets)
            rule = AGENCY_NOT_ALLOWED.of(dataset)
            _reject_sheet(table, rule, value=agency.code, allowed=allowed)
        if period is not None and stated and stated != str(period):
            _reject_sheet(
                table,
                PERIOD_MISMATCH.of(dataset),
                column="period",
                value=stated,
                period=str(period),
            )


def validate_file(read: FileRead, period: Period | None) -> FileResult:
    """Levels 0 and 1 of one read file."""
    check_submission(read, period)
    return FileResult(read, [validate_table(table, period) for table in read.tables])


def check_file(file: InboxFile, period: Period | None, settings: Settings) -> FileResult:
    """Read and validate one inbox file; never raises, so one file never stops a run.

    A failure the readers did not foresee becomes a level-0 finding on the file,
    naming the error, and none of its records is accepted (:func:`guarded`).
    """
    return guarded(levels_0_1, file, period, settings)


#: Levels 0–1 of one file for a period; a module-level function, so a worker can unpickle it.
FileCheck = Callable[[InboxFile, Period | None, Settings], FileResult]


def levels_0_1(file: InboxFile, period: Period | None, settings: Settings) -> FileResult:
    """Read ``file`` and validate it against ``period`` (may raise; see :func:`guarded`)."""
    return validate_file(read_file(file, settings), period)


def reader_failed(file: InboxFile, detail: str) -> FileResult:
    """The result of a file whose reader stopped (died, or ran out of memory)."""
    read = FileRead(file, file.folder_agency)
    read.findings.append(make_finding(READER_FAILED, read.source, detail=detail))
    return FileResult(read)


def read_timed_out(file: InboxFile, seconds: float) -> FileResult:
    """The result of a file whose reader had not finished after ``seconds`` and was stopped."""
    read = FileRead(file, file.folder_agency)
    read.findings.append(make_finding(READ_TIMEOUT, read.source, seconds=f"{seconds:g}"))
    return FileResult(read)


def guarded(
    check: FileCheck, file: InboxFile, period: Period | None, settings: Settings, limit_mb: int = 0
) -> FileResult:
    """``check`` of one file; never raises for a bad file: running out of memory (above
    ``limit_mb``, when capped), a reader's panic and any other error become a level-0
    finding on the file."""
    try:
        return check(file, period, settings)
    except MemoryError:
        return reader_failed(file, "out of memory" + (f" above {limit_mb} MB" if limit_mb else ""))
    except Exception as error:  # the run must go on; the finding says why
        return failed_file(file, error)
    except BaseException as error:
        if type(error).__name__ != "PanicException":  # pyo3's: a Rust reader panicked
            raise
        return reader_failed(file, f"python-calamine panicked: {error}")


def failed_file(file: InboxFile, error: BaseException) -> FileResult:
    """The result of a file whose reading or checking failed unexpectedly."""
    read = FileRead(file, file.folder_agency)
    detail = f"unexpected {type(error).__name__}: {error}"
    read.findings.append(make_finding(UNREADABLE, read.source, detail=detail))
    return FileResult(read)
