"""Two runs of one period at once: the second waits for the first, or stops and says why."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sdg18.integrity.locking import period_lock
from sdg18.integrity.verification import verify
from sdg18.store import tables
from tests.flows.conftest import PERIOD, RUN_TIMEOUT_S, PrefectServer, run_sdg18

pytestmark = pytest.mark.slow


def _start(server: PrefectServer, inbox: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sdg18.cli", "run", "--period", PERIOD,
         "--inbox", str(inbox), "--out", str(out)],
        env=server.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _log_times(path: Path) -> tuple[str, str]:
    stamps = [line.split(" ", 1)[0] for line in path.read_text("utf-8").splitlines()]
    stamps = [s for s in stamps if s[:4].isdigit()]
    return stamps[0], stamps[-1]


def test_two_concurrent_runs_of_a_period_run_one_after_the_other(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    runs = [_start(prefect_server, inbox, out), _start(prefect_server, inbox, out)]
    ended = [run.communicate(timeout=RUN_TIMEOUT_S) for run in runs]

    for run, (stdout, stderr) in zip(runs, ended, strict=True):
        assert run.returncode == 0, stdout + stderr
        assert "Traceback" not in stderr
    chain = sorted((out / "manifests").glob("*.json"))
    first, second = sorted(
        (json.loads(p.read_text("utf-8")) for p in chain), key=lambda m: m["sequence"]
    )
    # never interleaved: the second run began after the first had written everything
    assert (
        _log_times(out / "logs" / f"{first['run_id']}.log")[1]
        < _log_times(out / "logs" / f"{second['run_id']}.log")[0]
    )
    # the second found the first's outputs whole, with the same inputs: they stand
    assert (second["verdict"], second["stands"]["run_id"]) == ("unchanged", first["run_id"])
    assert second["previous_manifest"]["run_id"] == first["run_id"]
    assert json.loads((out / PERIOD / "manifest.json").read_text("utf-8")) == first
    assert verify(out).problems == []
    # the store: the first run only, its records once
    engine = sa.create_engine(f"sqlite:///{out / 'sdg18.sqlite'}")
    with engine.connect() as conn:
        run_ids = conn.execute(sa.select(tables.runs.c.run_id, tables.runs.c.run_no)).all()
        assert [r.run_id for r in run_ids] == [first["run_id"]]
        submitted = conn.execute(sa.select(tables.submissions)).mappings().all()
        for dataset, table in tables.records.items():
            stored = conn.execute(sa.select(table.c.submission_no)).scalars().all()
            expected = sum(
                s["records_accepted"] for s in submitted
                if s["dataset"] == dataset and s["status"] == "accepted"
            )  # fmt: skip
            assert len(stored) == expected, dataset
    engine.dispose()


def test_a_run_that_cannot_get_the_lock_in_time_stops_with_a_clear_message(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["run", "--period", PERIOD, "--inbox", str(inbox), "--out", str(out)]
    with period_lock(out, PERIOD, "run-held-by-the-test", timeout_s=0):
        completed = run_sdg18(args, prefect_server.env(SDG18_LOCK_TIMEOUT_S="1"))

    assert completed.returncode == 1
    assert (
        f"sdg18 run: Another run of {PERIOD} is in progress: run run-held-by-the-test (process "
        in completed.stderr
    )
    assert "SDG18_LOCK_TIMEOUT_S" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (out / PERIOD).exists()
