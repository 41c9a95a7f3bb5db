"""The ministry reports of a run: the Excel workbook, then the PDF that carries it.

The pipeline calls :func:`write_reports` inside the staged period folder, after
``indicators.csv`` is written; the PDF embeds the workbook and ``indicators.csv``
as PDF/A-3 attachments, so the archived report carries its own data.
"""

from __future__ import annotations

from pathlib import Path

from sdg18.core.outputs import PeriodOutputs
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf.render import write_pdf
from sdg18.reports.xlsx.workbook import write_workbook


def report_paths(folder: Path, period: str) -> tuple[Path, Path]:
    """Where the workbook and the PDF of ``period`` go in ``folder``."""
    outputs = PeriodOutputs(folder, period)
    return outputs.workbook, outputs.report


def write_reports(
    context: ReportContext, folder: Path, *, indicators_csv: Path
) -> tuple[Path, Path]:
    """Write ``sdg18_<period>_indicators.xlsx``, then ``sdg18_<period>_report.pdf``
    (PDF/A-3b with the workbook and ``indicators_csv`` attached); return both paths."""
    workbook_path, pdf_path = report_paths(folder, context.period)
    write_workbook(context, workbook_path)
    write_pdf(context, pdf_path, attachments=(workbook_path, indicators_csv))
    return workbook_path, pdf_path
