"""The ministry PDF: Jinja2 templates in ``templates/`` rendered by WeasyPrint as PDF/A-3b.

Two guards keep agency text inert. The Jinja2 environment escapes every value
(``autoescape=True``: ``select_autoescape()`` would not match ``*.html.j2``) and
fails on an undefined name. :class:`TemplatesOnlyFetcher` lets WeasyPrint read
files inside ``templates/`` and nothing else — no network, no other file, no
``data:`` URL; a refused resource is logged by WeasyPrint and left out, and the
rendering goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from sdg18.core.errors import Sdg18Error
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.figures import ValueIndex, quarter_label
from sdg18.reports.pdf import annex
from sdg18.reports.pdf.sections import key_figures, target_sections

#: The templates and stylesheet of the PDF: ``templates/`` at the top of the repository.
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
REPORT_TEMPLATE = "report.html.j2"
PDF_VARIANT = "pdf/a-3b"


class URLRefusedError(Sdg18Error, ValueError):
    """A resource the report may not fetch (outside ``templates/``, or not a file)."""

    def __init__(
        self,
        message: str,
        hint: str = "Put the image, font or stylesheet in the templates folder and refer to "
        "it by a relative path.",
    ) -> None:
        super().__init__(message, hint)


class TemplatesOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher serving only existing files inside one folder.

    Every refused URL is recorded in :attr:`refused`.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def local_file(self, url: str) -> Path | None:
        """The file ``url`` names when it is a ``file:`` URL inside the root, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """The file's content; :class:`URLRefusedError` for anything else (WeasyPrint logs it)."""
        path = self.local_file(url)
        if path is None:
            self.refused.append(url)
            raise URLRefusedError(f"sdg18 reports fetch only files in {self.root}; refused {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


_BREAK_AFTER = re.compile(r"([./_])")


def breakable(text: object) -> Markup:
    """``text`` escaped, with a line-break opportunity (``<wbr>``) after each dot, slash
    and underscore, so long file names and rule ids wrap at their joints."""
    return Markup(_BREAK_AFTER.sub(r"\1<wbr>", str(escape(text))))


def environment(templates: Path = TEMPLATES) -> Environment:
    """The Jinja2 environment of the report: autoescaping on, undefined names an error."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["breakable"] = breakable
    return env


def report_model(context: ReportContext) -> dict[str, object]:
    """Everything the templates print, already formatted."""
    index = ValueIndex(context.values)
    framework = context.framework
    revised, revised_breakdowns = annex.revisions(context)
    return {
        "period": context.period,
        "period_label": quarter_label(context.period),
        "verdict": context.verdict,
        "run_id": context.run_id,
        "run_time": annex.run_time_text(context.started_at),
        "code_version": context.code_version,
        "framework": framework,
        "panels": key_figures(framework, index, context.period),
        "targets": target_sections(framework, index, context.period),
        "revisions": revised,
        "revised_breakdowns": revised_breakdowns,
        "submissions": annex.submissions(context),
        "records": annex.records(context),
        "severity_counts": quality.severity_counts(context),
        "rules": annex.rules(context),
        "findings": annex.findings(context),
        "reconciliation": annex.reconciliation(context),
        "baseline": annex.baseline(),
        "inputs": annex.inputs(context),
        "inputs_fingerprint": quality.inputs_fingerprint(context),
        "manifest_sha256": context.manifest_sha256,
        "created": context.started_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def render_html(context: ReportContext, templates: Path = TEMPLATES) -> str:
    """The report as one HTML document (stylesheet linked from ``templates/``)."""
    return environment(templates).get_template(REPORT_TEMPLATE).render(report_model(context))


def _attachment(path: Path, fetcher: URLFetcher, when: dt.datetime) -> Attachment:
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    return Attachment(
        file_obj=io.BytesIO(path.read_bytes()),
        url_fetcher=fetcher,
        name=path.name,
        description=f"{path.name}: the data of this report",
        created=stamp,
        modified=stamp,
        relationship="Data",
    )


def write_pdf(
    context: ReportContext,
    path: Path,
    language: str,
    *,
    attachments: Sequence[Path] = (),
    templates: Path = TEMPLATES,
) -> Path:
    """Write the report to ``path`` as PDF/A-3b carrying ``attachments``; return ``path``.

    Nothing outside ``templates`` is fetched, whatever the context holds.
    """
    fetcher = TemplatesOnlyFetcher(templates)
    document = HTML(
        string=render_html(context, templates),
        base_url=templates.resolve().as_uri() + "/",
        url_fetcher=fetcher,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(
        path,
        pdf_variant=PDF_VARIANT,
        attachments=[_attachment(p, fetcher, context.started_at) for p in attachments],
    )
    return path
