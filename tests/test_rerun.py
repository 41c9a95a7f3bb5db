"""An unchanged re-run: the period's outputs stand, and the chain records that they did.

The PDF renderer is replaced by ``quick_pdf`` (as in the crash-safety tests): it plays
no part in deciding whether outputs stand, and costs 20–30 s a run here.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa

from sdg18.core.outputs import CHAIN_FOLDER
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import discover
from sdg18.integrity.manifest import read_manifest
from sdg18.integrity.verification import verify
from sdg18.run.fingerprints import run_key
from sdg18.run.sequence import run_period_direct
from sdg18.store import tables
from sdg18.synthetic import generate_inbox
from tests.test_crash_safety import quick_pdf, snapshot

Q1, Q2 = Period(2026, 1), Period(2026, 2)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rerun") / "inbox"
    generate_inbox(root, Q1, Q2, scale=0.05)
    return root


@pytest.fixture(autouse=True)
def _quick_pdf() -> Iterator[None]:
    with mock.patch("sdg18.reports.ministry.write_pdf", quick_pdf):
        yield


def _runs(out: Path) -> list[str]:
    engine = sa.create_engine(f"sqlite:///{out / 'sdg18.sqlite'}")
    with engine.connect() as conn:
        rows = conn.execute(sa.select(tables.runs.c.run_id).order_by(tables.runs.c.run_no))
        found = [row[0] for row in rows]
    engine.dispose()
    return found


def _chain(out: Path) -> list[dict[str, object]]:
    manifests = [read_manifest(p) for p in (out / CHAIN_FOLDER).glob("*.json")]
    return sorted(manifests, key=lambda m: int(str(m["sequence"])))


def test_an_unchanged_rerun_leaves_the_outputs_standing(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_period_direct(Q1, inbox, out, Settings(), "run-1")
    before = snapshot(out / str(Q1))

    again = run_period_direct(Q1, inbox, out, Settings(), "run-2")

    assert (again.run_id, again.stands_for, again.verdict) == ("run-2", "run-1", first.verdict)
    assert again.counts == first.counts
    assert snapshot(out / str(Q1)) == before  # not a byte rewritten
    assert _runs(out) == ["run-1"]  # the store untouched
    chain = _chain(out)
    assert [(m["run_id"], m["verdict"]) for m in chain] == [
        ("run-1", first.verdict),
        ("run-2", "unchanged"),
    ]
    stands = chain[1]["stands"]
    assert isinstance(stands, dict)
    assert stands["run_id"] == "run-1"
    assert chain[1]["run_key"] == chain[0]["run_key"] != ""
    assert verify(out).ok, verify(out).problems


def test_a_run_computes_again_when_anything_that_decides_it_changed(
    inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_period_direct(Q1, inbox, out, Settings(), "run-1")
    # Another period written to the store since: Q1 is computed again.
    run_period_direct(Q2, inbox, out, Settings(), "run-2")
    assert run_period_direct(Q1, inbox, out, Settings(), "run-3").stands_for == ""
    # An output changed after the run: computed again, and the folder made whole.
    (out / str(Q1) / "indicators.csv").write_text("edited\n", encoding="utf-8")
    assert run_period_direct(Q1, inbox, out, Settings(), "run-4").stands_for == ""
    assert run_period_direct(Q1, inbox, out, Settings(), "run-5").stands_for == "run-4"
    assert _runs(out) == ["run-1", "run-2", "run-3", "run-4"]
    assert verify(out).ok, verify(out).problems


def test_the_run_key_changes_with_a_file_a_limit_or_the_period(inbox: Path, tmp_path: Path) -> None:
    copy = tmp_path / "inbox"
    shutil.copytree(inbox / str(Q1), copy / str(Q1))
    files = discover(copy / str(Q1))
    key = run_key(Q1, files, Settings())

    assert run_key(Q1, list(reversed(files)), Settings()) == key  # order does not matter
    assert run_key(Q1, files, Settings(max_cells=1000)) != key
    assert run_key(Q2, files, Settings()) != key
    assert run_key(Q1, files[1:], Settings()) != key
    assert run_key(Q1, files, Settings(languages="en")) != key  # the reports' editions
    assert run_key(Q1, files, Settings(agency_languages="MOH=en")) != key  # feedback language
    changed = dataclasses.replace(files[0], sha256="0" * 64)
    assert run_key(Q1, [changed, *files[1:]], Settings()) != key
