"""The run manifest and ``sdg18 verify``: every output hashed, the chain of runs checkable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from sdg18.cli import main
from sdg18.core.outputs import AUDIT_SEAL, CHAIN_FOLDER, UNHASHED
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.integrity.chain import record_failed_run
from sdg18.integrity.manifest import RunFacts, failed_manifest, output_entries
from sdg18.integrity.provenance import git_commit
from sdg18.integrity.verification import verify
from sdg18.run.publish import RunResult, complete_run
from sdg18.run.summary import headline_markdown, json_safe, validation_rows
from sdg18.store import Store
from sdg18.validation.inbox import validate_inbox
from tests.test_pipeline import T0, _casualties


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _run(inbox: Path, period: str, store: Store, out: Path, run_id: str) -> RunResult:
    validation = validate_inbox(inbox / period, Period.parse(period), Settings())
    facts = RunFacts({"period": period}, {"ANAMA/q.xlsx": True})
    return complete_run(validation, store, out, run_id, T0, facts)


@pytest.fixture(scope="module")
def runs_made_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult, RunResult]:
    """Runs of 2026Q1 and 2026Q2 on SQLite, made once for the module (tests get a copy)."""
    root = tmp_path_factory.mktemp("two-runs")
    inbox, out = root / "inbox", root / "out"
    _casualties(inbox / "2026Q1" / "ANAMA" / "q.xlsx", "2026Q1",
                [("C-1", "2026-02-01"), ("C-2", "2026-03-02")])  # fmt: skip
    _casualties(inbox / "2026Q2" / "ANAMA" / "q.xlsx", "2026Q2", [("C-3", "2026-05-01")])
    store = Store(sa.create_engine(f"sqlite:///{root / 'store.sqlite'}"))
    first = _run(inbox, "2026Q1", store, out, "run-1")
    second = _run(inbox, "2026Q2", store, out, "run-2")
    store.engine.dispose()
    return out, first, second


@pytest.fixture
def two_runs(
    runs_made_once: tuple[Path, RunResult, RunResult], tmp_path: Path
) -> tuple[Path, RunResult, RunResult]:
    """This test's copy of the two runs: outputs folder (inbox and store beside it), results."""
    made, first, second = runs_made_once
    shutil.copytree(made.parent, tmp_path / "runs")
    return tmp_path / "runs" / "out", first, second


def test_the_manifest_lists_every_output_and_input_with_its_hash(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, first, _ = two_runs
    folder = out / "2026Q1"
    manifest = _manifest(folder / "manifest.json")

    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    # Every file but the manifest itself and the audit site's seal (which holds its hash).
    assert [o["path"] for o in manifest["outputs"]] == [p for p in written if p not in UNHASHED]
    assert "audit/index.html" in [o["path"] for o in manifest["outputs"]]
    for output in manifest["outputs"]:
        assert output["sha256"] == _sha(folder / output["path"])
        assert output["size"] == (folder / output["path"]).stat().st_size
    (source,) = manifest["inputs"]
    assert source["path"] == "2026Q1/ANAMA/q.xlsx"
    assert source["sha256"] == _sha(out.parent / "inbox" / "2026Q1" / "ANAMA" / "q.xlsx")
    assert (source["agency"], source["datasets"], source["accepted"], source["rejected"]) == (
        "ANAMA", ["casualties"], 2, 0,
    )  # fmt: skip
    assert source["parsed"] is True
    assert (manifest["run_id"], manifest["period"]) == ("run-1", "2026Q1")
    assert manifest["verdict"] == "final"
    assert manifest["parameters"] == {"period": "2026Q1"}
    assert manifest["started"] == {
        "utc": "2026-07-15T02:00:00+00:00",
        "asia_baku": "2026-07-15T06:00:00+04:00",
    }
    assert manifest["code"]["package"]
    assert {"prefect", "pandas", "sqlalchemy", "python"} <= set(manifest["libraries"])
    assert (manifest["sequence"], manifest["previous_manifest"]) == (1, None)
    assert first.manifest_sha256 == _sha(folder / "manifest.json")
    assert (out / CHAIN_FOLDER / "run-1.json").read_bytes() == (
        folder / "manifest.json"
    ).read_bytes()


def test_each_manifest_names_the_hash_of_the_one_before(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, first, second = two_runs
    manifest = _manifest(out / "2026Q2" / "manifest.json")

    assert manifest["sequence"] == 2
    assert manifest["previous_manifest"] == {
        "run_id": "run-1",
        "path": "manifests/run-1.json",
        "sha256": first.manifest_sha256,
    }
    assert second.manifest_sha256 == _sha(out / CHAIN_FOLDER / "run-2.json")


def test_verify_passes_on_fresh_runs(
    two_runs: tuple[Path, RunResult, RunResult], capsys: pytest.CaptureFixture[str]
) -> None:
    out, _, _ = two_runs

    found = verify(out)
    assert found.problems == []
    assert (found.folders, found.manifests) == (["2026Q1", "2026Q2"], 2)
    assert main(["verify", str(out)]) == 0
    assert main(["verify", str(out / "2026Q2")]) == 0
    assert "the chain of 2 manifest(s) is intact" in capsys.readouterr().out


def test_verify_names_the_output_with_one_byte_changed(
    two_runs: tuple[Path, RunResult, RunResult], capsys: pytest.CaptureFixture[str]
) -> None:
    out, _, _ = two_runs
    target = out / "2026Q1" / "indicators.csv"
    recorded = _sha(target)
    data = bytearray(target.read_bytes())
    data[200] = ord("7") if data[200] != ord("7") else ord("8")
    target.write_bytes(bytes(data))

    assert verify(out).problems == [
        f"2026Q1/indicators.csv: SHA-256 is {_sha(target)} ({len(data)} bytes) but the manifest "
        f"of run run-1 recorded {recorded} ({len(data)} bytes): the file was changed after "
        "the run"
    ]
    assert main(["verify", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "MISMATCH 2026Q1/indicators.csv" in printed
    assert "1 mismatch(es)" in printed


def _seal(folder: Path) -> dict[str, object]:
    text = (folder / AUDIT_SEAL).read_text(encoding="utf-8")
    assert text.startswith('SDG18.receive("seal",')
    return dict(json.loads(text.removeprefix('SDG18.receive("seal",').removesuffix(");\n")))


def test_the_audit_site_is_sealed_with_the_manifest_and_its_place_in_the_chain(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, first, second = two_runs
    seal = _seal(out / "2026Q2")
    assert seal["manifest_sha256"] == second.manifest_sha256
    assert seal["sequence"] == 2
    assert seal["previous"] == f"run-1 ({first.manifest_sha256})"
    assert (_seal(out / "2026Q1")["sequence"], _seal(out / "2026Q1")["previous"]) == (1, None)


def test_verify_names_a_changed_or_missing_seal(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, first, _ = two_runs
    seal = out / "2026Q1" / AUDIT_SEAL
    seal.write_text(seal.read_text(encoding="utf-8").replace(first.manifest_sha256, "0" * 64))
    (out / "2026Q2" / AUDIT_SEAL).unlink()

    assert verify(out).problems == [
        f"2026Q1/{AUDIT_SEAL}: does not match manifest.json (SHA-256 {first.manifest_sha256}): "
        "it was changed after the run",
        f"2026Q2/{AUDIT_SEAL}: missing (the audit site is not sealed)",
    ]


def test_verify_names_the_manifest_edited_in_the_chain(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, first, _ = two_runs
    chained = out / CHAIN_FOLDER / "run-1.json"
    chained.write_text(chained.read_text("utf-8").replace('"final"', '"provisional"'), "utf-8")

    problems = verify(out).problems
    assert (
        f"manifests/run-1.json: SHA-256 is {_sha(chained)} but the next run, run-2, recorded "
        f"{first.manifest_sha256}: manifests/run-1.json was changed after that run"
    ) in problems
    assert (
        f"2026Q1/manifest.json: SHA-256 is {first.manifest_sha256} but its copy in the chain "
        f"(manifests/run-1.json) has {_sha(chained)}: one of them was edited"
    ) in problems
    assert len(problems) == 2
    assert main(["verify", str(out / "2026Q2")]) == 1  # the chain is checked from any folder


def test_verify_reports_outputs_removed_or_added(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, _, _ = two_runs
    (out / "2026Q2" / "revisions.csv").unlink()
    (out / "2026Q2" / "notes.txt").write_text("added later", encoding="utf-8")
    (out / "2026Q2" / "run.log").write_text("the run log is named, not hashed", "utf-8")

    problems = verify(out).problems
    assert len(problems) == 2
    assert problems[0].startswith("2026Q2/revisions.csv: missing; the manifest of run run-2")
    assert (
        problems[1]
        == "2026Q2/notes.txt: not listed in the manifest of run run-2 (added after the run?)"
    )


def test_verify_reports_a_manifest_removed_from_the_chain(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, _, _ = two_runs
    (out / CHAIN_FOLDER / "run-1.json").unlink()

    problems = verify(out).problems
    assert "manifests/run-2.json: has sequence number 2 where 1 was expected" in problems[0]
    assert any("run run-1 is not in the chain" in p for p in problems)


def test_a_failed_store_write_leaves_outputs_store_and_chain_unchanged(
    two_runs: tuple[Path, RunResult, RunResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _, _ = two_runs
    before = {p: _sha(p) for p in out.rglob("*") if p.is_file() and p.suffix != ".sqlite"}
    inbox = out.parent / "inbox"
    _casualties(inbox / "2026Q2" / "ANAMA" / "q.xlsx", "2026Q2", [("C-9", "2026-05-02")])
    store = Store(sa.create_engine(f"sqlite:///{out.parent / 'store.sqlite'}"))

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(store, "write_run", broken)
    with pytest.raises(OSError, match="disk full"):
        _run(inbox, "2026Q2", store, out, "run-3")

    after = {p: _sha(p) for p in out.rglob("*") if p.is_file() and p.suffix != ".sqlite"}
    assert {p: h for p, h in after.items() if ".locks" not in p.parts} == {
        p: h for p, h in before.items() if ".locks" not in p.parts
    }
    assert verify(out).problems == []


def test_a_failed_run_joins_the_chain_with_its_error(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    out, _, second = two_runs
    manifest = failed_manifest(
        "run-3", "2026Q3", RunFacts({"period": "2026Q3"}), T0, [], RuntimeError("store offline")
    )

    digest = record_failed_run(out, manifest)

    chained = _manifest(out / CHAIN_FOLDER / "run-3.json")
    assert (chained["verdict"], chained["error"]) == ("failed", "RuntimeError: store offline")
    assert chained["previous_manifest"]["sha256"] == second.manifest_sha256
    assert digest == _sha(out / CHAIN_FOLDER / "run-3.json")
    assert verify(out).problems == []


def test_output_entries_walk_every_file_but_the_manifest_and_the_log(tmp_path: Path) -> None:
    (tmp_path / "validation" / "feedback").mkdir(parents=True)
    for name in ("sdg18_2026Q1_report.pdf", "manifest.json", "run.log", "validation/a.csv",
                 "validation/feedback/MOH.xlsx"):  # fmt: skip
        (tmp_path / name).write_bytes(name.encode())

    entries = output_entries(tmp_path)

    assert [e["path"] for e in entries] == [
        "sdg18_2026Q1_report.pdf", "validation/a.csv", "validation/feedback/MOH.xlsx",
    ]  # fmt: skip
    assert entries[0] == {
        "path": "sdg18_2026Q1_report.pdf",
        "size": 23,
        "sha256": hashlib.sha256(b"sdg18_2026Q1_report.pdf").hexdigest(),
    }


def test_verify_says_what_to_give_when_there_is_nothing_to_check(tmp_path: Path) -> None:
    (problem,) = verify(tmp_path).problems
    assert "no manifest.json here nor in a sub-folder" in problem


def test_git_commit_is_read_from_the_repository_files(tmp_path: Path) -> None:
    git = tmp_path / "repo" / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("a" * 40 + "\n")
    code = tmp_path / "repo" / "sdg18" / "x.py"
    code.parent.mkdir()
    code.write_text("")
    assert git_commit(code) == "a" * 40

    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text(f"# pack-refs\n{'b' * 40} refs/heads/main\n")
    assert git_commit(code) == "b" * 40
    (git / "HEAD").write_text("c" * 40)
    assert git_commit(code) == "c" * 40
    assert git_commit(Path(os.sep)) is None


def test_summary_values_are_json_safe(two_runs: tuple[Path, RunResult, RunResult]) -> None:
    import numpy as np

    assert [json_safe(v) for v in (np.int64(3), np.float64("nan"), pd.NA, pd.NaT, None)] == [
        3, None, None, None, None,
    ]  # fmt: skip
    assert json_safe(pd.Timestamp("2026-04-02")) == "2026-04-02T00:00:00"
    assert json_safe(np.bool_(True)) is True
    _, first, _ = two_runs

    rows = validation_rows(first.context)
    json.dumps(rows, allow_nan=False)  # raises on NaN
    warnings = int((first.context.findings["severity"] == "warning").sum())
    assert rows == [
        {
            "agency": "ANAMA", "file": "ANAMA/q.xlsx", "dataset": "casualties",
            "sheet": "casualties", "status": "accepted", "late": False,
            "records_accepted": 2, "records_rejected": 0, "errors": 0, "warnings": warnings,
        }
    ]  # fmt: skip


def test_the_headline_markdown_has_the_verdict_and_one_row_per_series(
    two_runs: tuple[Path, RunResult, RunResult],
) -> None:
    _, first, _ = two_runs
    text = headline_markdown(first.context, first.counts, first.manifest_sha256)

    assert text.startswith("# SDG 18 — 2026Q1: final\n")
    assert first.manifest_sha256 in text
    assert "| 18.2.1 | " in text
    row = next(line for line in text.splitlines() if line.startswith("| 18.2.1 |"))
    assert row.endswith("| 2 | 2 | 2 |")  # C-1 and C-2: period, year to date, cumulative
    series = first.values[["indicator", "series"]].drop_duplicates()
    assert text.count("\n| 18.") == len(series)
    finished = _manifest(first.folder / "manifest.json")["finished"]
    assert dt.datetime.fromisoformat(finished["asia_baku"]).utcoffset() == dt.timedelta(hours=4)
