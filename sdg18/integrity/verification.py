"""Checking outputs against their manifests, and the manifests against their chain.

:func:`verify` is what ``sdg18 verify [DIR]`` runs. ``DIR`` is an outputs
folder (every period folder in it is checked) or one period folder; the chain
of manifests in ``<outputs>/manifests/`` is checked either way, and so is every
input a manifest lists as archived (``<outputs>/archive/``). Each problem is
one sentence naming the file, what was expected and what was found.

Before checking, ``verify`` settles what a killed run left beside a period
folder (:func:`sdg18.integrity.recovery.recover_outputs`): it rolls forward a run whose
store transaction committed, so the outputs it checks are those the store holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdg18.core.outputs import CHAIN_FOLDER, MANIFEST_NAME, UNHASHED, archive_path
from sdg18.core.settings import Settings
from sdg18.ingest.discover import sha256_of
from sdg18.integrity.manifest import InputEntry, Manifest, read_manifest
from sdg18.integrity.recovery import leftover_periods, recover_outputs
from sdg18.integrity.seal import seal_problem
from sdg18.store import open_store, store_url


@dataclass
class Verification:
    """What ``verify`` checked and every mismatch it found."""

    problems: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    outputs: int = 0
    manifests: int = 0
    #: Archived inputs whose bytes were checked.
    inputs: int = 0
    #: What was done to settle a killed run's leftovers before checking (one sentence each).
    recovered: list[str] = field(default_factory=list)

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
    sealed = seal_problem(folder, shown)
    if sealed is not None:
        found.problems.append(f"{shown}/{sealed}")
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


def _archived_inputs(manifests: list[Manifest]) -> dict[str, tuple[str, InputEntry]]:
    """Archive path → (run id, input entry) of the first manifest listing it."""
    listed: dict[str, tuple[str, InputEntry]] = {}
    for manifest in manifests:
        for entry in manifest.get("inputs", []):
            path = entry.get("archived")
            if isinstance(path, str) and path not in listed:
                listed[path] = (str(manifest.get("run_id", "?")), entry)
    return listed


def check_archive(root: Path, manifests: list[Manifest], found: Verification) -> None:
    """Every input a manifest lists as archived is in ``root``'s archive with its SHA-256."""
    for path, (run, entry) in sorted(_archived_inputs(manifests).items()):
        found.inputs += 1
        kept, recorded = root / path, str(entry.get("sha256"))
        if path != archive_path(recorded):  # never read a path a manifest was edited to name
            found.problems.append(
                f"{path}: the manifest of run {run} keeps input {entry.get('path')} there, "
                f"but the archive keeps SHA-256 {recorded} in {archive_path(recorded)}"
            )
            continue
        if not kept.is_file():
            found.problems.append(
                f"{path}: missing; the manifest of run {run} keeps input {entry.get('path')} "
                f"(SHA-256 {recorded}) there"
            )
            continue
        actual = sha256_of(kept)
        if actual != recorded:
            found.problems.append(
                f"{path}: SHA-256 is {actual} but the manifest of run {run} recorded {recorded} "
                f"for input {entry.get('path')}: the archived input was changed"
            )


def check_chain(root: Path, found: Verification) -> list[Manifest]:
    """Sequence numbers 1…N without gaps or repeats, each manifest naming the previous one
    by the SHA-256 that manifest still has; returns the chain's manifests in order."""
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
    return [manifest for _, manifest in chain]


def settle(root: Path, settings: Settings) -> list[str]:
    """Settle every killed run's leftovers in ``root`` against its store (opened only when
    there are some); one sentence per action."""
    if not leftover_periods(root):
        return []
    url = store_url(settings, root) if settings.database_url else ""
    return recover_outputs(root, lambda: open_store(settings, root), database_url=url)


def _period_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST_NAME).is_file()
    )


def verify(directory: Path, settings: Settings | None = None) -> Verification:
    """Settle a killed run's leftovers, then check every output of every manifest under
    ``directory``, the chain of manifests and the archived inputs they list."""
    found = Verification()
    one_period = (directory / MANIFEST_NAME).is_file() or (
        directory.name in leftover_periods(directory.parent)  # killed mid-swap: settled below
    )
    root = directory.parent if one_period else directory
    found.recovered = settle(root, settings or Settings.from_env())
    folders = [directory] if one_period else _period_folders(root)
    if not folders and not (root / CHAIN_FOLDER).is_dir():
        found.problems.append(
            f"{directory}: no {MANIFEST_NAME} here nor in a sub-folder, and no {CHAIN_FOLDER}/ "
            "chain; give the outputs folder or one period folder"
        )
        return found
    chain = check_chain(root, found)
    periods = [m for f in folders if (m := _load_quietly(f / MANIFEST_NAME)) is not None]
    check_archive(root, chain + periods, found)
    for folder in folders:
        _check_folder(folder, root, found)
    return found


def _load_quietly(path: Path) -> Manifest | None:
    try:
        return read_manifest(path)
    except (OSError, ValueError):
        return None
