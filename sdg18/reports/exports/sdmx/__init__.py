"""The SDMX export: the national SDG 18 structure and the run's observations.

:func:`write_sdmx` writes ``sdmx/`` (structure, SDMX-CSV 2.0, SDMX-ML 2.1
structure-specific data, the data's schema) and checks it with
:func:`check_sdmx_export`; ``docs/sdmx.md`` describes the structure.
"""

from sdg18.reports.exports.sdmx.check import check_sdmx_export
from sdg18.reports.exports.sdmx.write import Message, SdmxExportError, write_sdmx

__all__ = ["Message", "SdmxExportError", "check_sdmx_export", "write_sdmx"]
