"""The Open SDG export as a site builds from it: both languages, every key translated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from sdg18.core.periods import Period, period_range
from sdg18.indicators import compute_indicators
from sdg18.indicators.metadata import load_framework
from sdg18.reports.exports.opensdg import write_opensdg
from sdg18.reports.exports.opensdg.data import FIXED_COLUMNS
from sdg18.reports.exports.opensdg.translations import METADATA_WORDS
from tests.indicators.builders import records

PERIODS = period_range(Period(2025, 3), Period(2026, 1))
GIVEN = records(
    land_release=[
        {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 10_000, "completion_date": "2025-08-01"},
    ],
    casualties=[
        {"casualty_id": "C1", "incident_id": "I1", "incident_date": "2025-09-01",
         "district": "AZ-FUZ", "outcome": "injured", "sex": "female", "age": 12,
         "status": "civilian", "device_type": "AP_MINE", "agency": "ANAMA"},
    ],
)  # fmt: skip
#: Open SDG's indicator-config fields the cards use (its schema-indicator-config.json).
OPEN_SDG_FIELDS = {
    "indicator_number", "indicator_name", "reporting_status", "data_non_statistical",
    "graph_type", "graph_title", "computation_units", "national_geographical_coverage",
    "data_footnote", "data_show_map",
}  # fmt: skip


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("opensdg")
    write_opensdg(compute_indicators(GIVEN, PERIODS), PERIODS, folder)
    return folder


def test_goal_and_target_titles_in_both_languages(export: Path) -> None:
    goals = {
        lang: _load(export / "translations" / lang / "global_goals.yml") for lang in ("en", "az")
    }
    assert goals["en"] == {"18-title": "Humanitarian demining", "18-short": "Humanitarian demining"}
    assert goals["az"]["18-title"] == "Humanitar minatəmizləmə"
    targets = {
        lang: _load(export / "translations" / lang / "global_targets.yml") for lang in ("en", "az")
    }
    assert list(targets["en"]) == list(targets["az"]) == [f"18-{t}-title" for t in range(1, 6)]
    assert targets["az"]["18-2-title"] == (
        "Minalar və partlamamış hərbi sursatlar səbəbindən insan itkilərinə son qoyulması"
    )


def test_every_value_and_column_of_every_csv_has_a_translation_in_both_languages(
    export: Path,
) -> None:
    data = {lang: _load(export / "translations" / lang / "data.yml") for lang in ("en", "az")}
    assert set(data["en"]) == set(data["az"])
    assert all(
        isinstance(k, str) and isinstance(v, str) and v for d in data.values() for k, v in d.items()
    )
    for path in sorted(export.glob("indicator_18-*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        columns = [c for c in table.columns if c not in FIXED_COLUMNS]
        shown = {v for c in ["Series", "Units", *columns] for v in table[c] if v}
        for lang in ("en", "az"):
            missing = (shown | set(columns)) - set(data[lang])
            assert not missing, (path.name, lang, missing)
    assert data["az"]["cleared"] == "Təmizlənmiş"
    assert data["az"]["Aghdam"] == "Ağdam"
    assert data["az"]["released_ha"] == "İstifadəyə verilmiş ərazi"
    assert data["az"]["End Use"] == "İstifadə təyinatı"
    assert data["en"]["Method"] == "Release method"  # as the reports title it
    assert data["en"]["AP_MINE"] == "AP mine"
    assert data["az"]["ha"] == "Hektar"
    # a key YAML would read as a number or a boolean is quoted, so it stays text
    assert "'%': Faiz" in (export / "translations" / "az" / "data.yml").read_text(encoding="utf-8")


def test_no_data_key_is_a_card_value(export: Path) -> None:
    """sdg-build translates card values with data.yml too: none may be a key."""
    keys = set(_load(export / "translations" / "en" / "data.yml"))
    assert not METADATA_WORDS & keys
    for path in sorted(export.glob("meta/**/18-*.yml")):
        values = {v for v in _load(path).values() if isinstance(v, str)}
        assert not values & keys, path


def test_every_translation_file_has_the_same_keys_in_both_languages(export: Path) -> None:
    groups = ("global_goals", "global_targets", "data", "metadata_fields")
    assert sorted(p.name for p in (export / "translations" / "az").iterdir()) == sorted(
        f"{g}.yml" for g in groups
    )
    for group in groups:
        en, az = (_load(export / "translations" / lang / f"{group}.yml") for lang in ("en", "az"))
        assert list(en) == list(az), group
        assert all(isinstance(k, str) for k in en), group


def test_every_card_has_its_azerbaijani_card_and_only_declared_fields(export: Path) -> None:
    schema = _load(export / "metadata_schema.yml")
    entries = schema["prose"]["metadata"]["meta"]
    declared = {entry["name"] for entry in entries}
    assert {"SDG_TARGET", "source_organisation_1", "source_active_1"} <= declared
    assert not declared & OPEN_SDG_FIELDS
    labels = _load(export / "translations" / "az" / "metadata_fields.yml")
    for entry in entries:
        assert entry["field"]["translation_key"] == f"metadata_fields.{entry['name']}"
        assert labels[entry["name"]]
    assert labels["SDG_TARGET"] == "Hədəf"
    framework = load_framework()
    for meta in framework.indicators:
        name = meta.id.replace(".", "-")
        card = _load(export / "meta" / f"{name}.yml")
        az = _load(export / "meta" / "az" / f"{name}.yml")
        assert az["indicator_name"] == meta.title_az
        assert az["indicator_name"] != card["indicator_name"]
        for field, value in [*card.items(), *az.items()]:
            assert field in OPEN_SDG_FIELDS | declared, (name, field)
            assert not isinstance(value, list | dict), (name, field)
        has_geocode = "GeoCode" in (export / f"indicator_{name}.csv").read_text().split("\n")[0]
        assert card.get("data_show_map", False) is has_geocode, name


def test_the_cards_of_land_released(export: Path) -> None:
    card = _load(export / "meta" / "18-1-1.yml")
    az = _load(export / "meta" / "az" / "18-1-1.yml")
    assert card["computation_units"] == "Hectares"
    assert card["source_organisation_1"] == "Azerbaijan National Agency for Mine Action"
    assert az == {
        "indicator_number": "18.1.1",
        "indicator_name": "İstifadəyə verilmiş ərazi",
        "graph_title": "İstifadəyə verilmiş ərazi",
        "computation_units": "Hektar",
        "national_geographical_coverage": "Azərbaycan",
        "data_footnote": "Dəyərlər təqvim ili üzrə cəmlərdir."
        " 2026: 1 yanvardan 31.03.2026 tarixinədək (2026Q1 daxil), tam il deyil.",
        "SDG_GOAL": "Məqsəd 18: Humanitar minatəmizləmə",
        "SDG_TARGET": "Hədəf 18.1: Minalar və partlamamış hərbi sursatlarla çirklənmiş bütün "
        "ərazilərin istifadəyə verilməsi",
        "SDG_INDICATOR": "Göstərici 18.1.1: İstifadəyə verilmiş ərazi",
        "STAT_CONC_DEF": "Dövr ərzində başa çatmış ərazinin istifadəyə verilməsi tapşırıqları "
        "ilə ləğv edilmiş, azaldılmış və ya təmizlənmiş şübhəli və ya təsdiqlənmiş təhlükəli "
        "ərazinin sahəsi, hektarla.",
        "DATA_COMP": "Başa çatma tarixi hesablama aralığına düşən ərazinin istifadəyə verilməsi "
        "tapşırıqlarının area_m2 cəmi, 10\u202f000-ə bölünmüş.",
        "REC_USE_LIM": "Tapşırıq başa çatdıqda sayılır, ona görə bir neçə rüb ərzində üzərində "
        "işlənmiş ərazi yalnız tapşırığın başa çatdığı rübdə göstərilir.",
        "source_organisation_1": "Ərazilərin Minalardan Təmizlənməsi üzrə Azərbaycan Milli "
        "Agentliyi",
        "source_periodicity_1": "rüblük",
    }


def test_every_azerbaijani_card_gives_the_prose_in_azerbaijani(export: Path) -> None:
    for meta in load_framework().indicators:
        name = meta.id.replace(".", "-")
        card = _load(export / "meta" / f"{name}.yml")
        az = _load(export / "meta" / "az" / f"{name}.yml")
        for field in ("STAT_CONC_DEF", "DATA_COMP", "REC_USE_LIM"):
            assert az[field], (name, field)
            assert az[field] != card[field], (name, field)
            assert set(az[field]) & set("əğışçöü"), (name, field)
    remaining = _load(export / "meta" / "az" / "18-1-2.yml")
    assert remaining["national_baseline"] == (
        "11\u202f667 km² çirklənmiş ərazi (qiymətləndirmə: oktyabr 2024)"
    )
