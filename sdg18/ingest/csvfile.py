"""Reading a CSV submission: ``<agency>__<dataset>.csv``, UTF-8 (with or without BOM).

UTF-16 with a byte-order mark ("Unicode Text" exports) is decoded too: the mark
makes it unambiguous and nothing is lost. Any other encoding is refused with a
finding that names the line and byte, rather than guessed.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from schemas.reference import AGENCY_BY_CODE
from sdg18.ingest.errors import UnreadableFileError
from sdg18.ingest.names import fold

CSV_DATASETS = "csv_datasets"


def csv_identity(name: str, datasets: dict[str, str]) -> tuple[str, str] | None:
    """(agency, dataset) named by ``<agency>__<dataset>.csv``, or None."""
    stem = Path(name).stem
    if "__" not in stem:
        return None
    agency, _, dataset = stem.partition("__")
    agency = agency.strip().upper()
    found = datasets.get(fold(dataset))
    if agency not in AGENCY_BY_CODE or found is None:
        return None
    return agency, found


def _not_utf8(raw: bytes, error: UnicodeDecodeError) -> UnreadableFileError:
    line = raw.count(b"\n", 0, error.start) + 1
    byte = raw[error.start]
    detail = f"line {line} holds byte 0x{byte:02X}, which is not UTF-8"
    if all(b >= 0xC0 or b < 0x80 for b in raw[error.start : error.start + 8]):
        detail += "; the file seems saved in a Windows code page such as Cyrillic (CP1251)"
    return UnreadableFileError("csv_encoding", detail)


def decode_csv(raw: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not) or UTF-16 with a BOM; else UnreadableFileError."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFileError(
                "csv_encoding", f"damaged UTF-16 text ({error.reason})"
            ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(raw, error) from error
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        detail = f"line {line} holds NUL characters: it looks like UTF-16 without a byte-order mark"
        raise UnreadableFileError("csv_encoding", detail)
    return text


def read_csv_grid(path: Path) -> list[list[str]]:
    """The CSV as a grid of strings, one list per physical line (blank lines kept).

    Records spanning several lines (quoted line breaks) keep their first line's
    number by padding with blank rows, so ``grid[i]`` is line ``i + 1``.
    """
    text = decode_csv(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[list[str]] = []
    try:
        for record in reader:
            grid.append(list(record))
            while len(grid) < reader.line_num:
                grid.append([])
    except csv.Error as error:
        raise UnreadableFileError("unreadable", f"line {reader.line_num}: {error}") from error
    return grid
