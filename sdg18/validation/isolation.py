"""Levels 0–1 of one file in a worker process with capped memory: the second line of defence.

The first line measures each sheet's XML before python-calamine allocates its grid
(:mod:`sdg18.ingest.cells`). Whatever it does not foresee — a grid under the cell
limit that still needs gigabytes, a failure inside a native library — would end the
whole run, because calamine does not raise when an allocation fails: it aborts the
process (SIGABRT). With ``SDG18_ISOLATE_READS`` (the default) each file is read and
validated in a warm worker process instead; a worker that dies or runs out of memory costs its
file a level-0 finding (``L0.file.reader_failed``), one that has not finished after
``SDG18_READ_TIMEOUT_S`` is stopped and costs its file ``L0.file.read_timeout``, and
the other files are read.

**The limit is RLIMIT_DATA, not RLIMIT_AS.** Both stop numpy, pandas, Python and
calamine (Rust) allocations in the worker (MemoryError from the first three, an
abort from Rust). RLIMIT_AS also counts address space that is reserved but never
used: each thread's 64 MB malloc arena and stack, shared libraries, mapped files.
Measured here, 32 idle threads add 1.2 GB of address space and 1 MB of resident
memory, so an AS cap would have to be set far above the real need and would depend
on the machine's core count (numpy's BLAS starts a thread per core). RLIMIT_DATA
counts private writable memory — heap and anonymous mappings, Linux 4.7 or later —
which is what a grid or a DataFrame takes.

**Workers come from a forkserver** that has already imported pandas, pandera and
calamine, pandera's unused extras hidden (:mod:`sdg18.validation.worker`): forking
from the run's process is unsafe once it has threads (the quarterly flow's task
runner), spawning costs seconds per worker, and a forkserver child is ready in
milliseconds, so a broken pool is cheap to rebuild.

**The result comes back as bytes** (:mod:`sdg18.validation.handoff`): the cells as
read go as Arrow IPC, which costs a fraction of pickling them one by one.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile
from sdg18.validation.files import (
    FileCheck,
    FileResult,
    failed_file,
    guarded,
    levels_0_1,
    read_timed_out,
    reader_failed,
)
from sdg18.validation.handoff import dumps, loads
from sdg18.validation.workers import worker_context


def check_bounded(
    file: InboxFile, period: Period | None, settings: Settings, check: FileCheck = levels_0_1
) -> FileResult:
    """Levels 0–1 of ``file`` by ``check``: in a memory-capped worker process when
    ``settings.isolate_reads`` is set, else in this process. Never raises for a bad file."""
    return check_bounded_handoff(file, period, settings, check)[0]


def check_bounded_handoff(
    file: InboxFile, period: Period | None, settings: Settings, check: FileCheck = levels_0_1
) -> tuple[FileResult, bytes | None]:
    """:func:`check_bounded`, with the result's :func:`~sdg18.validation.handoff.dumps`
    bytes when it came whole from a worker (None when it was made in this process), so
    that a caller keeping the result on disk (:mod:`sdg18.run.filecache`) need not
    serialise it again."""
    if not settings.isolate_reads or mp.current_process().daemon:
        # A daemonic process (a Dask worker) may not start children: read in-process.
        return guarded(check, file, period, settings), None
    try:
        return _check_in_pool(check, file, period, settings)
    except Exception as error:  # e.g. a result that cannot be unpickled
        return failed_file(file, error), None


def close_readers() -> None:
    """Stop the worker processes (started again on the next isolated read)."""
    with _lock:
        pools = [pool for _, pool in _pools]
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


# ---- the pool of warm workers ------------------------------------------------------

_lock = threading.Lock()
#: At most one pool: ((memory limit, workers), pool).
_pools: list[tuple[tuple[int, int], ProcessPoolExecutor]] = []


def _context() -> ForkServerContext:
    # What the forkserver imported once (sdg18.validation.worker) every worker inherits.
    return worker_context()


def limit_memory(limit_mb: int) -> None:
    """Cap this process's private writable memory at ``limit_mb`` (within the hard limit)."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = limit_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _pool(settings: Settings) -> ProcessPoolExecutor:
    key = (settings.read_memory_mb, max(1, settings.task_workers))
    with _lock:
        if _pools and _pools[0][0] == key:
            return _pools[0][1]
        if _pools:
            _pools.pop()[1].shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(
            max_workers=key[1],
            mp_context=_context(),
            initializer=limit_memory,
            initargs=(settings.read_memory_mb,),
        )
        _pools.append((key, pool))
        return pool


def _discard(pool: ProcessPoolExecutor, *, kill: bool = False) -> None:
    with _lock:
        if _pools and _pools[0][1] is pool:
            _pools.pop()
    if kill:  # a worker that hangs never returns to the pool: stop them all
        # ``_processes`` is the executor's own table of its workers (Python 3.14 has
        # ``terminate_workers()``); the other files in flight are read again alone.
        for process in list((pool._processes or {}).values()):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _time_limit(settings: Settings) -> float | None:
    return settings.read_timeout_s if settings.read_timeout_s > 0 else None


def _check_in_pool(
    check: FileCheck, file: InboxFile, period: Period | None, settings: Settings
) -> tuple[FileResult, bytes | None]:
    pool = _pool(settings)
    limit = settings.read_memory_mb
    try:
        future = pool.submit(_check_to_bytes, check, file, period, settings, limit)
        data = future.result(timeout=_time_limit(settings))
        result: FileResult = loads(data)
        return result, data
    except FutureTimeout:  # this file's own task did not finish: it is the one to blame
        _discard(pool, kill=True)
        return read_timed_out(file, settings.read_timeout_s), None
    except (BrokenProcessPool, RuntimeError):  # RuntimeError: the pool was shut down meanwhile
        _discard(pool)
    # A worker died while this file was in the pool: because of this file, or of another one
    # read at the same time. Read it again alone, so that a death is pinned on its file.
    return _check_alone(check, file, period, settings), None


def _check_to_bytes(
    check: FileCheck, file: InboxFile, period: Period | None, settings: Settings, limit_mb: int
) -> bytes:
    """In the worker: ``check`` of ``file`` (:func:`guarded`), as :func:`handoff.dumps` bytes."""
    result = guarded(check, file, period, settings, limit_mb)
    try:
        return dumps(result)
    except Exception as error:  # a result that cannot be pickled
        return dumps(failed_file(file, error))


# ---- one file alone --------------------------------------------------------------


def _read_alone(
    sender: Connection, check: FileCheck, file: InboxFile, period: Period | None, settings: Settings
) -> None:
    limit_memory(settings.read_memory_mb)
    sender.send_bytes(_check_to_bytes(check, file, period, settings, settings.read_memory_mb))
    sender.close()


def _check_alone(
    check: FileCheck, file: InboxFile, period: Period | None, settings: Settings
) -> FileResult:
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_read_alone, args=(sender, check, file, period, settings), name="sdg18-reader"
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(_time_limit(settings)):
            process.kill()
            process.join()
            return read_timed_out(file, settings.read_timeout_s)
        result: FileResult | None = loads(receiver.recv_bytes())
    except EOFError:  # the process ended without sending a result
        result = None
    finally:
        receiver.close()
    process.join()
    if result is None:
        return reader_failed(file, exit_detail(process.exitcode, settings.read_memory_mb))
    return result


def exit_detail(exitcode: int | None, limit_mb: int) -> str:
    """How a reader process ended, in words for the finding."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown signal"
        return (
            f"killed by signal {-exitcode} ({name}) while reading, "
            f"with memory limited to {limit_mb} MB"
        )
    return f"the reading process exited with code {exitcode}, with memory limited to {limit_mb} MB"
