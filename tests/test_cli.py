"""The command line: exit codes and what each command writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schemas import DATASETS
from sdg18.cli import main


def test_template_writes_one_workbook_per_dataset(tmp_path: Path) -> None:
    assert main(["template", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"sdg18_template_{d}.xlsx" for d in DATASETS
    )


def test_template_unknown_dataset_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "landrelease", "--out", str(tmp_path)]) == 2
    assert "land_release" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_bad_period_is_bad_usage(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "x.xlsx", "--period", "2026-3"])
    assert exit_info.value.code == 2


def test_validate_reports_a_file_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path)]) == 1
    assert "no such file" in capsys.readouterr().out


def test_validate_prints_findings_an_agency_can_act_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "SCRIDP__returns.csv"
    path.write_text(
        "return_id,return_date,district,settlement,households,persons\n"
        "R-1,2026-01-15,Şuşa,Şuşa,3,12\n"
        "R-2,03/04/2026,Shusa,Şuşa,3,12\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--period", "2026Q1", "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "returns (sheet ''): 2 records, 1 accepted, 1 rejected" in out
    assert "row 3: '03/04/2026' in 'return_date' is not a date in an accepted form" in out
    assert "District 'Shusa' is not known" in out
    assert "Did you mean 'Şuşa'?" in out
    assert (tmp_path / "SCRIDP.xlsx").exists()


#: What the pre-check must not import: the store and its SQLAlchemy, Prefect, the PDF renderer.
NOT_IN_THE_PRE_CHECK = ("sdg18.store", "sqlalchemy", "prefect", "weasyprint")


def test_the_pre_check_imports_no_store_prefect_or_renderer(tmp_path: Path) -> None:
    path = tmp_path / "SCRIDP__returns.csv"
    path.write_text(
        "return_id,return_date,district,settlement,households,persons\n"
        "R-1,2026-01-15,Şuşa,Şuşa,3,12\n",
        encoding="utf-8",
    )
    probe = (
        "import sys\n"
        "from sdg18.cli import main\n"
        f"args = ['validate', {str(path)!r}, '--period', '2026Q1', '--out', {str(tmp_path)!r}]\n"
        "code = main(args)\n"
        f"found = sorted(m for m in sys.modules if m.split('.')[0] in {NOT_IN_THE_PRE_CHECK!r}"
        " or m.startswith('sdg18.store'))\n"
        "print(code, found)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_validate_with_the_store_runs_levels_2_and_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    import openpyxl

    from sdg18.core.periods import Period
    from sdg18.core.settings import Settings
    from sdg18.run.publish import complete_run
    from sdg18.store import open_store
    from sdg18.validation.inbox import validate_inbox
    from tests.validation.contract_rows import VALID

    def release(path: Path, completed: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "land_release"
        sheet.append(list(VALID["land_release"]))
        row = {**VALID["land_release"], "start_date": completed, "completion_date": completed}
        sheet.append(list(row.values()))
        book.save(path)
        return path

    out = tmp_path / "out"
    release(tmp_path / "inbox" / "2026Q1" / "ANAMA" / "q1.xlsx", "2026-02-01")
    validation = validate_inbox(tmp_path / "inbox" / "2026Q1", Period(2026, 1), Settings())
    complete_run(validation, open_store(Settings(), out), out, "run-1", dt.datetime.now(dt.UTC))
    again = release(tmp_path / "ANAMA" / "q2.xlsx", "2026-05-01")  # the same task_id

    code = main(["validate", str(again), "--period", "2026Q2", "--out", str(tmp_path),
                 "--store", str(out)])  # fmt: skip

    assert code == 1
    printed = capsys.readouterr().out
    assert "L2.land_release.task_id.reused_across_periods" in printed
    assert "land_release (sheet 'land_release'): 1 records, 0 accepted, 1 rejected" in printed
