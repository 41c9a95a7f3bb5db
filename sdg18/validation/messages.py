"""The words of the rule catalogue in a reader's language: descriptions, messages, hints.

Findings are kept in English (the validation log is a machine output); what an agency
or a ministry reads is translated here, from the ``validation`` catalogue.
"""

from __future__ import annotations

import pandas as pd


def localised_findings(findings: pd.DataFrame, language: str) -> pd.DataFrame:
    """``findings`` (a frame of :data:`sdg18.core.findings.FINDING_FIELDS`) with ``message``
    and ``hint`` in ``language``; every other column as it was."""
    return findings.copy()  # TODO(i18n): translate from the validation catalogue


def rule_description(rule_id: str, language: str) -> str:
    """What rule ``rule_id`` checks, in ``language``."""
    from schemas.rules import rule_of

    return rule_of(rule_id).description  # TODO(i18n): translate
