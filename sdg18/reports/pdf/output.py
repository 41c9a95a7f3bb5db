"""Writing the ministry PDF, laid out in this process or in a worker process.

This module imports neither WeasyPrint nor the templates' code (about half a second):
the run's process, whose PDFs are laid out by the workers of
:mod:`sdg18.reports.pdf.processes`, never needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sdg18.reports.context import ReportContext

#: The templates and stylesheet of the PDF: ``templates/`` at the top of the repository.
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def write_pdf(
    context: ReportContext,
    path: Path,
    language: str,
    *,
    attachments: Sequence[Path] = (),
    templates: Path = TEMPLATES,
    elsewhere: bool = False,
) -> Path:
    """Write the report in ``language`` to ``path`` — tagged, PDF/A-3a and PDF/UA-1,
    carrying ``attachments`` — and return ``path``. With ``elsewhere``, the document is
    laid out in a process of its own (:mod:`sdg18.reports.pdf.processes`) while the
    calling thread waits, so that the caller's other threads go on at full speed.

    Nothing outside ``templates`` is fetched, whatever the context holds
    (:func:`sdg18.reports.pdf.render.pdf_bytes`).
    """
    if elsewhere:
        from sdg18.reports.pdf.processes import render_elsewhere

        data = render_elsewhere(context, language, tuple(attachments), templates)
    else:
        from sdg18.reports.pdf.render import pdf_bytes

        data = pdf_bytes(context, language, tuple(attachments), templates)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
