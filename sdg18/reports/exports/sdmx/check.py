"""The export's own check: the data files read as text against the structure file.

Neither pysdmx nor sdmx1 checks data against a structure (pysdmx's CSV reader
even reads ``031`` as ``31``), so this reads the files as a receiver's
validator would: every dimension and coded attribute in its code list, the
time period of the form its frequency says, every mandatory attribute set, a
value a number unless the observation is missing (``OBS_STATUS`` ``M``), no
key twice, and the CSV and the XML holding the same observations. Each
problem names the file, the line and the observation's key.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sdg18.core.outputs import SdmxFiles

STR = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure}"
TIME_FORMS = {"A": re.compile(r"\d{4}"), "Q": re.compile(r"\d{4}-Q[1-4]")}
#: Columns of SDMX-CSV 2.0 that are not components.
CSV_FIXED = ("STRUCTURE", "STRUCTURE_ID", "ACTION")
MISSING = "M"


@dataclass(frozen=True)
class Observation:
    """One observation as written: where it is and every component's text."""

    where: str
    values: dict[str, str]


@dataclass
class StructureFile:
    """What the check needs of a structure file."""

    codelists: dict[str, set[str]] = field(default_factory=dict)
    #: Dimension id → its code list id, in key order (the time dimension not among them).
    dimensions: dict[str, str] = field(default_factory=dict)
    time_dimension: str = "TIME_PERIOD"
    #: Attribute id → (code list id or "", mandatory).
    attributes: dict[str, tuple[str, bool]] = field(default_factory=dict)
    measure: str = "OBS_VALUE"
    dataflow: str = ""


def _enumeration(component: etree._Element) -> str:
    ref = component.find(f"{STR}LocalRepresentation/{STR}Enumeration/Ref")
    return "" if ref is None else str(ref.get("id"))


def read_structure(path: Path) -> StructureFile:
    """The code lists, components and dataflow of an SDMX-ML 2.1 structure file."""
    root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    found = StructureFile()
    for codelist in root.iter(f"{STR}Codelist"):
        found.codelists[str(codelist.get("id"))] = {
            str(code.get("id")) for code in codelist.iter(f"{STR}Code")
        }
    for dimension in root.iterfind(f".//{STR}DimensionList/{STR}Dimension"):
        found.dimensions[str(dimension.get("id"))] = _enumeration(dimension)
    for time in root.iterfind(f".//{STR}DimensionList/{STR}TimeDimension"):
        found.time_dimension = str(time.get("id"))
    for attribute in root.iterfind(f".//{STR}AttributeList/{STR}Attribute"):
        mandatory = attribute.get("assignmentStatus") == "Mandatory"
        found.attributes[str(attribute.get("id"))] = (_enumeration(attribute), mandatory)
    for measure in root.iter(f"{STR}PrimaryMeasure"):
        found.measure = str(measure.get("id"))
    for flow in root.iter(f"{STR}Dataflow"):
        found.dataflow = f"{flow.get('agencyID')}:{flow.get('id')}({flow.get('version')})"
    return found


def csv_observations(path: Path) -> Iterator[Observation]:
    """The observations of an SDMX-CSV 2.0 file, each with its line."""
    with path.open(encoding="utf-8", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), start=2):
            yield Observation(f"{path.name} line {line}", {k: v or "" for k, v in row.items()})


def xml_observations(path: Path) -> Iterator[Observation]:
    """The observations of SDMX-ML 2.1 structure-specific data, each with its line:
    the series' XML attributes and the observation's."""
    series: dict[str, str] = {}
    parser = etree.iterparse(str(path), events=("start",), no_network=True, resolve_entities=False)
    for _, element in parser:
        if element.tag == "Series":
            series = dict(element.attrib)
        elif element.tag == "Obs":
            yield Observation(
                f"{path.name} line {element.sourceline}", {**series, **element.attrib}
            )


def key_of(values: dict[str, str], structure: StructureFile) -> str:
    """An observation's key as SDMX writes it: ``Q.N.RELEASED_HA.31…`` then the period."""
    dims = ".".join(values.get(d, "") for d in structure.dimensions)
    return f"{dims} {values.get(structure.time_dimension, '')}"


def _code_problem(component: str, value: str, codelist: str, structure: StructureFile) -> str:
    codes = structure.codelists.get(codelist, set())
    if value in codes:
        return ""
    text = f"{component} '{value}' is not in {codelist}"
    if value.lstrip("0") in codes and value.lstrip("0") != value:
        text += f" (area codes have no leading zeros: '{value.lstrip('0')}')"
    return text


def _value_problem(values: dict[str, str], structure: StructureFile) -> str:
    value, status = values.get(structure.measure, ""), values.get("OBS_STATUS", "")
    if value == "":
        return (
            ""
            if status == MISSING
            else f"{structure.measure} is empty but OBS_STATUS is '{status}', not 'M'"
        )
    try:
        number = float(value)
    except ValueError:
        return f"{structure.measure} '{value}' is not a number"
    if not math.isfinite(number):
        return f"{structure.measure} '{value}' is not a finite number"
    return (
        f"{structure.measure} is given but OBS_STATUS is 'M' (missing)" if status == MISSING else ""
    )


def observation_problems(values: dict[str, str], structure: StructureFile) -> list[str]:
    """Every way one observation breaks ``structure`` ([] when none)."""
    problems = []
    for dimension, codelist in structure.dimensions.items():
        if not values.get(dimension):
            problems.append(f"dimension {dimension} is missing")
        elif codelist:
            problems.append(_code_problem(dimension, values[dimension], codelist, structure))
    time, freq = values.get(structure.time_dimension, ""), values.get("FREQ", "")
    form = TIME_FORMS.get(freq)
    if form is not None and not form.fullmatch(time):
        problems.append(f"{structure.time_dimension} '{time}' is not a period of frequency {freq}")
    for attribute, (codelist, mandatory) in structure.attributes.items():
        given = values.get(attribute, "")
        if not given:
            problems += [f"mandatory attribute {attribute} is not set"] if mandatory else []
        elif codelist:
            problems.append(_code_problem(attribute, given, codelist, structure))
    problems.append(_value_problem(values, structure))
    known = {
        *structure.dimensions,
        structure.time_dimension,
        *structure.attributes,
        structure.measure,
    }
    problems += [
        f"'{name}' is not a component of the structure" for name in values if name not in known
    ]
    return [p for p in problems if p]


def file_problems(
    observations: Iterator[Observation], structure: StructureFile
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Every problem of the observations of one file, and the observations by key."""
    problems: list[str] = []
    seen: dict[str, dict[str, str]] = {}
    first_at: dict[str, str] = {}
    for observation in observations:
        values = {k: v for k, v in observation.values.items() if k not in CSV_FIXED}
        key = key_of(values, structure)
        problems += [
            f"{observation.where}, observation {key}: {p}"
            for p in observation_problems(values, structure)
        ]
        if key in seen:
            problems.append(
                f"{observation.where}, observation {key}: the key is also at {first_at[key]}"
            )
            continue
        seen[key], first_at[key] = values, observation.where
    return problems, seen


def _csv_header_problems(path: Path, structure: StructureFile) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        first = next(csv.DictReader(stream), None)
    if first is None:
        return [f"{path.name} holds no observation"]
    if first.get("STRUCTURE") != "dataflow" or first.get("STRUCTURE_ID") != structure.dataflow:
        given = f"{first.get('STRUCTURE')!r} {first.get('STRUCTURE_ID')!r}"
        return [
            f"{path.name} line 2: STRUCTURE {given} is not the dataflow "
            f"{structure.dataflow} of the structure file"
        ]
    return []


def _same_observations(
    csv_seen: dict[str, dict[str, str]], xml_seen: dict[str, dict[str, str]]
) -> list[str]:
    only_csv = sorted(set(csv_seen) - set(xml_seen))
    only_xml = sorted(set(xml_seen) - set(csv_seen))
    problems = [f"observation {k} is in the CSV, not in the XML" for k in only_csv[:5]]
    problems += [f"observation {k} is in the XML, not in the CSV" for k in only_xml[:5]]
    for key in sorted(set(csv_seen) & set(xml_seen)):
        a, b = csv_seen[key], xml_seen[key]
        for name in sorted(set(a) | set(b)):
            x, y = a.get(name, ""), b.get(name, "")
            differs = (float(x) != float(y)) if name == "OBS_VALUE" and x and y else x != y
            if differs:
                problems.append(f"observation {key}: {name} is '{x}' in the CSV, '{y}' in the XML")
    return problems


def check_sdmx_export(files: SdmxFiles) -> list[str]:
    """Every way the export in ``files`` breaks its own structure file ([] when none)."""
    missing = [p.name for p in (files.structure, files.data_csv, files.data_xml) if not p.is_file()]
    if missing:
        return [f"{name} is missing" for name in missing]
    structure = read_structure(files.structure)
    problems = _csv_header_problems(files.data_csv, structure)
    csv_problems, csv_seen = file_problems(csv_observations(files.data_csv), structure)
    xml_problems, xml_seen = file_problems(xml_observations(files.data_xml), structure)
    problems += csv_problems + xml_problems
    return problems + _same_observations(csv_seen, xml_seen)
