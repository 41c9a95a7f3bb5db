"""Every file and folder a run writes, named once.

The outputs folder (``SDG18_OUTPUTS``) holds one folder per period and, beside
them, what all periods share: the archive of inputs, the manifest chain, the
run logs, the locks, the per-file cache and the SQLite store. A period's
folder is described by :class:`PeriodOutputs`; the writers, the manifest, the
verification, the artifacts and the tests all take its names from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# ---- beside the period folders ---------------------------------------------------
#: Every input ever given to a run, under its SHA-256.
ARCHIVE_FOLDER = "archive"
#: A copy of every run's manifest, failed runs' included: the chain.
CHAIN_FOLDER = "manifests"
#: Every run's log, failed runs' included.
LOG_FOLDER = "logs"
#: The period and chain lock files.
LOCK_FOLDER = ".locks"
#: Persisted read-and-validate results of the quarterly flow (always safe to delete).
CACHE_FOLDER = ".cache"
#: The store when ``SDG18_DATABASE_URL`` is not set.
SQLITE_NAME = "sdg18.sqlite"

# ---- inside a period folder --------------------------------------------------------
MANIFEST_NAME = "manifest.json"
RUN_LOG_NAME = "run.log"
INDICATORS_CSV = "indicators.csv"
REVISIONS_CSV = "revisions.csv"
OPENSDG_FOLDER = "opensdg"
#: The SDMX export: the national structure, the data in two formats, the data's schema.
SDMX_FOLDER = "sdmx"
VALIDATION_FOLDER = "validation"
FINDINGS_CSV = f"{VALIDATION_FOLDER}/findings.csv"
FINDINGS_JSONL = f"{VALIDATION_FOLDER}/findings.jsonl"
SUMMARY_CSV = f"{VALIDATION_FOLDER}/summary.csv"
RULES_CSV = f"{VALIDATION_FOLDER}/rules.csv"
RECONCILIATION_CSV = f"{VALIDATION_FOLDER}/reconciliation.csv"
REJECTED_FOLDER = f"{VALIDATION_FOLDER}/rejected"
FEEDBACK_FOLDER = f"{VALIDATION_FOLDER}/feedback"
#: The static audit site: its pages, assets and data (``sdg18.reports.audit``).
AUDIT_FOLDER = "audit"
AUDIT_INDEX = f"{AUDIT_FOLDER}/index.html"
#: Written after the manifest (it holds the manifest's SHA-256), so not listed in it;
#: ``sdg18 verify`` checks it against the manifest instead.
AUDIT_SEAL = f"{AUDIT_FOLDER}/data/seal.js"
#: Files of a period folder that its manifest does not hash (the manifest itself, the
#: run log, written until the run ends, and the audit seal, which holds the manifest hash).
UNHASHED = frozenset({MANIFEST_NAME, RUN_LOG_NAME, AUDIT_SEAL})


def workbook_name(period: str, language: str) -> str:
    """The ministry workbook's file name in ``language``:
    ``sdg18_<period>_indicators_<lang>.xlsx``."""
    return f"sdg18_{period}_indicators_{language}.xlsx"


def report_name(period: str, language: str) -> str:
    """The ministry PDF's file name in one language: ``sdg18_<period>_report_<lang>.pdf``."""
    return f"sdg18_{period}_report_{language}.pdf"


@dataclass(frozen=True)
class SdmxFiles:
    """The files of the ``sdmx/`` export of one period."""

    folder: Path
    period: str

    @property
    def structure(self) -> Path:
        """``sdg18_<period>_structure.xml``: code lists, concepts, DSD, dataflow (SDMX-ML 2.1)."""
        return self.folder / f"sdg18_{self.period}_structure.xml"

    @property
    def data_csv(self) -> Path:
        """``sdg18_<period>_data.csv``: the observations as SDMX-CSV 2.0."""
        return self.folder / f"sdg18_{self.period}_data.csv"

    @property
    def data_xml(self) -> Path:
        """``sdg18_<period>_data.xml``: the observations as SDMX-ML 2.1 structure-specific."""
        return self.folder / f"sdg18_{self.period}_data.xml"

    @property
    def data_xsd(self) -> Path:
        """``sdg18_<period>_data.xsd``: the XML schema of that structure-specific data."""
        return self.folder / f"sdg18_{self.period}_data.xsd"


def feedback_name(agency: str) -> str:
    """An agency's feedback workbook: ``<AGENCY>.xlsx``."""
    return f"{agency}.xlsx"


def archive_path(sha256: str) -> str:
    """Where the bytes with SHA-256 ``sha256`` are kept, relative to the outputs folder."""
    return f"{ARCHIVE_FOLDER}/{sha256[:2]}/{sha256}"


def chained_manifest(run_id: str) -> str:
    """Where the chain keeps run ``run_id``'s manifest, relative to the outputs folder."""
    return f"{CHAIN_FOLDER}/{run_id}.json"


def run_log_path(run_id: str) -> str:
    """Where run ``run_id``'s log is written, relative to the outputs folder."""
    return f"{LOG_FOLDER}/{run_id}.log"


@dataclass(frozen=True)
class PeriodOutputs:
    """The files of one period's outputs, in ``folder`` (the period folder itself, or the
    staging folder a run writes it in)."""

    folder: Path
    period: str

    @property
    def manifest(self) -> Path:
        """``manifest.json``: the last file a run writes."""
        return self.folder / MANIFEST_NAME

    @property
    def run_log(self) -> Path:
        """``run.log``: the flow run's log, copied in when the run ends."""
        return self.folder / RUN_LOG_NAME

    @property
    def indicators_csv(self) -> Path:
        """``indicators.csv``: every value the run published."""
        return self.folder / INDICATORS_CSV

    @property
    def revisions_csv(self) -> Path:
        """``revisions.csv``: values of earlier periods this run changed."""
        return self.folder / REVISIONS_CSV

    @property
    def opensdg(self) -> Path:
        """``opensdg/``: the Open SDG data and metadata files."""
        return self.folder / OPENSDG_FOLDER

    @property
    def sdmx(self) -> SdmxFiles:
        """``sdmx/``: the SDMX structure and data files."""
        return SdmxFiles(self.folder / SDMX_FOLDER, self.period)

    @property
    def audit(self) -> Path:
        """``audit/``: the static audit site of the run (``audit/index.html``)."""
        return self.folder / AUDIT_FOLDER

    @property
    def audit_seal(self) -> Path:
        """``audit/data/seal.js``: the manifest's SHA-256 and the chain after the run."""
        return self.folder / AUDIT_SEAL

    @property
    def validation(self) -> Path:
        """``validation/``: the validation log, summary, rules and agency feedback."""
        return self.folder / VALIDATION_FOLDER

    @property
    def findings_csv(self) -> Path:
        """``validation/findings.csv``."""
        return self.folder / FINDINGS_CSV

    @property
    def findings_jsonl(self) -> Path:
        """``validation/findings.jsonl``."""
        return self.folder / FINDINGS_JSONL

    @property
    def summary_csv(self) -> Path:
        """``validation/summary.csv``: every rule × dataset × file that ran."""
        return self.folder / SUMMARY_CSV

    @property
    def rules_csv(self) -> Path:
        """``validation/rules.csv``: the rule catalogue."""
        return self.folder / RULES_CSV

    @property
    def reconciliation_csv(self) -> Path:
        """``validation/reconciliation.csv``: the ANAMA–MOH casualty mirror."""
        return self.folder / RECONCILIATION_CSV

    @property
    def rejected_folder(self) -> Path:
        """``validation/rejected/``: one CSV of rejected rows per dataset."""
        return self.folder / REJECTED_FOLDER

    def rejected(self, dataset: str) -> Path:
        """``validation/rejected/<dataset>.csv``."""
        return self.rejected_folder / f"{dataset}.csv"

    @property
    def feedback_folder(self) -> Path:
        """``validation/feedback/``: one workbook per agency."""
        return self.folder / FEEDBACK_FOLDER

    def feedback(self, agency: str) -> Path:
        """``validation/feedback/<agency>.xlsx``."""
        return self.feedback_folder / feedback_name(agency)

    def workbook(self, language: str) -> Path:
        """``sdg18_<period>_indicators_<lang>.xlsx``: the ministry workbook in ``language``."""
        return self.folder / workbook_name(self.period, language)

    def report(self, language: str) -> Path:
        """``sdg18_<period>_report_<lang>.pdf``: the ministry PDF in ``language``."""
        return self.folder / report_name(self.period, language)
