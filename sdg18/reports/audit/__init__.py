"""The static audit site of a run (``<period>/audit/``): :func:`write_audit`."""

from sdg18.reports.audit.data import data_script
from sdg18.reports.audit.site import write_audit

__all__ = ["data_script", "write_audit"]
