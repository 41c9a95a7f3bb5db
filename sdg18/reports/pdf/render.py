"""The ministry PDF: Jinja2 templates in ``templates/`` rendered by WeasyPrint, one edition
per language, tagged, PDF/A-3a and PDF/UA-1 (:mod:`sdg18.reports.pdf.archival`).

The templates hold no word of their own: every text goes through the ``report``
catalogue (Jinja2's i18n extension with the edition's translations), every number and
name through the :class:`Edition`. Two guards keep agency text inert. The Jinja2
environment escapes every value (``autoescape=True``: ``select_autoescape()`` would not
match ``*.html.j2``) and fails on an undefined name. :class:`TemplatesOnlyFetcher` lets
WeasyPrint read files inside ``templates/`` and nothing else — no network, no other
file, no ``data:`` URL; a refused resource is logged by WeasyPrint and left out, and
the rendering goes on.
"""

from __future__ import annotations

import datetime as dt
import gc
import mimetypes
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from sdg18.core.errors import Sdg18Error
from sdg18.core.i18n import DEFAULT_LANGUAGE, N_, translations
from sdg18.reports import quality
from sdg18.reports.context import ReportContext
from sdg18.reports.figures import ValueIndex
from sdg18.reports.pdf import annex
from sdg18.reports.pdf.archival import PDF_VARIANT, attachment, declare_pdf_ua
from sdg18.reports.pdf.edition import Edition
from sdg18.reports.pdf.output import TEMPLATES
from sdg18.reports.pdf.output import write_pdf as write_pdf  # where tests and benchmarks look
from sdg18.reports.pdf.sections import key_figures, target_sections

REPORT_TEMPLATE = "report.html.j2"


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
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def breakable(text: object) -> Markup:
    """``text`` escaped, with a line-break opportunity after each dot, slash and
    underscore, so long file names and rule ids wrap at their joints.

    The opportunity is a zero-width space, not a ``<wbr>`` element: an element per
    joint (some 1,500 in a quarter's annex) costs WeasyPrint a style, a box and a split
    of the line each; the character prints nothing and is not extracted as text.
    """
    return Markup(_BREAK_AFTER.sub("\\1\u200b", str(escape(text))))


def environment(templates: Path = TEMPLATES, language: str = DEFAULT_LANGUAGE) -> Environment:
    """The Jinja2 environment of the report in ``language``: the report catalogue's
    translations installed (``{% trans %}``, ``_()``), autoescaping on, undefined names
    an error."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations("report", language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["breakable"] = breakable
    return env


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return f'"{escaped}"'


def css_content(text: str, **functions: str) -> Markup:
    """A CSS ``content`` value for ``text``: its literal parts quoted, each ``{name}``
    replaced by ``functions[name]`` (``counter(page)``)."""
    tokens = []
    for position, part in enumerate(_PLACEHOLDER.split(text)):
        if position % 2:
            tokens.append(functions[part])
        elif part:
            tokens.append(_css_string(part))
    return Markup(" ".join(tokens))


def page_margins(edition: Edition, context: ReportContext) -> Markup:
    """The running footer's texts in the edition's language, as CSS ``@page`` rules (the
    stylesheet sets where and how they are printed)."""
    footer = edition.format(
        N_("National SDG 18 · {quarter} · {status}"),
        quarter=edition.quarter(context.period),
        status=edition.verdict(context.verdict),
    )
    page = css_content(
        edition.gettext(N_("Page {page} of {pages}")), page="counter(page)", pages="counter(pages)"
    )
    return Markup(
        "@page {{ @bottom-left {{ content: {footer}; }} @bottom-right {{ content: {page}; }} }}"
    ).format(footer=css_content(footer), page=page)


def report_model(context: ReportContext, language: str = DEFAULT_LANGUAGE) -> dict[str, object]:
    """Everything the templates print, already formatted in ``language``."""
    edition = Edition(language)
    index = ValueIndex(context.values)
    framework = context.framework
    revised, revised_breakdowns = annex.revisions(edition, context)
    return {
        "language": language,
        "period": context.period,
        "period_label": edition.quarter(context.period),
        "verdict": context.verdict,
        "verdict_word": edition.verdict(context.verdict),
        "run_id": context.run_id,
        "run_time": annex.run_time_text(edition, context.started_at),
        "code_version": context.code_version,
        "framework": framework,
        "goal_title": edition.goal_title(framework),
        "page_margins": page_margins(edition, context),
        "panels": key_figures(edition, framework, index, context.period),
        "targets": target_sections(edition, framework, index, context.period),
        "revisions": revised,
        "revised_breakdowns": revised_breakdowns,
        "submissions": annex.submissions(edition, context),
        "records": annex.records(edition, context),
        "severity_counts": quality.severity_counts(context),
        "rules": annex.rules(edition, context),
        "findings": annex.findings(edition, context),
        "reconciliation": annex.reconciliation(edition, context),
        "baseline": annex.baseline(edition),
        "cards": annex.cards(edition, framework),
        "inputs": annex.inputs(edition, context),
        "inputs_fingerprint": quality.inputs_fingerprint(context),
        "manifest_sha256": context.manifest_sha256,
        "created": context.started_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def render_html(
    context: ReportContext, language: str = DEFAULT_LANGUAGE, templates: Path = TEMPLATES
) -> str:
    """The report in ``language`` as one HTML document (stylesheet linked from
    ``templates/``)."""
    template = environment(templates, language).get_template(REPORT_TEMPLATE)
    return template.render(report_model(context, language))


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, back on after it if it was on.

    WeasyPrint builds some million objects (styles, boxes, the PDF's) that live until the
    file is written: each full collection during the render walks all of them again, 1–2 s
    of a 10 s render. Their garbage is left to the next collection, which costs about what
    it costs after a render with the collector on (docs/performance.md, "The PDF render").
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pdf_bytes(
    context: ReportContext,
    language: str,
    attachments: Sequence[Path] = (),
    templates: Path = TEMPLATES,
) -> bytes:
    """The report in ``language`` as the bytes of a PDF (written by
    :func:`~sdg18.reports.pdf.output.write_pdf`)."""
    edition = Edition(language)
    fetcher = TemplatesOnlyFetcher(templates)
    described = N_("{file}: the data of this report")
    with collection_paused():
        html = HTML(
            string=render_html(context, language, templates),
            base_url=templates.resolve().as_uri() + "/",
            url_fetcher=fetcher,
        )
        document = declare_pdf_ua(html.render(pdf_variant=PDF_VARIANT))
        data: bytes = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=[
                attachment(p, fetcher, context.started_at, edition.format(described, file=p.name))
                for p in attachments
            ],
        )
    return data
