"""The per-file tasks on a Dask cluster (prefect-dask) give the outputs of the default runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.flows.conftest import PERIOD, PrefectServer, manifest_of, run_sdg18

pytestmark = pytest.mark.slow


@pytest.fixture
def dask_cluster(prefect_server: PrefectServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local Dask cluster (2 worker processes) whose workers report to the test server."""
    from distributed import LocalCluster

    for name, value in prefect_server.env().items():
        if name.startswith(("PREFECT_", "DO_NOT_TRACK")):
            monkeypatch.setenv(name, value)  # inherited by the worker processes
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close(timeout=60)


def test_a_dask_cluster_gives_the_same_indicators_as_threads(
    prefect_server: PrefectServer, dask_cluster: str, inbox: Path, tmp_path: Path
) -> None:
    outputs = {}
    for name, runner in (("threads", "threads"), ("dask", f"dask={dask_cluster}")):
        out = tmp_path / name
        completed = run_sdg18(
            ["run", "--period", PERIOD, "--inbox", str(inbox), "--out", str(out),
             "--task-runner", runner],
            prefect_server.env(),
        )  # fmt: skip
        assert completed.returncode == 0, completed.stdout + completed.stderr
        outputs[name] = out

    on_dask = manifest_of(outputs["dask"])
    assert on_dask["orchestration"]["task_runner"] == "DaskTaskRunner"
    assert on_dask["orchestration"]["task_runner_address"] == dask_cluster
    assert on_dask["cache"] == {"parsed": 7, "reused": 0}  # every file went to the cluster
    assert manifest_of(outputs["threads"])["orchestration"]["task_runner"] == (
        "ThreadPoolTaskRunner"
    )
    indicators = [(outputs[n] / PERIOD / "indicators.csv").read_bytes() for n in outputs]
    assert indicators[0] == indicators[1]
    findings = [(outputs[n] / PERIOD / "validation" / "summary.csv").read_bytes() for n in outputs]
    assert findings[0] == findings[1]
