"""The PDF laid out in a process of its own, while the run writes its other outputs.

WeasyPrint's layout is Python that holds the GIL for seconds: in a thread it would
stop the run's other outputs, in a process it runs beside them on another core. The
run's reports (:func:`sdg18.reports.ministry.write_reports`) start each edition's PDF
as soon as its workbook is written; the worker gets the report's context (without the
audit site's traces, most of it at the stress size) and returns the PDF's bytes, which
the run's own process writes, so a worker left running by a killed run writes nothing.
The workers are started as the run begins to compute (:func:`start_renderers`), and each
imports WeasyPrint then, beside the computation, not when its PDF is due; the run's own
process never imports it (:mod:`sdg18.reports.pdf.output`). They are kept between the
quarters of one process (a backfill, the demo). A daemonic process (a
Dask worker) may not start children: it renders itself.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sdg18.reports.context import ReportContext
from sdg18.validation.workers import worker_context

#: Editions laid out at the same time, at most (one per core, and there are two editions).
MAX_WORKERS = 2

_lock = threading.Lock()
_pool: list[ProcessPoolExecutor] = []


def _worker_count() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _workers() -> ProcessPoolExecutor:
    with _lock:
        if not _pool:
            # The reading workers' forkserver (sdg18.validation.workers): forking the
            # run's process itself would copy its threads' locks (Prefect's, logging's).
            pool = ProcessPoolExecutor(
                _worker_count(), mp_context=worker_context(), initializer=_load_renderer
            )
            _pool.append(pool)
        return _pool[0]


def _lay_out(
    context: ReportContext, language: str, attachments: Sequence[Path], templates: Path
) -> bytes:
    """:func:`~sdg18.reports.pdf.render.pdf_bytes`, imported where the layout runs."""
    from sdg18.reports.pdf.render import pdf_bytes

    return pdf_bytes(context, language, attachments, templates)


def _load_renderer() -> None:
    """Each worker's start: import WeasyPrint and the templates' code (half a second)."""
    import sdg18.reports.pdf.render  # noqa: F401


def start_renderers() -> None:
    """Start the workers now, so that they import the renderer while the run computes
    its indicators and writes the first workbook; a no-op in a daemonic process."""
    if mp.current_process().daemon:
        return
    pool = _workers()
    for _ in range(_worker_count()):  # a worker is started per task waiting for one
        pool.submit(int)


def render_elsewhere(
    context: ReportContext, language: str, attachments: Sequence[Path], templates: Path
) -> bytes:
    """:func:`~sdg18.reports.pdf.render.pdf_bytes` in a worker process (in this one when
    it is daemonic); raises what the rendering raised."""
    if mp.current_process().daemon:
        return _lay_out(context, language, attachments, templates)
    printed = context.without_traces()
    future = _workers().submit(_lay_out, printed, language, tuple(attachments), templates)
    return future.result()


def close_renderers() -> None:
    """Stop the worker processes (started again by the next PDF rendered elsewhere)."""
    with _lock:
        pools = list(_pool)
        _pool.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)
