"""Writing cells with openpyxl so that agency text stays text.

openpyxl turns any string that starts with ``=`` into a formula and the strings
``#REF!``, ``#N/A``, … into error cells. Every workbook sdg18 writes goes through
:func:`set_text` or :func:`put_value`, which store a string as a literal inline
string (and mark it with Excel's leading-apostrophe flag when it looks like a
formula), so a value an agency typed is never evaluated by whoever opens the file.

The styles every workbook shares live here too — one named font family, the header
fills — and the helpers that fit a table to its text (widths, wrapped columns, row
heights tall enough for the wrapped text, which LibreOffice does not compute itself).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from numbers import Integral, Real

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

#: Fills shared by the reports (ARGB colours).
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
ERROR_FILL = PatternFill("solid", fgColor="FFF4B6B6")
WARNING_FILL = PatternFill("solid", fgColor="FFFFE08A")
INFO_FILL = PatternFill("solid", fgColor="FFE0E0E0")
#: The one font family of the workbooks: Excel's default, which carries every Azerbaijani
#: letter. Every style names it, so no program falls back to its own default (a serif in
#: LibreOffice); LibreOffice prints it as Carlito, metric-compatible, when that is
#: installed and otherwise as fontconfig's match for Calibri (DejaVu Sans).
FONT_NAME = "Calibri"
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEXT_FORMAT = "@"

MIN_WIDTH = 8
MAX_WIDTH = 60
#: Text columns wider than this are wrapped at this width (so that a page holds the table).
WRAP_WIDTH = 40
#: The widest a column kept on one line grows: a SHA-256 in hex (64 characters).
HASH_WIDTH = 66
#: Height of one line of text in a row, in points.
LINE_HEIGHT = 15.0

# Characters XML 1.0 cannot carry (openpyxl refuses them); tab, LF and CR are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A first character that makes Excel (or another spreadsheet) read the entry as a formula.
_FORMULA_START = ("=", "+", "-", "@")
# Excel keeps at most this many characters in a cell.
_MAX_CELL_CHARS = 32_767


def clean_text(value: str) -> str:
    """``value`` with characters a workbook cannot hold replaced by U+FFFD, cut to Excel's limit."""
    return _ILLEGAL.sub("\ufffd", value)[:_MAX_CELL_CHARS]


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would read ``value`` as a formula or an error value."""
    return value.startswith(_FORMULA_START) or value.strip().upper() in ERROR_CODES


def set_text(cell: Cell, value: str) -> Cell:
    """Store ``value`` in ``cell`` as a literal string: never a formula nor an error value.

    An empty string leaves the cell blank.
    """
    text = clean_text(str(value))
    if not text:
        cell.value = None
        return cell
    cell.value = text
    # openpyxl has just inferred "f" or "e" from the text; the writer emits an inline
    # string for "s", whatever the text looks like.
    cell.data_type = "s"
    if looks_like_formula(text):
        # Excel's leading apostrophe: the cell stays text even after the user edits it.
        cell.quotePrefix = True
    return cell


def put_value(cell: Cell, value: object) -> Cell:
    """Store ``value`` natively when it is a number, bool or date, blank when missing, else as text.

    A timezone-aware instant is written as ISO 8601 text, since Excel dates carry no zone.
    """
    if value is None or _is_missing(value):
        cell.value = None
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, Integral):
        cell.value = int(value)
    elif isinstance(value, Decimal | Real):
        cell.value = float(value)
    elif isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return set_text(cell, value.isoformat())
        cell.value = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        cell.number_format = DATE_FORMAT if _is_midnight(value) else DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        return set_text(cell, str(value))
    return cell


def text_cell(ws: Worksheet, value: str) -> Cell:
    """A cell for a write-only sheet holding ``value`` as a literal string."""
    cell = WriteOnlyCell(ws)
    set_text(cell, value)
    return cell


def value_cell(ws: Worksheet, value: object) -> Cell:
    """A cell for a write-only sheet holding ``value`` as :func:`put_value` stores it."""
    cell = WriteOnlyCell(ws)
    put_value(cell, value)
    return cell


def cell_at(ws: Worksheet, row: int, column: int) -> Cell:
    """The writable cell at ``row``, ``column``; ``ValueError`` inside a merged range."""
    cell = ws.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        raise ValueError(f"{ws.title}!{cell.coordinate} lies inside a merged range")
    return cell


def write_row(ws: Worksheet, row: int, values: Iterable[object], *, first_column: int = 1) -> int:
    """Write ``values`` across ``row`` with :func:`put_value`; return the row number."""
    for offset, value in enumerate(values):
        put_value(cell_at(ws, row, first_column + offset), value)
    return row


def append_rows(ws: Worksheet, rows: Iterable[Sequence[object]]) -> int:
    """Append ``rows`` below the sheet's last used row; return the last row written."""
    row = ws.max_row if ws.max_row > 1 or ws.cell(1, 1).value is not None else 0
    for values in rows:
        row += 1
        write_row(ws, row, values)
    return row


def style_header(
    ws: Worksheet, *, row: int = 1, freeze: bool = True, autofilter: bool = True
) -> None:
    """Make ``row`` a bold, filled header; freeze the sheet below it and filter its columns."""
    last_column = ws.max_column
    for column in range(1, last_column + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top")
    if freeze:
        ws.freeze_panes = f"A{row + 1}"
    if autofilter and ws.max_row >= row:
        ws.auto_filter.ref = f"A{row}:{get_column_letter(last_column)}{max(ws.max_row, row)}"


def fit_widths(
    ws: Worksheet,
    *,
    minimum: int = MIN_WIDTH,
    maximum: int = MAX_WIDTH,
    last_row: int | None = None,
) -> None:
    """Set every used column's width to its longest line of content, kept within bounds.

    Only rows up to ``last_row`` (all rows when None) are measured.
    """
    widths: dict[int, int] = {}
    for cells in ws.iter_rows(max_row=last_row):
        for cell in cells:
            if cell.value is None:
                continue
            length = _display_length(cell.value)
            column = cell.column
            if isinstance(column, int):
                widths[column] = max(widths.get(column, 0), length)
    for column, length in widths.items():
        width = min(max(length + 2, minimum), maximum)
        ws.column_dimensions[get_column_letter(column)].width = width


def fit_columns(
    ws: Worksheet,
    header_row: int = 1,
    *,
    wrap_over: int = MAX_WIDTH,
    whole: Collection[int] = (),
) -> None:
    """Fit a table whose header is ``header_row``: each column as wide as its longest value
    below the header (and its header's longest word), within bounds; a column whose text
    is longer than ``wrap_over`` is that wide and wraps its text, except the ``whole``
    columns (hashes, paths), kept on one line. Rows, the header's included, are made tall enough
    for their wrapped text, since LibreOffice does not grow them when it opens the file.
    """
    widths: dict[int, int] = {}
    for cells in ws.iter_rows(min_row=header_row):
        for cell in cells:
            if cell.value is None or not isinstance(cell.column, int):
                continue
            if cell.row == header_row:
                words = str(cell.value).split() or [""]
                length = max(len(word) for word in words)
            elif isinstance(cell.value, float):
                length = len(f"{cell.value:,.2f}")
            else:
                length = _display_length(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    wrapped = []
    for column, length in widths.items():
        limit = HASH_WIDTH if column in whole else wrap_over
        ws.column_dimensions[get_column_letter(column)].width = min(
            max(length + 2, MIN_WIDTH), limit
        )
        if length + 2 > limit and column not in whole:
            wrapped.append(column)
            for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=column, max_col=column):
                horizontal = cell.alignment.horizontal
                cell.alignment = Alignment(horizontal=horizontal, wrap_text=True, vertical="top")
    fit_heights(ws, list(widths), first_row=header_row, last_row=header_row)
    if wrapped:
        fit_heights(ws, wrapped, first_row=header_row + 1)


def text_lines(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a column ``width`` characters wide (a word-wrap
    estimate, on the generous side)."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(len(line) / usable)) for line in text.splitlines() or [""])


def fit_heights(
    ws: Worksheet,
    columns: Collection[int],
    *,
    first_row: int = 1,
    last_row: int | None = None,
) -> None:
    """Make each row from ``first_row`` tall enough for the text of ``columns`` wrapped at
    their widths, its cells aligned to the top (a row that needs one line keeps the
    default height)."""
    widths = {c: ws.column_dimensions[get_column_letter(c)].width or MIN_WIDTH for c in columns}
    rows: dict[int, int] = {}
    for column, width in widths.items():
        for (cell,) in ws.iter_rows(
            min_row=first_row, max_row=last_row, min_col=column, max_col=column
        ):
            if cell.value is None or not isinstance(cell.row, int):
                continue
            lines = text_lines(str(cell.value), width)
            rows[cell.row] = max(rows.get(cell.row, 1), lines)
    for row, lines in rows.items():
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * lines
            for cell in ws[row]:
                if cell.value is not None and cell.alignment.vertical != "top":
                    cell.alignment = Alignment(
                        horizontal=cell.alignment.horizontal,
                        wrap_text=cell.alignment.wrap_text,
                        vertical="top",
                    )


def write_paragraph(
    ws: Worksheet, row: int, text: str, *, first_column: int, last_column: int
) -> None:
    """Write ``text`` wrapped across the merged cells of ``row`` between the two columns.

    The row is made tall enough for the text at the columns' current widths.
    """
    cell = set_text(cell_at(ws, row, first_column), text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    first, last = get_column_letter(first_column), get_column_letter(last_column)
    if last_column > first_column:
        ws.merge_cells(f"{first}{row}:{last}{row}")
    width = sum(
        ws.column_dimensions[get_column_letter(c)].width or MIN_WIDTH
        for c in range(first_column, last_column + 1)
    )
    lines = sum(1 + int(len(line) * 1.1 // width) for line in text.splitlines() or [""])
    ws.row_dimensions[row].height = 15 * lines


def _display_length(value: object) -> int:
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _is_missing(value: object) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _is_midnight(value: dt.datetime) -> bool:
    return value.time() == dt.time(0)
