"""The PDF's two editions come from one source: the templates hold no text of their own,
and the Azerbaijani edition reads in Azerbaijani — its titles, its numbers, its names —
with none of the English edition's sentences."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, nodes

from sdg18.core.catalogues import PLACEHOLDER, read_catalogue
from sdg18.core.i18n import translator
from sdg18.indicators import BREAKDOWN_COLUMNS, load_framework
from sdg18.reports.exports.indicators_csv import read_indicators_csv
from sdg18.reports.numbers import format_number
from sdg18.reports.pdf.render import TEMPLATES, environment, render_html
from tests.reports.conftest import Rendered, extract_text

#: A letter of any script (digits, punctuation and symbols are not text to translate).
LETTER = re.compile(r"[^\W\d_]")
TAG = re.compile(r"<[^>]*>")
#: The literal start of an attribute a reader hears (its value up to a quote or a ``{{``).
READ_ATTRIBUTE = re.compile(r"""\b(?:alt|title|aria-label)\s*=\s*["']([^"']*)""")
SECTION_TITLES = {
    "Contents": "Mündəricat",
    "Key figures": "Əsas göstəricilər",
    "Revisions": "Düzəlişlər",
    "Data quality annex": "Məlumatların keyfiyyəti üzrə əlavə",
    "Methodology": "Metodologiya",
    "Provenance": "Mənşə",
}


def untranslated(env: Environment, source: str) -> list[str]:
    """The texts of a template outside the catalogue: literal letters in alt, title and
    aria-label, then letters left in its literal parts once the tags are dropped.

    The literal parts (``TemplateData``) are joined in document order with ``{}`` for
    what lies between them (an expression, a translated message, a tag of Jinja's), so
    an HTML tag cut by an expression is whole again.
    """
    skeleton = "{}".join(data.data for data in env.parse(source).find_all(nodes.TemplateData))
    found = [value for value in READ_ATTRIBUTE.findall(skeleton) if LETTER.search(value)]
    for part in TAG.sub("{}", skeleton).split("{}"):
        if LETTER.search(part):
            found.append(" ".join(part.split()))
    return found


def squeezed(text: str) -> str:
    """``text`` with every run of white space one space (a PDF wraps lines anywhere)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf_text_az(rendered: Rendered) -> str:
    """The extracted text of the Azerbaijani edition."""
    return extract_text(rendered.pdf_az)


def test_the_check_finds_text_outside_the_catalogue() -> None:
    env = environment()
    source = (
        '<p class="lead">{{ value }} ha</p><img alt="Chart of {{ x }}">'
        '<svg aria-label="{{ label }}"></svg><p>{{ _("Key figures") }} · 12</p>'
        "{% trans %}Target {{ value }}{% endtrans %}"
    )
    assert untranslated(env, source) == ["Chart of {}", "ha"]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in TEMPLATES.glob("*.html.j2")), ids=lambda name: name
)
def test_a_template_holds_no_text_outside_the_catalogue(name: str) -> None:
    env = environment()
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert untranslated(env, source) == []


def test_each_edition_names_its_language(rendered: Rendered) -> None:
    for language in ("az", "en"):
        html = render_html(rendered.context, language)
        assert html.startswith(f'<!DOCTYPE html>\n<html lang="{language}">'), language
    az = render_html(rendered.context, "az")
    assert "<title>Milli DİM 18 üzrə rüblük hesabat: " in az


def test_the_az_edition_has_the_azerbaijani_section_titles(pdf_text_az: str) -> None:
    report = translator("report", "az")
    for english, azerbaijani in SECTION_TITLES.items():
        assert report.gettext(english) == azerbaijani
        assert azerbaijani in pdf_text_az, azerbaijani
    for meta in load_framework().indicators:
        assert meta.title_az in pdf_text_az, meta.id
        assert meta.title_en not in pdf_text_az, meta.id
    assert "III rüb 2025" in pdf_text_az
    assert "Səhifə 2 / " in pdf_text_az


def test_the_az_edition_prints_numbers_the_azerbaijani_way(
    rendered: Rendered, pdf_text_az: str
) -> None:
    table = read_indicators_csv(rendered.indicators_csv)
    headline = table[
        (table["period"] == rendered.context.period)
        & (table[list(BREAKDOWN_COLUMNS)] == "").all(axis=1)
        & table["unit"].isin(["ha", "km²"])
    ]
    values = [float(v) for v in headline["value"] if v != "" and float(v) >= 1000]
    assert values, "the synthetic run has a thousand hectares or more"
    for value in values:
        printed = format_number(value, 1, "az")
        assert re.fullmatch(r"\d{1,3}(\u202f\d{3})+,\d", printed), printed
        assert printed in pdf_text_az, printed
        assert format_number(value, 1, "en") not in pdf_text_az


def test_the_az_edition_holds_none_of_the_english_sentences(
    pdf_text: str, pdf_text_az: str
) -> None:
    az, en = squeezed(pdf_text_az), squeezed(pdf_text)
    translated = {m.id: m.string for m in read_catalogue("report", "az") if m.id}
    sentences = set()
    for message_id, string in translated.items():
        for english, azerbaijani in zip(
            message_id if isinstance(message_id, tuple) else (message_id,),
            string if isinstance(string, tuple) else (string,),
            strict=True,
        ):
            if english == azerbaijani:
                continue  # a command line or a code, the same in both languages
            for piece in PLACEHOLDER.split(TAG.sub(" ", english)):
                if len(piece.split()) >= 5:
                    sentences.add(squeezed(piece))
    found = sorted(s for s in sentences if s in az)
    assert found == []
    assert sum(s in en for s in sentences) >= 10, "the English edition has them"


def test_the_az_edition_names_districts_in_azerbaijani_only(
    pdf_text: str, pdf_text_az: str
) -> None:
    for azerbaijani, english in (("Ağdam", "Aghdam"), ("Füzuli", "Fuzuli"), ("Şuşa", "Shusha")):
        assert azerbaijani in pdf_text_az
        assert english not in pdf_text_az
        assert english in pdf_text


def test_every_note_the_run_wrote_is_a_sentence_the_az_edition_knows(rendered: Rendered) -> None:
    # The notes of indicators.csv are English sentences written by the indicator functions;
    # the PDF recognises each kind (sdg18/reports/pdf/notes.py). A sentence reworded there
    # and not here would be printed in English in the Azerbaijani edition.
    from sdg18.reports.pdf.edition import Edition
    from sdg18.reports.pdf.notes import value_note

    notes = {str(n) for n in rendered.context.values["note"].dropna() if str(n).strip()}
    assert notes  # the synthetic run writes some (baseline, denominators, recomputed values)
    az = Edition("az")
    assert sorted(n for n in notes if value_note(az, n) == n) == []
