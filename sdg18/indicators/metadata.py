"""The indicator framework: ``framework.yaml`` read and checked into frozen records.

The YAML file is the only place an indicator's titles, series, units and
breakdowns are written; everything downstream reads them from here. Its titles are kept
in both languages beside the codes they name; the prose of a metadata card (definition,
computation, limitations) is written in English and translated in the ``metadata``
catalogue (:func:`card_texts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from schemas import DATASETS
from sdg18.core.errors import Sdg18Error
from sdg18.core.i18n import check_language, translator
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, SCOPES

FRAMEWORK_FILE = Path(__file__).with_name("framework.yaml")
KINDS = ("flow", "stock", "ratio")


class FrameworkError(Sdg18Error, ValueError):
    """The framework file breaks a rule; the message names the record and the field."""

    def __init__(
        self,
        message: str,
        hint: str = "Correct that record of sdg18/indicators/framework.yaml "
        "(docs/indicators.md, 'How to add or replace an indicator', lists the fields of a record).",
    ) -> None:
        super().__init__(message, hint)


@dataclass(frozen=True)
class Target:
    """A target of the goal, with its titles."""

    id: str
    title_en: str
    title_az: str


@dataclass(frozen=True)
class SeriesMeta:
    """One series of an indicator: its id (used in every export), unit, English and
    Azerbaijani titles and scopes."""

    id: str
    unit: str
    title: str
    title_az: str
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorMeta:
    """The metadata card of one indicator."""

    id: str
    target: Target
    title_en: str
    title_az: str
    definition: str
    series: tuple[SeriesMeta, ...]
    kind: str
    breakdowns: tuple[str, ...]
    sources: tuple[str, ...]
    computation: str
    limitations: str
    function: str

    @property
    def units(self) -> str:
        """The distinct units of the series, in series order, joined by ", "."""
        return ", ".join(dict.fromkeys(series.unit for series in self.series))

    def series_by_id(self, series_id: str) -> SeriesMeta:
        """The series ``series_id``; KeyError when the indicator has no such series."""
        for series in self.series:
            if series.id == series_id:
                return series
        raise KeyError(f"{self.id} has no series '{series_id}'")


@dataclass(frozen=True)
class Framework:
    """The goal, its targets and its indicators in the file's order."""

    version: str
    goal_id: str
    goal_title_en: str
    goal_title_az: str
    targets: tuple[Target, ...]
    indicators: tuple[IndicatorMeta, ...]

    def indicator(self, indicator_id: str) -> IndicatorMeta:
        """The indicator ``indicator_id``; KeyError when the framework has none."""
        for meta in self.indicators:
            if meta.id == indicator_id:
                return meta
        raise KeyError(f"the framework has no indicator '{indicator_id}'")


@dataclass(frozen=True)
class CardTexts:
    """What a metadata card says of an indicator, in one language."""

    title: str
    definition: str
    computation: str
    limitations: str


def card_texts(indicator: IndicatorMeta, language: str) -> CardTexts:
    """The title, definition, computation and limitations of ``indicator``'s card in
    ``language`` (the prose from the ``metadata`` catalogue; English: as written)."""
    check_language(language)
    card = translator("metadata", language).gettext
    return CardTexts(
        indicator.title_az if language == "az" else indicator.title_en,
        card(indicator.definition),
        card(indicator.computation),
        card(indicator.limitations),
    )


def _text(record: dict[str, Any], field: str, where: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{where}: '{field}' must be a non-empty text")
    return value.strip()


def _names(
    record: dict[str, Any], field: str, where: str, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    values = record.get(field) or []
    if not isinstance(values, list):
        raise FrameworkError(f"{where}: '{field}' must be a list")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise FrameworkError(f"{where}: '{field}' has unknown {unknown}; allowed: {allowed}")
    return tuple(values)


def _series(record: dict[str, Any], kind: str, where: str) -> tuple[SeriesMeta, ...]:
    default = SCOPES if kind == "flow" else ("period",)
    series = []
    for item in record.get("series") or []:
        label = f"{where} series {item.get('id')!r}"
        unknown = sorted(set(item) - {"id", "unit", "title", "title_az", "scopes"})
        if unknown:
            raise FrameworkError(f"{label}: unknown keys {unknown} (quote text holding commas)")
        scopes = _names(item, "scopes", label, SCOPES) or default
        series.append(
            SeriesMeta(
                _text(item, "id", label),
                _text(item, "unit", label),
                _text(item, "title", label),
                _text(item, "title_az", label),
                scopes,
            )
        )
    if not series:
        raise FrameworkError(f"{where}: 'series' must list at least one series")
    return tuple(series)


def _indicator(record: dict[str, Any], targets: dict[str, Target]) -> IndicatorMeta:
    where = f"indicator {record.get('id')!r}"
    kind = _text(record, "kind", where)
    if kind not in KINDS:
        raise FrameworkError(f"{where}: kind '{kind}' is not one of {KINDS}")
    target = _text(record, "target", where)
    if target not in targets:
        raise FrameworkError(f"{where}: target '{target}' is not among the targets")
    function = _text(record, "function", where)
    if not function.isidentifier():
        raise FrameworkError(f"{where}: function '{function}' is not a Python name")
    return IndicatorMeta(
        id=_text(record, "id", where),
        target=targets[target],
        title_en=_text(record, "title_en", where),
        title_az=_text(record, "title_az", where),
        definition=_text(record, "definition", where),
        series=_series(record, kind, where),
        kind=kind,
        breakdowns=_names(record, "breakdowns", where, BREAKDOWN_COLUMNS),
        sources=_names(record, "sources", where, tuple(DATASETS)),
        computation=_text(record, "computation", where),
        limitations=_text(record, "limitations", where),
        function=function,
    )


def _unique(ids: list[str], what: str) -> None:
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise FrameworkError(f"{what} ids must be unique; repeated: {duplicated}")


def parse_framework(document: dict[str, Any]) -> Framework:
    """The framework a parsed YAML document describes; FrameworkError on any broken rule."""
    goal = document.get("goal") or {}
    targets = tuple(
        Target(
            _text(t, "id", "target"), _text(t, "title_en", "target"), _text(t, "title_az", "target")
        )
        for t in document.get("targets") or []
    )
    _unique([t.id for t in targets], "target")
    by_id = {t.id: t for t in targets}
    indicators = tuple(_indicator(r, by_id) for r in document.get("indicators") or [])
    _unique([i.id for i in indicators], "indicator")
    _unique([s.id for i in indicators for s in i.series], "series")
    return Framework(
        version=str(document.get("version", "")),
        goal_id=_text(goal, "id", "goal"),
        goal_title_en=_text(goal, "title_en", "goal"),
        goal_title_az=_text(goal, "title_az", "goal"),
        targets=targets,
        indicators=indicators,
    )


def read_framework(path: Path) -> Framework:
    """The framework in the YAML file at ``path``."""
    with path.open(encoding="utf-8") as stream:
        return parse_framework(yaml.safe_load(stream) or {})


@cache
def load_framework() -> Framework:
    """The project's framework (``framework.yaml`` beside this module), read once."""
    return read_framework(FRAMEWORK_FILE)


def indicator_sources(framework: Framework | None = None) -> dict[str, tuple[str, ...]]:
    """Indicator id → the datasets its values are computed from."""
    return {meta.id: meta.sources for meta in (framework or load_framework()).indicators}
