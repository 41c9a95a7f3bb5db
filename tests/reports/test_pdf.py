"""The ministry PDF opened as a reader would: its text, its archival metadata, its attachments.

The tests that read sentences read the English edition; ``test_pdf_editions.py`` reads
the Azerbaijani one, ``test_pdf_accessibility.py`` the tags of both.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdg18.indicators import BREAKDOWN_COLUMNS, load_framework
from sdg18.reports.exports.indicators_csv import read_indicators_csv
from sdg18.reports.numbers import (
    format_change,
    format_count,
    format_value,
    with_unit,
)
from sdg18.reports.pdf.annex import run_stamp
from sdg18.reports.pdf.charts import Point, nice_step, trend_chart
from sdg18.reports.pdf.edition import Edition
from sdg18.reports.pdf.render import environment, render_html, report_model
from sdg18.reports.xlsx.workbook import write_workbook
from tests.reports.conftest import Rendered, extract_text

AZERBAIJANI_LETTERS = "əğıöşçüƏĞİÖŞÇÜ"


def test_numbers_are_printed_one_way_per_unit() -> None:
    assert format_value(1234.56, "ha", "en") == "1,234.6"
    assert format_value(1234.56, "ha", "az") == "1\u202f234,6"
    assert format_value(12.345, "%", "en") == "12.3"
    assert format_value(0.2049, "persons per 1,000 ha", "az") == "0,20"
    assert format_value(1_234_567.4, "AZN", "en") == "1,234,567"
    assert format_value(1_234_567.4, "AZN", "az") == "1\u202f234\u202f567"
    assert format_value(-3.0, "persons", "en") == "\u22123"
    assert format_value(math.nan, "ha", "en") == "n/a"
    assert format_value(math.nan, "ha", "az") == "yoxdur"
    assert format_count(None, "en") == "n/a"
    assert with_unit("12.3", "%", "en") == "12.3%"
    assert with_unit("n/a", "ha", "en") == "n/a"
    assert with_unit("12", "items", "az") == "12 ədəd"
    assert with_unit("4", "incidents", "en") == "4 incidents"
    assert format_change(110.0, 100.0, "persons", "en") == "+10 (+10.0%)"
    assert format_change(110.0, 100.0, "persons", "az") == "+10 (+10,0%)"
    assert format_change(40.0, 42.5, "%", "en") == "\u22122.5 pp"
    assert format_change(40.0, 42.5, "%", "az") == "\u22122,5 f.b."
    assert format_change(5.0, 0.0, "items", "en") == "+5"
    assert format_change(5.0, None, "items", "en") == "n/a"


def test_a_chart_has_a_title_unit_source_text_alternative_and_round_steps() -> None:
    svg = trend_chart(
        Edition("az"),
        "Land <released> (ha)",
        "ha",
        [Point("I rüb 2026", 10.0), Point("II rüb 2026", None), Point("III rüb 2026", 1234.5)],
        bars=True,
        subtitle="Son 3 rübün hər biri",
        source="Mənbə: ərazilərin istifadəyə verilməsi (ANAMA).",
        description="Sütunlu diaqram: <alt>",
    )
    assert "Land &lt;released&gt; (ha)" in svg
    assert "<title>Sütunlu diaqram: &lt;alt&gt;</title>" in svg
    assert "Mənbə: ərazilərin istifadəyə verilməsi (ANAMA)." in svg
    assert ">yoxdur<" in svg
    assert ">1\u202f234,5<" in svg
    assert "<released>" not in svg
    assert nice_step(9.0, whole=True) == 5.0
    assert nice_step(3.0, whole=True) == 1.0
    assert nice_step(0.9) == 0.25


def test_the_pdf_names_the_period_status_and_every_indicator(
    rendered: Rendered, pdf_text: str
) -> None:
    context = rendered.context
    assert context.period in pdf_text
    assert context.verdict.upper() in pdf_text
    for meta in load_framework().indicators:
        assert meta.id in pdf_text
        assert meta.title_en in pdf_text


@pytest.mark.parametrize("language", ["en", "az"])
def test_the_headline_values_of_indicators_csv_are_printed(
    rendered: Rendered, pdf_text: str, pdf_text_az: str, language: str
) -> None:
    text = pdf_text if language == "en" else pdf_text_az
    table = read_indicators_csv(rendered.indicators_csv)
    headline = table[(table["period"] == rendered.context.period)]
    breakdowns = list(BREAKDOWN_COLUMNS)
    headline = headline[(headline[breakdowns] == "").all(axis=1)]
    checked = 0
    for meta in load_framework().indicators:
        for series in meta.series:
            for scope in series.scopes:
                row = headline[(headline["series"] == series.id) & (headline["scope"] == scope)]
                (value,) = row["value"].tolist()
                number = format_value(value, series.unit, language)
                printed = with_unit(number, series.unit, language)
                assert printed in text, (series.id, scope, printed)
                checked += 1
    assert checked >= 22


@pytest.fixture(scope="module")
def pdf_text_az(rendered: Rendered) -> str:
    """The extracted text of the first render's Azerbaijani edition."""
    return extract_text(rendered.pdf_az)


@pytest.mark.parametrize("language", ["en", "az"])
def test_every_azerbaijani_letter_can_be_extracted(
    pdf_text: str, pdf_text_az: str, language: str
) -> None:
    text = pdf_text if language == "en" else pdf_text_az
    missing = [letter for letter in AZERBAIJANI_LETTERS if letter not in text]
    assert not missing


@pytest.mark.parametrize("language", ["en", "az"])
def test_the_run_stamp_is_on_the_cover_and_in_the_provenance(
    rendered: Rendered, pdf_text: str, pdf_text_az: str, language: str
) -> None:
    text = pdf_text if language == "en" else pdf_text_az
    run_id, run_time = run_stamp(rendered.context, Edition(language))
    assert text.count(run_id) == 2
    assert text.count(run_time) == 2, run_time
    for sha256 in rendered.context.inputs["sha256"]:
        if len(sha256) == 64:
            assert sha256 in text


@pytest.mark.parametrize("language", ["en", "az"])
def test_the_pdf_is_pdf_a_3a(rendered: Rendered, language: str) -> None:
    path = rendered.pdf if language == "en" else rendered.pdf_az
    reader = PdfReader(path)
    assert path.read_bytes().startswith(b"%PDF-1.7")
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp)
    (intent,) = catalog["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert reader.metadata is not None
    assert rendered.context.period in (reader.metadata.title or "")


@pytest.mark.parametrize("language", ["en", "az"])
def test_the_pdf_carries_the_workbook_and_indicators_csv(rendered: Rendered, language: str) -> None:
    pdf, workbook = (
        (rendered.pdf, rendered.workbook)
        if language == "en"
        else (rendered.pdf_az, rendered.workbook_az)
    )
    attachments = PdfReader(pdf).attachments
    assert sorted(attachments) == sorted([workbook.name, "indicators.csv"])
    assert attachments[workbook.name] == [workbook.read_bytes()]
    assert attachments["indicators.csv"] == [rendered.indicators_csv.read_bytes()]


@pytest.mark.parametrize(
    ("verdict", "language", "status", "other"),
    [
        ("final", "en", "FINAL", "PROVISIONAL"),
        ("provisional", "en", "PROVISIONAL", "FINAL"),
        ("final", "az", "YEKUN", "İLKİN"),
        ("provisional", "az", "İLKİN", "YEKUN"),
    ],
)
def test_the_cover_shows_the_status_in_the_editions_language(
    rendered: Rendered, verdict: str, language: str, status: str, other: str
) -> None:
    model = report_model(dataclasses.replace(rendered.context, verdict=verdict), language)
    cover = environment(language=language).get_template("_cover.html.j2").render(model)
    assert f'<p class="status-word">{status}</p>' in cover
    assert other not in cover


@pytest.mark.parametrize("language", ["en", "az"])
def test_two_runs_on_the_same_inputs_differ_only_by_the_run_stamp(
    rendered: Rendered,
    rendered_again: Rendered,
    pdf_text: str,
    pdf_text_again: str,
    pdf_text_az: str,
    language: str,
) -> None:
    if language == "en":
        first, second = pdf_text, pdf_text_again
    else:
        first, second = pdf_text_az, extract_text(rendered_again.pdf_az)
    assert first != second
    edition = Edition(language)
    for stamp in run_stamp(rendered.context, edition):
        first = first.replace(stamp, "<run stamp>")
    for stamp in run_stamp(rendered_again.context, edition):
        second = second.replace(stamp, "<run stamp>")
    assert first == second


def test_a_run_with_nothing_to_report_still_renders(rendered: Rendered, tmp_path: Path) -> None:
    context = rendered.context
    empty = dataclasses.replace(
        context,
        findings=context.findings.iloc[0:0],
        revisions=context.revisions.iloc[0:0],
        submissions=context.submissions.iloc[0:0],
        inputs=context.inputs.iloc[0:0],
        reconciliation=context.reconciliation.iloc[0:0],
        missing=(("MOF", "funding"),),
        verdict="final",
    )
    html = render_html(empty, "en")
    assert "No value published earlier was revised by this run." in html
    assert "Neither source reported casualties for the quarter." in html
    assert "FINAL" in html
    assert ">missing<" in html
    assert '<html lang="en">' in html
    assert ">Məlumatların keyfiyyəti üzrə əlavə<" in render_html(empty, "az")
    workbook = write_workbook(empty, tmp_path / "empty.xlsx", "en")
    assert workbook.exists()
