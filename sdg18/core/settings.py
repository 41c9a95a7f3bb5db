"""Settings read from ``SDG18_*`` environment variables (one dataclass, like pandera's)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from sdg18.core.errors import SettingsError
from sdg18.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, check_language, parse_languages

#: SDMX 2.1 agency ids (NestedNCNameIDType) and versions (VersionType).
AGENCY_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*")
VERSION = re.compile(r"[0-9]+(\.[0-9]+)*")


@dataclass(frozen=True)
class StructureIds:
    """Who maintains the national SDMX structure and at which version."""

    #: The maintenance agency of the structure (an SDMX agency id).
    agency: str = "SSC_AZ"
    #: The version of every artefact of the structure.
    version: str = "1.0"

    def __post_init__(self) -> None:
        if not AGENCY_ID.fullmatch(self.agency):
            raise SettingsError(
                f"SDG18_SDMX_AGENCY={self.agency!r} is not an SDMX agency id",
                "write letters, digits, _ or - starting with a letter, such as SSC_AZ "
                "(the default)",
            )
        if not VERSION.fullmatch(self.version):
            raise SettingsError(
                f"SDG18_SDMX_VERSION={self.version!r} is not an SDMX version",
                "write numbers joined by dots, such as 1.0 (the default)",
            )


@dataclass(frozen=True)
class Editions:
    """The languages a run writes its human-facing outputs in."""

    #: One PDF and one ministry workbook per language, in this order.
    languages: tuple[str, ...] = LANGUAGES
    #: Agency id → the language of its feedback workbook (agencies not named: ``default``).
    agency_languages: tuple[tuple[str, str], ...] = ()
    #: The language of an agency not in ``agency_languages``.
    default: str = DEFAULT_LANGUAGE

    def feedback_language(self, agency: str) -> str:
        """The language ``agency``'s feedback workbook is written in."""
        return dict(self.agency_languages).get(agency, self.default)


def parse_agency_languages(
    raw: str, setting: str = "SDG18_AGENCY_LANGUAGES"
) -> tuple[tuple[str, str], ...]:
    """``ANAMA=en,MOH=az`` as sorted (agency, language) pairs, each language checked."""
    pairs: dict[str, str] = {}
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        agency, equals, language = (x.strip() for x in part.partition("="))
        if not equals or not agency:
            raise SettingsError(
                f"{setting}={raw!r}: {part!r} is not AGENCY=language",
                "write pairs such as ANAMA=az,MOH=en",
            )
        if language not in LANGUAGES:
            raise SettingsError(
                f"{setting}={raw!r}: {language!r} is not a language sdg18 ships",
                f"use one of {', '.join(LANGUAGES)} after each agency id",
            )
        pairs[agency] = language
    return tuple(sorted(pairs.items()))


@dataclass(frozen=True)
class Settings:
    """Where sdg18 reads and writes, and the limits it applies.

    Each field ``x`` is read from ``SDG18_X``; unset variables keep the default.
    """

    #: Folder holding ``<period>/`` sub-folders of submissions.
    inbox: Path = Path("inbox")
    #: Folder receiving ``<period>/`` output folders (and, later, the store).
    outputs: Path = Path("outputs")
    #: SQLAlchemy URL of the store; empty means an SQLite file under ``outputs``.
    database_url: str = ""
    #: Largest input file accepted, in megabytes.
    max_file_mb: int = 200
    #: Largest inflated size of one workbook part, in megabytes (zip-bomb guard).
    max_inflated_mb: int = 1024
    #: Largest sheet grid (rows × columns up to the last cell) handed to the reader.
    max_cells: int = 25_000_000
    #: Read and validate each file in a child process with capped memory, so that a reader
    #: that aborts, runs out of memory or hangs costs a finding on that file, not the run
    #: (on by default; ``0`` reads in the run's own process).
    isolate_reads: bool = True
    #: Memory (private writable data, RLIMIT_DATA) one such child may use, in megabytes.
    read_memory_mb: int = 3072
    #: Seconds one such child may take over one file before it is stopped and the file
    #: gets ``L0.file.read_timeout`` (0: no limit).
    read_timeout_s: float = 600.0
    #: Files read and validated at the same time by the quarterly flow (threads).
    task_workers: int = 4
    #: Attempts after the first when reading the inbox or writing outputs fails with an OSError.
    io_retries: int = 3
    #: Seconds between those attempts.
    io_retry_delay_s: float = 5.0
    #: Seconds a run waits for another run of the same period to finish; 0 stops at once.
    lock_timeout_s: float = 900.0
    #: Count the records and files of every value of the run's period and name the records
    #: each revision added and retired (``0`` leaves them out: to measure what they cost).
    lineage: bool = True
    #: Seed of the synthetic data used by ``sdg18 demo``.
    demo_seed: int = 18
    #: Quarters the demo covers.
    demo_first: str = "2025Q1"
    demo_last: str = "2026Q3"
    #: Share of synthetic records given a deliberate error in the demo.
    demo_error_rate: float = 0.01
    #: The agency id that maintains the national SDMX structure of the ``sdmx/`` export.
    sdmx_agency: str = StructureIds.agency
    #: The version of that structure.
    sdmx_version: str = StructureIds.version
    #: The editions of the PDF and the ministry workbook a run writes (comma-separated).
    languages: str = ",".join(LANGUAGES)
    #: The language of ``sdg18 validate``'s and ``sdg18 template``'s output.
    language: str = DEFAULT_LANGUAGE
    #: The language of each agency's feedback workbook, as ``AGENCY=language`` pairs;
    #: an agency not named gets ``SDG18_LANGUAGE``.
    agency_languages: str = ""

    def __post_init__(self) -> None:
        self.structure_ids  # noqa: B018 — a bad agency id or version fails here, at start
        self.editions  # noqa: B018 — and so does a language sdg18 does not ship

    @property
    def editions(self) -> Editions:
        """The run's languages (checked)."""
        return Editions(
            parse_languages(self.languages, "SDG18_LANGUAGES"),
            parse_agency_languages(self.agency_languages),
            check_language(self.language, "SDG18_LANGUAGE"),
        )

    @property
    def structure_ids(self) -> StructureIds:
        """The SDMX structure's agency and version (checked)."""
        return StructureIds(self.sdmx_agency, self.sdmx_version)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default: the process environment).

        A value of the wrong form raises :class:`SettingsError` naming the variable, the
        value, the form expected and the default.
        """
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            name = f"SDG18_{field.name.upper()}"
            raw = env.get(name)
            if raw is None:
                continue
            values[field.name] = parse_setting(name, raw, getattr(cls, field.name))
        return cls(**values)  # type: ignore[arg-type]


def parse_flag(raw: str) -> bool:
    """True for ``1``/``true``/``yes``/``on``, False for ``0``/``false``/``no``/``off`` (any
    case); ValueError for anything else."""
    word = raw.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"'{raw}' is not a yes/no value: use 1 or 0, true or false")


def _path(raw: str) -> Path:
    if "\0" in raw:
        raise ValueError("a path holds no NUL character")
    return Path(raw)


#: Per type of default: how a value is read, the form it must have, and the hint.
_FORMS: dict[type, tuple[Callable[[str], object], str, str]] = {
    bool: (
        parse_flag,
        "a yes/no value",
        "write 1 or 0, true or false, yes or no, on or off; the default is {default}",
    ),
    int: (int, "a whole number", "write a whole number such as {default} (the default)"),
    float: (float, "a number", "write a number such as {default} (the default)"),
    Path: (_path, "a path", "write a path such as {default} (the default)"),
    str: (str, "text", "write the value as text"),
}


def parse_setting(name: str, raw: str, default: object) -> object:
    """The value of variable ``name`` read in the type of its ``default``; SettingsError,
    saying the form expected and the default, for a value that is not of that form."""
    kind = Path if isinstance(default, Path) else type(default)
    parse, form, hint = _FORMS[kind]
    try:
        return parse(raw)
    except ValueError as error:
        shown = ("1 (yes)" if default else "0 (no)") if kind is bool else str(default)
        raise SettingsError(f"{name}={raw!r} is not {form}", hint.format(default=shown)) from error
