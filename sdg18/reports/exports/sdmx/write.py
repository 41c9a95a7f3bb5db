"""Writing the ``sdmx/`` export with pysdmx, then checking what was written.

Four files per period (names in :class:`sdg18.core.outputs.SdmxFiles`): the
national structure (SDMX-ML 2.1), the observations as SDMX-CSV 2.0 and as
SDMX-ML 2.1 structure-specific data, and that data's XML schema. The message
header carries the run (its id and start time), so the same run writes the
same bytes. The export's own check (:mod:`.check`) runs on the written files:
an export it refuses is not published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pysdmx.io.csv.sdmx20.writer import write as write_csv
from pysdmx.io.pd import PandasDataset
from pysdmx.io.xml.sdmx21.writer.structure import write as write_structure
from pysdmx.io.xml.sdmx21.writer.structure_specific import write as write_data
from pysdmx.model import Organisation, Schema
from pysdmx.model.message import Header

from sdg18.core.errors import Sdg18Error
from sdg18.core.outputs import SdmxFiles
from sdg18.core.periods import Period
from sdg18.core.settings import StructureIds
from sdg18.indicators.metadata import Framework, load_framework
from sdg18.reports.exports.sdmx import codes
from sdg18.reports.exports.sdmx.check import check_sdmx_export
from sdg18.reports.exports.sdmx.observations import sdmx_observations
from sdg18.reports.exports.sdmx.schema import data_schema
from sdg18.reports.exports.sdmx.structure import Structure, national_structure


class SdmxExportError(Sdg18Error):
    """The written export breaks the structure: a fault of the export, not of the data."""


@dataclass(frozen=True)
class Message:
    """What the header of every SDMX message of a run says: its id and when prepared."""

    run_id: str
    prepared: dt.datetime

    def header(self, kind: str, ids: StructureIds) -> Header:
        """The header of the ``kind`` message (``STR``, ``CSV``, ``DATA``) of the run."""
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", self.run_id)
        return Header(
            id=f"SDG18_{safe}_{kind}", prepared=self.prepared, sender=Organisation(ids.agency)
        )


def _schema(structure: Structure) -> Schema:
    """The data's structure as pysdmx writes data by it: the dataflow, with the DSD's
    components."""
    flow = structure.dataflow
    return Schema(
        context="dataflow",
        agency=structure.ids.agency,
        id=flow.id,
        components=structure.dsd.components,
        version=structure.ids.version,
    )


def _dataset(structure: Structure, observations: pd.DataFrame) -> PandasDataset:
    data = observations.copy()
    data[codes.MEASURE] = data[codes.MEASURE].astype("float64")
    data["COMMENT_OBS"] = data["COMMENT_OBS"].replace("", None)
    return PandasDataset(structure=_schema(structure), data=data)


def conform_dataset_tag(path: Path) -> None:
    """Correct the two XML attributes of the data set element that pysdmx (1.21) writes
    against the SDMX 2.1 schemas: ``ss:dataScope`` holds the structure's id instead of
    ``Dataflow``, and ``action`` is unqualified instead of ``ss:action``."""
    text = path.read_text(encoding="utf-8")
    start = text.index("<mes:DataSet ")
    end = text.index(">", start)
    tag = re.sub(r'ss:dataScope="[^"]*"', 'ss:dataScope="Dataflow"', text[start:end])
    tag = re.sub(r'(?<![:\w])action="', 'ss:action="', tag)
    path.write_text(text[:start] + tag + text[end:], encoding="utf-8")


def write_sdmx(
    values: pd.DataFrame,
    periods: Sequence[Period],
    verdicts: Mapping[str, str],
    files: SdmxFiles,
    message: Message,
    ids: StructureIds | None = None,
    framework: Framework | None = None,
) -> list[Path]:
    """Write the structure, the data (CSV and XML) and the data's schema of ``values``
    into ``files.folder``, then check them; returns the files written. Raises
    :class:`SdmxExportError` when the check refuses the export."""
    framework = framework or load_framework()
    ids = ids or StructureIds()
    structure = national_structure(framework, ids)
    observations = sdmx_observations(values, periods, verdicts, framework)
    files.folder.mkdir(parents=True, exist_ok=True)
    write_structure(
        structure.artefacts, output_path=files.structure, header=message.header("STR", ids)
    )
    dataset = _dataset(structure, observations)
    write_csv([dataset], output_path=files.data_csv)
    write_data(
        [dataset],
        output_path=files.data_xml,
        header=message.header("DATA", ids),
        dimension_at_observation=codes.TIME_DIMENSION,
    )
    conform_dataset_tag(files.data_xml)
    files.data_xsd.write_text(data_schema(structure), encoding="utf-8")
    problems = check_sdmx_export(files)
    if problems:
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        raise SdmxExportError(
            f"the SDMX export of {files.period} breaks its structure: {shown}",
            "This is a fault of sdg18's SDMX export (sdg18/reports/exports/sdmx/), not of the "
            "agencies' data: report it with this message.",
        )
    return [files.structure, files.data_csv, files.data_xml, files.data_xsd]
