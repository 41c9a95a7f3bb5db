"""A period's inbox as a whole: identical files, resubmissions, then every file.

Identical files (same SHA-256) are processed once. When two different files
carry the same agency, dataset and period, the one with the later
``prepared_on`` wins and the other is recorded as superseded; when that cannot
decide, neither is accepted and both get an error naming the other.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from schemas.rules import file_rule, sheet_rule
from sdg18.core.findings import Finding, Source, make_finding
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, discover, reading_order
from sdg18.validation.files import FileResult
from sdg18.validation.isolation import check_bounded
from sdg18.validation.records import ValidatedTable

#: The level-0 rules found here (checked against the catalogue at import).
DUPLICATE_FILE = file_rule("duplicate_file")
SUPERSEDED = sheet_rule("superseded")
CONFLICTING_SUBMISSION = sheet_rule("conflicting_submission")


@dataclass
class InboxValidation:
    """Every file of a period's inbox after levels 0 and 1."""

    period: Period
    files: list[InboxFile]
    results: list[FileResult]
    findings_of_inbox: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """All findings: the inbox's own, then each file's."""
        found = list(self.findings_of_inbox)
        for result in self.results:
            found.extend(result.findings)
        return found

    @property
    def tables(self) -> list[ValidatedTable]:
        """Every dataset sheet of every processed file."""
        return [table for result in self.results for table in result.tables]


def skip_duplicates(files: list[InboxFile]) -> tuple[list[InboxFile], list[Finding]]:
    """Files to process (the first of each SHA-256) and an info finding per duplicate."""
    first: dict[str, InboxFile] = {}
    kept: list[InboxFile] = []
    findings: list[Finding] = []
    for file in files:
        original = first.get(file.sha256) if file.sha256 else None
        if original is None:
            first.setdefault(file.sha256, file)
            kept.append(file)
            continue
        source = Source(file.name, file.sha256, file.folder_agency)
        findings.append(make_finding(DUPLICATE_FILE, source, other=original.name))
    return kept, findings


#: (file result, sheet) of one agency and dataset in the inbox.
Member = tuple[FileResult, ValidatedTable]


def _competing(results: list[FileResult]) -> dict[tuple[str, str], list[Member]]:
    """The sheets accepted at level 0, by agency and dataset."""
    groups: dict[tuple[str, str], list[Member]] = defaultdict(list)
    for result in results:
        for table in result.tables:
            if not table.table.rejected_by:
                groups[(result.read.agency, table.table.dataset)].append((result, table))
    return groups


def _decide(dataset: str, members: list[Member]) -> dict[int, ValidatedTable]:
    """id(sheet) → the sheet as the resubmission rule leaves it, for every sheet it changes:
    the later ``prepared_on`` wins and the others are superseded; when that cannot decide,
    every sheet is rejected as a conflicting submission."""
    files = {result.read.file.name for result, _ in members}
    if len(files) < 2:
        return {}
    dates = {result.read.file.name: result.prepared_on for result, _ in members}
    latest = max((d for d in dates.values() if d is not None), default=None)
    winners = [name for name, day in dates.items() if day is not None and day == latest]
    decided = len(winners) == 1 and all(d is not None for d in dates.values())
    changed: dict[int, ValidatedTable] = {}
    for result, table in members:
        name = result.read.file.name
        if decided and name == winners[0]:
            continue
        others = ", ".join(sorted(files - {name}))
        rule = SUPERSEDED.of(dataset) if decided else CONFLICTING_SUBMISSION.of(dataset)
        finding = make_finding(rule, table.table.source, other=others, dataset=dataset)
        findings = [*table.findings, finding]
        if decided:
            changed[id(table)] = replace(table, findings=findings, superseded_by=winners[0])
        else:
            changed[id(table)] = replace(
                table, findings=findings, rejected_by=table.all_rejected_by(rule)
            )
    return changed


def resolve_submissions(results: list[FileResult]) -> list[FileResult]:
    """``results`` with the resubmission rule applied across files (each sheet it decides
    carries its finding); ``results`` themselves are left as they were."""
    changed: dict[int, ValidatedTable] = {}
    for (_, dataset), members in _competing(results).items():
        changed.update(_decide(dataset, members))
    if not changed:
        return list(results)
    return [
        replace(result, tables=[changed.get(id(table), table) for table in result.tables])
        for result in results
    ]


def check_files(files: list[InboxFile], period: Period, settings: Settings) -> list[FileResult]:
    """Levels 0 and 1 of each of ``files``, in their order. With ``SDG18_ISOLATE_READS``,
    up to ``SDG18_TASK_WORKERS`` files at once, each in a worker process, the largest
    first (so that the longest read starts at once), as the flow's tasks read them;
    else one after the other, in this process."""

    def check(file: InboxFile) -> FileResult:
        return check_bounded(file, period, settings)

    workers = max(1, settings.task_workers) if settings.isolate_reads else 1
    order = reading_order(files)
    with ThreadPoolExecutor(workers, thread_name_prefix="sdg18-read") as readers:
        read = dict(zip(order, readers.map(check, [files[at] for at in order]), strict=True))
    return [read[at] for at in range(len(files))]


def validate_files(files: list[InboxFile], period: Period, settings: Settings) -> InboxValidation:
    """Levels 0 and 1 of every file listed (duplicates skipped; :func:`check_files`)."""
    kept, duplicate_findings = skip_duplicates(files)
    results = resolve_submissions(check_files(kept, period, settings))
    return InboxValidation(period, files, results, duplicate_findings)


def validate_inbox(period_dir: Path, period: Period | None, settings: Settings) -> InboxValidation:
    """Levels 0 and 1 of every file under ``period_dir`` (:func:`validate_files`)."""
    files = discover(period_dir) if period_dir.is_dir() else []
    return validate_files(files, period or Period.last_completed(), settings)
