"""The ministry reports of a run: the Excel workbook, then the PDF that carries it.

The pipeline calls :func:`write_reports` inside the staged period folder, after
``indicators.csv`` is written, once per edition (``SDG18_LANGUAGES``); each PDF embeds
its edition's workbook and ``indicators.csv`` as PDF/A-3 attachments, so the archived
report carries its own data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sdg18.core.outputs import PeriodOutputs
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf.render import write_pdf
from sdg18.reports.xlsx.workbook import write_workbook


def report_paths(folder: Path, period: str, language: str) -> tuple[Path, Path]:
    """Where the workbook and the PDF of ``period`` in ``language`` go in ``folder``."""
    outputs = PeriodOutputs(folder, period)
    return outputs.workbook(language), outputs.report(language)


def write_reports(
    context: ReportContext,
    folder: Path,
    languages: Sequence[str],
    *,
    indicators_csv: Path,
) -> list[tuple[Path, Path]]:
    """For each of ``languages``: write ``sdg18_<period>_indicators_<lang>.xlsx``, then
    ``sdg18_<period>_report_<lang>.pdf`` (carrying that workbook and ``indicators_csv``);
    return the (workbook, PDF) paths in that order."""
    written = []
    for language in languages:
        workbook_path, pdf_path = report_paths(folder, context.period, language)
        write_workbook(context, workbook_path, language)
        write_pdf(context, pdf_path, language, attachments=(workbook_path, indicators_csv))
        written.append((workbook_path, pdf_path))
    return written
