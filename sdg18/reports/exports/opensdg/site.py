"""The Open SDG export a national site builds from unchanged, in English and Azerbaijani.

Beside the data CSVs (:mod:`.data`): ``meta/18-x-y.yml`` (the English card:
Open SDG indicator-config fields plus SDMX metadata concepts declared in
``metadata_schema.yml``), ``meta/az/18-x-y.yml`` (the Azerbaijani overrides
sdg-build reads for the ``az`` site), and per language ``translations/<lang>/``
(:mod:`.translations`: goal, targets, every series, unit, breakdown value and
column of the CSVs, the schema's field labels). ``docs/opensdg.md`` says why
each is there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from babel.dates import format_date

from schemas import dataset_metadata
from schemas.reference import AGENCY_BY_CODE, CURRENT_BASELINE, Agency
from sdg18.core.labels import UNIT_LABELS
from sdg18.core.periods import Period
from sdg18.indicators.metadata import Framework, IndicatorMeta, card_texts, load_framework
from sdg18.reports.exports.opensdg.data import opensdg_frame, slug, write_opensdg_csv, year_ends
from sdg18.reports.exports.opensdg.translations import (
    LANGUAGES,
    data_translations,
    field_translations,
    goal_translations,
    refuse_card_values,
    target_translations,
)

#: Datasets whose records from some agencies never enter a value.
COUNTED_AGENCIES = {"casualties": ("ANAMA",)}
#: Fields of the cards that are not Open SDG indicator-config fields: SDMX metadata
#: concepts (as in Open SDG's data starter) and the project's own → (English, Azerbaijani) label.
SCHEMA_FIELDS: dict[str, tuple[str, str]] = {
    "SDG_GOAL": ("Goal", "Məqsəd"),
    "SDG_TARGET": ("Target", "Hədəf"),
    "SDG_INDICATOR": ("Indicator", "Göstərici"),
    "STAT_CONC_DEF": ("Definition", "Tərif"),
    "DATA_COMP": ("Computation method", "Hesablama metodu"),
    "REC_USE_LIM": ("Comments and limitations", "Qeydlər və məhdudiyyətlər"),
    "national_baseline": ("National baseline", "Milli ilkin göstərici"),
    "framework_version": ("Framework version", "Çərçivənin versiyası"),
}
#: The ``source_<part>_N`` fields of a source → (English, Azerbaijani) label.
SOURCE_FIELDS: dict[str, tuple[str, str]] = {
    "organisation": ("Organisation", "Təşkilat"),
    "periodicity": ("Periodicity", "Dövrilik"),
}


def _organisations(meta: IndicatorMeta) -> list[Agency]:
    codes: list[str] = []
    for dataset in meta.sources:
        agencies = dataset_metadata(dataset).get("agencies", ())
        codes += COUNTED_AGENCIES.get(dataset, agencies)
    return [AGENCY_BY_CODE[code] for code in dict.fromkeys(codes)]


def _sources(meta: IndicatorMeta, language: str) -> dict[str, Any]:
    """The ``source_*_N`` fields: one source per agency counted, in ``language``."""
    fields: dict[str, Any] = {}
    for number, agency in enumerate(_organisations(meta), start=1):
        if language == "en":
            fields[f"source_active_{number}"] = True
        fields[f"source_organisation_{number}"] = (
            agency.name_az if language == "az" else agency.name
        )
        fields[f"source_periodicity_{number}"] = "rüblük" if language == "az" else "quarterly"
    return fields


def units_text(meta: IndicatorMeta, language: str) -> str:
    """The labels of the indicator's units in ``language``, in series order ("Hectares")."""
    at = 1 if language == "az" else 0
    return ", ".join(UNIT_LABELS[unit][at] for unit in dict.fromkeys(s.unit for s in meta.series))


def data_footnote(meta: IndicatorMeta, periods: Sequence[Period], language: str = "en") -> str:
    """How the years of the data table were built, naming a partial year."""
    ends = year_ends(periods)
    last = ", ".join(f"{year}: {period}" for year, period in ends.items())
    if meta.kind != "flow":
        if language == "az":
            return f"Hər il üçün son hesabat rübünün sonundakı dəyər göstərilir ({last})."
        return f"Each year shows the value at the end of its last reported quarter ({last})."
    partial = [p for p in ends.values() if p.quarter != 4]
    if language == "az":
        text = "Dəyərlər təqvim ili üzrə cəmlərdir."
        for p in partial:
            text += (
                f" {p.year}: 1 yanvardan {p.end:%d.%m.%Y} tarixinədək ({p} daxil), tam il deyil."
            )
        return text
    text = "Values are calendar-year totals."
    for p in partial:
        text += (
            f" {p.year} is year to date, 1 January to {p.end.isoformat()} "
            f"(through {p}), not a full year."
        )
    return text


def metadata_card(
    meta: IndicatorMeta, framework: Framework, periods: Sequence[Period], has_map: bool
) -> dict[str, Any]:
    """The English card of one indicator (``meta/18-x-y.yml``)."""
    card: dict[str, Any] = {
        "indicator_number": meta.id,
        "indicator_name": meta.title_en,
        "reporting_status": "complete",
        "data_non_statistical": False,
        "graph_type": "line",
        "graph_title": meta.title_en,
        "computation_units": units_text(meta, "en"),
        "national_geographical_coverage": "Azerbaijan",
        "data_footnote": data_footnote(meta, periods),
        "SDG_GOAL": f"Goal {framework.goal_id}: {framework.goal_title_en}",
        "SDG_TARGET": f"Target {meta.target.id}: {meta.target.title_en}",
        "SDG_INDICATOR": f"Indicator {meta.id}: {meta.title_en}",
        "STAT_CONC_DEF": meta.definition,
        "DATA_COMP": meta.computation,
        "REC_USE_LIM": meta.limitations,
        "framework_version": framework.version,
    }
    if has_map:
        card["data_show_map"] = True
    if meta.id == "18.1.2":
        card["national_baseline"] = (
            f"{CURRENT_BASELINE.area_km2:,.0f} km² contaminated, as estimated in "
            f"{CURRENT_BASELINE.label}"
        )
    card.update(_sources(meta, "en"))
    return card


def metadata_card_az(
    meta: IndicatorMeta, framework: Framework, periods: Sequence[Period]
) -> dict[str, Any]:
    """The Azerbaijani overrides of one card (``meta/az/18-x-y.yml``): every text of the
    English card in Azerbaijani, the prose from the ``metadata`` catalogue."""
    texts = card_texts(meta, "az")
    card: dict[str, Any] = {
        "indicator_number": meta.id,
        "indicator_name": texts.title,
        "graph_title": texts.title,
        "computation_units": units_text(meta, "az"),
        "national_geographical_coverage": "Azərbaycan",
        "data_footnote": data_footnote(meta, periods, "az"),
        "SDG_GOAL": f"Məqsəd {framework.goal_id}: {framework.goal_title_az}",
        "SDG_TARGET": f"Hədəf {meta.target.id}: {meta.target.title_az}",
        "SDG_INDICATOR": f"Göstərici {meta.id}: {texts.title}",
        "STAT_CONC_DEF": texts.definition,
        "DATA_COMP": texts.computation,
        "REC_USE_LIM": texts.limitations,
    }
    if meta.id == "18.1.2":
        area = f"{CURRENT_BASELINE.area_km2:,.0f}".replace(",", "\u202f")
        month = format_date(CURRENT_BASELINE.as_of, "LLLL y", locale="az")
        card["national_baseline"] = f"{area} km² çirklənmiş ərazi (qiymətləndirmə: {month})"
    card.update(_sources(meta, "az"))
    return card


def schema_labels(max_sources: int) -> dict[str, tuple[str, str]]:
    """Every field ``metadata_schema.yml`` declares → its (English, Azerbaijani) label:
    :data:`SCHEMA_FIELDS` and the ``source_*_N`` fields for ``N`` up to ``max_sources``."""
    labels = dict(SCHEMA_FIELDS)
    for n in range(1, max_sources + 1):
        labels[f"source_active_{n}"] = (f"Source {n} active", f"Mənbə {n} aktivdir")
        for part, (en, az) in SOURCE_FIELDS.items():
            labels[f"source_{part}_{n}"] = (en, az)
    return labels


def metadata_schema(max_sources: int) -> dict[str, Any]:
    """``metadata_schema.yml``: Open SDG's prose schema of :func:`schema_labels`, each field
    labelled by its key in ``metadata_fields.yml``."""
    fields: list[dict[str, Any]] = []
    for name, (label, _) in schema_labels(max_sources).items():
        field: dict[str, Any] = {"element": "text", "label": label}
        if name.startswith("source_active_"):
            field["element"] = "checkbox"
        elif name.startswith("source_"):
            field["scope"] = f"source_{name.rsplit('_', 1)[1]}"
        else:
            field["scope"] = "national"
        field["translation_key"] = f"metadata_fields.{name}"
        fields.append({"name": name, "field": field})
    return {"prose": {"metadata": {"meta": fields}}}


def _write_yaml(path: Path, content: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def write_opensdg(
    frame: pd.DataFrame,
    periods: Sequence[Period],
    out_dir: Path,
    framework: Framework | None = None,
) -> list[Path]:
    """Write the Open SDG export of every indicator of the framework into ``out_dir``:
    data CSVs, English and Azerbaijani cards, the schema and the translations; returns the
    files written. ValueError when a translation would change a card value."""
    framework = framework or load_framework()
    out_dir.mkdir(parents=True, exist_ok=True)
    written, card_values = [], []
    for meta in framework.indicators:
        table = opensdg_frame(frame, meta, periods)
        data = out_dir / f"indicator_{slug(meta.id)}.csv"
        write_opensdg_csv(table, data)
        card = metadata_card(meta, framework, periods, "GeoCode" in table.columns)
        card_az = metadata_card_az(meta, framework, periods)
        card_values += [*card.values(), *card_az.values()]
        written += [
            data,
            _write_yaml(out_dir / "meta" / f"{slug(meta.id)}.yml", card),
            _write_yaml(out_dir / "meta" / "az" / f"{slug(meta.id)}.yml", card_az),
        ]
    sources = max(len(_organisations(meta)) for meta in framework.indicators)
    written.append(_write_yaml(out_dir / "metadata_schema.yml", metadata_schema(sources)))
    for language in LANGUAGES:
        folder = out_dir / "translations" / language
        values = data_translations(framework, language)
        refuse_card_values(values, card_values)
        fields = field_translations(schema_labels(sources), language)
        written += [
            _write_yaml(folder / "global_goals.yml", goal_translations(framework, language)),
            _write_yaml(folder / "global_targets.yml", target_translations(framework, language)),
            _write_yaml(folder / "data.yml", values),
            _write_yaml(folder / "metadata_fields.yml", fields),
        ]
    return written
