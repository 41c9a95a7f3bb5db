"""Reading a CSV submission: ``<agency>__<dataset>.csv``, UTF-8 (with or without BOM)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from schemas.reference import AGENCY_BY_CODE
from sdg18.ingest.names import fold

CSV_DATASETS = "csv_datasets"


class CsvError(Exception):
    """The CSV cannot be read; ``check`` names the level-0 rule."""

    def __init__(self, check: str, detail: str) -> None:
        super().__init__(detail)
        self.check = check
        self.detail = detail


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


def read_csv_grid(path: Path) -> list[list[str]]:
    """The CSV as a grid of strings, one list per physical line (blank lines kept).

    Records spanning several lines (quoted line breaks) keep their first line's
    number by padding with blank rows, so ``grid[i]`` is line ``i + 1``.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvError("csv_encoding", f"byte {error.start} is not UTF-8") from error
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
        raise CsvError("unreadable", f"line {reader.line_num}: {error}") from error
    return grid
