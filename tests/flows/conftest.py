"""A real Prefect server on loopback for the flow tests, a small synthetic inbox, and
helpers that run ``sdg18`` in a process of its own against that server.

The server starts once per test session (about 20 s on a 2-core machine), in a
temporary PREFECT_HOME, and is stopped at the end however the tests ended.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sdg18.core.periods import Period
from sdg18.synthetic import generate_inbox

PERIOD = "2026Q1"
SERVER_START_S = 240
RUN_TIMEOUT_S = 900


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def base_env(prefect_home: Path) -> dict[str, str]:
    """The environment of a Prefect process in these tests: no analytics, own PREFECT_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SDG18_"))}
    env.update(
        PREFECT_HOME=str(prefect_home),
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def stop(process: subprocess.Popen[Any], grace_s: float = 30) -> None:
    """Stop a process started by a test and everything it started (its process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, grace_s), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_healthy(url: str, process: subprocess.Popen[Any], log: Path) -> None:
    """Wait until the server at ``url`` answers its health check (fail with its log otherwise)."""
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"prefect server exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5) as answer:
                if json.loads(answer.read()) is True:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"prefect server did not answer in {SERVER_START_S} s: {log.read_text()[-3000:]}")


class PrefectServer:
    """A running ``prefect server`` and how to reach it."""

    def __init__(self, url: str, home: Path) -> None:
        self.url = url
        self.home = home

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a process that talks to this server."""
        return {**base_env(self.home), "PREFECT_API_URL": self.url, **extra}


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """A persistent Prefect server (SQLite) on a free loopback port, for the whole session."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    log = home / "server.log"
    with log.open("w") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(port), "--no-ui"],
            env=base_env(home), stdout=stream, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_healthy(url, process, log)
        yield PrefectServer(url, home)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def synthetic_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic inbox of one quarter (7 files), made once; copy it to change it."""
    root = tmp_path_factory.mktemp("inbox")
    generate_inbox(root, Period.parse(PERIOD), Period.parse(PERIOD), seed=11, scale=0.1,
                   error_rate=0.02)  # fmt: skip
    return root


@pytest.fixture
def inbox(synthetic_inbox: Path, tmp_path: Path) -> Path:
    """This test's own copy of the synthetic inbox."""
    target = tmp_path / "inbox"
    shutil.copytree(synthetic_inbox, target)
    return target


def run_sdg18(
    args: list[str], env: dict[str, str], timeout: float = RUN_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """``sdg18 ARGS`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "sdg18.cli", *args],
        env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def manifest_of(out: Path, period: str = PERIOD) -> dict[str, Any]:
    """The manifest of ``out/<period>``."""
    loaded: dict[str, Any] = json.loads((out / period / "manifest.json").read_text("utf-8"))
    return loaded


def api(server: PrefectServer, method: str, path: str, body: object = None) -> Any:
    """One call of the Prefect REST API (JSON in, JSON out). A busy server (5xx, as SQLite
    answers under load on 2 cores) or a dropped connection is retried for up to a minute,
    as Prefect's own client does; a 4xx answer raises at once."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    deadline = time.monotonic() + 60
    while True:
        request = urllib.request.Request(
            f"{server.url}{path}", data=data, method=method,
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                text = answer.read()
            return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            if error.code < 500 or time.monotonic() > deadline:
                raise
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
        time.sleep(2)


def artifacts_of(server: PrefectServer, flow_run_id: str) -> dict[str, dict[str, Any]]:
    """The artifacts a flow run created, by key."""
    found = api(server, "POST", "/artifacts/filter",
                {"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}})  # fmt: skip
    return {artifact["key"]: artifact for artifact in found}
