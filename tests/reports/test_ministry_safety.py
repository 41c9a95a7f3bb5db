"""Agency text stays inert in the ministry reports, and the renderer fetches nothing.

The session's reports were rendered from a context holding a spreadsheet formula
and an HTML image that point at a local server recording every request.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from openpyxl import load_workbook
from pypdf import PdfReader
from weasyprint import HTML

from sdg18.reports.pdf.render import TEMPLATES, TemplatesOnlyFetcher, URLRefusedError, environment
from tests.reports.conftest import HitServer, Rendered


def _squeezed(text: str) -> str:
    """``text`` without white space: a table cell may wrap a long value over lines."""
    return "".join(text.split())


def test_hostile_text_is_printed_literally_and_nothing_is_fetched(
    pdf_text: str,
    pdf_text_again: str,
    hostile_texts: tuple[str, str],
    hit_server: HitServer,
) -> None:
    for text in (pdf_text, pdf_text_again):
        for hostile in hostile_texts:
            assert _squeezed(hostile) in _squeezed(text), hostile
    assert hit_server.hits == []


def test_the_pdf_holds_no_image(rendered: Rendered) -> None:
    for page in PdfReader(rendered.pdf).pages:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject", {}) if resources else {}
        kinds = [objects[name].get_object().get("/Subtype") for name in objects]
        assert "/Image" not in kinds


def test_hostile_text_is_a_string_in_the_workbook(
    rendered: Rendered, hostile_texts: tuple[str, str]
) -> None:
    workbook = load_workbook(rendered.workbook)
    found: dict[str, list[str]] = {text: [] for text in hostile_texts}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in found:
                    assert cell.data_type == "s", cell.coordinate
                    found[str(cell.value)].append(sheet.title)
    formula, image = hostile_texts
    assert {"findings", "inputs"} <= set(found[formula])
    assert {"findings", "inputs"} <= set(found[image])
    causes = [c.value for row in workbook["revisions"].iter_rows() for c in row]
    assert f"{formula} {image}" in causes


def test_the_fetcher_serves_only_files_inside_templates(
    tmp_path: Path, hit_server: HitServer
) -> None:
    fetcher = TemplatesOnlyFetcher(TEMPLATES)
    stylesheet = fetcher.fetch((TEMPLATES / "report.css").as_uri())
    assert stylesheet.content_type == "text/css"
    assert b"@page" in stylesheet.read()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    refused = [
        hit_server.url("fetcher"),
        "https://127.0.0.1/x",
        outside.as_uri(),
        TEMPLATES.as_uri() + "/../pyproject.toml",
        TEMPLATES.as_uri() + "/missing.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "ftp://127.0.0.1/x",
    ]
    for url in refused:
        with pytest.raises(URLRefusedError):
            fetcher.fetch(url)
    assert fetcher.refused == refused
    assert hit_server.hits == []


def test_unescaped_markup_still_fetches_nothing(hit_server: HitServer) -> None:
    url = hit_server.url("markup")
    html = (
        f'<link rel="stylesheet" href="{url}.css">'
        f"<style>@import url({url}-import.css); p {{ background: url({url}-bg); }}</style>"
        f'<p>text</p><img src="{url}"><img src="file:///etc/passwd">'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}-svg"/></svg>'
    )
    fetcher = TemplatesOnlyFetcher(TEMPLATES)
    pdf = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert hit_server.hits == []
    assert len(fetcher.refused) >= 4


def test_the_template_environment_escapes_and_is_strict() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ text }}").render(text='<img src="x">') == (
        "&lt;img src=&#34;x&#34;&gt;"
    )
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_the_templates_name_no_url() -> None:
    for path in (path for path in TEMPLATES.rglob("*") if path.is_file()):  # audit/ too
        text = path.read_text(encoding="utf-8")
        assert "url(" not in text, path.name
        assert not re.search(r"https?:|(?:src|href)=[\"']?//", text), path.name
