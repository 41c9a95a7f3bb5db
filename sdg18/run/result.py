"""What a quarterly run produced: :class:`RunResult`, light to import.

Kept apart from :mod:`sdg18.run.publish` (which imports the report writers) so that a
run whose outputs stand (:mod:`sdg18.run.rerun`), the flow and the command line can
name a result without importing pandas' writers, WeasyPrint or openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from sdg18.integrity.manifest import Verdict
    from sdg18.reports.context import ReportContext
    from sdg18.validation.report import ValidationCounts


@dataclass(frozen=True)
class RunResult:
    """What a quarterly run produced."""

    run_id: str
    period: str
    verdict: Verdict
    counts: ValidationCounts
    folder: Path
    revisions: pd.DataFrame = field(repr=False)
    values: pd.DataFrame = field(repr=False)
    #: What the reports were made from; None when the outputs of an earlier run stood.
    context: ReportContext | None = field(repr=False)
    #: SHA-256 of the run's manifest.json (the head of the manifest chain after this run).
    manifest_sha256: str = ""
    #: The earlier run whose outputs stand for this one (inputs, store and code unchanged).
    stands_for: str = ""
