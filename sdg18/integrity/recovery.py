"""After a crash: outputs and store made to agree again, before anything else happens.

A run publishes a period in this order (``sdg18.run.publish.publish_run``): outputs
written in ``.<period>.partial``, manifest last; the folder renamed
``.<period>.pending``; the store's transaction; the manifest into the chain;
the swap (``<period>`` → ``.<period>.old``, ``.pending`` → ``<period>``,
``.old`` removed). The store's ``runs`` table is the one source of truth for
"did this run happen", so a run killed at any point is settled like this:

- ``.partial``: the run never reached its transaction — removed;
- ``.old`` and no ``<period>``: killed between the two renames — put back;
- ``.old`` beside ``<period>``: killed after the swap — removed;
- ``.pending`` whose manifest's run id is in ``runs``: the store committed —
  rolled forward (manifest into the chain if missing, folder swapped in);
- ``.pending`` of a run not in ``runs`` — removed.

:func:`recover_period` runs under the period lock at the start of every run and
of every ``publish_run``; ``sdg18 verify`` calls :func:`recover_outputs`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from sdg18.core.outputs import MANIFEST_NAME
from sdg18.integrity.atomic import (
    discard,
    old_folder,
    partial_folder,
    pending_folder,
    swap_in,
)
from sdg18.integrity.chain import chain_manifest
from sdg18.integrity.locking import PeriodBusyError, period_lock
from sdg18.integrity.manifest import read_manifest
from sdg18.integrity.seal import write_seal
from sdg18.store import Store, tables

_LEFTOVER = re.compile(r"^\.(?P<period>[^/]+)\.(?:partial|pending|old)$")


def run_committed(store: Store, run_id: str) -> bool:
    """True when the store's ``runs`` table holds ``run_id`` (its transaction committed)."""
    query = sa.select(tables.runs.c.run_no).where(tables.runs.c.run_id == run_id)
    with store.engine.connect() as conn:
        return conn.execute(query).first() is not None


def _pending_run(pending: Path) -> str | None:
    try:
        run_id = read_manifest(pending / MANIFEST_NAME).get("run_id")
    except (OSError, ValueError):
        return None
    return str(run_id) if run_id else None


def _settle_old(target: Path) -> list[str]:
    old = old_folder(target)
    if not old.exists():
        return []
    if target.exists():
        discard(old)
        return [f"{target.name}: removed {old.name}, the outputs a finished swap replaced"]
    old.rename(target)
    return [f"{target.name}: put back {old.name}, moved aside by a run stopped mid-swap"]


def _settle_pending(target: Path, out_dir: Path, store: Store) -> list[str]:
    pending = pending_folder(target)
    if not pending.exists():
        return []
    run_id = _pending_run(pending)
    if run_id is not None and run_committed(store, run_id):
        chain_manifest(pending, out_dir)
        write_seal(pending, target.name)
        swap_in(pending, target)
        return [
            f"{target.name}: rolled forward run {run_id}: its store transaction had "
            "committed, so its outputs replaced the previous ones"
        ]
    discard(pending)
    return [
        f"{target.name}: removed {pending.name} of run {run_id or '?'}, which stopped before "
        "its store transaction committed (the store and outputs are those of the run before)"
    ]


def recover_period(out_dir: Path, period: str, store: Store) -> list[str]:
    """Settle what a killed run of ``period`` left in ``out_dir`` (the caller holds the
    period's lock); one sentence per action, none when nothing was left."""
    target = out_dir / period
    done: list[str] = []
    partial = partial_folder(target)
    if partial.exists():
        discard(partial)
        done.append(f"{period}: removed {partial.name}, written by a run stopped before its end")
    done += _settle_old(target)
    done += _settle_pending(target, out_dir, store)
    return done


def leftover_periods(out_dir: Path) -> list[str]:
    """Periods of ``out_dir`` with a partial, pending or old folder beside them."""
    if not out_dir.is_dir():
        return []
    found = {m["period"] for p in out_dir.iterdir() if (m := _LEFTOVER.match(p.name))}
    return sorted(found)


def recover_outputs(
    out_dir: Path, open_store: Callable[[], Store], database_url: str = ""
) -> list[str]:
    """:func:`recover_period` for every period of ``out_dir`` with leftovers, each under its
    lock; a period whose lock a live run holds is left to that run. The store is opened
    only when there is something to settle."""
    done: list[str] = []
    store: Store | None = None
    for period in leftover_periods(out_dir):
        try:
            with period_lock(out_dir, period, "recovery", timeout_s=0, database_url=database_url):
                store = store or open_store()
                done += recover_period(out_dir, period, store)
        except PeriodBusyError:
            done.append(f"{period}: left as it is, a run of the period is in progress")
    if store is not None:
        store.close()
    return done
