"""Which files each agency sends, which datasets each holds, and their submission sheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sdg18.core.periods import Period
from sdg18.synthetic.tables import Value


@dataclass(frozen=True)
class SubmissionFile:
    """One file an agency sends each quarter."""

    agency: str
    name: str  # may hold {period}
    datasets: tuple[str, ...]
    csv: bool = False
    bom: bool = False
    submission_sheet: bool = True

    def file_name(self, period: Period) -> str:
        """The file's name for ``period``."""
        return self.name.format(period=period)


FILES: tuple[SubmissionFile, ...] = (
    SubmissionFile("ANAMA", "ANAMA_{period}_operations.xlsx",
                   ("hazard_areas", "land_release", "eo_items")),
    SubmissionFile("ANAMA", "ANAMA_{period}_casualties_eore_funding.xlsx",
                   ("casualties", "eore", "funding")),
    SubmissionFile("MOH", "MOH_{period}_casualties_assistance.xlsx",
                   ("casualties", "victim_assistance")),
    SubmissionFile("MLSPP", "MLSPP_{period}_victim_assistance.xlsx", ("victim_assistance",)),
    SubmissionFile("MSE", "MSE__eore.csv", ("eore",), csv=True, bom=True),
    SubmissionFile("SCRIDP", "SCRIDP__returns.csv", ("returns",), csv=True),
    SubmissionFile("MOF", "MOF_{period}_funding.xlsx", ("funding",), submission_sheet=False),
)  # fmt: skip

#: (agency, dataset) → True when that agency sends the dataset as CSV.
AS_CSV: dict[tuple[str, str], bool] = {
    (f.agency, dataset): f.csv for f in FILES for dataset in f.datasets
}

_PREPARERS = {
    "ANAMA": ("Information Management Unit", "im@anama.example.az"),
    "MOH": ("Statistics Department", "statistics@moh.example.az"),
    "MLSPP": ("Social Services Department", "services@mlspp.example.az"),
    "MOF": ("Budget Department", "budget@mof.example.az"),
}


def prepared_on(period: Period) -> dt.date:
    """The day the quarter's files are prepared: two weeks after it ends."""
    return period.end + dt.timedelta(days=14)


def file_stamp(period: Period) -> dt.datetime:
    """The fixed creation time written into the quarter's workbooks."""
    return dt.datetime.combine(prepared_on(period), dt.time(9, 0))


def submission_rows(agency: str, period: Period) -> list[list[Value]]:
    """The key/value rows of a ``submission`` sheet, from row 1 (no header)."""
    prepared_by, contact = _PREPARERS[agency]
    return [
        ["agency", agency],
        ["period", str(period)],
        ["prepared_by", prepared_by],
        ["prepared_on", prepared_on(period)],
        ["contact", contact],
    ]
