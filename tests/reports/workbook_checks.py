"""What every workbook sdg18 writes must satisfy when printed or read in its language,
as checks the workbook tests share (ministry, feedback, blank templates)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sdg18.core.catalogues import PLACEHOLDER, read_catalogue

A4 = "9"  # Excel's paper code


def print_problems(ws: Worksheet) -> list[str]:
    """What keeps ``ws`` from printing A4 landscape, one page wide ("" when nothing)."""
    setup = ws.page_setup
    found = []
    if setup.orientation != "landscape":
        found.append(f"{ws.title}: orientation {setup.orientation}")
    if str(setup.paperSize) != A4:
        found.append(f"{ws.title}: paper {setup.paperSize}")
    if (str(setup.fitToWidth), str(setup.fitToHeight)) != ("1", "0"):
        found.append(f"{ws.title}: fit to {setup.fitToWidth} x {setup.fitToHeight} pages")
    properties = ws.sheet_properties.pageSetUpPr
    if properties is None or not properties.fitToPage:
        found.append(f"{ws.title}: fit-to-page is off")
    return found


def unnamed_fonts(workbook: Workbook) -> list[str]:
    """Every style font of ``workbook`` and every cell font without a font name."""
    found = [f"style font {index}" for index, f in enumerate(workbook._fonts) if not f.name]
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            found.extend(f"{ws.title}!{c.coordinate}" for c in row if not c.font.name)
    return found


def workbook_texts(path: Path) -> Iterator[str]:
    """Every text a person reads in the workbook at ``path``: sheet names, cell texts,
    comments, data-validation messages, footers and the charts' texts."""
    workbook = load_workbook(path)
    for ws in workbook.worksheets:
        yield ws.title
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield cell.value
                if cell.comment is not None:
                    yield cell.comment.text
        for rule in ws.data_validations.dataValidation:
            yield from (t for t in (rule.errorTitle, rule.error) if t)
        if ws.oddFooter is not None and ws.oddFooter.center.text:
            yield ws.oddFooter.center.text
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/charts/chart"):
                yield from re.findall(r"<a:t>([^<]*)</a:t>", archive.read(name).decode())


def catalogue_sentences(min_words: int = 3) -> list[str]:
    """The English texts of the workbook catalogue of ``min_words`` words or more (for a
    message with placeholders, its longest literal part)."""
    sentences = []
    for message in read_catalogue("workbook", "en"):
        if not message.id or not isinstance(message.id, str):
            continue
        part = max(PLACEHOLDER.split(message.id), key=len).strip(" '()·:")
        if len(part.split()) >= min_words:
            sentences.append(part)
    return sentences


def english_sentences_in(path: Path) -> list[tuple[str, str]]:
    """(sentence, text) for every English sentence of the workbook catalogue found in a
    text of the workbook at ``path``."""
    sentences = catalogue_sentences()
    return [
        (sentence, text)
        for text in set(workbook_texts(path))
        for sentence in sentences
        if sentence in text
    ]
