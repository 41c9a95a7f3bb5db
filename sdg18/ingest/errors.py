"""The one error the readers raise for a file they cannot read.

The workbook, container and CSV readers each stop on a file that is damaged,
encrypted, of the wrong kind, too large or not UTF-8; :mod:`sdg18.ingest.read`
turns the error into the level-0 finding its ``reason`` names.
"""

from __future__ import annotations

from typing import Literal

from sdg18.core.errors import Sdg18Error

#: Why a reader stopped: the check of a level-0 file rule (each one verified against the
#: catalogue by :mod:`sdg18.ingest.read`, which imports the catalogue; the readers
#: themselves do not, so that a file can be read while the contract's models load).
Reason = Literal["unreadable", "encrypted", "legacy_xls", "too_large", "csv_encoding"]


class UnreadableFileError(Sdg18Error):
    """A file a reader cannot read: ``reason`` names the level-0 rule it breaks,
    ``detail`` says what is wrong (it fills the finding's ``{detail}``); the hint is
    the rule's."""

    def __init__(self, reason: Reason, detail: str) -> None:
        from schemas.rules import RULE_TEXT

        super().__init__(detail, RULE_TEXT[reason].hint)
        self.reason: Reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[UnreadableFileError], tuple[Reason, str]]:
        """Pickled with both arguments (a worker process may send it back)."""
        return type(self), (self.reason, self.detail)

    @property
    def rule_id(self) -> str:
        """The id of the level-0 rule the file breaks."""
        from schemas.rules import file_rule

        return file_rule(self.reason)
