"""The datasets of the data contract: each name's pandera model, its columns, its metadata.

``DATASETS`` maps each dataset name to its model, in the contract's order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from schemas.base import DatasetModel
from schemas.casualties import Casualties
from schemas.columns import ColumnSpec
from schemas.eo_items import EoItems
from schemas.eore import Eore
from schemas.funding import Funding
from schemas.hazard_areas import HazardAreas
from schemas.land_release import LandRelease
from schemas.reference import DATASET_NAMES
from schemas.returns import Returns
from schemas.version import SCHEMA_VERSION
from schemas.victim_assistance import VictimAssistance

DATASETS: dict[str, type[DatasetModel]] = {
    str(model.Config.name): model
    for model in (
        HazardAreas,
        LandRelease,
        EoItems,
        Casualties,
        VictimAssistance,
        Eore,
        Returns,
        Funding,
    )
}
if tuple(DATASETS) != DATASET_NAMES:
    raise RuntimeError(f"schemas.reference.DATASET_NAMES {DATASET_NAMES} differ from {DATASETS}")


@cache
def column_specs(dataset: str) -> dict[str, ColumnSpec]:
    """The dataset's contract columns in model order, each with its spec.

    Read from the model's field declarations, not from ``to_schema()``: building the
    pandera schema costs about a second (and imports Dask where it is installed), which
    the store, the indicators and ``sdg18 trace`` never need."""
    specs: dict[str, ColumnSpec] = {}
    for model in reversed(DATASETS[dataset].__mro__):
        for name in vars(model).get("__annotations__", {}):
            declared = vars(model).get(name)
            metadata = getattr(declared, "metadata", None) or {}
            if "sdg18" in metadata:
                specs[name] = metadata["sdg18"]
    return specs


def dataset_metadata(dataset: str) -> dict[str, Any]:
    """The model's Config.metadata: ``agencies``, ``key`` (record name), ``row`` and
    ``dated_by`` (the column whose date places a record in a period; None for a snapshot)."""
    return dict(getattr(DATASETS[dataset].Config, "metadata", None) or {})


__all__ = ["DATASETS", "SCHEMA_VERSION", "DatasetModel", "column_specs", "dataset_metadata"]
