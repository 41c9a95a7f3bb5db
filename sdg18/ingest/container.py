"""What a workbook file really is, from its first bytes and its directory.

An .xlsx is a zip archive holding ``xl/workbook.xml``. An Office compound file
(CFB, also called OLE2) is either a password-protected .xlsx — its streams are
``EncryptionInfo`` and ``EncryptedPackage`` — or a legacy Excel 97-2003
workbook, whose stream is ``Workbook`` (``Book`` before Excel 97). Only the
compound file's directory is read, sector by sector, with every chain bounded
by the file's size, so a damaged or hostile directory cannot loop or allocate.
"""

from __future__ import annotations

import codecs
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from sdg18.ingest.errors import UnreadableFileError

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Sector numbers above this are markers (end of chain, free, FAT sector…).
_MAX_SECTOR = 0xFFFFFFFA
_ENTRY = 128
_SNIFF = 4096


def compound_stream_names(handle: BinaryIO, size: int) -> set[str]:  # noqa: C901 — one format walk
    """Names of the streams and storages in a compound file's directory.

    Raises ValueError when the header or directory is damaged.
    """
    handle.seek(0)
    header = handle.read(512)
    if len(header) < 512 or not header.startswith(CFB_MAGIC):
        raise ValueError("the header is incomplete")
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError(f"sector size 2^{shift} is not valid")
    sector = 1 << shift
    per_sector = sector // 4
    fat_count, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    steps = size // sector + 1  # no chain is longer than the file

    def read_sector(number: int) -> bytes:
        if number > _MAX_SECTOR:
            raise ValueError("a chain points outside the file")
        handle.seek((number + 1) * sector)
        data = handle.read(sector)
        if len(data) < sector:
            raise ValueError("the file ends inside a sector")
        return data

    fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))
    for _ in range(min(difat_count, steps)):
        if first_difat > _MAX_SECTOR:
            break
        entries = struct.unpack(f"<{per_sector}I", read_sector(first_difat))
        fat_sectors += entries[:-1]
        first_difat = entries[-1]
    fat_sectors = fat_sectors[: min(fat_count, steps)]

    def next_sector(number: int) -> int:
        index, slot = divmod(number, per_sector)
        if index >= len(fat_sectors):
            raise ValueError("a chain points outside the allocation table")
        value: int = struct.unpack_from("<I", read_sector(fat_sectors[index]), slot * 4)[0]
        return value

    names: set[str] = set()
    current = first_dir
    for _ in range(steps):
        if current > _MAX_SECTOR:
            return names
        data = read_sector(current)
        for start in range(0, sector, _ENTRY):
            length, kind = struct.unpack_from("<HB", data, start + 64)
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.add(data[start : start + length - 2].decode("utf-16-le", "replace"))
        current = next_sector(current)
    raise ValueError("the directory chain loops")


def _compound(path: Path) -> UnreadableFileError:
    """The finding for a compound file: encrypted, legacy, or not a workbook at all."""
    try:
        with path.open("rb") as handle:
            names = compound_stream_names(handle, path.stat().st_size)
    except (ValueError, struct.error) as error:
        return UnreadableFileError("unreadable", f"a damaged Office 97-2003 file ({error})")
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        return UnreadableFileError("encrypted", "a password-protected workbook")
    if {"Workbook", "Book"} & names:
        return UnreadableFileError("legacy_xls", "an Excel 97-2003 workbook (.xls)")
    return UnreadableFileError(
        "unreadable",
        "an Office 97-2003 file that holds no workbook (perhaps a Word document renamed)",
    )


def _not_a_workbook(start: bytes) -> UnreadableFileError:
    """The finding for a file that is neither a zip nor a compound file."""
    if not start:
        return UnreadableFileError("unreadable", "the file is empty")
    lowered = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")):
        return UnreadableFileError(
            "unreadable", "the file is a web page (HTML) saved under a workbook name"
        )
    encoding = "utf-16" if b"\0" in start else "utf-8"
    try:  # not final: the sniffed bytes may end inside a character
        codecs.getincrementaldecoder(encoding)().decode(start, final=False)
    except UnicodeDecodeError:
        return UnreadableFileError("unreadable", "the file is not an Excel workbook")
    return UnreadableFileError(
        "unreadable", "the file holds plain text (perhaps a CSV file renamed .xlsx)"
    )


def sniff_workbook(path: Path) -> None:
    """Raise UnreadableFileError unless ``path`` is a zip archive holding an Excel workbook.

    Reads the first bytes, then only a compound file's directory or a zip's
    central directory; nothing is inflated.
    """
    with path.open("rb") as stream:
        start = stream.read(_SNIFF)
    if start.startswith(CFB_MAGIC):
        raise _compound(path)
    if not start.startswith(ZIP_MAGIC):
        raise _not_a_workbook(start)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFileError(
            "unreadable",
            "the workbook is incomplete: its zip archive has no valid end "
            "(perhaps the upload or the copy was cut off)",
        ) from error
    if "xl/workbook.xml" not in names:
        raise UnreadableFileError(
            "unreadable",
            "a zip archive that holds no Excel workbook (perhaps another document renamed)",
        )
