"""The run manifest (``manifest.json``): what a run read, what it wrote, and the chain of runs.

Every run writes ``<period>/manifest.json`` as the last file of its outputs: run
id, period, parameters, times (UTC and Asia/Baku), code and library versions,
every input and every output with its SHA-256, the verdict, and the SHA-256 of
the manifest of the run before it. A copy of each manifest — failed runs'
included — is kept in ``<outputs>/manifests/<run id>.json``: the chain an
auditor follows with ``sdg18 verify`` (:mod:`sdg18.integrity.verification`). Each input
entry names where its bytes are kept in the archive (:mod:`sdg18.run.archive`).
The run log (``run.log``) is written until the run ends, after its manifest,
so it is named in the manifest but not hashed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from schemas import SCHEMA_VERSION
from sdg18.core.faults import checkpoint
from sdg18.core.outputs import (
    CHAIN_FOLDER,
    MANIFEST_NAME,
    RUN_LOG_NAME,
    UNHASHED,
)
from sdg18.ingest.discover import InboxFile, sha256_of
from sdg18.integrity.atomic import mark_pending, pending_folder
from sdg18.integrity.locking import chain_lock
from sdg18.integrity.provenance import code_version, instant, library_versions
from sdg18.validation.inbox import InboxValidation
from sdg18.validation.report import ValidationCounts

MANIFEST_VERSION = 1

Manifest = dict[str, Any]


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


def bytes_sha256(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as written: UTF-8 JSON, indented, keys in the order built, final newline."""
    text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
    return (text + "\n").encode("utf-8")


def output_entries(folder: Path) -> list[dict[str, Any]]:
    """Every file under ``folder`` but the manifest and the run log, sorted by path: path
    (relative, with forward slashes), size, SHA-256."""
    paths = sorted(
        (Path(root) / name).relative_to(folder).as_posix()
        for root, _, files in os.walk(folder)
        for name in files
    )
    return [
        {"path": path, "size": (folder / path).stat().st_size, "sha256": sha256_of(folder / path)}
        for path in paths
        if path not in UNHASHED
    ]


def _file_entry(file: InboxFile, period: str, facts: RunFacts) -> dict[str, Any]:
    return {
        "path": f"{period}/{file.name}",
        "size": file.size,
        "sha256": file.sha256,
        "agency": file.folder_agency,
        "datasets": [],
        "accepted": 0,
        "rejected": 0,
        "parsed": facts.parsed.get(file.name),
        "archived": facts.archived.get(file.sha256),
    }


def input_entries(validation: InboxValidation, facts: RunFacts) -> list[dict[str, Any]]:
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


def run_manifest(
    validation: InboxValidation,
    facts: RunFacts,
    *,
    run_id: str,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    verdict: str,
    counts: ValidationCounts,
) -> Manifest:
    """A finished run's manifest, before it is linked to the chain and given its outputs."""
    parsed = [entry for entry in facts.parsed.values() if entry is not None]
    return {
        "manifest_version": MANIFEST_VERSION,
        "run_id": run_id,
        "sequence": None,
        "period": str(validation.period),
        "verdict": verdict,
        "parameters": dict(facts.parameters),
        "orchestration": dict(facts.orchestration),
        "started": instant(started_at),
        "finished": instant(finished_at),
        "code": code_version(),
        "schema_version": SCHEMA_VERSION,
        "run_key": facts.run_key,
        "libraries": library_versions(),
        "validation": asdict(counts),
        "cache": {"parsed": sum(parsed), "reused": len(parsed) - sum(parsed)},
        "inputs": input_entries(validation, facts),
        "outputs": [],
        "run_log": RUN_LOG_NAME,
        "previous_manifest": None,
    }


def failed_manifest(
    run_id: str,
    period: str,
    facts: RunFacts,
    started_at: dt.datetime,
    files: list[InboxFile],
    error: BaseException,
) -> Manifest:
    """The manifest of a run that failed: its inputs as listed, no outputs, the error."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "run_id": run_id,
        "sequence": None,
        "period": period,
        "verdict": "failed",
        "parameters": dict(facts.parameters),
        "orchestration": dict(facts.orchestration),
        "started": instant(started_at),
        "finished": instant(dt.datetime.now(dt.UTC)),
        "code": code_version(),
        "schema_version": SCHEMA_VERSION,
        "libraries": library_versions(),
        "error": f"{type(error).__name__}: {error}",
        "inputs": [_file_entry(file, period, facts) for file in files],
        "outputs": [],
        "run_log": f"../{LOG_FOLDER}/{run_id}.log",
        "previous_manifest": None,
    }


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
    manifest = failed_manifest(run_id, period, facts, started_at, files, RuntimeError())
    del manifest["error"]
    manifest.update(
        verdict="unchanged",
        run_key=facts.run_key,
        stands={"run_id": standing.get("run_id"), "manifest_sha256": standing_sha256},
    )
    return manifest


def read_manifest(path: Path) -> Manifest:
    """A manifest file as a dict (ValueError when it is not a JSON object)."""
    loaded = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} does not hold a JSON object")
    return loaded


def _run_of(path: Path) -> str | None:
    try:
        return str(read_manifest(path).get("run_id"))
    except (OSError, ValueError):
        return None


def chain_head(out_dir: Path) -> Manifest | None:
    """The manifest of the chain with the highest sequence number, or None for an empty chain."""
    best: tuple[int, Manifest] | None = None
    for path in (out_dir / CHAIN_FOLDER).glob("*.json"):
        try:
            manifest = read_manifest(path)
            sequence = int(manifest.get("sequence") or 0)
        except (ValueError, TypeError):
            continue
        if best is None or sequence > best[0]:
            best = (sequence, manifest)
    return None if best is None else best[1]


def _link(manifest: Manifest, out_dir: Path) -> None:
    head = chain_head(out_dir)
    if head is None:
        manifest["sequence"], manifest["previous_manifest"] = 1, None
        return
    path = out_dir / CHAIN_FOLDER / f"{head['run_id']}.json"
    manifest["sequence"] = int(head["sequence"]) + 1
    manifest["previous_manifest"] = {
        "run_id": head["run_id"],
        "path": f"{CHAIN_FOLDER}/{path.name}",
        "sha256": sha256_of(path),
    }


def _archive(data: bytes, out_dir: Path, run_id: str) -> None:
    folder = out_dir / CHAIN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{run_id}.json.partial"
    partial.write_bytes(data)
    partial.replace(folder / f"{run_id}.json")


def seal_outputs(
    staging: Path, target: Path, out_dir: Path, manifest: Manifest, commit: Callable[[], object]
) -> tuple[Path, str]:
    """Link ``manifest`` to the chain, list ``staging``'s files in it, write it there as the
    last file, rename ``staging`` to the pending folder of ``target``, run ``commit`` (the
    store's transaction), then add the manifest to the chain.

    All under the chain lock, so runs of different periods never fork the chain;
    when ``commit`` raises, the chain is left as it was. Returns the pending folder
    (for the caller to swap in) and the manifest's SHA-256.
    """
    with chain_lock(out_dir, str(manifest["run_id"])):
        _link(manifest, out_dir)
        manifest["outputs"] = output_entries(staging)
        data = manifest_bytes(manifest)
        (staging / MANIFEST_NAME).write_bytes(data)
        checkpoint("staging-written")
        pending = mark_pending(staging, target)
        checkpoint("pending-written")
        commit()
        checkpoint("after-store-commit")
        _archive(data, out_dir, str(manifest["run_id"]))
    return pending, bytes_sha256(data)


def chain_manifest(folder: Path, out_dir: Path) -> str:
    """Add the manifest of ``folder`` — a run whose store transaction committed but that
    stopped before its manifest joined the chain — to the chain; its SHA-256.

    Nothing changes when the chain already holds it. When another run joined the
    chain in between, the manifest is linked anew to the chain's head (sequence
    and ``previous_manifest``) and rewritten in ``folder`` before it is chained.
    """
    path = folder / MANIFEST_NAME
    data = path.read_bytes()
    manifest = json.loads(data)
    run_id = str(manifest["run_id"])
    with chain_lock(out_dir, run_id):
        if (out_dir / CHAIN_FOLDER / f"{run_id}.json").is_file():
            return bytes_sha256(data)
        linked = dict(manifest)
        _link(linked, out_dir)
        if (linked["sequence"], linked["previous_manifest"]) != (
            manifest["sequence"],
            manifest["previous_manifest"],
        ):
            data = manifest_bytes(linked)
            (out_dir / CHAIN_FOLDER).mkdir(parents=True, exist_ok=True)
            partial = out_dir / CHAIN_FOLDER / f".{run_id}.relinked.partial"  # not in folder
            partial.write_bytes(data)
            partial.replace(path)
        _archive(data, out_dir, run_id)
    return bytes_sha256(data)


def record_failed_run(out_dir: Path, manifest: Manifest) -> str:
    """Add a failed run's manifest to the chain (no period folder changes); its SHA-256.

    Not for a run that failed after its store transaction committed (its manifest is
    in the chain already, or in its pending folder): its outputs are rolled forward
    (:mod:`sdg18.integrity.recovery`) and that manifest stays the true one; its SHA-256 is returned.
    """
    run_id = str(manifest["run_id"])
    pending = pending_folder(out_dir / str(manifest["period"])) / MANIFEST_NAME
    with chain_lock(out_dir, run_id):
        for kept in (out_dir / CHAIN_FOLDER / f"{run_id}.json", pending):
            if kept.is_file() and _run_of(kept) == run_id:
                return sha256_of(kept)
        _link(manifest, out_dir)
        data = manifest_bytes(manifest)
        _archive(data, out_dir, run_id)
    return bytes_sha256(data)


def record_unchanged_run(out_dir: Path, manifest: Manifest) -> str:
    """Add the manifest of a run whose period's outputs stood to the chain; its SHA-256."""
    with chain_lock(out_dir, str(manifest["run_id"])):
        _link(manifest, out_dir)
        data = manifest_bytes(manifest)
        _archive(data, out_dir, str(manifest["run_id"]))
    return bytes_sha256(data)
