"""Checking outputs against their manifests, and the manifests against their chain.

:func:`verify` is what ``sdg18 verify [DIR]`` runs. ``DIR`` is an outputs
folder (every period folder in it is checked) or one period folder; the chain
of manifests in ``<outputs>/manifests/`` is checked either way. Each problem is
one sentence naming the file, what was expected and what was found.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdg18.ingest.discover import sha256_of
from sdg18.manifest import CHAIN_FOLDER, MANIFEST_NAME, UNHASHED, Manifest, read_manifest


@dataclass
class Verification:
    """What ``verify`` checked and every mismatch it found."""

    problems: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    outputs: int = 0
    manifests: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing failed to match."""
        return not self.problems


def _load(path: Path, shown: str, found: Verification) -> Manifest | None:
    try:
        return read_manifest(path)
    except (OSError, ValueError) as error:
        found.problems.append(f"{shown}: cannot be read as a manifest ({error})")
        return None


def _check_outputs(folder: Path, shown: str, manifest: Manifest, found: Verification) -> None:
    run = manifest.get("run_id", "?")
    listed: set[str] = set()
    for entry in manifest.get("outputs", []):
        path = str(entry.get("path", ""))
        listed.add(path)
        target = folder / path
        found.outputs += 1
        if not target.is_file():
            found.problems.append(
                f"{shown}/{path}: missing; the manifest of run {run} lists it "
                f"with SHA-256 {entry.get('sha256')}"
            )
            continue
        actual = sha256_of(target)
        if actual != entry.get("sha256"):
            size = target.stat().st_size
            found.problems.append(
                f"{shown}/{path}: SHA-256 is {actual} ({size} bytes) but the manifest of run "
                f"{run} recorded {entry.get('sha256')} ({entry.get('size')} bytes): the file "
                "was changed after the run"
            )
    for root, _, files in os.walk(folder):
        for name in files:
            relative = (Path(root) / name).relative_to(folder).as_posix()
            if relative not in listed and relative not in UNHASHED:
                found.problems.append(
                    f"{shown}/{relative}: not listed in the manifest of run {run} "
                    "(added after the run?)"
                )


def _check_folder(folder: Path, root: Path, found: Verification) -> None:
    shown = folder.name
    manifest = _load(folder / MANIFEST_NAME, f"{shown}/{MANIFEST_NAME}", found)
    if manifest is None:
        return
    found.folders.append(shown)
    _check_outputs(folder, shown, manifest, found)
    run = manifest.get("run_id", "?")
    copy = root / CHAIN_FOLDER / f"{run}.json"
    if not copy.is_file():
        found.problems.append(
            f"{shown}/{MANIFEST_NAME}: run {run} is not in the chain ({CHAIN_FOLDER}/{run}.json "
            "is missing)"
        )
        return
    here, there = sha256_of(folder / MANIFEST_NAME), sha256_of(copy)
    if here != there:
        found.problems.append(
            f"{shown}/{MANIFEST_NAME}: SHA-256 is {here} but its copy in the chain "
            f"({CHAIN_FOLDER}/{run}.json) has {there}: one of them was edited"
        )


def _chain(root: Path, found: Verification) -> list[tuple[Path, Manifest]]:
    chain = []
    for path in sorted((root / CHAIN_FOLDER).glob("*.json")):
        manifest = _load(path, f"{CHAIN_FOLDER}/{path.name}", found)
        if manifest is None:
            continue
        if manifest.get("run_id") != path.stem:
            found.problems.append(
                f"{CHAIN_FOLDER}/{path.name}: holds the manifest of run {manifest.get('run_id')}"
            )
        chain.append((path, manifest))
    return sorted(chain, key=lambda item: _sequence(item[1]))


def _sequence(manifest: Manifest) -> int:
    try:
        return int(manifest.get("sequence") or 0)
    except (TypeError, ValueError):
        return 0


def _check_link(path: Path, manifest: Manifest, before: Path | None, found: Verification) -> None:
    shown = f"{CHAIN_FOLDER}/{path.name}"
    link: Any = manifest.get("previous_manifest")
    if before is None:
        if link is not None:
            found.problems.append(
                f"{shown}: names {link.get('run_id')} as the previous run, but the chain "
                "starts here (an earlier manifest was removed?)"
            )
        return
    expected = f"{CHAIN_FOLDER}/{before.name}"
    if not isinstance(link, dict) or link.get("run_id") != before.stem:
        named = link.get("run_id") if isinstance(link, dict) else None
        found.problems.append(
            f"{shown}: names {named} as the previous run, but the run before it in "
            f"the chain is {before.stem}"
        )
        return
    actual = sha256_of(before)
    if actual != link.get("sha256"):
        found.problems.append(
            f"{expected}: SHA-256 is {actual} but the next run, {manifest.get('run_id')}, "
            f"recorded {link.get('sha256')}: {expected} was changed after that run"
        )


def check_chain(root: Path, found: Verification) -> None:
    """Sequence numbers 1…N without gaps or repeats, each manifest naming the previous one
    by the SHA-256 that manifest still has."""
    chain = _chain(root, found)
    found.manifests = len(chain)
    before: Path | None = None
    for number, (path, manifest) in enumerate(chain, start=1):
        sequence = _sequence(manifest)
        if sequence != number:
            found.problems.append(
                f"{CHAIN_FOLDER}/{path.name}: has sequence number {manifest.get('sequence')} "
                f"where {number} was expected (a manifest is missing or repeated)"
            )
        _check_link(path, manifest, before, found)
        before = path


def verify(directory: Path) -> Verification:
    """Check every output of every manifest under ``directory`` and the chain of manifests."""
    found = Verification()
    if (directory / MANIFEST_NAME).is_file():
        root, folders = directory.parent, [directory]
    else:
        root = directory
        folders = sorted(
            p for p in directory.iterdir() if p.is_dir() and (p / MANIFEST_NAME).is_file()
        ) if directory.is_dir() else []  # fmt: skip
    if not folders and not (root / CHAIN_FOLDER).is_dir():
        found.problems.append(
            f"{directory}: no {MANIFEST_NAME} here nor in a sub-folder, and no {CHAIN_FOLDER}/ "
            "chain; give the outputs folder or one period folder"
        )
        return found
    check_chain(root, found)
    for folder in folders:
        _check_folder(folder, root, found)
    return found
