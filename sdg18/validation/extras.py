"""Optional integrations pandera imports when they are installed, which sdg18's checks
never use: hidden from the processes that only check files.

Pandera imports Dask's dataframe module (0.6–1 s here) on building the first schema,
only to recognise Dask annotations, and Hypothesis (0.1 s) for data synthesis; no
model of the contract uses either. A module set to None in :data:`sys.modules` is one
Python's import refuses, so pandera finds it absent. The pre-check hides them while it
runs (:func:`unused_extras_absent`); the workers that read files and lay out PDFs,
processes of sdg18's own, hide them for good (:func:`hide_unused_extras`, from
:mod:`sdg18.validation.worker`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Imported by pandera when present, used by no model of the contract.
UNUSED_EXTRAS = ("dask.dataframe", "hypothesis")


def hide_unused_extras() -> list[str]:
    """Make the modules of :data:`UNUSED_EXTRAS` unimportable in this process, unless they
    already are imported; the names hidden."""
    modules: dict[str, object] = sys.modules  # type: ignore[assignment]  # None marks absent
    return [name for name in UNUSED_EXTRAS if modules.setdefault(name, None) is None]


@contextmanager
def unused_extras_absent() -> Iterator[None]:
    """Within: :func:`hide_unused_extras`. The marks are taken off on the way out, so that
    a caller in the same process (a test, say) can still import them afterwards."""
    marked = hide_unused_extras()
    try:
        yield
    finally:
        for name in marked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
