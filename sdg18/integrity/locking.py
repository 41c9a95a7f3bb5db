"""One run per period at a time, and one writer of the manifest chain at a time.

A run holds an exclusive lock on ``<outputs>/.locks/<period>.lock`` (``flock``:
the system releases it when the process ends, however it ends, so a crashed run
never leaves a stale lock). When the store is PostgreSQL the run also holds a
PostgreSQL advisory lock for the period, which covers runs on other machines
that share the store but not the outputs folder. A second run of the same
period waits up to ``SDG18_LOCK_TIMEOUT_S`` seconds, then stops with
:class:`PeriodBusyError` naming the run that holds the lock.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from sdg18.core.errors import Sdg18Error
from sdg18.core.outputs import LOCK_FOLDER

CHAIN_LOCK = "manifest-chain"
_POLL_S = 0.2


class PeriodBusyError(Sdg18Error, RuntimeError):
    """Another run holds the lock of the period (the message says which and what to do)."""


def _holder_text(handle: IO[str]) -> str:
    handle.seek(0)
    try:
        holder = json.loads(handle.read() or "{}")
    except ValueError:
        return "another run"
    if not holder:
        return "another run"
    return (
        f"run {holder.get('run_id', '?')} (process {holder.get('pid', '?')} on "
        f"{holder.get('host', '?')}, since {holder.get('since', '?')})"
    )


def _flock(handle: IO[str], deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_S)


@contextmanager
def file_lock(path: Path, holder: str, *, timeout_s: float, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the body, waiting at most ``timeout_s`` seconds.

    Raises PeriodBusyError, naming the holder, when the lock is still taken then.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        if not _flock(handle, time.monotonic() + max(timeout_s, 0.0)):
            raise PeriodBusyError(
                f"{what} is in progress: {_holder_text(handle)}. Waited {timeout_s:g} s "
                "for it to finish. Wait for that run to end (see the Prefect UI or "
                "outputs/logs/), or set SDG18_LOCK_TIMEOUT_S to wait longer."
            )
        try:
            handle.seek(0)
            handle.truncate()
            since = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            record = {"run_id": holder, "pid": os.getpid(), "host": socket.gethostname()}
            handle.write(json.dumps({**record, "since": since}))
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for a PostgreSQL advisory lock named ``name``."""
    digest = hashlib.sha256(f"sdg18:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def advisory_lock(database_url: str, name: str, *, timeout_s: float, what: str) -> Iterator[None]:
    """Hold PostgreSQL's session advisory lock ``name`` for the body (waiting at most
    ``timeout_s`` seconds); the lock ends with the connection, even if the process dies."""
    engine = sa.create_engine(database_url, poolclass=NullPool)
    key = advisory_key(name)
    deadline = time.monotonic() + max(timeout_s, 0.0)
    try:
        with engine.connect() as conn:
            take = sa.text("SELECT pg_try_advisory_lock(:key)")
            while not conn.execute(take, {"key": key}).scalar_one():
                conn.rollback()
                if time.monotonic() >= deadline:
                    raise PeriodBusyError(
                        f"{what} is in progress on another machine sharing the store "
                        f"(PostgreSQL advisory lock {key}). Waited {timeout_s:g} s for it to "
                        "finish. Wait for that run to end, or set SDG18_LOCK_TIMEOUT_S to "
                        "wait longer."
                    )
                time.sleep(_POLL_S)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()
    finally:
        engine.dispose()


@contextmanager
def period_lock(
    out_dir: Path, period: str, run_id: str, *, timeout_s: float, database_url: str = ""
) -> Iterator[None]:
    """Hold the period's lock (file, plus advisory lock on a PostgreSQL store) for the body.

    Raises PeriodBusyError when another run of ``period`` still holds it after ``timeout_s``.
    """
    what = f"Another run of {period}"
    started = time.monotonic()
    with ExitStack() as stack:
        path = out_dir / LOCK_FOLDER / f"{period}.lock"
        stack.enter_context(file_lock(path, run_id, timeout_s=timeout_s, what=what))
        if database_url.startswith("postgresql"):
            left = max(timeout_s - (time.monotonic() - started), 0.0)
            stack.enter_context(
                advisory_lock(database_url, f"period:{period}", timeout_s=left, what=what)
            )
        yield


@contextmanager
def chain_lock(out_dir: Path, run_id: str, timeout_s: float = 600.0) -> Iterator[None]:
    """Hold the lock of the manifest chain (runs of different periods append one at a time)."""
    path = out_dir / LOCK_FOLDER / f"{CHAIN_LOCK}.lock"
    with file_lock(path, run_id, timeout_s=timeout_s, what="Another run's manifest write"):
        yield
