"""The run manifest (``manifest.json``): what a run read, what it wrote, and which run came before.

Every run writes ``<period>/manifest.json`` as the last file of its outputs: run
id, period, parameters, times (UTC and Asia/Baku), code and library versions,
every input and every output with its SHA-256, the verdict, and the SHA-256 of
the manifest of the run before it (linked by :mod:`sdg18.integrity.chain`). Each
input entry names where its bytes are kept in the archive (:mod:`sdg18.run.archive`).
The run log (``run.log``) is written until the run ends, after its manifest,
so it is named in the manifest but not hashed.

The manifest's shape is :class:`Manifest` (a ``TypedDict``: the JSON object as
written, its keys checked by mypy); :func:`manifest_bytes` is its one writer and
:func:`read_manifest` its one reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict, cast

from schemas.version import SCHEMA_VERSION
from sdg18.core.outputs import RUN_LOG_NAME, UNHASHED, run_log_path
from sdg18.core.settings import Editions, StructureIds
from sdg18.ingest.discover import InboxFile, sha256_of
from sdg18.integrity.provenance import code_version, instant, library_versions

if TYPE_CHECKING:  # the stages are not imported by a run whose outputs stand
    from sdg18.validation.inbox import InboxValidation
    from sdg18.validation.report import ValidationCounts

MANIFEST_VERSION = 1

Verdict = Literal["final", "provisional", "failed", "unchanged"]
#: The verdicts of a run that published its outputs.
PUBLISHED: frozenset[str] = frozenset({"final", "provisional"})


class OutputEntry(TypedDict):
    """One file of the period folder: path (relative, forward slashes), size, SHA-256."""

    path: str
    size: int
    sha256: str


class InputEntry(TypedDict):
    """One file of the period's inbox and what became of it."""

    path: str
    size: int
    sha256: str
    agency: str
    datasets: list[str]
    accepted: int
    rejected: int
    #: True when this run read it, False when its result came from the cache.
    parsed: bool | None
    #: Where the archive keeps its bytes (None for a link, or a file changed while copied).
    archived: str | None
    #: The identical file this one duplicates (only for a duplicate).
    duplicate_of: NotRequired[str]


class ChainLink(TypedDict):
    """The manifest of the run before, in the chain."""

    run_id: str
    path: str
    sha256: str


class StandingRun(TypedDict):
    """The run whose outputs stand for an unchanged run."""

    run_id: str | None
    manifest_sha256: str


class Manifest(TypedDict):
    """``manifest.json`` as written and read."""

    manifest_version: int
    run_id: str
    sequence: int | None
    period: str
    verdict: Verdict
    parameters: dict[str, object]
    orchestration: dict[str, object]
    started: dict[str, str]
    finished: dict[str, str]
    code: dict[str, Any]
    schema_version: str
    libraries: dict[str, str]
    inputs: list[InputEntry]
    outputs: list[OutputEntry]
    run_log: str
    previous_manifest: ChainLink | None
    #: What decides the outputs besides the store (absent from a failed run's manifest).
    run_key: NotRequired[str]
    #: Records and findings counted (a run that published outputs).
    validation: NotRequired[dict[str, int]]
    #: Files parsed and results reused from the cache (a run that published outputs).
    cache: NotRequired[dict[str, int]]
    #: ``<type>: <message>`` of a failed run.
    error: NotRequired[str]
    #: The run whose outputs stand (an unchanged run).
    stands: NotRequired[StandingRun]


@dataclass(frozen=True)
class RunFacts:
    """What the orchestration knows about a run beyond its validation, for the manifest."""

    #: The run's parameters as given (period, inbox, out, task runner…).
    parameters: Mapping[str, object] = field(default_factory=dict)
    #: File name (relative to the period's inbox) → True when this run read and
    #: validated it, False when the result came from the cache of an earlier run.
    parsed: Mapping[str, bool] = field(default_factory=dict)
    #: How the run was orchestrated: flow run id and name, deployment, task runner.
    orchestration: Mapping[str, object] = field(default_factory=dict)
    #: SHA-256 → path (relative to the outputs folder) of each input the archive holds.
    archived: Mapping[str, str] = field(default_factory=dict)
    #: What decides the run's outputs besides the store (:func:`sdg18.run.fingerprints.run_key`).
    run_key: str = ""
    #: The agency and version of the national SDMX structure the export is written in.
    structure: StructureIds = field(default_factory=StructureIds)
    #: The languages of the reports and of each agency's feedback.
    editions: Editions = field(default_factory=Editions)


def bytes_sha256(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as written: UTF-8 JSON, indented, keys in the order built, final newline."""
    text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
    return (text + "\n").encode("utf-8")


def read_manifest(path: Path) -> Manifest:
    """A manifest file (ValueError when it is not a JSON object). Its keys are not checked:
    ``sdg18 verify`` reads edited manifests too, and reports what it finds."""
    loaded = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} does not hold a JSON object")
    return cast(Manifest, loaded)


def output_entries(folder: Path) -> list[OutputEntry]:
    """Every file under ``folder`` but the manifest and the run log, sorted by path: path
    (relative, with forward slashes), size, SHA-256."""
    paths = sorted(
        (Path(root) / name).relative_to(folder).as_posix()
        for root, _, files in os.walk(folder)
        for name in files
    )
    return [
        OutputEntry(path=path, size=(folder / path).stat().st_size, sha256=sha256_of(folder / path))
        for path in paths
        if path not in UNHASHED
    ]


def _file_entry(file: InboxFile, period: str, facts: RunFacts) -> InputEntry:
    return InputEntry(
        path=f"{period}/{file.name}",
        size=file.size,
        sha256=file.sha256,
        agency=file.folder_agency,
        datasets=[],
        accepted=0,
        rejected=0,
        parsed=facts.parsed.get(file.name),
        archived=facts.archived.get(file.sha256),
    )


def input_entries(validation: InboxValidation, facts: RunFacts) -> list[InputEntry]:
    """Every file of the period's inbox: path relative to the inbox, size, SHA-256, agency,
    datasets, records accepted and rejected, whether this run parsed it, and where the
    archive keeps its bytes (None for a link, or a file that changed while it was copied)."""
    period = str(validation.period)
    results = {result.read.file.name: result for result in validation.results}
    first_of = {r.read.file.sha256: r.read.file.name for r in validation.results}
    entries = []
    for file in validation.files:
        entry = _file_entry(file, period, facts)
        result = results.get(file.name)
        if result is None:
            entry["duplicate_of"] = f"{period}/{first_of.get(file.sha256, '?')}"
        else:
            entry["agency"] = result.read.agency or file.folder_agency
            entry["datasets"] = sorted({t.table.dataset for t in result.tables})
            entry["accepted"] = sum(len(t.accepted) for t in result.tables)
            entry["rejected"] = sum(len(t.rejected_rows) for t in result.tables)
        entries.append(entry)
    return entries


def _base(
    run_id: str, period: str, verdict: Verdict, facts: RunFacts, started_at: dt.datetime
) -> Manifest:
    """The keys every manifest has, in the order written; finished now, no inputs yet."""
    return Manifest(
        manifest_version=MANIFEST_VERSION,
        run_id=run_id,
        sequence=None,
        period=period,
        verdict=verdict,
        parameters=dict(facts.parameters),
        orchestration=dict(facts.orchestration),
        started=instant(started_at),
        finished=instant(dt.datetime.now(dt.UTC)),
        code=code_version(),
        schema_version=SCHEMA_VERSION,
        libraries=library_versions(),
        inputs=[],
        outputs=[],
        run_log=f"../{run_log_path(run_id)}",
        previous_manifest=None,
    )


def _ordered(manifest: Manifest, after: str, extra: Mapping[str, object]) -> Manifest:
    """``manifest`` with the ``extra`` keys inserted after key ``after`` (the order written)."""
    items: list[tuple[str, object]] = []
    for key, value in manifest.items():
        items.append((key, value))
        if key == after:
            items.extend(extra.items())
    return cast(Manifest, dict(items))


def run_manifest(
    validation: InboxValidation,
    facts: RunFacts,
    *,
    run_id: str,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    verdict: Verdict,
    counts: ValidationCounts,
) -> Manifest:
    """A finished run's manifest, before it is linked to the chain and given its outputs."""
    parsed = [entry for entry in facts.parsed.values() if entry is not None]
    manifest = _base(run_id, str(validation.period), verdict, facts, started_at)
    manifest["finished"] = instant(finished_at)
    manifest["inputs"] = input_entries(validation, facts)
    manifest["run_log"] = RUN_LOG_NAME
    manifest = _ordered(manifest, "schema_version", {"run_key": facts.run_key})
    cache = {"parsed": sum(parsed), "reused": len(parsed) - sum(parsed)}
    return _ordered(manifest, "libraries", {"validation": asdict(counts), "cache": cache})


def failed_manifest(
    run_id: str,
    period: str,
    facts: RunFacts,
    started_at: dt.datetime,
    files: list[InboxFile],
    error: BaseException,
) -> Manifest:
    """The manifest of a run that failed: its inputs as listed, no outputs, the error."""
    manifest = _base(run_id, period, "failed", facts, started_at)
    manifest["inputs"] = [_file_entry(file, period, facts) for file in files]
    return _ordered(manifest, "libraries", {"error": f"{type(error).__name__}: {error}"})


def unchanged_manifest(
    run_id: str,
    period: str,
    facts: RunFacts,
    started_at: dt.datetime,
    files: list[InboxFile],
    standing: Manifest,
    standing_sha256: str,
) -> Manifest:
    """The manifest of a run that found the period's outputs standing (:mod:`sdg18.run.rerun`):
    its inputs, no outputs of its own, and the run (and manifest) whose outputs stand."""
    manifest = _base(run_id, period, "unchanged", facts, started_at)
    manifest["inputs"] = [_file_entry(file, period, facts) for file in files]
    manifest["run_key"] = facts.run_key
    manifest["stands"] = StandingRun(run_id=standing.get("run_id"), manifest_sha256=standing_sha256)
    return manifest
