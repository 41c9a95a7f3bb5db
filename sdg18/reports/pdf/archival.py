"""PDF/A-3a and PDF/UA-1 in one file, and the attachments that PDF/A-3 carries.

WeasyPrint 70's ``pdf/a-3a`` variant writes a tagged PDF — structure tree, ``MarkInfo``,
``/Lang``, ``DisplayDocTitle``, ``/Tabs /S`` — with the sRGB output intent and the XMP
identification of PDF/A-3 conformance A. Its ``pdf/ua-1`` variant writes the same tags
but only the PDF/UA identification: a variant declares one standard. The file declares
both through WeasyPrint's own hook for the XMP packet: :class:`ArchivalAccessibleMetadata`
is WeasyPrint's ``DocumentMetadata`` whose RDF also holds ``pdfuaid:part 1`` and the
PDF/A extension schema that describes that property (PDF/A-3 accepts an XMP property
outside its predefined schemas only when the packet describes it; ISO 19005-3, 6.6.2.3).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from weasyprint import Attachment, Document
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.urls import URLFetcher

#: WeasyPrint's variant: tagged PDF 1.7, PDF/A-3 conformance A (so also B).
PDF_VARIANT = "pdf/a-3a"
#: The PDF/UA part declared beside it.
PDF_UA_PART = "1"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
for _prefix, _uri in (
    ("pdfuaid", PDFUAID),
    ("pdfaExtension", EXTENSION),
    ("pdfaSchema", SCHEMA),
    ("pdfaProperty", PROPERTY),
):
    ElementTree.register_namespace(_prefix, _uri)


def _element(parent: ElementTree.Element, namespace: str, name: str, text: str = "") -> Any:
    element = ElementTree.SubElement(parent, f"{{{namespace}}}{name}")
    element.text = text or None
    return element


def _resource(parent: ElementTree.Element) -> ElementTree.Element:
    return ElementTree.SubElement(parent, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})


def pdf_ua_descriptions() -> list[ElementTree.Element]:
    """The RDF descriptions declaring PDF/UA-1: ``pdfuaid:part`` and its extension schema."""
    about = {f"{{{RDF}}}about": ""}
    part = ElementTree.Element(f"{{{RDF}}}Description", about | {f"{{{PDFUAID}}}part": PDF_UA_PART})
    schemas = ElementTree.Element(f"{{{RDF}}}Description", about)
    bag = _element(_element(schemas, EXTENSION, "schemas"), RDF, "Bag")
    schema = _resource(bag)
    _element(schema, SCHEMA, "schema", "PDF/UA identification schema")
    _element(schema, SCHEMA, "namespaceURI", PDFUAID)
    _element(schema, SCHEMA, "prefix", "pdfuaid")
    field = _resource(_element(_element(schema, SCHEMA, "property"), RDF, "Seq"))
    _element(field, PROPERTY, "name", "part")
    _element(field, PROPERTY, "valueType", "Integer")
    _element(field, PROPERTY, "category", "internal")
    _element(field, PROPERTY, "description", "Part of ISO 14289 the file conforms to")
    return [part, schemas]


class ArchivalAccessibleMetadata(DocumentMetadata):
    """WeasyPrint's document metadata whose XMP packet declares PDF/UA-1 beside the
    variant's own PDF/A identification, in the same RDF."""

    def generate_rdf_metadata(self, variant: str, version: int, conformance: str) -> bytes:
        """The variant's RDF (WeasyPrint's) with the PDF/UA-1 descriptions added."""
        rdf = ElementTree.fromstring(super().generate_rdf_metadata(variant, version, conformance))
        rdf.extend(pdf_ua_descriptions())
        return ElementTree.tostring(rdf, encoding="utf-8")


def declare_pdf_ua(document: Document) -> Document:
    """``document`` with metadata that declares PDF/UA-1 too; the rest of it unchanged."""
    document.metadata = ArchivalAccessibleMetadata(**vars(document.metadata))
    return document


def attachment(path: Path, fetcher: URLFetcher, when: dt.datetime, description: str) -> Attachment:
    """``path`` as a PDF/A-3 attachment: the data of the report (``AFRelationship /Data``),
    dated ``when``."""
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    return Attachment(
        file_obj=io.BytesIO(path.read_bytes()),
        url_fetcher=fetcher,
        name=path.name,
        description=description,
        created=stamp,
        modified=stamp,
        relationship="Data",
    )
