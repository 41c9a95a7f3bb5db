"""The ministry reports of a run: the Excel workbook, then the PDF that carries it.

The pipeline calls :func:`write_reports` inside the staged period folder, after
``indicators.csv`` is written, once per edition (``SDG18_LANGUAGES``); each PDF embeds
its edition's workbook and ``indicators.csv`` as PDF/A-3 attachments, so the archived
report carries its own data. Each PDF is laid out in a process of its own
(:mod:`sdg18.reports.pdf.processes`) while the run writes its other outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sdg18.core.outputs import PeriodOutputs
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf.output import write_pdf
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
    meanwhile: Callable[[], None] | None = None,
) -> list[tuple[Path, Path]]:
    """For each of ``languages``: write ``sdg18_<period>_indicators_<lang>.xlsx``, then
    ``sdg18_<period>_report_<lang>.pdf`` (carrying that workbook and ``indicators_csv``);
    return the (workbook, PDF) paths in that order.

    Each PDF is started, in a process of its own, as soon as its workbook is written;
    while they are laid out, this process writes the next workbook, then calls
    ``meanwhile`` (the run's other outputs). It returns once every PDF is written; the
    first error of ``meanwhile`` or of a PDF is raised then.
    """
    written = []
    with ThreadPoolExecutor(max(1, len(languages)), thread_name_prefix="sdg18-pdf") as pdfs:
        renders = []
        for language in languages:
            workbook_path, pdf_path = report_paths(folder, context.period, language)
            write_workbook(context, workbook_path, language)
            attachments = (workbook_path, indicators_csv)
            renders.append(
                pdfs.submit(
                    write_pdf, context, pdf_path, language, attachments=attachments, elsewhere=True
                )
            )
            written.append((workbook_path, pdf_path))
        if meanwhile is not None:
            meanwhile()
        for render in renders:
            render.result()
    return written
