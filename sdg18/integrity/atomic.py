"""Replacing an output folder in one step, so a reader never sees half of it.

A period folder ``<period>`` is rebuilt beside itself, in three named states,
each entered by one ``rename`` (atomic on a POSIX filesystem):

- ``.<period>.partial`` — being written; never trusted;
- ``.<period>.pending`` — complete, its manifest last, waiting for the store's
  transaction (the manifest names the run, so after a crash the store says
  whether the folder belongs to a committed run);
- the swap: ``<period>`` → ``.<period>.old``, ``.pending`` → ``<period>``,
  then ``.old`` removed.

A process killed anywhere leaves at most one of each beside the target;
:mod:`sdg18.integrity.recovery` decides what becomes of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sdg18.core.faults import checkpoint


def partial_folder(target: Path) -> Path:
    """Where the next outputs of ``target`` are written."""
    return target.with_name(f".{target.name}.partial")


def pending_folder(target: Path) -> Path:
    """Where complete outputs of ``target`` wait for their run's store transaction."""
    return target.with_name(f".{target.name}.pending")


def old_folder(target: Path) -> Path:
    """Where the previous outputs of ``target`` are kept during the swap."""
    return target.with_name(f".{target.name}.old")


def discard(folder: Path) -> None:
    """Remove ``folder`` and everything in it, if it is there."""
    shutil.rmtree(folder, ignore_errors=True)


def fresh_partial(target: Path) -> Path:
    """An empty ``.<name>.partial`` folder beside ``target`` (any earlier one removed)."""
    staging = partial_folder(target)
    discard(staging)
    staging.mkdir(parents=True)
    return staging


def mark_pending(staging: Path, target: Path) -> Path:
    """Rename the complete ``staging`` folder to ``.<name>.pending``; returns the new path."""
    pending = pending_folder(target)
    discard(pending)
    staging.rename(pending)
    return pending


def swap_in(pending: Path, target: Path) -> None:
    """Put ``pending`` in place of ``target`` (kept as ``.<name>.old`` until it is there)."""
    old = old_folder(target)
    discard(old)
    if target.exists():
        target.rename(old)
    checkpoint("between-swap-renames")
    pending.rename(target)
    checkpoint("after-swap")
    discard(old)
