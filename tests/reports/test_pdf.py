"""The ministry PDF opened as a reader would: its text, its archival metadata, its attachments."""

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
from sdg18.reports.pdf.render import environment, render_html, report_model
from sdg18.reports.xlsx.workbook import write_workbook
from tests.reports.conftest import Rendered

AZERBAIJANI_LETTERS = "əğıöşçüƏĞİÖŞÇÜ"


def test_numbers_are_printed_one_way_per_unit() -> None:
    assert format_value(1234.56, "ha") == "1\u202f234.6"
    assert format_value(12.345, "%") == "12.3"
    assert format_value(0.2049, "persons per 1,000 ha") == "0.20"
    assert format_value(1_234_567.4, "AZN") == "1\u202f234\u202f567"
    assert format_value(-3.0, "persons") == "\u22123"
    assert format_value(math.nan, "ha") == "n/a"
    assert format_count(None) == "n/a"
    assert with_unit("12.3", "%") == "12.3%"
    assert with_unit("n/a", "ha") == "n/a"
    assert format_change(110.0, 100.0, "persons") == "+10 (+10.0%)"
    assert format_change(40.0, 42.5, "%") == "\u22122.5 pp"
    assert format_change(5.0, 0.0, "items") == "+5"
    assert format_change(5.0, None, "items") == "n/a"


def test_a_chart_has_a_title_unit_source_and_round_steps() -> None:
    svg = trend_chart(
        "Land <released>",
        "ha",
        [Point("Q1 2026", 10.0), Point("Q2 2026", None), Point("Q3 2026", 1234.5)],
        bars=True,
        subtitle="Each of the last 3 quarters",
        source="Source: land release (ANAMA).",
    )
    assert "Land &lt;released&gt; (ha)" in svg
    assert "Source: land release (ANAMA)." in svg
    assert ">n/a<" in svg
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
        assert meta.title_az in pdf_text


def test_the_headline_values_of_indicators_csv_are_printed(
    rendered: Rendered, pdf_text: str
) -> None:
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
                printed = with_unit(format_value(value, series.unit), series.unit)
                assert printed in pdf_text, (series.id, scope, printed)
                checked += 1
    assert checked >= 22


def test_every_azerbaijani_letter_can_be_extracted(pdf_text: str) -> None:
    missing = [letter for letter in AZERBAIJANI_LETTERS if letter not in pdf_text]
    assert not missing


def test_the_run_stamp_is_on_the_cover_and_in_the_provenance(
    rendered: Rendered, pdf_text: str
) -> None:
    for stamp in run_stamp(rendered.context):
        assert pdf_text.count(stamp) == 2, stamp
    for sha256 in rendered.context.inputs["sha256"]:
        if len(sha256) == 64:
            assert sha256 in pdf_text


def test_the_pdf_is_pdf_a_3b(rendered: Rendered) -> None:
    reader = PdfReader(rendered.pdf)
    assert rendered.pdf.read_bytes().startswith(b"%PDF-1.7")
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")B", xmp)
    (intent,) = catalog["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert reader.metadata is not None
    assert rendered.context.period in (reader.metadata.title or "")


def test_the_pdf_carries_the_workbook_and_indicators_csv(rendered: Rendered) -> None:
    attachments = PdfReader(rendered.pdf).attachments
    assert sorted(attachments) == sorted([rendered.workbook.name, "indicators.csv"])
    assert attachments[rendered.workbook.name] == [rendered.workbook.read_bytes()]
    assert attachments["indicators.csv"] == [rendered.indicators_csv.read_bytes()]


@pytest.mark.parametrize(
    ("verdict", "status"), [("final", "FINAL · YEKUN"), ("provisional", "PROVISIONAL · İLKİN")]
)
def test_the_cover_shows_the_status(rendered: Rendered, verdict: str, status: str) -> None:
    model = report_model(dataclasses.replace(rendered.context, verdict=verdict))
    cover = environment().get_template("_cover.html.j2").render(model)
    assert f'<span class="az">{status.split(" · ")[1]}</span>' in cover
    assert status.split(" · ")[0] in cover


def test_two_runs_on_the_same_inputs_differ_only_by_the_run_stamp(
    rendered: Rendered, rendered_again: Rendered, pdf_text: str, pdf_text_again: str
) -> None:
    again = pdf_text_again
    assert again != pdf_text
    first, second = pdf_text, again
    for stamp in run_stamp(rendered.context):
        first = first.replace(stamp, "<run stamp>")
    for stamp in run_stamp(rendered_again.context):
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
    html = render_html(empty)
    assert "No value published earlier was revised by this run." in html
    assert "Neither source reported casualties for the quarter." in html
    assert "FINAL" in html
    assert ">missing<" in html
    workbook = write_workbook(empty, tmp_path / "empty.xlsx")
    assert workbook.exists()
