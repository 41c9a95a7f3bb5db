"""The forkserver that sdg18's worker processes are forked from, and starting it early.

The reading workers (:mod:`sdg18.validation.isolation`) and the PDF workers
(:mod:`sdg18.reports.pdf.processes`) come from one forkserver per process, which imports
:mod:`sdg18.validation.worker` (the readers and the contract, pandera's unused extras
hidden) once, before it forks any. That import takes about a second. The commands that
run quarters start the forkserver first thing (:func:`start_workers`), so that it
imports while the command imports Prefect and the flow run starts, instead of when the
first file is read. This module imports nothing heavy.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext

#: What the forkserver imports before it forks a worker.
PRELOAD = ["sdg18.validation.worker"]


def worker_context() -> ForkServerContext:
    """The forkserver context of sdg18's workers, with its preload set."""
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_workers() -> None:
    """Start the forkserver now; it imports :data:`PRELOAD` in the background (this
    returns at once). A process that never forks a worker leaves it idle until it exits."""
    worker_context()
    forkserver.ensure_running()
