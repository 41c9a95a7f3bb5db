"""The demo inbox validates with exactly the errors and warnings the generator injected."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sdg18.core.findings import findings_frame
from sdg18.core.outputs import PeriodOutputs
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.reports.exports.sdmx import check_sdmx_export
from sdg18.run.demo import compare
from sdg18.synthetic import generate_inbox
from sdg18.validation.inbox import validate_inbox


def test_demo_quarters_validate_with_exactly_the_injected_problems(tmp_path: Path) -> None:
    inbox = generate_inbox(tmp_path, Period(2025, 4), Period(2026, 1), seed=7, scale=0.3,
                           error_rate=0.02)  # fmt: skip
    findings = []
    for period in inbox.periods:
        result = validate_inbox(tmp_path / period, Period.parse(period), Settings())
        findings.append(findings_frame(result.findings, "test", period))

    check = compare(inbox.injected, pd.concat(findings, ignore_index=True))

    assert check.injected > 20  # the demo does carry errors of several kinds
    assert len({e.kind for e in inbox.injected}) >= 8
    assert check.missed == ()
    assert check.unexpected == ()


@pytest.mark.slow
def test_sdg18_demo_runs_through_prefect(tmp_path: Path) -> None:
    """The README's main command on two small quarters, in Prefect's ephemeral mode:
    validation outputs, the store, indicators.csv and the Open SDG files."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "sdg18.cli", "demo", "--first", "2026Q2", "--last", "2026Q3",
         "--scale", "0.1", "--inbox", str(tmp_path / "inbox"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "exact match" in completed.stdout
    for period in ("2026Q2", "2026Q3"):
        folder = tmp_path / "out" / period
        for name in ("findings.jsonl", "findings.csv", "summary.csv", "rules.csv"):
            assert (folder / "validation" / name).stat().st_size > 0
        assert (folder / "validation" / "feedback" / "ANAMA.xlsx").exists()
        indicators = (folder / "indicators.csv").read_text(encoding="utf-8").splitlines()
        assert indicators[0].startswith("indicator,series,unit,period,scope,district,")
        assert {line.split(",")[0] for line in indicators[1:]} == {
            f"18.{t}.{i}" for t in range(1, 6) for i in range(1, 4)
        }
        assert len(list((folder / "opensdg").glob("indicator_18-*.csv"))) == 15
        assert len(list((folder / "opensdg" / "meta").glob("18-*.yml"))) == 15
        sdmx_files = PeriodOutputs(folder, period).sdmx
        assert check_sdmx_export(sdmx_files) == []
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {entry["path"] for entry in manifest["outputs"]}
        assert f"sdmx/sdg18_{period}_data.xml" in listed
        for language in ("az", "en"):  # both editions, each listed in the manifest
            outputs = PeriodOutputs(folder, period)
            for path in (outputs.report(language), outputs.workbook(language)):
                assert path.stat().st_size > 0
                assert path.name in listed
        # the quarters in the store when the period ran; no full year, so no annual one
        with sdmx_files.data_csv.open(encoding="utf-8", newline="") as stream:
            periods = {row["TIME_PERIOD"] for row in csv.DictReader(stream)}
        assert periods == {"2026Q2": {"2026-Q2"}, "2026Q3": {"2026-Q2", "2026-Q3"}}[period]
    assert (tmp_path / "out" / "sdg18.sqlite").exists()
