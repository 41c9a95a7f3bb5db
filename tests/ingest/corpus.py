"""The hostile and broken file corpus, built by code in a test's temporary folder.

Each builder writes one small file that shows one way a submission goes wrong
(or looks wrong and is not). Workbooks are written by a minimal .xlsx writer
that streams hand-written XML into the zip, so a sheet of a million rows takes
seconds and the bytes say exactly what is being tested; legacy ``.xls`` and
encrypted workbooks are written by a minimal compound-file (CFB/OLE2) writer.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sdg18.ingest.cells import column_letters
from tests.validation.contract_rows import VALID

PERIOD_NAME = "2026Q1"

# ---- a minimal .xlsx writer ------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MACRO_BOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


class Raw(str):
    """Cell XML written as given (an error cell, a formula), not as a value."""


def cell_xml(ref: str, value: Any) -> str:
    """One cell: text as an inline string, numbers as numbers, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value.format(ref=ref)
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def rows_xml(rows: Iterable[Sequence[Any]], first: int = 1) -> Iterator[bytes]:
    """``<row>`` elements for ``rows``, numbered from ``first``."""
    letters = [column_letters(i) for i in range(64)]
    for number, row in enumerate(rows, first):
        cells = "".join(cell_xml(f"{letters[i]}{number}", v) for i, v in enumerate(row))
        yield f'<row r="{number}">{cells}</row>'.encode()


def _content_types(sheets: int, macro: bool, extra: dict[str, str]) -> bytes:
    book = _MACRO_BOOK_TYPE if macro else _BOOK_TYPE
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{book}"/>']
    overrides += [
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
        for n in range(1, sheets + 1)
    ]
    overrides += [f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in extra.items()]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        + "".join(overrides)
        + "</Types>"
    ).encode()


def write_xlsx(
    path: Path,
    sheets: dict[str, Iterable[bytes]],
    *,
    macro: bool = False,
    parts: dict[str, tuple[bytes, str]] | None = None,
    book_rels: Sequence[tuple[str, str]] = (),
    level: int = 6,
) -> Path:
    """Write a workbook whose sheets are the given ``<row>`` elements, streamed.

    ``parts`` adds parts (path → bytes and content type); ``book_rels`` adds
    relationships of the workbook part (type, target); ``level`` is the deflate level.
    """
    extra = parts or {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, True, level) as archive:
        types = {name: kind for name, (_, kind) in extra.items() if kind}
        archive.writestr("[Content_Types].xml", _content_types(len(sheets), macro, types))
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(sheets, 1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_REL}"><sheets>{entries}</sheets></workbook>',
        )
        rels = [
            f'<Relationship Id="rId{n}" Type="{_DOC_REL}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        ]
        rels += [
            f'<Relationship Id="rIdX{n}" Type="{kind}" Target="{target}"/>'
            for n, (kind, target) in enumerate(book_rels, 1)
        ]
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG_REL}">{"".join(rels)}</Relationships>',
        )
        for n, rows in enumerate(sheets.values(), 1):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as part:
                part.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
                batch: list[bytes] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) == 10_000:
                        part.write(b"".join(batch))
                        batch.clear()
                part.write(b"".join(batch) + b"</sheetData></worksheet>")
        for name, (data, _) in extra.items():
            archive.writestr(name, data)
    return path


def records(dataset: str, count: int, key: str = "", prefix: str = "X") -> list[dict[str, Any]]:
    """``count`` valid records of ``dataset`` (period 2026Q1), ``key`` numbered."""
    return [{**VALID[dataset], **({key: f"{prefix}-{n}"} if key else {})} for n in range(count)]


def dataset_rows(dataset: str, rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The header and one row per record, in the contract's column order."""
    header = list(VALID[dataset])
    yield from rows_xml([header])
    yield from rows_xml(([row.get(c) for c in header] for row in rows), first=2)


def dataset_book(
    path: Path,
    dataset: str,
    rows: Iterable[dict[str, Any]],
    submission: dict[str, Any] | None = None,
    **options: Any,
) -> Path:
    """A workbook with one dataset sheet (and a submission sheet if given)."""
    sheets: dict[str, Iterable[bytes]] = {dataset: dataset_rows(dataset, rows)}
    if submission is not None:
        sheets["submission"] = rows_xml([[k, v] for k, v in submission.items()])
    return write_xlsx(path, sheets, **options)


# ---- a minimal compound file (CFB / OLE2) writer -----------------------------------------

_SECTOR = 512
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def _dir_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        _NONE,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A version-3 compound file holding ``streams`` in the root storage.

    Streams are padded to 4,096 bytes so that all live in regular sectors (no
    mini stream); sector 0 is the FAT, sector 1 the directory.
    """
    body = b""
    chains: list[tuple[int, int]] = []
    fat = [_FAT, _END]
    for data in streams.values():
        data = data.ljust(4096, b"\0")
        start, count = len(fat), -(-len(data) // _SECTOR)
        fat += [*range(start + 1, start + count), _END]
        chains.append((start, len(data)))
        body += data.ljust(count * _SECTOR, b"\0")
    if len(fat) > _SECTOR // 4 or len(streams) > 3:
        raise ValueError("the minimal writer holds up to 3 streams in 64 KB")
    names = list(streams)
    entries = _dir_entry("Root Entry", 5, 1 if names else _NONE, _NONE, _END, 0)
    for n, (start, size) in enumerate(chains):
        right = n + 2 if n + 1 < len(names) else _NONE
        entries += _dir_entry(names[n], 2, _NONE, right, start, size)
    entries = entries.ljust(_SECTOR, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        CFB_MAGIC,
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,
        _END,
        0,
        _END,
        0,
    )
    header += struct.pack("<109I", 0, *[_FREE] * 108)
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *fat, *[_FREE] * (_SECTOR // 4 - len(fat)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + fat_sector + entries + body)
    return path


#: A BIFF8 beginning-of-file record, as a legacy workbook stream starts.
BIFF8_BOF = bytes.fromhex("0908100000060500") + b"\0" * 12


# ---- the corpus ------------------------------------------------------------------------


def truncated_zip(path: Path) -> Path:
    """A valid workbook cut in half, as when an upload or a copy stops early."""
    dataset_book(path, "returns", records("returns", 50, "return_id"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def renamed_text(path: Path) -> Path:
    """A CSV export saved under a name ending in .xlsx."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ",".join(VALID["returns"])
    path.write_text(f"{header}\nR-1,2026-03-10,Şuşa,Şuşa,20,81\n", encoding="utf-8")
    return path


def legacy_xls(path: Path) -> Path:
    """An Excel 97-2003 workbook: a compound file with a ``Workbook`` stream."""
    summary = b"\xfe\xff" + b"\0" * 46
    return write_cfb(path, {"Workbook": BIFF8_BOF, "\x05SummaryInformation": summary})


def encrypted_workbook(path: Path) -> Path:
    """A password-protected .xlsx: a compound file with the encrypted package."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>"  # agile encryption header
    package = struct.pack("<Q", 9000) + os.urandom(64)
    return write_cfb(path, {"EncryptionInfo": info, "EncryptedPackage": package})


def word_document(path: Path) -> Path:
    """A Word 97-2003 document (a compound file without a workbook) renamed .xlsx."""
    return write_cfb(path, {"WordDocument": b"\xec\xa5" + b"\0" * 30})


def deflate_bomb(path: Path, inflated_mb: int, filler: bytes = b'<row r="2"></row>') -> Path:
    """A sheet that inflates to ``inflated_mb`` MB of ``filler`` while the file stays ~1 MB.

    The deflate stream repeats one independently compressed 1 MB block (a full
    flush between blocks), so the file is written without compressing gigabytes.
    The zip entry declares its true size and CRC, as a well-made bomb does.
    """
    block = filler * (2**20 // len(filler))
    block += b" " * (2**20 - len(block))
    head = f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    pieces = [head, *[block] * inflated_mb, tail]
    stream, crc = b"", 0
    for n, piece in enumerate(pieces):
        if n < 2 or n == len(pieces) - 1:  # the repeated block is compressed once
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            end = zlib.Z_FINISH if n == len(pieces) - 1 else zlib.Z_FULL_FLUSH
            unit = compressor.compress(piece) + compressor.flush(end)
        stream += unit
        crc = zlib.crc32(piece, crc)
    sheet = "xl/worksheets/sheet1.xml"
    dataset_book(path, "returns", records("returns", 1))
    with zipfile.ZipFile(path) as original:
        others = {n: original.read(n) for n in original.namelist() if n != sheet}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, data in others.items():
            packed.writestr(name, data)
        # A stored placeholder of the stream's length, patched in place below.
        packed.writestr(zipfile.ZipInfo(sheet), b"\0" * len(stream), zipfile.ZIP_STORED)
    size = len(head) + inflated_mb * 2**20 + len(tail)
    _patch_entry(path, sheet, stream, crc, size)
    return path


def _patch_entry(path: Path, name: str, deflated: bytes, crc: int, size: int) -> None:
    """Put ``deflated`` over the stored placeholder of ``name``, with its CRC and size."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    start = local + 30 + sum(struct.unpack_from("<HH", data, local + 26))
    data[start : start + len(deflated)] = deflated
    central = struct.unpack_from("<I", data, data.rfind(b"PK\x05\x06") + 16)[0]
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central += 46 + sum(struct.unpack_from("<HHH", data, central + 28))
    for method_at, crc_at in ((local + 8, local + 14), (central + 10, central + 16)):
        struct.pack_into("<H", data, method_at, zipfile.ZIP_DEFLATED)
        struct.pack_into("<III", data, crc_at, crc, len(deflated), size)
    path.write_bytes(bytes(data))


def stray_last_cell(path: Path) -> Path:
    """Two valid rows and one stray cell at XFD1048576, the last address of a sheet."""
    rows = list(dataset_rows("returns", records("returns", 2, "return_id")))
    stray = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return write_xlsx(path, {"returns": [*rows, stray]})


def unclosed_error_cells(path: Path, count: int = 100_000) -> Path:
    """Two valid rows, then one row of ``count`` error cells (``t="e"``) that are never
    closed: 1.6 MB of XML in a 5 KB file. A scan that sought each cell's start or end
    as far as the end (or start) of its block took time growing with ``count`` squared
    (a quarter of an hour for 100,000 on the development machine)."""
    rows = list(dataset_rows("returns", records("returns", 2, "return_id")))
    unclosed = b'<row r="4">' + b'<c r="A4" t="e">' * count + b"</row>"
    return write_xlsx(path, {"returns": [*rows, unclosed]})


def formula_and_error_cells(path: Path) -> Path:
    """Rows 3 and 4 hold a formula never calculated and an Excel error (#REF!)."""
    good = records("returns", 3, "return_id")
    good[1]["persons"] = Raw('<c r="{ref}"><f>SUM(E3*4)</f></c>')
    good[2]["households"] = Raw('<c r="{ref}" t="e"><f>#REF!*2</f><v>#REF!</v></c>')
    return dataset_book(path, "returns", good)


def utf16_csv(path: Path) -> Path:
    """A valid CSV saved as 'Unicode Text' style UTF-16 with a byte-order mark."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_returns_csv_text(2).encode("utf-16"))
    return path


def utf16_csv_without_bom(path: Path) -> Path:
    """UTF-16 (little-endian) without a byte-order mark: every other byte is zero."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_returns_csv_text(2).encode("utf-16-le"))
    return path


def cp1251_csv(path: Path) -> Path:
    """A CSV saved in Windows Cyrillic (CP1251): its Cyrillic bytes are not UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _returns_csv_text(1) + "R-9,2026-03-11,Шуша,Центр,1,2\n"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    return path


def _returns_csv_text(count: int) -> str:
    header = ",".join(VALID["returns"])
    lines = [f"R-{n},2026-03-10,Susa,Susa,20,81" for n in range(count)]
    return "\n".join([header, *lines]) + "\n"


def million_rows(path: Path, count: int = 1_000_000) -> Path:
    """``count`` valid eo_items records in one sheet (the row XML from one template)."""
    header = list(VALID["eo_items"])
    template = b"".join(
        cell_xml(f"{column_letters(i)}%(n)d", value).encode()
        for i, value in enumerate(VALID["eo_items"].values())
    )
    row = b'<row r="%(n)d">' + template + b"</row>"

    def rows() -> Iterator[bytes]:
        yield from rows_xml([header])
        for n in range(2, count + 2):
            yield row % {b"n": n}

    return write_xlsx(path, {"eo_items": rows()}, level=1)


def styled_row_at_the_bottom(path: Path) -> Path:
    """Ten valid records, then an empty but formatted row at r=1,000,000."""
    rows = list(dataset_rows("returns", records("returns", 10, "return_id")))
    styled = b'<row r="1000000" s="1" customFormat="1"><c r="A1000000" s="1"/></row>'
    return write_xlsx(path, {"returns": [*rows, styled]})


def macro_workbook(path: Path) -> Path:
    """An .xlsm with a VBA project part: its values are read, its macros never run."""
    vba = path.with_suffix(".vba")
    write_cfb(vba, {"dir": b'Attribute VB_Name = "Module1"\nShell "calc.exe"'})
    project = vba.read_bytes()
    vba.unlink()
    parts = {"xl/vbaProject.bin": (project, "application/vnd.ms-office.vbaProject")}
    kind = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    rows = records("returns", 2, "return_id")
    rels = [(kind, "vbaProject.bin")]
    return dataset_book(path, "returns", rows, macro=True, parts=parts, book_rels=rels)


def external_link_workbook(path: Path, target: Path) -> Path:
    """A formula reading another workbook: its saved value is used, the link never followed."""
    rows = records("returns", 2, "return_id")
    rows[1]["persons"] = Raw('<c r="{ref}"><f>[1]Sheet1!A1</f><v>81</v></c>')
    link = (
        f'<externalLink xmlns="{_MAIN}"><externalBook xmlns:r="{_DOC_REL}" r:id="rId1">'
        '<sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    ).encode()
    link_rels = (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_DOC_REL}/externalLinkPath" Target="{target.as_uri()}" '
        'TargetMode="External"/></Relationships>'
    ).encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
    parts = {
        "xl/externalLinks/externalLink1.xml": (link, kind),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (link_rels, ""),
    }
    rel = (f"{_DOC_REL}/externalLink", "externalLinks/externalLink1.xml")
    return dataset_book(path, "returns", rows, parts=parts, book_rels=[rel])
