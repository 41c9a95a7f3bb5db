"""Counts of a validation, and findings as text for the terminal, in a reader's language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sdg18.core.findings import Finding
from sdg18.core.i18n import SOURCE_LANGUAGE, translator
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.messages import SEVERITY_WORDS, localised, severity_word


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

    def describe(self, language: str = SOURCE_LANGUAGE) -> str:
        """One line for a log (English, the default) or a terminal."""
        _ = translator("validation", language).gettext
        return _(
            "{files} files, {records} records: {accepted} accepted, {rejected} rejected; "
            "{errors} errors, {warnings} warnings, {infos} notes"
        ).format(**vars(self))


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


def severity_label(severity: str, language: str) -> str:
    """``severity`` as the terminal shows it, upper case and padded to the longest label
    of ``language`` ("ERROR  ", "WARNING")."""
    width = max(len(severity_word(s, language)) for s in SEVERITY_WORDS)
    return severity_word(severity, language).upper().ljust(width)


def format_finding(finding: Finding, language: str) -> str:
    """A finding as two lines an agency officer can act on, in ``language``."""
    _ = translator("validation", language).gettext
    where = " ".join(
        part
        for part in (
            _("sheet '{sheet}'").format(sheet=finding.sheet) if finding.sheet else "",
            _("row {row}").format(row=finding.row) if finding.row is not None else "",
            _("cell {cell}").format(cell=finding.cell) if finding.cell else "",
        )
        if part
    )
    message, hint = localised(finding, language)
    label = severity_label(finding.severity, language)
    # Translators: where a finding about a whole file is (instead of a sheet, row, cell).
    place = where or _("file")
    head = f"  {label} {place}: {message}"
    return f"{head}\n{' ' * (len(label) + 3)}{finding.rule_id} — {hint}"
