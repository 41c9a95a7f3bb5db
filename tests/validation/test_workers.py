"""The workers' forkserver: pandera's unused extras hidden in the workers, not in the run."""

from __future__ import annotations

import importlib
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import inbox_file
from sdg18.synthetic import write_land_release_workbook
from sdg18.validation.extras import UNUSED_EXTRAS
from sdg18.validation.files import FileResult, levels_0_1
from sdg18.validation.workers import start_workers, worker_context

PERIOD = Period(2026, 1)


def _hidden_then_checked(path: str, root: str) -> tuple[list[object], int, list[str]]:
    """In a worker: what it holds for each unused extra, then a check of ``path``."""
    held = [sys.modules.get(name, "not imported") for name in UNUSED_EXTRAS]
    result: FileResult = levels_0_1(inbox_file(Path(path), Path(root)), PERIOD, Settings())
    return held, len(result.tables[0].accepted), [f.rule_id for f in result.findings]


def test_a_worker_checks_files_with_the_extras_hidden(tmp_path: Path) -> None:
    path = write_land_release_workbook(tmp_path / "ANAMA" / "lr.xlsx", 5, period=PERIOD)
    start_workers()  # returns at once; the pool below waits for the forkserver's imports
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
        held, accepted, rules = pool.submit(_hidden_then_checked, str(path), str(tmp_path)).result()
    assert held == [None, None]  # marked absent before pandera was imported
    assert (accepted, rules) == (5, [])
    # The run's own process keeps them: the Dask task runner needs Dask.
    assert importlib.import_module("dask.dataframe").__name__ == "dask.dataframe"
