"""Named points where a test can kill the run, to prove that a crash there loses nothing.

``checkpoint("after-store-commit")`` sends SIGKILL to its own process when the
environment variable ``SDG18_FAULT_KILL_AT`` equals that name, and does nothing
otherwise (one dictionary look-up). SIGKILL, not an exception: no ``finally``,
no ``except``, no ``atexit`` runs — exactly what a power cut or the kernel's
out-of-memory killer leaves behind. ``tests/test_crash_safety.py`` kills a run
at each point and checks that the next run finds outputs and store agreeing.
"""

from __future__ import annotations

import os
import signal

#: The environment variable naming the point at which the run kills itself.
KILL_AT_VARIABLE = "SDG18_FAULT_KILL_AT"

#: Every checkpoint, in the order a run passes them.
POINTS = (
    "after-files-read",  # some inbox files read and validated, nothing written
    "staging-written",  # outputs and manifest complete in .<period>.partial
    "pending-written",  # .<period>.pending in place, the store not yet written
    "before-store-commit",  # inside the store's transaction, just before it commits
    "after-store-commit",  # the store committed; chain and period folder not yet updated
    "between-swap-renames",  # <period> renamed to .<period>.old, .pending not yet in place
    "after-swap",  # the new <period> in place, .<period>.old not yet removed
)


def checkpoint(name: str) -> None:
    """Kill this process (SIGKILL) when ``SDG18_FAULT_KILL_AT`` is ``name``; else return."""
    if os.environ.get(KILL_AT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
