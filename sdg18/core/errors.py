"""The errors sdg18 raises on purpose: one base, each with a message and a fix hint.

Like pysdmx's ``PysdmxError(title, description)``: what went wrong, then what to
do about it. Findings are for what agencies sent (data, never raised); these
are for what stops a command or a run — a bad setting, a busy period, a file
that cannot be read, an indicator function that broke its contract.
"""

from __future__ import annotations


class Sdg18Error(Exception):
    """An error with a message (what went wrong) and a hint (what to do about it)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        """The message, then the hint when there is one (``message: hint``, or
        ``message. Hint`` when the message is a sentence of its own)."""
        if not self.hint:
            return self.message
        joint = " " if self.message.rstrip().endswith((".", "!", "?")) else ": "
        return f"{self.message.rstrip()}{joint}{self.hint}"


class SettingsError(Sdg18Error, ValueError):
    """An ``SDG18_*`` environment variable holds a value of the wrong form."""
