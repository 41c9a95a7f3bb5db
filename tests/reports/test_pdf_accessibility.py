"""Both editions of the PDF are tagged for a screen reader and declare PDF/UA-1 and PDF/A-3a.

Structural checks with pypdf; the full check is veraPDF's (docs/reports.md), a developer
tool the tests do not need.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject

from sdg18.indicators import load_framework
from tests.reports.conftest import Rendered

EDITIONS = ("az", "en")


def _pdf(rendered: Rendered, language: str) -> Path:
    return rendered.pdf_az if language == "az" else rendered.pdf


def structure(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element under ``node`` (a StructTreeRoot or an element), in
    document order."""
    kids = node.get_object().get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        element = kid.get_object()
        if isinstance(element, DictionaryObject) and "/S" in element:
            yield element
            yield from structure(element)


@pytest.fixture(scope="module")
def elements(rendered: Rendered) -> dict[str, list[DictionaryObject]]:
    """Each edition's structure elements."""
    found = {}
    for language in EDITIONS:
        root = PdfReader(_pdf(rendered, language)).trailer["/Root"]["/StructTreeRoot"]
        found[language] = list(structure(root))
    return found


@pytest.mark.parametrize("language", EDITIONS)
def test_the_catalogue_marks_a_tagged_document_in_its_language(
    rendered: Rendered, language: str
) -> None:
    reader = PdfReader(_pdf(rendered, language))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/Lang"] == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata is not None
    assert reader.metadata.title


@pytest.mark.parametrize("language", EDITIONS)
def test_the_xmp_declares_pdf_ua_1_and_pdf_a_3a(rendered: Rendered, language: str) -> None:
    catalog = PdfReader(_pdf(rendered, language)).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert xmp.count("<rdf:RDF") == 1
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp)
    # PDF/A-3 admits the pdfuaid property only with its extension schema.
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<" in xmp


@pytest.mark.parametrize("language", EDITIONS)
def test_every_chart_is_a_figure_with_a_text_alternative(
    elements: dict[str, list[DictionaryObject]], language: str
) -> None:
    figures = [e for e in elements[language] if e["/S"] == "/Figure"]
    charts = sum(len(meta.series) for meta in load_framework().indicators)
    assert len(figures) == charts
    table = {"az": "cədvəldə", "en": "table below"}[language]
    for figure in figures:
        alt = str(figure.get("/Alt", ""))
        assert table in alt, alt
        assert len(alt.split()) >= 12, alt


@pytest.mark.parametrize("language", EDITIONS)
def test_headings_start_at_h1_and_skip_no_level(
    elements: dict[str, list[DictionaryObject]], language: str
) -> None:
    levels = [int(e["/S"][2]) for e in elements[language] if re.fullmatch(r"/H[1-6]", e["/S"])]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert levels.count(1) == 1


@pytest.mark.parametrize("language", EDITIONS)
def test_every_data_cell_has_a_header(
    elements: dict[str, list[DictionaryObject]], language: str
) -> None:
    cells = [e for e in elements[language] if e["/S"] == "/TD"]
    headers = {str(e["/ID"]) for e in elements[language] if e["/S"] == "/TH"}
    assert cells
    assert headers
    for cell in cells:
        named = [str(h) for h in cell["/A"].get("/Headers", [])]
        assert named
        assert set(named) <= headers


@pytest.mark.parametrize("language", EDITIONS)
def test_every_link_is_tagged_with_text_and_its_page_tabs_in_structure_order(
    rendered: Rendered, elements: dict[str, list[DictionaryObject]], language: str
) -> None:
    reader = PdfReader(_pdf(rendered, language))
    links = 0
    for page in reader.pages:
        annotations = [a.get_object() for a in page.get("/Annots", [])]
        if annotations:
            assert page["/Tabs"] == "/S"
        for annotation in annotations:
            if annotation["/Subtype"] == "/Link":
                links += 1
                assert annotation.get("/Contents")
                assert "/StructParent" in annotation
    tagged = [e for e in elements[language] if e["/S"] == "/Link"]
    # one annotation per line a contents entry takes
    assert links == len(tagged) >= 5 + len(load_framework().targets)
