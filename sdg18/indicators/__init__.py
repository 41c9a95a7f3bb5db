"""Indicators: the SDG 18 framework as data and one small pure function per indicator.

``compute_indicators(records, periods)`` gives every value of every indicator
in the layout of ``indicators.csv``; ``load_framework()`` gives the metadata.
"""

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, SCOPES
from sdg18.indicators.compute import compute_indicators, empty_indicators
from sdg18.indicators.metadata import (
    Framework,
    IndicatorMeta,
    SeriesMeta,
    indicator_sources,
    load_framework,
)
from sdg18.indicators.registry import indicator, registered, unregister

__all__ = [
    "BREAKDOWN_COLUMNS",
    "INDICATOR_COLUMNS",
    "SCOPES",
    "Framework",
    "IndicatorMeta",
    "SeriesMeta",
    "compute_indicators",
    "empty_indicators",
    "indicator",
    "indicator_sources",
    "load_framework",
    "registered",
    "unregister",
]
