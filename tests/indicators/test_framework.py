"""The framework file: complete, valid, and wired to one function per indicator."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sdg18.indicators import load_framework, registered
from sdg18.indicators.metadata import FRAMEWORK_FILE, FrameworkError, parse_framework

#: The series table of the framework: indicator → (series, unit).
SERIES = {
    "18.1.1": [("released_ha", "ha")],
    "18.1.2": [
        ("remaining_km2", "km²"),
        ("remaining_share_of_territory_pct", "%"),
        ("released_share_of_baseline_pct", "%"),
    ],
    "18.1.3": [("items_destroyed", "items")],
    "18.2.1": [("casualties", "persons")],
    "18.2.2": [("incidents", "incidents")],
    "18.2.3": [("deminer_casualties_per_1000_ha", "persons per 1,000 ha")],
    "18.3.1": [("survivors_assisted", "persons")],
    "18.3.2": [("assistance_coverage_pct", "%")],
    "18.3.3": [("economic_inclusion_coverage_pct", "%")],
    "18.4.1": [
        ("eore_beneficiaries", "persons"),
        ("eore_beneficiaries_with_disability", "persons"),
    ],
    "18.4.2": [("civilian_casualties_with_eore_pct", "%")],
    "18.4.3": [("return_settlements_covered_pct", "%")],
    "18.5.1": [("funding_azn", "AZN")],
    "18.5.2": [("international_share_pct", "%"), ("international_share_cumulative_pct", "%")],
    "18.5.3": [("idps_returned_persons", "persons"), ("idps_returned_households", "households")],
}
AZERBAIJANI_LETTERS = set("əğıöşçüƏĞİÖŞÇÜ")


def test_the_framework_has_5_targets_and_15_indicators_with_their_series() -> None:
    framework = load_framework()
    assert [t.id for t in framework.targets] == ["18.1", "18.2", "18.3", "18.4", "18.5"]
    found = {m.id: [(s.id, s.unit) for s in m.series] for m in framework.indicators}
    assert found == SERIES


def test_every_title_has_an_azerbaijani_version() -> None:
    framework = load_framework()
    titles = [m.title_az for m in framework.indicators] + [t.title_az for t in framework.targets]
    assert all(titles)
    assert AZERBAIJANI_LETTERS & set("".join(titles)) >= set("əğıöşçü")


def test_scopes_follow_the_kind_unless_declared() -> None:
    framework = load_framework()
    flow = framework.indicator("18.1.1").series_by_id("released_ha")
    assert flow.scopes == ("period", "ytd", "cumulative")
    ratio = framework.indicator("18.5.2")
    assert ratio.series_by_id("international_share_pct").scopes == ("period",)
    assert ratio.series_by_id("international_share_cumulative_pct").scopes == ("cumulative",)


def test_every_indicator_has_its_registered_function() -> None:
    functions = registered()
    for meta in load_framework().indicators:
        assert functions[meta.id].__name__ == meta.function


def test_a_broken_record_is_refused_with_its_name(tmp_path: Path) -> None:
    document = yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8"))
    document["indicators"][0]["breakdowns"] = ["district", "colour"]
    with pytest.raises(FrameworkError, match=r"18\.1\.1.*colour"):
        parse_framework(document)
    document = yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8"))
    document["indicators"][1]["id"] = "18.1.1"
    with pytest.raises(FrameworkError, match="repeated"):
        parse_framework(document)


def test_the_docs_table_lists_every_indicator_and_series() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "indicators.md").read_text(encoding="utf-8")
    for meta in load_framework().indicators:
        assert f"| {meta.id} | {meta.title_en} | {meta.title_az} |" in docs
        for series in meta.series:
            assert f"`{series.id}` ({series.unit})" in docs


def test_every_card_has_its_texts_in_both_languages() -> None:
    from sdg18.indicators.metadata import CardTexts, card_texts

    for meta in load_framework().indicators:
        english = card_texts(meta, "en")
        assert english == CardTexts(
            meta.title_en, meta.definition, meta.computation, meta.limitations
        )
        azerbaijani = card_texts(meta, "az")
        assert azerbaijani.title == meta.title_az
        for field in ("definition", "computation", "limitations"):
            assert getattr(azerbaijani, field) != getattr(english, field), (meta.id, field)
    land = card_texts(load_framework().indicator("18.1.1"), "az")
    assert land.definition == (
        "Dövr ərzində başa çatmış ərazinin istifadəyə verilməsi tapşırıqları ilə ləğv edilmiş, "
        "azaldılmış və ya təmizlənmiş şübhəli və ya təsdiqlənmiş təhlükəli ərazinin sahəsi, "
        "hektarla."
    )
