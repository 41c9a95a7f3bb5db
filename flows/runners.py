"""The task runner of the per-file tasks: threads by default, a Dask cluster on request.

``threads`` runs up to ``SDG18_TASK_WORKERS`` files at once in the flow's
process. ``dask`` starts a temporary local Dask cluster for the run;
``dask=ADDRESS`` (``tcp://host:8786``) sends the tasks to a running cluster
through prefect-dask. Only the per-file tasks go to the runner: the rest of
the run (indicators, outputs, the store) stays in the flow's process.
"""

from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from sdg18.core.settings import Settings


def thread_runner(settings: Settings) -> TaskRunner[Any]:
    """Threads in the flow's process, at most ``settings.task_workers`` at once."""
    return ThreadPoolTaskRunner(max_workers=max(settings.task_workers, 1))


class SettingsThreadRunner(ThreadPoolTaskRunner[Any]):
    """The flow's default runner: threads, as many as ``SDG18_TASK_WORKERS`` says when a flow
    run starts (Prefect starts each run with ``duplicate()``), so that importing the flow
    reads no setting."""

    def duplicate(self) -> SettingsThreadRunner:
        """A thread runner sized by the settings of now."""
        return SettingsThreadRunner(max_workers=max(Settings.from_env().task_workers, 1))


def build_task_runner(spec: str | None, settings: Settings) -> TaskRunner[Any]:
    """The task runner named by ``spec``: None or ``threads``, ``dask``, ``dask=ADDRESS``.

    Raises ValueError for another spec, and ImportError (saying what to install)
    when prefect-dask is missing.
    """
    if spec in (None, "", "threads"):
        return thread_runner(settings)
    if spec != "dask" and not spec.startswith("dask="):
        raise ValueError(f"unknown task runner '{spec}': use threads, dask or dask=ADDRESS")
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as error:  # pragma: no cover - prefect-dask is a dependency
        raise ImportError(
            "the Dask task runner needs prefect-dask: pip install 'prefect-dask>=0.3'"
        ) from error
    address = spec.partition("=")[2]
    if address:
        return DaskTaskRunner(address=address)
    workers = max(1, min(settings.task_workers, os.cpu_count() or 1))
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True}
    )


def settings_runner() -> TaskRunner[Any]:
    """The quarterly flow's default task runner (see :class:`SettingsThreadRunner`)."""
    return SettingsThreadRunner()
