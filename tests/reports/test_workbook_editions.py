"""The Azerbaijani edition of the ministry workbook: every text a reader sees in
Azerbaijani, codes kept as codes."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from schemas.reference import DISTRICTS
from sdg18.indicators import INDICATOR_COLUMNS, load_framework
from sdg18.reports.xlsx.sheets import TABLE_ROW
from sdg18.reports.xlsx.texts import verdict_label, workbook_words
from tests.reports.conftest import Rendered
from tests.reports.workbook_checks import english_sentences_in, workbook_texts


@pytest.fixture(scope="module")
def azerbaijani(rendered: Rendered) -> Workbook:
    """The Azerbaijani edition, opened."""
    return load_workbook(rendered.workbook_az)


def test_the_sheets_are_named_in_azerbaijani_and_the_indicators_by_id(
    azerbaijani: Workbook,
) -> None:
    ids = [meta.id for meta in load_framework().indicators]
    names = azerbaijani.sheetnames
    assert names[:2] == ["haqqında", "qrafiklər"]
    assert names[2 : 2 + len(ids)] == ids
    assert names[2 + len(ids) :] == [
        "zaman sıraları",
        "dəyərlər",
        "təqdim edilmiş məlumatlar",
        "yoxlamanın xülasəsi",
        "qaydalara görə tapıntılar",
        "tapıntılar",
        "uzlaşdırma",
        "düzəlişlər",
        "təriflər",
        "giriş faylları",
        "mənbələr",
    ]


def test_the_front_sheet_states_its_facts_in_azerbaijani(
    azerbaijani: Workbook, rendered: Rendered
) -> None:
    about = azerbaijani["haqqında"]
    assert about["A1"].value == "Milli DİM 18 — humanitar minatəmizləmə göstəriciləri"
    facts = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row[0]}
    assert facts["dövr"] == rendered.context.period
    assert facts["status"] == verdict_label(rendered.context.verdict, workbook_words("az"))
    assert facts["status"] in ("yekun", "ilkin")
    assert facts["başlanğıc qiymətləndirmənin tarixi"] == "oktyabr 2024"
    links = {c.value: c.hyperlink.location for row in about.iter_rows() for c in row if c.hyperlink}
    assert links["tapıntılar"] == "'tapıntılar'!A1"
    assert set(links) == set(azerbaijani.sheetnames[1:])


def test_an_indicator_sheet_is_headed_and_labelled_in_azerbaijani(
    azerbaijani: Workbook, rendered: Rendered
) -> None:
    sheet = azerbaijani["18.1.1"]
    assert sheet["A1"].value == "18.1.1 İstifadəyə verilmiş ərazi"
    assert str(sheet["A3"].value).startswith("Hədəf 18.1 · növ: axın")
    header = [c.value for c in sheet[TABLE_ROW]]
    assert header[:8] == [
        "sıra",
        "ölçü vahidi",
        "bölgü",
        "kod",
        "adı",
        "rüb",
        "ilin əvvəlindən",
        "məcmu",
    ]
    assert header[-6:] == [
        "qeydlər (rüb)",
        "fayllar (rüb)",
        "qeydlər (ilin əvvəlindən)",
        "fayllar (ilin əvvəlindən)",
        "qeydlər (məcmu)",
        "fayllar (məcmu)",
    ]
    labels = {
        (row[2], row[3]): row[4] for row in sheet.iter_rows(min_row=TABLE_ROW + 1, values_only=True)
    }
    assert labels[(None, None)] == "cəmi"
    assert labels[("method", "cleared")] == "Təmizlənmiş"  # the codes stay codes
    districts = {d.code: d for d in DISTRICTS}
    for (breakdown, code), label in labels.items():
        if breakdown == "district":
            assert label == districts[str(code)].name_az  # Azerbaijani only
    persons = azerbaijani["18.2.1"].cell(TABLE_ROW + 1, 2).value
    assert persons == "Nəfər"


def test_the_values_sheet_keeps_the_codes_of_indicators_csv(azerbaijani: Workbook) -> None:
    rows = azerbaijani["dəyərlər"].iter_rows(max_row=1, values_only=True)
    assert next(rows) == INDICATOR_COLUMNS


def test_the_charts_are_titled_in_azerbaijani(rendered: Rendered) -> None:
    texts = set(workbook_texts(rendered.workbook_az))
    assert "18.1.1 İstifadəyə verilmiş ərazi (ha)" in texts
    assert "rüb" in texts  # the category axis
    with zipfile.ZipFile(rendered.workbook_az) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert 'typeface="Calibri"' in chart


def test_no_english_sentence_of_the_workbook_catalogue_is_left(rendered: Rendered) -> None:
    assert english_sentences_in(rendered.workbook_az) == []
    # the check bites: the English edition holds the catalogue's sentences
    found = {sentence for sentence, _ in english_sentences_in(rendered.workbook)}
    assert "National SDG 18 — humanitarian demining indicators" in found
    assert len(found) >= 15
