"""The chain of manifests: every run's manifest, failed runs' included, linked to the one before.

A copy of each manifest is kept in ``<outputs>/manifests/<run id>.json``; each
names the SHA-256 of the manifest before it (``previous_manifest``) and a
sequence number. ``sdg18 verify`` (:mod:`sdg18.integrity.verification`) follows
it. Runs of different periods join the chain one at a time (the chain lock).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import cast

from sdg18.core.faults import checkpoint
from sdg18.core.outputs import CHAIN_FOLDER, MANIFEST_NAME, chained_manifest
from sdg18.ingest.discover import sha256_of
from sdg18.integrity.atomic import mark_pending, pending_folder
from sdg18.integrity.locking import chain_lock
from sdg18.integrity.manifest import (
    ChainLink,
    Manifest,
    bytes_sha256,
    manifest_bytes,
    output_entries,
    read_manifest,
)


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
    path = out_dir / chained_manifest(head["run_id"])
    manifest["sequence"] = int(head["sequence"] or 0) + 1
    manifest["previous_manifest"] = ChainLink(
        run_id=head["run_id"], path=chained_manifest(head["run_id"]), sha256=sha256_of(path)
    )


def _archive(data: bytes, out_dir: Path, run_id: str) -> None:
    folder = out_dir / CHAIN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{run_id}.json.partial"
    partial.write_bytes(data)
    partial.replace(out_dir / chained_manifest(run_id))


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
    manifest = cast(Manifest, json.loads(data))
    run_id = str(manifest["run_id"])
    with chain_lock(out_dir, run_id):
        if (out_dir / chained_manifest(run_id)).is_file():
            return bytes_sha256(data)
        linked = cast(Manifest, dict(manifest))
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
        for kept in (out_dir / chained_manifest(run_id), pending):
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
