"""The Open SDG export: data CSVs (:mod:`.data`), the cards and schema (:mod:`.site`) and the
translations (:mod:`.translations`)."""

from sdg18.reports.exports.opensdg.data import check_opensdg_csv, opensdg_frame
from sdg18.reports.exports.opensdg.site import data_footnote, metadata_card, write_opensdg

__all__ = ["check_opensdg_csv", "data_footnote", "metadata_card", "opensdg_frame", "write_opensdg"]
