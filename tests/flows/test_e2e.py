"""End to end on a real Prefect server: the quarterly deployment served by ``sdg18 serve``, and
deployed from ``prefect.yaml`` to a work pool with a worker; runs triggered through the API."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.flows.conftest import (
    PERIOD,
    RUN_TIMEOUT_S,
    PrefectServer,
    api,
    artifacts_of,
    manifest_of,
    stop,
)

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[2]
DEPLOYMENT = "/deployments/name/quarterly-report/quarterly"
REGISTER_TIMEOUT_S = 240


def _start(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[Any]:
    with log.open("w") as stream:
        return subprocess.Popen(
            args, env=env, cwd=cwd, stdout=stream, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _deployment(server: PrefectServer, process: subprocess.Popen[Any], log: Path) -> Any:
    deadline = time.monotonic() + REGISTER_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the process exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            return api(server, "GET", DEPLOYMENT)
        except OSError:
            time.sleep(2)
    pytest.fail(f"no deployment after {REGISTER_TIMEOUT_S} s: {log.read_text()[-3000:]}")


def _trigger(server: PrefectServer, deployment: Any, parameters: dict[str, str]) -> str:
    created = api(server, "POST", f"/deployments/{deployment['id']}/create_flow_run",
                  {"parameters": parameters})  # fmt: skip
    return str(created["id"])


def _state(server: PrefectServer, flow_run_id: str) -> tuple[str, str]:
    state = api(server, "GET", f"/flow_runs/{flow_run_id}")["state"]
    return str(state["type"]), str(state.get("message") or "")


def _wait_final(server: PrefectServer, flow_run_id: str, log: Path) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        kind, message = _state(server, flow_run_id)
        if kind in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            assert kind == "COMPLETED", f"{message}\n{log.read_text(errors='replace')[-4000:]}"
            return
        time.sleep(2)
    pytest.fail(f"run {flow_run_id} not finished in {RUN_TIMEOUT_S} s: {log.read_text()[-3000:]}")


def _check_outputs(server: PrefectServer, out: Path, flow_run_id: str, deployment: Any) -> None:
    manifest = manifest_of(out)
    assert manifest["orchestration"]["flow_run_id"] == flow_run_id
    assert manifest["orchestration"]["deployment_id"] == deployment["id"]
    folder = out / PERIOD
    for name in ("indicators.csv", "run.log", "validation/findings.csv", "manifest.json"):
        assert (folder / name).stat().st_size > 0, name
    found = artifacts_of(server, flow_run_id)
    period = PERIOD.lower()
    assert found[f"sdg18-{period}-validation"]["type"] == "table"
    assert f"# SDG 18 — {PERIOD}: " in found[f"sdg18-{period}-headlines"]["data"]
    assert f"sdg18-{period}-findings" in found


def test_the_served_deployment_runs_when_triggered_and_catches_up_after_a_stop(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = prefect_server.env(
        SDG18_INBOX=str(inbox), SDG18_OUTPUTS=str(out), PREFECT_RUNNER_POLL_FREQUENCY="2"
    )
    command = [sys.executable, "-m", "sdg18.cli", "serve"]
    log = tmp_path / "serve.log"
    serving = _start(command, env, tmp_path, log)
    try:
        deployment = _deployment(prefect_server, serving, log)
        (schedule,) = deployment["schedules"]
        assert schedule["schedule"]["cron"] == "0 6 15 1,4,7,10 *"
        assert schedule["schedule"]["timezone"] == "Asia/Baku"
        assert schedule["active"] is True
        assert deployment["parameters"] == {}

        flow_run_id = _trigger(prefect_server, deployment, {"period": PERIOD})
        _wait_final(prefect_server, flow_run_id, log)
        _check_outputs(prefect_server, out, flow_run_id, deployment)
    finally:
        stop(serving)
    assert serving.returncode is not None

    # While serve is stopped, a run that falls due waits; it runs once serve is back.
    assert api(prefect_server, "GET", DEPLOYMENT)["paused"] is False
    waiting = _trigger(prefect_server, deployment, {"period": PERIOD})
    time.sleep(10)
    assert _state(prefect_server, waiting)[0] == "SCHEDULED"
    log = tmp_path / "serve-again.log"
    serving = _start(command, env, tmp_path, log)
    try:
        _wait_final(prefect_server, waiting, log)
    finally:
        stop(serving)
    # Same inputs, store and code: the late run found the outputs standing and said so.
    chain = [json.loads(m.read_text("utf-8")) for m in (out / "manifests").glob("*.json")]
    late = max(chain, key=lambda m: m["sequence"])
    assert (late["orchestration"]["flow_run_id"], late["verdict"]) == (waiting, "unchanged")
    assert late["stands"]["run_id"] == manifest_of(out)["run_id"]


def test_prefect_yaml_deploys_to_a_work_pool_whose_worker_runs_it(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = prefect_server.env()
    prefect = [sys.executable, "-m", "prefect"]
    before = (REPO / "prefect.yaml").read_bytes()
    for args in (["work-pool", "create", "sdg18", "--type", "process", "--overwrite"],
                 ["--no-prompt", "deploy", "--name", "quarterly"]):  # fmt: skip
        done = subprocess.run([*prefect, *args], env=env, cwd=REPO, capture_output=True,
                              text=True, timeout=300, check=False)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    assert (REPO / "prefect.yaml").read_bytes() == before
    log = tmp_path / "worker.log"
    deployment = api(prefect_server, "GET", DEPLOYMENT)
    assert deployment["work_pool_name"] == "sdg18"
    assert deployment["schedules"][0]["schedule"]["timezone"] == "Asia/Baku"

    flow_run_id = _trigger(
        prefect_server, deployment, {"period": PERIOD, "inbox": str(inbox), "out": str(out)}
    )
    worker = _start([*prefect, "worker", "start", "--pool", "sdg18"], env, tmp_path, log)
    try:
        _wait_final(prefect_server, flow_run_id, log)
    finally:
        stop(worker)
    _check_outputs(prefect_server, out, flow_run_id, deployment)
