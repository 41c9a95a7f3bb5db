"""The quarterly flow against a real Prefect server, each run in a process of its own:
the cache, retries, artifacts and the run log, as the runs record them."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from sdg18.integrity.verification import verify
from tests.flows.conftest import (
    PERIOD,
    PrefectServer,
    artifacts_of,
    manifest_of,
    run_sdg18,
)

pytestmark = pytest.mark.slow

#: Runs sdg18 with SCHEMA_VERSION bumped, as a release changing a rule would.
NEW_SCHEMA = (
    "import sdg18.run.fingerprints, sdg18.integrity.manifest, sys\n"
    "sdg18.run.fingerprints.SCHEMA_VERSION = sdg18.integrity.manifest.SCHEMA_VERSION = '999'\n"
    "from sdg18.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

#: Runs sdg18 with reading made to fail: MSE's file once (transient), SCRIDP's always.
FLAKY_DISK = (
    "import sys, sdg18.run.filecache as q\n"
    "real, seen = q.confirm_fingerprint, {}\n"
    "def flaky(file):\n"
    "    seen[file.name] = seen.get(file.name, 0) + 1\n"
    "    if file.name.endswith('MSE__eore.csv') and seen[file.name] == 1:\n"
    "        raise OSError(5, 'Input/output error (simulated)')\n"
    "    if file.name.endswith('SCRIDP__returns.csv'):\n"
    "        raise OSError(116, 'Stale file handle (simulated)')\n"
    "    real(file)\n"
    "q.confirm_fingerprint = flaky\n"
    "from sdg18.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _run(server: PrefectServer, inbox: Path, out: Path, code: str | None = None) -> str:
    import subprocess
    import sys

    args = ["run", "--period", PERIOD, "--inbox", str(inbox), "--out", str(out)]
    if code is None:
        completed = run_sdg18(args, server.env())
    else:
        completed = subprocess.run(
            [sys.executable, "-c", code, *args], env=server.env(SDG18_IO_RETRY_DELAY_S="0"),
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def _parsed(out: Path) -> list[str]:
    return [i["path"] for i in manifest_of(out)["inputs"] if i["parsed"]]


def _reading_lines(out: Path) -> list[str]:
    log = (out / PERIOD / "run.log").read_text(encoding="utf-8")
    return [line for line in log.splitlines() if "| reading and validating " in line]


def test_an_unchanged_rerun_parses_nothing_and_a_changed_file_only_itself(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(prefect_server, inbox, out)
    first = manifest_of(out)
    every = sorted(i["path"] for i in first["inputs"])
    assert len(every) == 7
    assert sorted(_parsed(out)) == every
    assert first["cache"] == {"parsed": 7, "reused": 0}
    assert len(_reading_lines(out)) == 7
    indicators = (out / PERIOD / "indicators.csv").read_bytes()

    # A second process, same inputs, store and code: the outputs stand, nothing is read.
    said = _run(prefect_server, inbox, out)
    assert f"unchanged since run {first['run_id']}" in said
    assert manifest_of(out) == first

    # The outputs deleted: the run computes again, every file's result from the cache.
    shutil.rmtree(out / PERIOD)
    _run(prefect_server, inbox, out)
    second = manifest_of(out)
    assert _parsed(out) == []
    assert second["cache"] == {"parsed": 0, "reused": 7}
    assert _reading_lines(out) == []
    assert (out / PERIOD / "indicators.csv").read_bytes() == indicators
    assert second["validation"] == first["validation"]  # no finding lost or doubled

    changed = inbox / PERIOD / "SCRIDP" / "SCRIDP__returns.csv"
    changed.write_bytes(changed.read_bytes() + b"\n")
    _run(prefect_server, inbox, out)
    assert _parsed(out) == [f"{PERIOD}/SCRIDP/SCRIDP__returns.csv"]
    (line,) = _reading_lines(out)
    assert (
        f"reading and validating SCRIDP/SCRIDP__returns.csv ({changed.stat().st_size} bytes)"
        in line
    )

    _run(prefect_server, inbox, out, NEW_SCHEMA)  # a release that changed the contract
    assert sorted(_parsed(out)) == every
    assert manifest_of(out)["schema_version"] == "999"


def test_every_run_records_its_artifacts_and_its_log(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(prefect_server, inbox, out)
    manifest = manifest_of(out)
    flow_run_id = manifest["orchestration"]["flow_run_id"]
    period = PERIOD.lower()

    found = artifacts_of(prefect_server, flow_run_id)

    table = found[f"sdg18-{period}-validation"]
    assert table["type"] == "table"
    rows = json.loads(table["data"])
    assert {row["file"] for row in rows} == {i["path"].split("/", 1)[1] for i in manifest["inputs"]}
    assert sum(row["records_accepted"] for row in rows) == manifest["validation"]["accepted"]
    headlines = found[f"sdg18-{period}-headlines"]["data"]
    assert headlines.startswith(f"# SDG 18 — {PERIOD}: {manifest['verdict']}")
    assert "| 18.1.1 | " in headlines
    folder = out / PERIOD
    findings = found[f"sdg18-{period}-findings"]["data"]
    assert (folder / "validation" / "findings.csv").resolve().as_uri() in findings
    audit = found[f"sdg18-{period}-audit"]["data"]
    assert (folder / "audit" / "index.html").resolve().as_uri() in audit
    for language in ("az", "en"):
        for what, name in ((f"report-{language}", f"sdg18_{PERIOD}_report_{language}.pdf"),
                           (f"workbook-{language}",
                            f"sdg18_{PERIOD}_indicators_{language}.xlsx")):  # fmt: skip
            assert (folder / name).is_file()
            assert (folder / name).resolve().as_uri() in found[f"sdg18-{period}-{what}"]["data"]

    logged = [m.splitlines()[0] for m in api_logs(prefect_server, flow_run_id)]
    written = [
        line.split(" | ", 1)[1]
        for line in (folder / "run.log").read_text(encoding="utf-8").splitlines()
        if not line.startswith(" ")
    ]
    # The file holds every record of the flow run from the first line of the flow's body to
    # its last; Prefect's log adds the engine's line before the body and its final state.
    assert Counter(written) - Counter(logged) == Counter()
    assert Counter(logged) - Counter(written) == Counter(
        {
            "Beginning flow run 'quarterly report 2026Q1' for flow 'quarterly-report'": 1,
            "Finished in state Completed()": 1,
        }
    )


def api_logs(server: PrefectServer, flow_run_id: str) -> list[str]:
    """The messages of a flow run's log in the Prefect API, in order."""
    from tests.flows.conftest import api

    query = {"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC"}
    logs = api(server, "POST", "/logs/filter", query)
    return [entry["message"] for entry in logs]


def test_transient_read_errors_are_retried_and_a_lasting_one_becomes_a_finding(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(prefect_server, inbox, out, FLAKY_DISK)

    manifest = manifest_of(out)
    inputs = {i["path"].rsplit("/", 1)[1]: i for i in manifest["inputs"]}
    assert inputs["MSE__eore.csv"]["accepted"] > 0  # read on the second attempt
    assert inputs["SCRIDP__returns.csv"]["accepted"] == 0
    tries = [line for line in _reading_lines(out) if "SCRIDP__returns.csv" in line]
    assert len(tries) == 4  # the first attempt and SDG18_IO_RETRIES=3 retries
    assert len([line for line in _reading_lines(out) if "MSE__eore.csv" in line]) == 2
    findings = (out / PERIOD / "validation" / "findings.csv").read_text(encoding="utf-8")
    (unreadable,) = [
        line for line in findings.splitlines()
        if "L0.file.unreadable" in line and "SCRIDP__returns.csv" in line
    ]  # fmt: skip
    assert "Stale file handle (simulated)" in unreadable


def test_a_failed_run_leaves_the_outputs_alone_and_a_failed_manifest_in_the_chain(
    prefect_server: PrefectServer, inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["run", "--period", PERIOD, "--inbox", str(inbox), "--out", str(out)]
    broken_store = "sqlite:////proc/no-such-folder/store.sqlite"
    completed = run_sdg18(args, prefect_server.env(SDG18_DATABASE_URL=broken_store))

    assert completed.returncode == 1
    assert "sdg18 run: the run failed: OperationalError: " in completed.stderr
    assert "run the period again" in completed.stderr
    assert not (out / PERIOD).exists()
    (chained,) = (out / "manifests").glob("*.json")
    manifest = json.loads(chained.read_text("utf-8"))
    assert manifest["verdict"] == "failed"
    assert "OperationalError" in manifest["error"]
    assert manifest["outputs"] == []
    assert len(manifest["inputs"]) == 7
    log = (out / "logs" / f"{manifest['run_id']}.log").read_text("utf-8")
    assert f"run {manifest['run_id']} failed: " in log
    assert verify(out).problems == []
