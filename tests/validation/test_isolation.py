"""A file whose reader dies or runs out of memory costs a finding on that file, not the run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, inbox_file
from sdg18.synthetic import write_land_release_workbook
from sdg18.validation.files import FileResult, levels_0_1
from sdg18.validation.isolation import _check_alone, check_bounded, close_readers
from tests.validation.contract_rows import VALID

PERIOD = Period(2026, 1)
#: The XML pre-check raised out of the way, so that only the worker stands between a
#: hostile workbook and the process.
UNGUARDED = Settings(
    max_cells=10**12, max_inflated_mb=10**6, isolate_reads=True, read_memory_mb=1024
)


@pytest.fixture(autouse=True, scope="module")
def _stop_workers() -> Iterator[None]:
    yield
    close_readers()


def _returns_workbook(path: Path, stray: str = "") -> Path:
    """A SCRIDP workbook with one valid ``returns`` record, and a cell at ``stray`` if given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "returns"
    sheet.append(list(VALID["returns"]))
    sheet.append(list(VALID["returns"].values()))
    if stray:
        sheet[stray] = "x"
    book.save(path)
    return path


def _land_release(root: Path) -> InboxFile:
    """ANAMA's land_release workbook of 40 tasks, two of them broken by hand."""
    path = write_land_release_workbook(root / "ANAMA" / "land_release.xlsx", 40, period=PERIOD)
    book = openpyxl.load_workbook(path)
    sheet = book["land_release"]
    sheet["F3"] = -5  # area_m2 of Excel row 3
    sheet["H7"] = "not a date"  # start_date of Excel row 7
    book.save(path)
    return inbox_file(path, root)


def assert_same_frame(there: pd.DataFrame, here: pd.DataFrame) -> None:
    """Same values (exactly, and of the same Python types in object columns), dtypes,
    index (of the same class), columns and ``attrs``."""
    pd.testing.assert_frame_equal(there, here, check_exact=True, check_index_type=True)
    assert type(there.index) is type(here.index)
    assert list(there.dtypes) == list(here.dtypes)
    assert there.attrs == here.attrs
    for column in here.select_dtypes(include="object").columns:
        assert list(map(type, there[column])) == list(map(type, here[column])), column


def assert_same(isolated: FileResult, in_process: FileResult) -> None:
    """The two results hold the same agency, submission, findings and records."""
    assert isolated.read.agency == in_process.read.agency
    assert isolated.read.submission == in_process.read.submission
    assert isolated.findings == in_process.findings
    assert len(isolated.tables) == len(in_process.tables)
    for there, here in zip(isolated.tables, in_process.tables, strict=True):
        assert there.table.source == here.table.source
        assert there.table.letters == here.table.letters
        assert there.table.bad_cells == here.table.bad_cells
        assert there.table.rejected_by == here.table.rejected_by
        assert_same_frame(there.table.raw, here.table.raw)
        assert_same_frame(there.typed, here.typed)
        assert_same_frame(there.accepted, here.accepted)
        assert there.failing == here.failing
        assert there.rejected_by == here.rejected_by
        assert there.superseded_by == here.superseded_by


def test_a_stray_cell_kills_the_worker_and_the_other_file_is_still_read(tmp_path: Path) -> None:
    # Past the pre-check, python-calamine asks for 1,048,576 × 16,384 cells and aborts.
    stray = inbox_file(
        _returns_workbook(tmp_path / "SCRIDP" / "stray.xlsx", "XFD1048576"), tmp_path
    )
    good = inbox_file(_returns_workbook(tmp_path / "SCRIDP" / "good.xlsx"), tmp_path)
    settings = replace(UNGUARDED, task_workers=2)

    # Both files in the pool at once, as the quarterly flow's threads send them.
    with ThreadPoolExecutor(2) as threads:
        broken, read = threads.map(lambda f: check_bounded(f, PERIOD, settings), [stray, good])

    assert [(f.rule_id, f.file) for f in broken.findings] == [
        ("L0.file.reader_failed", "SCRIDP/stray.xlsx")
    ]
    assert broken.findings[0].message == (
        "The file could not be read: the reader stopped (killed by signal 6 (SIGABRT) while "
        "reading, with memory limited to 1024 MB); none of its records was used"
    )
    assert broken.tables == []
    assert len(read.tables[0].accepted) == 1
    assert_same(read, check_bounded(good, PERIOD, replace(settings, isolate_reads=False)))


def test_a_grid_needing_more_than_the_memory_cap_gets_a_finding(tmp_path: Path) -> None:
    # 52 columns × 400,000 rows: under the default cell limit, but calamine alone wants
    # 665 MB for the grid, more than the worker may use.
    path = _returns_workbook(tmp_path / "SCRIDP" / "wide.xlsx", "AZ400000")
    settings = Settings(isolate_reads=True, read_memory_mb=512)

    result = check_bounded(inbox_file(path, tmp_path), PERIOD, settings)

    assert [(f.rule_id, f.file) for f in result.findings] == [
        ("L0.file.reader_failed", "SCRIDP/wide.xlsx")
    ]
    assert "with memory limited to 512 MB" in result.findings[0].message
    assert result.tables == []


def allocate_a_gigabyte(file: InboxFile, period: Period | None, settings: Settings) -> FileResult:
    """A check that needs 1 GB of memory (run in the worker, by reference)."""
    bytearray(2**30)
    raise AssertionError("the memory cap did not apply")


def test_running_out_of_memory_in_python_is_a_finding_naming_the_cap(tmp_path: Path) -> None:
    file = inbox_file(_returns_workbook(tmp_path / "SCRIDP" / "r.xlsx"), tmp_path)
    settings = Settings(isolate_reads=True, read_memory_mb=600)

    result = check_bounded(file, PERIOD, settings, check=allocate_a_gigabyte)

    assert [(f.rule_id, f.message) for f in result.findings] == [
        (
            "L0.file.reader_failed",
            "The file could not be read: the reader stopped (out of memory above 600 MB); "
            "none of its records was used",
        )
    ]


def test_isolated_and_in_process_reads_give_the_same_result(tmp_path: Path) -> None:
    file = _land_release(tmp_path)

    isolated = check_bounded(file, PERIOD, Settings(isolate_reads=True))
    in_process = check_bounded(file, PERIOD, Settings(isolate_reads=False))

    assert_same(isolated, in_process)
    assert sorted(in_process.tables[0].rejected_by) == [3, 7]
    assert {f.row for f in in_process.findings if f.severity == "error"} == {3, 7}
    assert len(in_process.tables[0].accepted) == 38


def test_isolation_is_set_from_the_environment() -> None:
    on = Settings.from_env({"SDG18_ISOLATE_READS": "true", "SDG18_READ_MEMORY_MB": "2048"})
    off = Settings.from_env({"SDG18_ISOLATE_READS": "0"})

    assert (on.isolate_reads, on.read_memory_mb) == (True, 2048)
    assert (off.isolate_reads, off.read_memory_mb) == (False, 3072)
    assert Settings().isolate_reads is True  # on by default since the Arrow hand-off
    with pytest.raises(ValueError, match="not a yes/no value"):
        Settings.from_env({"SDG18_ISOLATE_READS": "maybe"})


def hang_on_slow(file: InboxFile, period: Period | None, settings: Settings) -> FileResult:
    """A check that never finishes for a file named ``slow…`` (run in the worker, by
    reference) and reads any other file as usual."""
    if Path(file.name).name.startswith("slow"):
        threading.Event().wait()
    return levels_0_1(file, period, settings)


@pytest.mark.parametrize("pooled", [True, False], ids=["in the pool", "read alone"])
def test_a_reader_that_hangs_is_stopped_and_the_other_files_are_read(
    tmp_path: Path, pooled: bool
) -> None:
    slow = inbox_file(_returns_workbook(tmp_path / "SCRIDP" / "slow.xlsx"), tmp_path)
    other = _land_release(tmp_path)
    settings = Settings(isolate_reads=True, read_timeout_s=5, task_workers=2)
    expected = levels_0_1(other, PERIOD, settings)
    warm = check_bounded(other, PERIOD, replace(settings, read_timeout_s=0))  # workers started
    assert_same(warm, expected)

    if pooled:
        with ThreadPoolExecutor(2) as threads:
            hung, read = threads.map(
                lambda f: check_bounded(f, PERIOD, settings, check=hang_on_slow), [slow, other]
            )
    else:
        hung = _check_alone(hang_on_slow, slow, PERIOD, settings)
        read = check_bounded(other, PERIOD, settings, check=hang_on_slow)

    assert [(f.rule_id, f.file, f.message) for f in hung.findings] == [
        (
            "L0.file.read_timeout",
            "SCRIDP/slow.xlsx",
            "The file could not be read: the reader had not finished after 5 seconds; "
            "none of its records was used",
        )
    ]
    assert hung.tables == []
    assert_same(read, expected)  # the other file lost nothing
    assert sum(len(t.accepted) for t in read.tables) == 38


def test_the_read_time_limit_is_set_from_the_environment() -> None:
    assert Settings().read_timeout_s == 600
    assert Settings.from_env({"SDG18_READ_TIMEOUT_S": "30"}).read_timeout_s == 30
