"""How every sheet of the workbooks prints: A4 landscape, one page wide, titles repeated.

Excel and LibreOffice Calc both read these settings from the file: the paper and its
orientation, the scale that fits all columns on one page width (pages run down as far
as the rows need), the header rows (and code columns) printed on every page, narrow
margins, and a footer naming the sheet and the page.
"""

from __future__ import annotations

from typing import Final, Literal

from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.core.i18n import Translator
from sdg18.reports.xlsx.cells import FONT_NAME

#: Paper and orientation of every sheet.
ORIENTATION: Final[Literal["landscape"]] = "landscape"
PAPER_SIZE = Worksheet.PAPERSIZE_A4
#: Margins in inches (Excel's unit): narrower than Excel's default, as wide tables need.
MARGINS = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
#: What fits on an A4 landscape page inside :data:`MARGINS`, in points (1/72 inch).
PRINTABLE_WIDTH_PT = (297 / 25.4 - MARGINS.left - MARGINS.right) * 72
PRINTABLE_HEIGHT_PT = (210 / 25.4 - MARGINS.top - MARGINS.bottom) * 72


def set_up_printing(
    ws: Worksheet,
    words: Translator,
    *,
    title_rows: tuple[int, int] | None = None,
    title_columns: tuple[str, str] | None = None,
) -> None:
    """Print ``ws`` on A4 landscape, all columns on one page width, with ``title_rows``
    (first, last) and ``title_columns`` (first, last letter) repeated on every page and
    the sheet's name and page number in the footer."""
    setup = ws.page_setup
    setup.orientation = ORIENTATION
    setup.paperSize = PAPER_SIZE
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=MARGINS.left,
        right=MARGINS.right,
        top=MARGINS.top,
        bottom=MARGINS.bottom,
        header=MARGINS.header,
        footer=MARGINS.footer,
    )
    ws.print_options.horizontalCentered = False
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    if title_columns is not None:
        ws.print_title_cols = f"{title_columns[0]}:{title_columns[1]}"
    # &A is the sheet's name, &P the page and &N the number of pages (Excel's codes).
    footer = ws.oddFooter if ws.oddFooter is not None else HeaderFooterItem()
    footer.center.text = words.gettext("&A · page &P of &N")
    footer.center.font = f"{FONT_NAME},Regular"
    footer.center.size = 8
    ws.oddFooter = footer


def break_after_rows(ws: Worksheet, rows: list[int]) -> None:
    """Start a new printed page after each of ``rows``."""
    for row in rows:
        ws.row_breaks.append(Break(id=row))
