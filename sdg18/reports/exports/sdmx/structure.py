"""The national structure as pysdmx artefacts: code lists, concepts, DSD and dataflow.

Ids: the concept scheme ``SDG18_CONCEPTS``, the data structure ``DSD_SDG18`` and
the dataflow ``DF_SDG18``, all maintained by the agency and at the version of
``SDG18_SDMX_AGENCY`` / ``SDG18_SDMX_VERSION`` (:class:`StructureIds`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pysdmx.model import (
    Code,
    Codelist,
    Component,
    Components,
    Concept,
    ConceptScheme,
    Dataflow,
    DataStructureDefinition,
    DataType,
    Role,
)

from sdg18.core.settings import StructureIds
from sdg18.indicators.metadata import Framework
from sdg18.reports.exports.sdmx import codes

CONCEPT_SCHEME = "SDG18_CONCEPTS"
DSD_ID = "DSD_SDG18"
DATAFLOW_ID = "DF_SDG18"


@dataclass(frozen=True)
class Structure:
    """The artefacts of the national structure, ready to write."""

    ids: StructureIds
    #: The dimensions in key order, with their code lists (TIME_PERIOD not among them).
    dimensions: tuple[codes.Dimension, ...]
    codelists: tuple[Codelist, ...]
    concepts: ConceptScheme
    dsd: DataStructureDefinition
    dataflow: Dataflow

    @property
    def artefacts(self) -> list[Codelist | ConceptScheme | DataStructureDefinition | Dataflow]:
        """Everything the structure file holds, code lists first."""
        return [*self.codelists, self.concepts, self.dsd, self.dataflow]


def _codelist(codelist: codes.CodeList, ids: StructureIds) -> Codelist:
    origin = codes.GLOBAL_ORIGIN.get(codelist.id)
    description = f"A subset of {origin}: its codes and names" if origin else "National code list"
    return Codelist(
        codelist.id,
        agency=ids.agency,
        version=ids.version,
        name=codelist.name,
        description=description,
        items=[Code(code, name=name) for code, name in codelist.codes.items()],
    )


def _concept(concept_id: str, name: str, ids: StructureIds) -> Concept:
    urn = (
        "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept="
        f"{ids.agency}:{CONCEPT_SCHEME}({ids.version}).{concept_id}"
    )
    return Concept(concept_id, name=name, urn=urn)


def _series_level(dimensions: tuple[codes.Dimension, ...]) -> str:
    return ",".join(d.id for d in dimensions)


def national_structure(framework: Framework, ids: StructureIds) -> Structure:
    """The national SDG 18 structure at ``ids``, its code lists from :mod:`.codes`."""
    dimensions = codes.dimensions(framework)
    lists = {d.codelist.id: _codelist(d.codelist, ids) for d in dimensions}
    lists.update(
        {a.codelist.id: _codelist(a.codelist, ids) for a in codes.ATTRIBUTES if a.codelist}
    )
    names = {d.id: d.name for d in dimensions}
    names.update({a.id: a.name for a in codes.ATTRIBUTES})
    names[codes.TIME_DIMENSION] = "Time period"
    names[codes.MEASURE] = "Observation value"
    concepts = {key: _concept(key, name, ids) for key, name in names.items()}
    components = [
        Component(
            d.id,
            True,
            Role.DIMENSION,
            concepts[d.id],
            local_dtype=DataType.STRING,
            local_codes=lists[d.codelist.id],
        )
        for d in dimensions
    ]
    components.append(
        Component(
            codes.TIME_DIMENSION,
            True,
            Role.DIMENSION,
            concepts[codes.TIME_DIMENSION],
            local_dtype=DataType.PERIOD,
        )
    )
    for attribute in codes.ATTRIBUTES:
        level = _series_level(dimensions) if attribute.level == "S" else "O"
        components.append(
            Component(
                attribute.id,
                attribute.mandatory,
                Role.ATTRIBUTE,
                concepts[attribute.id],
                local_dtype=DataType.STRING,
                local_codes=lists[attribute.codelist.id] if attribute.codelist else None,
                attachment_level=level,
            )
        )
    components.append(
        Component(
            codes.MEASURE,
            False,
            Role.MEASURE,
            concepts[codes.MEASURE],
            local_dtype=DataType.DOUBLE,
        )
    )
    scheme = ConceptScheme(
        CONCEPT_SCHEME,
        agency=ids.agency,
        version=ids.version,
        name=f"SDG {framework.goal_id} concepts (the global SDG concepts' ids where they fit)",
        items=list(concepts.values()),
    )
    dsd = DataStructureDefinition(
        DSD_ID,
        agency=ids.agency,
        version=ids.version,
        name=f"National SDG {framework.goal_id}: {framework.goal_title_en}",
        components=Components(components),
    )
    dataflow = Dataflow(
        DATAFLOW_ID,
        agency=ids.agency,
        version=ids.version,
        name=f"National SDG {framework.goal_id} indicators ({framework.version})",
        structure=dsd.short_urn,
    )
    return Structure(ids, dimensions, tuple(lists.values()), scheme, dsd, dataflow)
