"""The command line: exit codes and what each command writes."""

from __future__ import annotations

import inspect
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
    missing = str(tmp_path / "missing.xlsx")
    assert main(["validate", missing, "--out", str(tmp_path), "--language", "en"]) == 1
    assert "no such file" in capsys.readouterr().out


def _bad_returns(folder: Path) -> Path:
    """A returns CSV with a date in an ambiguous form and a misspelt district on row 3."""
    path = folder / "SCRIDP__returns.csv"
    path.write_text(
        "return_id,return_date,district,settlement,households,persons\n"
        "R-1,2026-01-15,Şuşa,Şuşa,3,12\n"
        "R-2,03/04/2026,Shusa,Şuşa,3,12\n",
        encoding="utf-8",
    )
    return path


def _bad_returns_workbook(folder: Path) -> Path:
    """The rows of :func:`_bad_returns` in a workbook sent from the agency's folder."""
    import openpyxl

    (folder / "SCRIDP").mkdir()
    path = folder / "SCRIDP" / "returns.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "returns"
    for line in _bad_returns(folder).read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    book.save(path)
    return path


def test_validate_prints_findings_an_agency_can_act_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_returns(tmp_path)
    args = ["validate", str(path), "--period", "2026Q1", "--out", str(tmp_path)]
    assert main([*args, "--language", "en"]) == 1
    out = capsys.readouterr().out
    assert "returns: 2 records, 1 accepted, 1 rejected" in out
    assert "row 3: '03/04/2026' in 'return_date' is not a date in an accepted form" in out
    assert "District 'Shusa' is not known" in out
    assert "Did you mean 'Şuşa'?" in out
    assert (tmp_path / "SCRIDP.xlsx").exists()


def test_validate_in_english_prints_each_line_an_agency_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bad_returns(tmp_path)
    monkeypatch.setenv("SDG18_LANGUAGE", "en")
    assert main(["validate", str(path), "--period", "2026Q1", "--out", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().out
        == inspect.cleandoc(
            f"""
        {path} (SCRIDP)
          returns: 2 records, 1 accepted, 1 rejected
          ERROR   row 3: District 'Shusa' is not known
                  L1.returns.district.known — Did you mean 'Şuşa'? Use a district name from the template's list.
          ERROR   row 3: '03/04/2026' in 'return_date' is not a date in an accepted form
                  L1.returns.return_date.date_format — Enter the date as an Excel date, or as text 2026-04-03 or 03.04.2026; forms like 03/04/2026 are ambiguous and never guessed.
        Feedback workbook: {tmp_path / "SCRIDP.xlsx"}
        2 error(s): fix them before sending.
        """  # noqa: E501 — the lines as the terminal shows them
        )
        + "\n"
    )


def _english_sentences() -> list[str]:
    """Every English message of the validation catalogue that is a sentence of words
    (short ones such as 'error' or 'none' would also match inside other words)."""
    from sdg18.core.catalogues import read_catalogue

    catalogue = read_catalogue("validation", "en")
    return [str(m.id) for m in catalogue if m.id and len(str(m.id).split()) >= 3]


def test_validate_in_azerbaijani_speaks_azerbaijani_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bad_returns(tmp_path)
    monkeypatch.delenv("SDG18_LANGUAGE", raising=False)  # the default is Azerbaijani
    assert main(["validate", str(path), "--period", "2026Q1", "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        out
        == inspect.cleandoc(
            f"""
        {path} (SCRIDP)
          returns: 2 qeyd, 1 qəbul edilmiş, 1 rədd edilmiş
          XƏTA        sətir 3: 'Shusa' rayonu məlum deyil
                      L1.returns.district.known — Bəlkə 'Şuşa' nəzərdə tutulub? Şablondakı siyahıdan rayon adı yazın.
          XƏTA        sətir 3: 'return_date' sütunundakı '03/04/2026' qəbul edilən şəkildə yazılmış tarix deyil
                      L1.returns.return_date.date_format — Tarixi Excel tarixi kimi və ya 2026-04-03 yaxud 03.04.2026 mətni kimi daxil edin; 03/04/2026 kimi yazılışlar birmənalı deyil və heç vaxt təxmin edilmir.
        Rəy iş kitabı: {tmp_path / "SCRIDP.xlsx"}
        2 xəta: göndərməzdən əvvəl onları düzəldin.
        """  # noqa: E501 — the lines as the terminal shows them
        )
        + "\n"
    )
    english = [sentence for sentence in _english_sentences() if sentence.lower() in out.lower()]
    assert english == []
    for template in ("{column}", "{value}", "{period}"):
        assert template not in out


def test_validate_language_option_wins_over_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bad_returns(tmp_path)
    monkeypatch.setenv("SDG18_LANGUAGE", "en")
    args = ["validate", str(path), "--period", "2026Q1", "--out", str(tmp_path)]
    assert main([*args, "--language", "az"]) == 1
    assert "'Shusa' rayonu məlum deyil" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--language", "ru"])
    assert exit_info.value.code == 2


#: What the pre-check must not import: the store and its SQLAlchemy, Prefect, Dask (which
#: pandera imports when it is installed), the PDF renderer.
NOT_IN_THE_PRE_CHECK = (
    "sdg18.store",
    "sqlalchemy",
    "prefect",
    "prefect_dask",
    "dask",
    "distributed",
    "weasyprint",
)


def test_the_pre_check_imports_no_store_prefect_dask_or_renderer(tmp_path: Path) -> None:
    """A workbook and a CSV, checked as a whole process: nothing of the run is imported."""
    import openpyxl

    from tests.validation.contract_rows import VALID

    folder = tmp_path / "2026Q1" / "SCRIDP"
    folder.mkdir(parents=True)
    csv = folder / "SCRIDP__returns.csv"
    csv.write_text(
        "return_id,return_date,district,settlement,households,persons\n"
        "R-1,2026-01-15,Şuşa,Şuşa,3,12\n",
        encoding="utf-8",
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "land_release"
    sheet.append(list(VALID["land_release"]))
    sheet.append(list(VALID["land_release"].values()))
    (tmp_path / "2026Q1" / "ANAMA").mkdir()
    workbook = tmp_path / "2026Q1" / "ANAMA" / "land_release.xlsx"
    book.save(workbook)
    probe = (
        "import sys\n"
        "from sdg18.cli import main\n"
        f"args = ['validate', {str(csv)!r}, {str(workbook)!r}, '--out', {str(tmp_path)!r}]\n"
        "code = main(args)\n"
        "found = sorted(m for m in sys.modules if m in NOT or m.split('.')[0] in NOT\n"
        "               or m.startswith('sdg18.store'))\n"
        "print(code, found)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"NOT = {NOT_IN_THE_PRE_CHECK!r}\n{probe}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    # Both files were checked against the period their folder names, and accepted.
    assert "returns: 1 qeyd, 1 qəbul edilmiş, 0 rədd edilmiş" in done.stdout
    assert "land_release (vərəq 'land_release'): 1 qeyd, 1 qəbul edilmiş" in done.stdout


def test_the_pre_check_leaves_dask_importable_in_its_process() -> None:
    """The pre-check hides pandera's optional extras while it runs, and only then."""
    probe = (
        "import sys\n"
        "from sdg18.validation.extras import unused_extras_absent\n"
        "with unused_extras_absent():\n"
        "    try:\n"
        "        import dask.dataframe\n"
        "    except ImportError:\n"
        "        print('hidden')\n"
        "import dask.dataframe\n"
        "print(dask.dataframe.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.stdout.split() == ["hidden", "dask.dataframe"], done.stdout + done.stderr


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
                 "--store", str(out), "--language", "en"])  # fmt: skip

    assert code == 1
    printed = capsys.readouterr().out
    assert "L2.land_release.task_id.reused_across_periods" in printed
    assert "land_release (sheet 'land_release'): 1 records, 0 accepted, 1 rejected" in printed


def test_validate_of_one_workbook_reads_it_ahead_and_of_two_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One workbook is read in a thread while the check loads, and that read is the one
    taken; several files are read as the run reads them, with no read ahead."""
    from sdg18.ingest.workbook import ReadAhead

    taken: list[Path] = []
    outcome = ReadAhead.outcome

    def spy(self: ReadAhead) -> object:
        taken.append(self.key[0])
        return outcome(self)

    monkeypatch.setattr(ReadAhead, "outcome", spy)
    path = _bad_returns_workbook(tmp_path)
    args = ["validate", "--period", "2026Q1", "--out", str(tmp_path), "--language", "en"]
    assert main([*args, str(path)]) == 1
    assert taken == [path]
    assert "returns (sheet 'returns'): 2 records, 1 accepted, 1 rejected" in capsys.readouterr().out
    assert main([*args, str(path), str(path)]) == 1
    assert taken == [path]
    assert (
        capsys.readouterr().out.count("(sheet 'returns'): 2 records, 1 accepted, 1 rejected") == 2
    )
