"""The file cache: a file's levels 0–1 result kept under its key and taken back whole."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import InboxFile, inbox_file
from sdg18.run import filecache
from sdg18.run.filecache import ENTRY_PREFIX, cache_folder, entry_path, keep, read_and_validate
from sdg18.synthetic import write_land_release_workbook
from sdg18.validation.files import READ_TIMEOUT, FileResult, read_timed_out
from sdg18.validation.handoff import loads
from sdg18.validation.isolation import close_readers
from tests.validation.test_isolation import assert_same

PERIOD = Period(2026, 1)
IN_PROCESS = Settings(isolate_reads=False)


@pytest.fixture(autouse=True, scope="module")
def _stop_workers() -> Iterator[None]:
    yield
    close_readers()


def _land_release(root: Path) -> InboxFile:
    """ANAMA's workbook of 12 tasks; Excel row 4's area_m2 is -5 (one L1 finding)."""
    path = write_land_release_workbook(root / "ANAMA" / "land_release.xlsx", 12, period=PERIOD)
    book = openpyxl.load_workbook(path)
    book["land_release"]["F4"] = -5
    book.save(path)
    return inbox_file(path, root)


def _findings(result: FileResult) -> list[tuple[str, str, int | None]]:
    return [(f.rule_id, f.file, f.row) for f in result.findings]


def test_a_file_is_parsed_once_then_taken_from_its_entry(tmp_path: Path) -> None:
    file = _land_release(tmp_path / "inbox")
    out = tmp_path / "out"
    cache = out / ".cache"
    announced: list[InboxFile] = []

    first, parsed = read_and_validate(file, PERIOD, IN_PROCESS, out, announced.append)
    assert parsed is True
    assert [f.name for f in announced] == ["ANAMA/land_release.xlsx"]
    assert _findings(first) == [("L1.land_release.area_m2.positive", "ANAMA/land_release.xlsx", 4)]
    (entry,) = cache.iterdir()
    assert entry.name.startswith(ENTRY_PREFIX)
    assert entry == entry_path(cache, file, PERIOD, IN_PROCESS)

    # The same bytes under the same name in another inbox (a later run's copy): from the entry,
    # nothing announced, the result the same, pointing at the file this run discovered.
    shutil.copytree(tmp_path / "inbox", tmp_path / "later")
    later = inbox_file(tmp_path / "later" / "ANAMA" / "land_release.xlsx", tmp_path / "later")
    again, parsed = read_and_validate(later, PERIOD, IN_PROCESS, out, announced.append)
    assert parsed is False
    assert len(announced) == 1
    assert again.read.file == later
    assert_same(again, first)
    assert len(again.tables[0].accepted) == 11
    assert list(again.tables[0].rejected_rows) == [4]


def test_another_period_or_changed_bytes_is_parsed_again(tmp_path: Path) -> None:
    file = _land_release(tmp_path / "inbox")
    out, cache = tmp_path, cache_folder(tmp_path)
    assert read_and_validate(file, PERIOD, IN_PROCESS, out)[1] is True
    assert read_and_validate(file, Period(2026, 2), IN_PROCESS, out)[1] is True
    book = openpyxl.load_workbook(file.path)
    book["land_release"]["F4"] = 12.5  # the agency corrects the row
    book.save(file.path)
    corrected = inbox_file(file.path, tmp_path / "inbox")
    result, parsed = read_and_validate(corrected, PERIOD, IN_PROCESS, out)
    assert parsed is True
    assert result.findings == []
    assert len(list(cache.iterdir())) == 3


def test_a_damaged_entry_is_read_again_and_replaced(tmp_path: Path) -> None:
    file = _land_release(tmp_path / "inbox")
    out, cache = tmp_path, cache_folder(tmp_path)
    read_and_validate(file, PERIOD, IN_PROCESS, out)
    entry = entry_path(cache, file, PERIOD, IN_PROCESS)
    entry.write_bytes(entry.read_bytes()[:1000])  # cut short, as by a full disk
    result, parsed = read_and_validate(file, PERIOD, IN_PROCESS, out)
    assert parsed is True
    assert _findings(result) == [("L1.land_release.area_m2.positive", "ANAMA/land_release.xlsx", 4)]
    assert_same(loads(entry.read_bytes()), result)
    assert [p.name for p in cache.iterdir()] == [entry.name]  # no partial entry left


def test_a_timed_out_read_is_not_kept(tmp_path: Path) -> None:
    file = _land_release(tmp_path / "inbox")
    entry = entry_path(tmp_path / ".cache", file, PERIOD, IN_PROCESS)
    timed_out = read_timed_out(file, 30)
    assert [f.rule_id for f in timed_out.findings] == [READ_TIMEOUT]
    assert keep(entry, timed_out) is False
    assert not entry.parent.exists()


def test_a_cache_that_cannot_be_written_costs_only_the_saving(tmp_path: Path) -> None:
    file = _land_release(tmp_path / "inbox")
    out, cache = tmp_path, cache_folder(tmp_path)
    cache.write_text("a file where the folder should be")
    result, parsed = read_and_validate(file, PERIOD, IN_PROCESS, out)
    assert parsed is True
    assert _findings(result) == [("L1.land_release.area_m2.positive", "ANAMA/land_release.xlsx", 4)]
    assert read_and_validate(file, PERIOD, IN_PROCESS, out)[1] is True  # nothing kept


def test_an_isolated_read_keeps_the_bytes_its_worker_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _land_release(tmp_path / "inbox")
    out, cache = tmp_path, cache_folder(tmp_path)
    isolated = replace(IN_PROCESS, isolate_reads=True)

    def no_second_serialisation(result: object) -> bytes:
        raise AssertionError("the worker's bytes should have been kept")

    monkeypatch.setattr(filecache, "dumps", no_second_serialisation)
    result, parsed = read_and_validate(file, PERIOD, isolated, out)
    assert parsed is True
    entry = entry_path(cache, file, PERIOD, isolated)
    assert_same(loads(entry.read_bytes()), result)
    assert read_and_validate(file, PERIOD, isolated, out)[1] is False
