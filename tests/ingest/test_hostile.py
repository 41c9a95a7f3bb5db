"""The hostile and broken file corpus: every file gets its finding, the run goes on,
and reading it stays under the memory bound.

Each case puts its file(s) into a period inbox beside two good files and runs
``validate_inbox``: the case's findings are exactly the expected ones (rule id
and file), their words tell the agency what to do, and the good files' accepted
records are exactly those of an inbox without the hostile file. Peak memory is
measured in a child process per file (``ru_maxrss``; calamine allocates in Rust,
which tracemalloc would not see).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import inbox_file
from sdg18.ingest.read import read_file
from sdg18.validation.inbox import InboxValidation, validate_inbox
from tests.ingest import corpus
from tests.validation.contract_rows import VALID

PERIOD = Period(2026, 1)
#: Peak resident memory of reading one corpus file, interpreter and libraries included
#: (ru_maxrss, KiB on Linux). Stated in docs/validation.md.
MEMORY_BOUND_KB = 1024 * 1024
GOOD_FILES = ("MOF/budget.xlsx", "MSE/MSE__eore.csv")
ROOT = Path(__file__).resolve().parents[2]


def _good_files(inbox: Path) -> None:
    """Two files that are accepted whole: a workbook and a CSV, of other agencies."""
    corpus.dataset_book(inbox / GOOD_FILES[0], "funding", corpus.records("funding", 2, "entry_id"))
    eore = inbox / GOOD_FILES[1]
    header = ",".join(VALID["eore"])
    values = ",".join(str(v) for v in VALID["eore"].values())
    eore.parent.mkdir(parents=True, exist_ok=True)
    eore.write_text(f"{header}\n{values}\n{values.replace('E-0001', 'E-0002')}\n")


def _returns(count: int, prefix: str = "R") -> list[dict[str, Any]]:
    return corpus.records("returns", count, "return_id", prefix)


def _one(name: str, builder: Callable[[Path], Path]) -> Callable[[Path], None]:
    def build(inbox: Path) -> None:
        builder(inbox / name)

    return build


def _returns_book(name: str, count: int = 2, **submission: Any) -> Callable[[Path], None]:
    def build(inbox: Path) -> None:
        corpus.dataset_book(inbox / name, "returns", _returns(count), submission or None)

    return build


def _same_file_twice(inbox: Path) -> None:
    first = corpus.dataset_book(inbox / "SCRIDP/returns.xlsx", "returns", _returns(3))
    (inbox / "SCRIDP/returns_copy.xlsx").write_bytes(first.read_bytes())


def _resubmissions(prepared: tuple[Any, Any] | None) -> Callable[[Path], None]:
    def build(inbox: Path) -> None:
        for n, (name, rows) in enumerate((("v1.xlsx", _returns(2)), ("v2.xlsx", _returns(3)))):
            submission = {"agency": "SCRIDP", "prepared_on": prepared[n]} if prepared else None
            corpus.dataset_book(inbox / "SCRIDP" / name, "returns", rows, submission)

    return build


def _links_out_of_the_inbox(inbox: Path) -> None:
    outside = inbox.parent.parent / "outside"
    corpus.dataset_book(outside / "secret.xlsx", "returns", _returns(2))
    (inbox / "SCRIDP").mkdir(parents=True)
    (inbox / "SCRIDP/returns.xlsx").symlink_to(outside / "secret.xlsx")
    (inbox / "SCRIDP/archive").symlink_to(outside, target_is_directory=True)


def _pipe(inbox: Path) -> None:
    (inbox / "SCRIDP").mkdir(parents=True)
    os.mkfifo(inbox / "SCRIDP/SCRIDP__returns.csv")


def _undecodable_name(inbox: Path) -> None:
    name = os.fsdecode(b"hesabat\xe7.xlsx")  # Latin-1 "ç" from an old archive tool
    corpus.dataset_book(inbox / "SCRIDP" / name, "returns", _returns(2))


def _external_link(inbox: Path) -> None:
    missing = inbox.parent.parent / "outside" / "prices.xlsx"
    corpus.external_link_workbook(inbox / "SCRIDP/linked.xlsx", missing)


@dataclass(frozen=True)
class Case:
    """One corpus case: what it builds, and what the run must say and accept."""

    id: str
    build: Callable[[Path], None]
    #: (rule_id, file) of every finding not on a good file, sorted.
    findings: list[tuple[str, str]]
    #: Words the findings' messages and hints must hold (what happened, what to do).
    words: tuple[str, ...] = ()
    #: Records accepted from the case's files, by file.
    accepted: dict[str, int] = field(default_factory=dict)


def _file(rule: str, name: str) -> list[tuple[str, str]]:
    return [(f"L0.file.{rule}", name)]


CASES = [
    Case(
        "truncated_zip",
        _one("SCRIDP/cut.xlsx", corpus.truncated_zip),
        _file("unreadable", "SCRIDP/cut.xlsx"),
        ("incomplete", "cut off", "Save the file again from Excel as .xlsx"),
    ),
    Case(
        "text_renamed_xlsx",
        _one("SCRIDP/returns.xlsx", corpus.renamed_text),
        _file("unreadable", "SCRIDP/returns.xlsx"),
        ("plain text (perhaps a CSV file renamed .xlsx)", "Save the file again"),
    ),
    Case(
        "legacy_xls",
        _one("SCRIDP/returns.xls", corpus.legacy_xls),
        _file("legacy_xls", "SCRIDP/returns.xls"),
        ("Excel 97-2003 workbook (.xls)", "Save As > 'Excel Workbook (*.xlsx)'"),
    ),
    Case(
        "legacy_xls_renamed_xlsx",
        _one("SCRIDP/old format.xlsx", corpus.legacy_xls),
        _file("legacy_xls", "SCRIDP/old format.xlsx"),
        ("Excel 97-2003",),
    ),
    Case(
        "encrypted",
        _one("SCRIDP/locked.xlsx", corpus.encrypted_workbook),
        _file("encrypted", "SCRIDP/locked.xlsx"),
        ("password-protected", "Remove the password"),
    ),
    Case(
        "word_document_renamed_xlsx",
        _one("SCRIDP/letter.xlsx", corpus.word_document),
        _file("unreadable", "SCRIDP/letter.xlsx"),
        ("holds no workbook (perhaps a Word document renamed)",),
    ),
    Case(
        "decompression_bomb",
        _one("SCRIDP/bomb.xlsx", lambda path: corpus.deflate_bomb(path, 1100)),
        _file("too_large", "SCRIDP/bomb.xlsx"),
        ("declares 1100 MB inflated", "split the data into several files"),
    ),
    Case(
        "stray_cell_at_the_last_address",
        _one("SCRIDP/stray.xlsx", corpus.stray_last_cell),
        _file("too_large", "SCRIDP/stray.xlsx"),
        ("XFD1048576", "Ctrl+End"),
    ),
    Case(
        "formula_and_error_cells",
        _one("SCRIDP/formulas.xlsx", corpus.formula_and_error_cells),
        [
            ("L1.returns.excel_error", "SCRIDP/formulas.xlsx"),
            ("L1.returns.formula_without_value", "SCRIDP/formulas.xlsx"),
        ],
        ("Cell F3 holds a formula with no saved result (=SUM(E3*4))", "Cell E4", "#REF!"),
        {"SCRIDP/formulas.xlsx": 1},
    ),
    Case(
        "csv_utf16_with_bom",
        _one("SCRIDP/SCRIDP__returns.csv", corpus.utf16_csv),
        [],
        accepted={"SCRIDP/SCRIDP__returns.csv": 2},
    ),
    Case(
        "csv_utf16_without_bom",
        _one("SCRIDP/SCRIDP__returns.csv", corpus.utf16_csv_without_bom),
        _file("csv_encoding", "SCRIDP/SCRIDP__returns.csv"),
        ("UTF-16 without a byte-order mark", "Save as CSV UTF-8"),
    ),
    Case(
        "csv_cp1251",
        _one("SCRIDP/SCRIDP__returns.csv", corpus.cp1251_csv),
        _file("csv_encoding", "SCRIDP/SCRIDP__returns.csv"),
        ("line 3 holds byte 0xD8, which is not UTF-8", "CP1251", "Save as CSV UTF-8"),
    ),
    Case(
        "name_with_spaces",
        _returns_book("SCRIDP/returns 2026 Q1 final.xlsx"),
        [],
        accepted={"SCRIDP/returns 2026 Q1 final.xlsx": 2},
    ),
    Case(
        "unicode_name",
        _returns_book("SCRIDP/Ağdam hesabat.xlsx"),
        [],
        accepted={"SCRIDP/Ağdam hesabat.xlsx": 2},
    ),
    Case(
        "leading_dot",
        _returns_book("SCRIDP/.returns.xlsx"),
        [],
        accepted={"SCRIDP/.returns.xlsx": 2},
    ),
    Case(
        "name_with_two_dots",
        _returns_book("SCRIDP/returns..2026.xlsx"),
        [],
        accepted={"SCRIDP/returns..2026.xlsx": 2},
    ),
    Case(
        "name_not_utf8",
        _undecodable_name,
        [],
        accepted={"SCRIDP/hesabat\ufffd.xlsx": 2},
    ),
    Case(
        "symlinks_out_of_the_inbox",
        _links_out_of_the_inbox,
        [*_file("symlink", "SCRIDP/archive"), *_file("symlink", "SCRIDP/returns.xlsx")],
        ("is a symbolic link; links are never followed", "Copy the file itself"),
    ),
    Case(
        "named_pipe",
        _pipe,
        _file("unreadable", "SCRIDP/SCRIDP__returns.csv"),
        ("not a regular file",),
    ),
    Case(
        "same_file_twice",
        _same_file_twice,
        _file("duplicate_file", "SCRIDP/returns_copy.xlsx"),
        ("identical to SCRIDP/returns.xlsx and was processed once",),
        {"SCRIDP/returns.xlsx": 3},
    ),
    Case(
        "conflicting_resubmissions",
        _resubmissions(None),
        [
            ("L0.returns.conflicting_submission", "SCRIDP/v1.xlsx"),
            ("L0.returns.conflicting_submission", "SCRIDP/v2.xlsx"),
        ],
        ("cannot be ordered; neither was accepted", "different 'prepared_on'"),
        {"SCRIDP/v1.xlsx": 0, "SCRIDP/v2.xlsx": 0},
    ),
    Case(
        "resubmission_prepared_later",
        _resubmissions((dt.date(2026, 4, 3), "2026-04-09")),
        [("L0.returns.superseded", "SCRIDP/v1.xlsx")],
        ("Superseded by SCRIDP/v2.xlsx",),
        {"SCRIDP/v1.xlsx": 0, "SCRIDP/v2.xlsx": 3},
    ),
    Case(
        "submission_names_another_period",
        _returns_book("SCRIDP/old.xlsx", agency="SCRIDP", period="2025Q4"),
        [("L0.returns.period_mismatch", "SCRIDP/old.xlsx")],
        ("says period '2025Q4', but this is the 2026Q1 run", "Correct the period"),
        {"SCRIDP/old.xlsx": 0},
    ),
    Case(
        "submission_names_another_agency",
        _returns_book("SCRIDP/r.xlsx", agency="ANAMA", period="2026Q1"),
        _file("agency_mismatch", "SCRIDP/r.xlsx"),
        ("submission sheet says agency 'ANAMA', but the file is in SCRIDP's folder",),
        {"SCRIDP/r.xlsx": 0},
    ),
    Case(
        "macros_never_run",
        _one("SCRIDP/macro.xlsm", corpus.macro_workbook),
        [],
        accepted={"SCRIDP/macro.xlsm": 2},
    ),
    Case(
        "external_link_not_followed",
        _external_link,
        [],
        accepted={"SCRIDP/linked.xlsx": 2},
    ),
    Case(
        "styled_empty_row_at_a_million",
        _one("SCRIDP/formatted.xlsx", corpus.styled_row_at_the_bottom),
        [],
        accepted={"SCRIDP/formatted.xlsx": 10},
    ),
]


def _param(case: Case) -> Any:
    return pytest.param(case, id=case.id)


_MEASURE = """
import json, os, resource, sys
from pathlib import Path
from sdg18.ingest.discover import discover
from sdg18.ingest.read import read_file
from sdg18.core.settings import Settings

good = set(sys.argv[1].split(","))
folders = [Path(folder) for folder in sys.argv[2:]]
read_file(next(f for f in discover(folders[0]) if f.name in good), Settings())  # warm up
peaks = {"baseline": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
for folder in folders:
    for file in discover(folder):
        if file.name in good:
            continue
        readable, writable = os.pipe()
        pid = os.fork()
        if pid == 0:
            read_file(file, Settings())
            os.write(writable, str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).encode())
            os._exit(0)
        os.close(writable)
        with os.fdopen(readable) as stream:
            peak = stream.read()
        os.waitpid(pid, 0)
        key = folder.parent.name + "/" + file.name
        peaks[key] = int(peak) if peak else None
print(json.dumps(peaks))
"""


def _run_python(code: str, *args: str) -> Any:
    """Run ``code`` in a fresh interpreter of this venv; its last output line as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case in its own inbox (``<case>/2026Q1``) beside the good files."""
    root = tmp_path_factory.mktemp("corpus")
    for case in [Case("baseline", lambda inbox: None, []), *CASES]:
        inbox = root / case.id / str(PERIOD)
        _good_files(inbox)
        case.build(inbox)
    return root


@pytest.fixture(scope="module")
def peaks(corpus_root: Path) -> dict[str, int | None]:
    """Peak resident memory (KiB) of reading each corpus file, one child process per file."""
    folders = [str(corpus_root / case.id / str(PERIOD)) for case in CASES]
    measured: dict[str, int | None] = _run_python(_MEASURE, ",".join(GOOD_FILES), *folders)
    return measured


@pytest.fixture(scope="module")
def baseline(corpus_root: Path) -> InboxValidation:
    """The good files alone."""
    return validate_inbox(corpus_root / "baseline" / str(PERIOD), PERIOD, Settings())


def _accepted(result: InboxValidation, files: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return {t.table.source.file: t.accepted for t in result.tables if t.table.source.file in files}


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_the_corpus(
    case: Case,
    corpus_root: Path,
    baseline: InboxValidation,
    peaks: dict[str, int | None],
) -> None:
    result = validate_inbox(corpus_root / case.id / str(PERIOD), PERIOD, Settings())

    found = sorted((f.rule_id, f.file) for f in result.findings if f.file not in GOOD_FILES)
    assert found == case.findings
    words = " ".join(f"{f.message} {f.hint}" for f in result.findings)
    for phrase in case.words:
        assert phrase in words
    counts = {
        t.table.source.file: len(t.accepted)
        for t in result.tables
        if t.table.source.file not in GOOD_FILES
    }
    assert counts == case.accepted
    # The run went on: the good files are accepted exactly as without the case's files.
    assert [(f.rule_id, f.file) for f in result.findings if f.file in GOOD_FILES] == []
    expected = _accepted(baseline, GOOD_FILES)
    got = _accepted(result, GOOD_FILES)
    assert list(got) == list(expected) == list(GOOD_FILES)
    for name in GOOD_FILES:
        pd.testing.assert_frame_equal(got[name], expected[name])
    measured = {k: v for k, v in peaks.items() if k.startswith(case.id + "/")}
    assert measured, "every case has at least one file to read"
    assert all(v is not None and v < MEMORY_BOUND_KB for v in measured.values()), measured


def test_a_legacy_xls_and_an_encrypted_workbook_are_told_apart(tmp_path: Path) -> None:
    legacy = corpus.legacy_xls(tmp_path / "a.xlsx")
    locked = corpus.encrypted_workbook(tmp_path / "b.xlsx")
    assert legacy.read_bytes()[:8] == locked.read_bytes()[:8] == corpus.CFB_MAGIC

    found = [read_file(inbox_file(p, tmp_path), Settings()).findings for p in (legacy, locked)]

    assert [[(f.rule_id, f.message) for f in fs] for fs in found] == [
        [("L0.file.legacy_xls", "The file is an Excel 97-2003 workbook (.xls), which is not read")],
        [
            (
                "L0.file.encrypted",
                "The workbook is encrypted or password-protected and cannot be read",
            )
        ],
    ]


def test_the_external_link_is_not_followed_and_its_saved_value_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.xlsx"
    path = corpus.external_link_workbook(tmp_path / "SCRIDP" / "linked.xlsx", target)

    read = read_file(inbox_file(path, tmp_path), Settings())

    assert read.findings == []
    assert read.tables[0].raw["persons"].tolist() == [81, 81]
    assert not target.exists()


def test_a_sheet_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "SCRIDP" / "bomb.xlsx"
    corpus.deflate_bomb(path, 3)  # 3 MB of empty rows, declared honestly
    assert path.stat().st_size < 20_000

    refused = read_file(inbox_file(path, tmp_path), Settings(max_inflated_mb=2))
    read = read_file(inbox_file(path, tmp_path), Settings())  # under the default limit

    assert [(f.rule_id, f.file) for f in refused.findings] == [
        ("L0.file.too_large", "SCRIDP/bomb.xlsx")
    ]
    assert "declares 3 MB inflated" in refused.findings[0].message
    assert [f.rule_id for f in read.findings] == []


_MILLION = """
import json, resource, sys
from pathlib import Path
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.validation.inbox import validate_inbox

result = validate_inbox(Path(sys.argv[1]), Period(2026, 1), Settings(max_cells=int(sys.argv[2])))
tables = {t.table.source.file: t for t in result.tables}
big = tables["ANAMA/million.xlsx"]
print(json.dumps({
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "findings": [[f.rule_id, f.file] for f in result.findings],
    "accepted": {name: len(t.accepted) for name, t in tables.items()},
    "rows": [int(big.typed.index[0]), int(big.typed.index[-1])],
    "last": big.table.raw.iloc[-1].astype(str).tolist(),
    "items": int(big.accepted["quantity"].sum()),
}))
"""


@pytest.mark.slow
def test_a_sheet_of_a_million_rows_is_read_completely(tmp_path: Path) -> None:
    inbox = tmp_path / str(PERIOD)
    _good_files(inbox)
    corpus.million_rows(inbox / "ANAMA" / "million.xlsx")
    found = _run_python(_MILLION, str(inbox), str(Settings().max_cells))

    assert found["findings"] == []
    assert found["accepted"] == {
        "MOF/budget.xlsx": 2,
        "MSE/MSE__eore.csv": 2,
        "ANAMA/million.xlsx": 1_000_000,
    }
    assert found["rows"] == [2, 1_000_001]
    assert found["last"] == ["LR-0001", "AZ-FUZ", "2026-02-10", "AP_MINE", "3.0"]  # as read
    assert found["items"] == 3_000_000
    assert found["peak"] < MEMORY_BOUND_KB


def test_a_panic_in_the_rust_reader_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sdg18.validation import files

    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    inbox = tmp_path / str(PERIOD)
    _good_files(inbox)
    corpus.dataset_book(inbox / "SCRIDP/odd.xlsx", "returns", _returns(1))
    real_read = files.read_file

    def read_or_panic(file: Any, settings: Settings) -> Any:
        if file.name == "SCRIDP/odd.xlsx":
            raise PanicException("index out of bounds")
        return real_read(file, settings)

    monkeypatch.setattr(files, "read_file", read_or_panic)

    # In this process: the stand-in reader is patched here, where a worker cannot see it.
    result = validate_inbox(inbox, PERIOD, Settings(isolate_reads=False))

    assert [(f.rule_id, f.file, f.message) for f in result.findings] == [
        (
            "L0.file.reader_failed",
            "SCRIDP/odd.xlsx",
            "The file could not be read: the reader stopped (python-calamine panicked: "
            "index out of bounds); none of its records was used",
        )
    ]
    assert {t.table.source.file: len(t.accepted) for t in result.tables} == {
        "MOF/budget.xlsx": 2,
        "MSE/MSE__eore.csv": 2,
    }


def test_a_cell_that_makes_calamine_panic_costs_only_that_cell(tmp_path: Path) -> None:
    """A date cell holding -1.1e11 makes python-calamine panic (a real panic, no stand-in):
    the sheet is read again by openpyxl, the cell refused, the other records kept."""
    import openpyxl

    inbox = tmp_path / str(PERIOD)
    _good_files(inbox)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "eo_items"
    sheet.append(list(VALID["eo_items"]))
    for number in (1, 2, 3):
        sheet.append([f"LR-000{number}", *list(VALID["eo_items"].values())[1:]])
    sheet["C3"].value = -1.1e11  # row 3 is LR-0002; the cell keeps its date format
    sheet["C3"].number_format = "yyyy-mm-dd"
    (inbox / "ANAMA").mkdir(parents=True)
    book.save(inbox / "ANAMA" / "items.xlsx")

    result = validate_inbox(inbox, PERIOD, Settings())

    assert [(f.rule_id, f.file, f.row, f.value) for f in result.findings] == [
        ("L1.eo_items.found_date.date_format", "ANAMA/items.xlsx", 3, "#VALUE!")
    ]
    accepted = {t.table.source.file: t.accepted for t in result.tables}
    assert accepted["ANAMA/items.xlsx"]["task_id"].tolist() == ["LR-0001", "LR-0003"]
    assert {file: len(rows) for file, rows in accepted.items()} == {
        "ANAMA/items.xlsx": 2,
        "MOF/budget.xlsx": 2,
        "MSE/MSE__eore.csv": 2,
    }


def test_a_row_of_unclosed_cells_is_found_damaged_at_once(
    tmp_path: Path, baseline: InboxValidation
) -> None:
    """100,000 error cells that are never closed once kept the pre-read scan busy for a
    quarter of an hour (each cell's start was sought back to the start of its block):
    the scan is linear now, so the file is refused as damaged well within the time
    limit (a scan quadratic again would give ``L0.file.read_timeout`` instead)."""
    inbox = tmp_path / str(PERIOD)
    _good_files(inbox)
    corpus.unclosed_error_cells(inbox / "SCRIDP" / "unclosed.xlsx")
    settings = Settings(isolate_reads=True, read_timeout_s=120)

    result = validate_inbox(inbox, PERIOD, settings)

    assert [(f.rule_id, f.file, f.message) for f in result.findings] == [
        (
            "L0.file.unreadable",
            "SCRIDP/unclosed.xlsx",
            "The file could not be read: damaged workbook (Expecting 'v, f, or is' node)",
        )
    ]
    got, expected = _accepted(result, GOOD_FILES), _accepted(baseline, GOOD_FILES)
    assert list(got) == list(expected) == list(GOOD_FILES)
    for name in GOOD_FILES:
        pd.testing.assert_frame_equal(got[name], expected[name])


def test_a_file_that_hangs_the_reader_costs_only_that_file(
    tmp_path: Path, baseline: InboxValidation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that never returns on one file (a stand-in, run in the worker: no file
    is known to hang python-calamine or the scan). The worker is stopped after the time
    limit; the finding names the file; the other files' records are all accepted. (The
    hanging file's own records are lost: the limit is per file, not per sheet.)"""
    from functools import partial

    from sdg18.validation import inbox as inbox_stage
    from sdg18.validation.isolation import check_bounded
    from tests.validation.test_isolation import hang_on_slow

    inbox = tmp_path / str(PERIOD)
    _good_files(inbox)
    corpus.dataset_book(inbox / "SCRIDP" / "slow.xlsx", "returns", _returns(2))
    monkeypatch.setattr(inbox_stage, "check_bounded", partial(check_bounded, check=hang_on_slow))
    # The baseline fixture has started the workers: the limit is the file's alone.
    settings = Settings(isolate_reads=True, read_timeout_s=5)

    result = validate_inbox(inbox, PERIOD, settings)

    assert [(f.rule_id, f.file, f.message) for f in result.findings] == [
        (
            "L0.file.read_timeout",
            "SCRIDP/slow.xlsx",
            "The file could not be read: the reader had not finished after 5 seconds; "
            "none of its records was used",
        )
    ]
    got, expected = _accepted(result, GOOD_FILES), _accepted(baseline, GOOD_FILES)
    assert list(got) == list(expected) == list(GOOD_FILES)
    for name in GOOD_FILES:
        pd.testing.assert_frame_equal(got[name], expected[name])
    assert "SCRIDP/slow.xlsx" not in {t.table.source.file for t in result.tables}
