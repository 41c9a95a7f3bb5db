"""The Open SDG export a national site builds from unchanged, in English and Azerbaijani.

Beside the data CSVs (:mod:`.data`): ``meta/18-x-y.yml`` (the English card:
Open SDG indicator-config fields plus SDMX metadata concepts declared in
``metadata_schema.yml``), ``meta/az/18-x-y.yml`` (the Azerbaijani overrides
sdg-build reads for the ``az`` site), and per language ``translations/<lang>/``
``global_goals.yml``, ``global_targets.yml`` and ``data.yml`` (every series,
unit, breakdown value and breakdown column of the CSVs: the CSVs keep codes
and sdg-build shows the translation). ``docs/opensdg.md`` says why each is there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from schemas import dataset_metadata
from schemas.reference import AGENCY_BY_CODE, CURRENT_BASELINE, DISTRICTS
from sdg18.core.indicator_layout import BREAKDOWN_CODES
from sdg18.core.labels import BREAKDOWN_NAMES, CODE_LABELS_AZ, UNIT_LABELS, code_label_en
from sdg18.core.periods import Period
from sdg18.indicators.metadata import Framework, IndicatorMeta, load_framework
from sdg18.reports.exports.opensdg.data import (
    column_title,
    opensdg_frame,
    slug,
    write_opensdg_csv,
    year_ends,
)

LANGUAGES = ("en", "az")
#: Datasets whose records from some agencies never enter a value.
COUNTED_AGENCIES = {"casualties": ("ANAMA",)}
#: Fields of the cards that are not Open SDG indicator-config fields: SDMX metadata
#: concepts (as in Open SDG's data starter) and the project's own, with their labels.
SCHEMA_FIELDS: dict[str, str] = {
    "SDG_GOAL": "Goal",
    "SDG_TARGET": "Target",
    "SDG_INDICATOR": "Indicator",
    "STAT_CONC_DEF": "Definition",
    "DATA_COMP": "Computation method",
    "REC_USE_LIM": "Comments and limitations",
    "national_baseline": "National baseline",
    "framework_version": "Framework version",
}
SOURCE_FIELDS = ("organisation", "periodicity")
#: Values Open SDG gives a meaning to in the cards: no data.yml key may equal one,
#: since sdg-build translates metadata values with data.yml too.
METADATA_WORDS = frozenset({"complete", "inprogress", "notstarted", "notapplicable", "line",
                            "bar", "binary", "proxy", "both", "true", "false"})  # fmt: skip


def _organisations(meta: IndicatorMeta) -> list[str]:
    codes: list[str] = []
    for dataset in meta.sources:
        agencies = dataset_metadata(dataset).get("agencies", ())
        codes += COUNTED_AGENCIES.get(dataset, agencies)
    return [AGENCY_BY_CODE[code].name for code in dict.fromkeys(codes)]


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
        "computation_units": meta.units,
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
    for number, organisation in enumerate(_organisations(meta), start=1):
        card[f"source_active_{number}"] = True
        card[f"source_organisation_{number}"] = organisation
        card[f"source_periodicity_{number}"] = "quarterly"
    return card


def metadata_card_az(
    meta: IndicatorMeta, framework: Framework, periods: Sequence[Period]
) -> dict[str, Any]:
    """The Azerbaijani overrides of one card (``meta/az/18-x-y.yml``)."""
    return {
        "indicator_number": meta.id,
        "indicator_name": meta.title_az,
        "graph_title": meta.title_az,
        "national_geographical_coverage": "Azərbaycan",
        "data_footnote": data_footnote(meta, periods, "az"),
        "SDG_GOAL": f"Məqsəd {framework.goal_id}: {framework.goal_title_az}",
        "SDG_TARGET": f"Hədəf {meta.target.id}: {meta.target.title_az}",
        "SDG_INDICATOR": f"Göstərici {meta.id}: {meta.title_az}",
    }


def goal_translations(framework: Framework, language: str) -> dict[str, str]:
    """``global_goals.yml``: the goal's title and short title."""
    title = framework.goal_title_az if language == "az" else framework.goal_title_en
    return {f"{framework.goal_id}-title": title, f"{framework.goal_id}-short": title}


def target_translations(framework: Framework, language: str) -> dict[str, str]:
    """``global_targets.yml``: every target's title, keyed ``18-1-title``."""
    return {
        f"{slug(t.id)}-title": t.title_az if language == "az" else t.title_en
        for t in framework.targets
    }


def _add(entries: dict[str, str], key: str, label: str) -> None:
    if entries.get(key, label) != label:
        raise ValueError(f"data.yml: '{key}' would be both '{entries[key]}' and '{label}'")
    entries[key] = label


def _code_entries(language: str) -> Iterable[tuple[str, str]]:
    for district in DISTRICTS:
        yield district.name_en, district.name_az if language == "az" else district.name_en
    for breakdown, values in BREAKDOWN_CODES.items():
        if breakdown == "district":
            continue
        for code in values:
            az = CODE_LABELS_AZ[breakdown][code]
            yield code, az if language == "az" else code_label_en(code)


def data_translations(framework: Framework, language: str) -> dict[str, str]:
    """``data.yml``: every series, unit, breakdown code, district name and breakdown
    column header of the CSVs → its label in ``language``."""
    entries: dict[str, str] = {}
    for meta in framework.indicators:
        for series in meta.series:
            _add(entries, series.id, series.title_az if language == "az" else series.title)
    for unit, (en, az) in UNIT_LABELS.items():
        _add(entries, unit, az if language == "az" else en)
    for key, label in _code_entries(language):
        _add(entries, key, label)
    for breakdown, (en, az) in BREAKDOWN_NAMES.items():
        _add(entries, column_title(breakdown), az if language == "az" else en)
    clashing = sorted(METADATA_WORDS & set(entries))
    if clashing:
        raise ValueError(f"data.yml keys {clashing} are values Open SDG gives a meaning to")
    return entries


def metadata_schema(max_sources: int) -> dict[str, Any]:
    """``metadata_schema.yml``: Open SDG's prose schema of the fields of :data:`SCHEMA_FIELDS`
    and the ``source_*_N`` fields, for ``N`` up to ``max_sources``."""
    fields: list[dict[str, Any]] = [
        {"name": name, "field": {"element": "text", "label": label, "scope": "national"}}
        for name, label in SCHEMA_FIELDS.items()
    ]
    for n in range(1, max_sources + 1):
        fields.append(
            {
                "name": f"source_active_{n}",
                "field": {"element": "checkbox", "label": f"Source {n} active"},
            }
        )
        fields += [
            {
                "name": f"source_{part}_{n}",
                "field": {"element": "text", "label": f"Source {n} {part}", "scope": f"source_{n}"},
            }
            for part in SOURCE_FIELDS
        ]
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
    files written."""
    framework = framework or load_framework()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for meta in framework.indicators:
        table = opensdg_frame(frame, meta, periods)
        data = out_dir / f"indicator_{slug(meta.id)}.csv"
        write_opensdg_csv(table, data)
        card = metadata_card(meta, framework, periods, "GeoCode" in table.columns)
        written += [
            data,
            _write_yaml(out_dir / "meta" / f"{slug(meta.id)}.yml", card),
            _write_yaml(
                out_dir / "meta" / "az" / f"{slug(meta.id)}.yml",
                metadata_card_az(meta, framework, periods),
            ),
        ]
    sources = max(len(_organisations(meta)) for meta in framework.indicators)
    written.append(_write_yaml(out_dir / "metadata_schema.yml", metadata_schema(sources)))
    for language in LANGUAGES:
        folder = out_dir / "translations" / language
        written += [
            _write_yaml(folder / "global_goals.yml", goal_translations(framework, language)),
            _write_yaml(folder / "global_targets.yml", target_translations(framework, language)),
            _write_yaml(folder / "data.yml", data_translations(framework, language)),
        ]
    return written
