"""Levels 2 and 3 of a run: this run's sheets checked against history and each other.

The run calls :func:`check_across` once, after levels 0 and 1 and the
resubmission rule. Row findings are recorded on their sheet (an error rejects
the row) and so are findings about a whole sheet; the result carries the
findings no sheet of this run can hold, and the ANAMA–MOH casualty reconciliation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from sdg18.core.findings import Finding
from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.validation import history as over_time
from sdg18.validation import links as across_sources
from sdg18.validation.records import ValidatedTable
from sdg18.validation.run_view import RunView


@dataclass
class CrossCheck:
    """What levels 2 and 3 found beyond the sheets' own findings."""

    #: Findings not held by any sheet of this run (their records are all in the store).
    findings: list[Finding]
    #: ANAMA's and MOH's casualties of the period: district, outcome, anama, moh, difference.
    reconciliation: pd.DataFrame
    #: Findings recorded on this run's sheets (already in each sheet's findings; listed
    #: here for convenience only — do not add them to the log a second time).
    recorded: list[Finding] = field(default_factory=list)


def check_across(tables: Iterable[ValidatedTable], history: Records, period: Period) -> CrossCheck:
    """Levels 2 and 3 of this run's sheets against the store's earlier ``history``.

    Sheets superseded or rejected whole are skipped. Row-level errors reject their
    rows before the checks that read accepted records, so a rejected row is neither
    a known reference nor part of a figure.
    """
    view = RunView.of(tables, history, period)
    over_time.reused_task_ids(view)
    across_sources.conflicting_funding(view)
    across_sources.unknown_references(view)
    over_time.far_from_history(view)
    over_time.replaced_submissions(view)
    reconciliation = across_sources.casualty_mirror(view)
    return CrossCheck(view.unattached, reconciliation, view.recorded)
