"""Counts of a validation, and findings as text for the terminal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sdg18.core.findings import Finding
from sdg18.validation.inbox import InboxValidation


@dataclass(frozen=True)
class ValidationCounts:
    """How many files, records and findings a validation had."""

    files: int
    records: int
    accepted: int
    rejected: int
    errors: int
    warnings: int
    infos: int

    def describe(self) -> str:
        """One line for a log or a terminal."""
        return (
            f"{self.files} files, {self.records} records: {self.accepted} accepted, "
            f"{self.rejected} rejected; {self.errors} errors, {self.warnings} warnings, "
            f"{self.infos} notes"
        )


def count_findings(validation: InboxValidation) -> ValidationCounts:
    """The counts of a validated inbox."""
    severities = Counter(f.severity for f in validation.findings)
    tables = validation.tables
    records = sum(len(t.typed) for t in tables)
    accepted = sum(len(t.accepted) for t in tables)
    rejected = sum(len(t.rejected_rows) for t in tables)
    return ValidationCounts(
        len(validation.files),
        records,
        accepted,
        rejected,
        severities["error"],
        severities["warning"],
        severities["info"],
    )


def format_finding(finding: Finding) -> str:
    """A finding as two lines an agency officer can act on."""
    where = " ".join(
        part
        for part in (
            f"sheet '{finding.sheet}'" if finding.sheet else "",
            f"row {finding.row}" if finding.row is not None else "",
            f"cell {finding.cell}" if finding.cell else "",
        )
        if part
    )
    head = f"  {finding.severity.upper():<7} {where or 'file'}: {finding.message}"
    return f"{head}\n          {finding.rule_id} — {finding.hint}"
