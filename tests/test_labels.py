"""The labels of ``sdg18.core.labels``: every code, column, unit and series has its
English and Azerbaijani label, and no Azerbaijani label is the raw code."""

from __future__ import annotations

from schemas.reference import AGENCIES, DISTRICTS
from sdg18.core.indicator_layout import BREAKDOWN_CODES, BREAKDOWN_COLUMNS
from sdg18.core.labels import BREAKDOWN_NAMES, CODE_LABELS_AZ, UNIT_LABELS, code_label_en
from sdg18.indicators.metadata import load_framework
from sdg18.reports.figures import BREAKDOWN_TITLES, code_label


def test_every_breakdown_column_has_both_names() -> None:
    assert tuple(BREAKDOWN_NAMES) == BREAKDOWN_COLUMNS
    for column, (en, az) in BREAKDOWN_NAMES.items():
        assert en, column
        assert az not in ("", column), column
    assert BREAKDOWN_NAMES["method"] == ("Release method", "İstifadəyə vermə üsulu")
    assert BREAKDOWN_TITLES["source_type"] == "Source of funds"


def test_every_breakdown_code_has_both_labels() -> None:
    for breakdown, codes in BREAKDOWN_CODES.items():
        if breakdown == "district":
            continue
        labels = CODE_LABELS_AZ[breakdown]
        assert list(labels) == list(codes), breakdown
        for code in codes:
            assert code_label_en(code), (breakdown, code)
            assert labels[code] not in ("", code), (breakdown, code)
    assert set(CODE_LABELS_AZ) == set(BREAKDOWN_CODES) - {"district"}


def test_the_terms() -> None:
    assert CODE_LABELS_AZ["method"] == {
        "cancelled": "Ləğv edilmiş",
        "reduced": "Azaldılmış",
        "cleared": "Təmizlənmiş",
    }
    assert CODE_LABELS_AZ["hazard_class"]["CHA"] == "Təsdiqlənmiş təhlükəli ərazi (CHA)"
    assert CODE_LABELS_AZ["item_type"]["AP_MINE"] == "Piyada əleyhinə mina"
    assert CODE_LABELS_AZ["status"]["deminer"] == "Minatəmizləyən"
    assert (code_label_en("AP_MINE"), code_label_en("in_person")) == ("AP mine", "In person")
    assert code_label("method", "cleared") == "Cleared"
    assert code_label("district", "AZ-AGM") == "Aghdam · Ağdam"


def test_every_unit_and_series_of_the_framework_has_both_labels() -> None:
    indicators = load_framework().indicators
    assert {s.unit for m in indicators for s in m.series} == set(UNIT_LABELS)
    for unit, (en, az) in UNIT_LABELS.items():
        assert en, unit
        assert az not in ("", unit), unit
    for series in (s for m in indicators for s in m.series):
        assert series.title, series.id
        assert series.title_az not in ("", series.id), series.id


def test_districts_and_agencies_have_both_names() -> None:
    assert all(d.name_en and d.name_az for d in DISTRICTS)
    assert all(a.name and a.name_az and a.name_az != a.name for a in AGENCIES)
