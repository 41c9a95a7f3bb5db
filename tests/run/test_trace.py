"""``sdg18 trace`` on a real store: the records behind a value as each run published it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sdg18.cli import main
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.reports.xlsx.sheets import SOURCE_HEADER, TABLE_ROW
from sdg18.run.trace import TraceRequest, trace_value
from sdg18.store import Store, open_store
from tests.test_pipeline import _casualties, _run


@pytest.fixture(scope="module")
def two_quarters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2026Q1 (C-1, C-2), then 2026Q2 (C-3, and C-4: an incident of 2026Q1 reported late),
    then 2026Q1 again with ANAMA's file replaced (C-1 only); the outputs folder."""
    root = tmp_path_factory.mktemp("two-quarters")
    inbox, out = root / "inbox", root / "out"
    _casualties(inbox / "2026Q1" / "ANAMA" / "q1.xlsx", "2026Q1",
                [("C-1", "2026-02-01"), ("C-2", "2026-03-02")])  # fmt: skip
    _casualties(inbox / "2026Q2" / "ANAMA" / "q2.xlsx", "2026Q2",
                [("C-3", "2026-05-01"), ("C-4", "2026-03-15")])  # fmt: skip
    with open_store(Settings(), out) as store:
        _run(inbox, Period(2026, 1), store, out, "run-q1")
        _run(inbox, Period(2026, 2), store, out, "run-q2")
        (inbox / "2026Q1" / "ANAMA" / "q1.xlsx").unlink()
        _casualties(inbox / "2026Q1" / "ANAMA" / "q1-fixed.xlsx", "2026Q1",
                    [("C-1", "2026-02-01")])  # fmt: skip
        _run(inbox, Period(2026, 1), store, out, "run-q1-again")
    return out


def _keys(store: Store, run_id: str | None) -> tuple[float, float, list[tuple[str, int, str]]]:
    found = trace_value(store, TraceRequest("18.2.1", period="2026Q1", run_id=run_id))
    rows = list(zip(found.rows["file"], found.rows["row"], found.rows["record_key"], strict=True))
    return found.published, found.recomputed, rows


def test_each_run_s_value_is_traced_to_the_records_it_used(two_quarters: Path) -> None:
    with open_store(Settings(), two_quarters) as store:
        assert _keys(store, "run-q1") == (2.0, 2.0, [
            ("2026Q1/ANAMA/q1.xlsx", 2, "C-1"), ("2026Q1/ANAMA/q1.xlsx", 3, "C-2"),
        ])  # fmt: skip
        assert _keys(store, "run-q2") == (3.0, 3.0, [
            ("2026Q1/ANAMA/q1.xlsx", 2, "C-1"), ("2026Q1/ANAMA/q1.xlsx", 3, "C-2"),
            ("2026Q2/ANAMA/q2.xlsx", 3, "C-4"),  # the late report, one more record
        ])  # fmt: skip
        # the resubmission retired q1.xlsx's records; the earlier runs still trace to them
        assert _keys(store, "run-q1-again") == (2.0, 2.0, [
            ("2026Q1/ANAMA/q1-fixed.xlsx", 2, "C-1"), ("2026Q2/ANAMA/q2.xlsx", 3, "C-4"),
        ])  # fmt: skip
        assert _keys(store, None) == _keys(store, "run-q1-again")  # default: the latest


def test_the_command_prints_the_value_and_writes_every_record(
    two_quarters: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "trace.csv"
    code = main(["trace", "18.2.1", "--period", "2026Q1", "--run", "run-q2",
                 "--outputs", str(two_quarters), "--out", str(out)])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert "18.2.1 casualties 2026Q1 period\n  published by run run-q2: 3.0 persons" in printed
    assert "3 record(s) from 2 file(s); recomputed from them: 3.0 — matches" in printed
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("file,file_sha256,sheet,row,dataset,record_key,role,contribution,")
    assert [line.split(",")[5] for line in lines[1:]] == ["C-1", "C-2", "C-4"]


@pytest.mark.parametrize(("args", "message"), [
    (["18.9.9"], "there is no indicator '18.9.9'\nIndicators: 18.1.1, 18.1.2,"),
    (["18.1.2"], "indicator 18.1.2 has more than one series\nGive --series, one of: "
                 "remaining_km2, remaining_share_of_territory_pct"),
    (["18.2.1", "--series", "deaths"], "indicator 18.2.1 has no series 'deaths'"),
    (["18.2.1", "--where", "colour=red"], "indicator 18.2.1 has no breakdown 'colour'\n"
                                          "Breakdowns: outcome, sex, age_group,"),
    (["18.2.1", "--where", "district=AZ-XX"], "breakdown district has no value 'AZ-XX'\n"
                                              "Values: AZ-AGM,"),
    (["18.2.1", "--run", "run-9"], "the store holds no run 'run-9'\nLatest runs: run-q1, "
                                   "run-q2, run-q1-again."),
])  # fmt: skip
def test_bad_usage_says_what_exists(
    two_quarters: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["trace", *args, "--outputs", str(two_quarters)])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"sdg18 trace: {message}")


def _revision(out: Path, period: str, value_period: str) -> dict[str, object]:
    revisions = pd.read_csv(out / period / "revisions.csv", keep_default_na=False)
    headline = revisions[
        (revisions["indicator"] == "18.2.1")
        & (revisions["period"] == value_period)
        & (revisions["scope"] == "period")
        & (revisions[list(BREAKDOWN_COLUMNS)] == "").all(axis=1)
    ]
    (row,) = headline.to_dict("records")
    return row


def test_a_revision_names_the_records_added_and_retired(two_quarters: Path) -> None:
    late = _revision(two_quarters, "2026Q2", "2026Q1")
    assert (late["old_value"], late["new_value"]) == (2.0, 3.0)
    assert (late["records_added"], late["records_retired"]) == (1, 0)
    assert late["changed_records"] == "added: 2026Q2/ANAMA/q2.xlsx row 3"
    again = _revision(two_quarters, "2026Q1", "2026Q1")  # the resubmission: C-1 only
    assert (again["old_value"], again["new_value"]) == (3.0, 2.0)
    assert "previous_run" not in again  # the file holds no run id: same inputs, same file
    assert (again["records_added"], again["records_retired"]) == (1, 2)
    assert again["changed_records"] == (
        "added: 2026Q1/ANAMA/q1-fixed.xlsx row 2 | "
        "retired: 2026Q1/ANAMA/q1.xlsx row 2; 2026Q1/ANAMA/q1.xlsx row 3"
    )


def test_compare_lists_the_record_one_run_added(
    two_quarters: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["trace", "18.2.1", "--period", "2026Q1", "--compare", "run-q1", "run-q2",
                 "--outputs", str(two_quarters)])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert printed.splitlines() == [
        "18.2.1 casualties 2026Q1 period",
        "  run run-q1: 2.0 persons from 2 record(s) of 1 file(s)",
        "  run run-q2: 3.0 persons from 3 record(s) of 2 file(s)",
        "  1 record(s) added between the two runs",
        "    added   2026Q2/ANAMA/q2.xlsx row 3 (casualties C-4)",
        "  0 record(s) retired between the two runs",
    ]


def test_the_workbook_counts_records_and_files_and_lists_sources(two_quarters: Path) -> None:
    book = openpyxl.load_workbook(two_quarters / "2026Q2" / "sdg18_2026Q2_indicators_en.xlsx")
    sheet = book["18.2.1"]
    header = [cell.value for cell in sheet[TABLE_ROW]]
    assert tuple(header[-len(SOURCE_HEADER) :]) == SOURCE_HEADER
    headline = [cell.value for cell in sheet[TABLE_ROW + 1]]
    assert headline[:3] == ["casualties", "persons", None]  # the total: no breakdown
    # 2026Q2: C-3 (q2.xlsx); the year to date and since the baseline: C-1, C-2 (q1.xlsx),
    # C-3, C-4 (q2.xlsx) — the run of 2026Q2 read q1.xlsx, not yet replaced
    assert headline[-len(SOURCE_HEADER) :] == [1, 1, 4, 2, 4, 2]
    sources = pd.DataFrame(book["sources"].values)
    sources = sources.iloc[1:].set_axis(list(sources.iloc[0]), axis=1)
    mine = sources[sources["indicator"] == "18.2.1"]
    assert mine[["file", "dataset", "records"]].values.tolist() == [
        ["2026Q1/ANAMA/q1.xlsx", "casualties", 2], ["2026Q2/ANAMA/q2.xlsx", "casualties", 2],
    ]  # fmt: skip


def test_a_reader_that_goes_away_ends_the_command_quietly(
    two_quarters: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As in `sdg18 trace … | head -1`: the pipe's reading end is closed before the output.
    reading, writing = os.pipe()
    os.close(reading)
    with open(writing, "w", buffering=1, encoding="utf-8") as closed:
        monkeypatch.setattr(sys, "stdout", closed)
        code = main(["trace", "18.2.1", "--period", "2026Q1", "--outputs", str(two_quarters)])
        assert code == 141
    assert capsys.readouterr().err == ""
