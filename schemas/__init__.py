"""The data contract: one pandera model per dataset, reference data, the rules.

The names below are those of :mod:`schemas.contract`, loaded on first use: importing
a light module of this package (``schemas.words``, ``schemas.codes``) does not import
pandas and pandera, so a command that needs only the words answers at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas.contract import (
        DATASETS,
        SCHEMA_VERSION,
        DatasetModel,
        column_specs,
        dataset_metadata,
    )

__all__ = ["DATASETS", "SCHEMA_VERSION", "DatasetModel", "column_specs", "dataset_metadata"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("schemas.contract"), name)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")
