"""Reading files faithfully: headers, aliases, origins, text kept as text, file problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd

from sdg18.core.settings import Settings
from sdg18.ingest.discover import discover, inbox_file
from sdg18.ingest.read import FileRead, read_file
from sdg18.validation.records import validate_table

SETTINGS = Settings()


def _period_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "2026Q1" / "MOH"
    folder.mkdir(parents=True)
    return folder


def test_azerbaijani_headers_origins_and_text_as_found(tmp_path: Path) -> None:
    folder = _period_dir(tmp_path)
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Qeydlər"
    sheet = book.create_sheet("Victim-Assistance")
    sheet.append(["  Xidmət ID ", "Survivor", "Xidmət tarixi", "XIDMƏT_NÖVÜ", "Təminatçı", "Qeyd"])
    sheet.append(["0001", "C-7", dt.date(2026, 2, 3), "medical", "Clinic", "x"])
    sheet.append([None] * 6)  # a blank row is ignored, its number is not reused
    sheet.append([17, "C-8", "05.03.2026", "Psychosocial ", " Clinic ", None])
    book.save(folder / "moh.xlsx")

    (file,) = discover(tmp_path / "2026Q1")
    read = read_file(file, SETTINGS)

    assert file.name == "MOH/moh.xlsx"
    assert read.agency == "MOH"
    (table,) = read.tables
    assert table.dataset == "victim_assistance"
    assert table.source.sheet == "Victim-Assistance"
    assert list(validate_table(table, None).typed.index) == [2, 4]  # row 3 was blank
    assert table.raw.loc[2, "service_id"] == "0001"
    assert table.raw.loc[4, "service_id"] == 17
    assert table.raw.loc[4, "service_type"] == "Psychosocial "
    assert table.letters["service_date"] == "C"
    assert table.cell(4, "provider") == "E4"
    assert [(f.rule_id, f.value, f.cell) for f in read.findings + table.findings] == [
        ("L0.file.ignored_sheet", "Qeydlər", ""),
        ("L0.victim_assistance.unknown_column", "Qeyd", "F1"),
    ]


def test_missing_required_column_rejects_the_sheet(tmp_path: Path) -> None:
    folder = _period_dir(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "casualties"
    sheet.append(["casualty_id", "incident_id", "district"])
    sheet.append(["C-1", "I-1", "Ağdam"])
    book.save(folder / "c.xlsx")

    read = read_file(inbox_file(folder / "c.xlsx", tmp_path / "2026Q1"), SETTINGS)

    (table,) = read.tables
    missing = [f.column for f in table.findings if f.rule_id == "L0.casualties.missing_column"]
    assert missing == ["incident_date", "outcome", "sex", "status", "device_type", "received_eore"]
    assert table.rejected_by == "L0.casualties.missing_column"
    assert len(table.raw) == 1  # kept, to be written to the rejected records


def test_csv_lines_and_bom(tmp_path: Path) -> None:
    folder = tmp_path / "2026Q1" / "SCRIDP"
    folder.mkdir(parents=True)
    text = (
        "return_id,return_date,district,settlement,households,persons\n"
        '0007,2026-01-15,Şuşa,"Şuşa, centre\nblock 2",3,12\n'
        "\n"
        "0008,15.01.2026,Shusha,Malıbəyli,2,7\n"
    )
    path = folder / "SCRIDP__returns.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())

    read = read_file(inbox_file(path, tmp_path / "2026Q1"), SETTINGS)

    (table,) = read.tables
    assert read.agency == "SCRIDP"
    assert list(validate_table(table, None).typed.index) == [2, 5]
    assert table.raw.loc[2, "return_id"] == "0007"
    assert table.raw.loc[2, "settlement"] == "Şuşa, centre\nblock 2"
    assert table.cell(5, "persons") == ""


def test_file_problems_are_level_0_findings(tmp_path: Path) -> None:
    folder = _period_dir(tmp_path)
    (folder / "notes.txt").write_text("hello")
    (folder / "renamed.xlsx").write_text("not a workbook")
    (folder / "truncated.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "legacy_or_encrypted.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"0" * 64)
    (folder / "returns.csv").write_text("return_id\n1\n")
    (folder / "MOH__casualties.csv").write_bytes("casualty_id\nŞ1\n".encode("cp1251", "replace"))
    (folder / "MOH__casualties.csv").write_bytes(b"casualty_id\n\xc7\xe0\n")

    found = {
        file.path.name: [(f.rule_id, f.file) for f in read_file(file, SETTINGS).findings]
        for file in discover(tmp_path / "2026Q1")
    }

    assert found == {
        "notes.txt": [("L0.file.unsupported_type", "MOH/notes.txt")],
        "renamed.xlsx": [("L0.file.unreadable", "MOH/renamed.xlsx")],
        "truncated.xlsx": [("L0.file.unreadable", "MOH/truncated.xlsx")],
        # A compound-file signature with no directory behind it: damaged, neither
        # encrypted nor legacy (tests/ingest/test_hostile.py has the real ones).
        "legacy_or_encrypted.xlsx": [("L0.file.unreadable", "MOH/legacy_or_encrypted.xlsx")],
        "returns.csv": [("L0.file.csv_name", "MOH/returns.csv")],
        "MOH__casualties.csv": [("L0.file.csv_encoding", "MOH/MOH__casualties.csv")],
    }


def test_a_row_of_spaces_is_a_blank_row(tmp_path: Path) -> None:
    from sdg18.cli.validate import check_one
    from sdg18.core.periods import Period
    from tests.validation.contract_rows import VALID

    folder = tmp_path / "SCRIDP"
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "returns"
    sheet.append(list(VALID["returns"]))
    sheet.append(["  ", " ", "", "   ", " ", " "])
    sheet.append(list(VALID["returns"].values()))
    book.save(folder / "r.xlsx")

    result = check_one(folder / "r.xlsx", Period(2026, 1), SETTINGS)

    assert result.findings == []
    assert list(result.tables[0].accepted.index) == [3]


def _findings(read: FileRead) -> list[tuple[str, str, str]]:
    found = [*read.findings, *(f for table in read.tables for f in table.findings)]
    return [(f.rule_id, f.file, f.message) for f in found]


def test_a_read_ahead_gives_what_reading_gives(tmp_path: Path) -> None:
    """``sdg18 validate`` reads its one workbook in a thread while it loads the contract:
    the tables and findings taken from that read are those of reading in turn; a
    damaged workbook's error reaches the caller as the same finding; and a read of other
    sheets or limits is not taken (the file is read again)."""
    from sdg18.ingest.workbook import ReadAhead, wanted_sheets, workbook_limits

    folder = _period_dir(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "casualties"
    sheet.append(["casualty_id", "incident_date", "district"])
    sheet.append(["C-1", dt.date(2026, 1, 5), "Ağdam"])
    sheet.append(["C-2", "07.02.2026", "Füzuli"])
    book.create_sheet("Notes").append(["not read"])
    book.save(folder / "moh.xlsx")
    (folder / "damaged.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    root = tmp_path / "2026Q1"
    good, damaged = (inbox_file(folder / name, root) for name in ("moh.xlsx", "damaged.xlsx"))
    limits = workbook_limits(SETTINGS)

    ahead = ReadAhead(good.path, wanted_sheets(), limits)
    taken, direct = read_file(good, SETTINGS, ahead), read_file(good, SETTINGS)

    assert len(taken.tables) == len(direct.tables) == 1
    pd.testing.assert_frame_equal(taken.tables[0].raw, direct.tables[0].raw)
    assert taken.tables[0].raw.loc[3, "incident_date"] == "07.02.2026"
    assert _findings(taken) == _findings(direct)
    assert _findings(taken)[0][:2] == ("L0.file.ignored_sheet", "MOH/moh.xlsx")
    ahead_of_damaged = ReadAhead(damaged.path, wanted_sheets(), limits)
    assert _findings(read_file(damaged, SETTINGS, ahead_of_damaged)) == _findings(
        read_file(damaged, SETTINGS)
    )
    assert _findings(read_file(damaged, SETTINGS))[0][0] == "L0.file.unreadable"
    other = ReadAhead(good.path, {"casualties"}, limits)  # no submission sheet: not this read
    assert not other.reads(good.path, wanted_sheets(), limits)
    assert _findings(read_file(good, SETTINGS, other)) == _findings(direct)
