"""The Open SDG translation files of the export: ``translations/<lang>/<group>.yml``.

sdg-build merges every ``translations/<lang>/<group>.yml`` into the keys
``<group>.<key>``: Open SDG titles the goal and targets only with
``global_goals.18-title`` and ``global_targets.18-N-title``, translates every
data value and breakdown column with ``data.<value>``, and labels the metadata
fields of the schema with ``metadata_fields.<field>``. The labels come from the
framework (titles), ``sdg18.core.labels`` (codes, units, breakdown names) and
``schemas.reference`` (districts).
"""

from __future__ import annotations

from collections.abc import Iterable

from schemas.reference import DISTRICTS
from sdg18.core.indicator_layout import BREAKDOWN_CODES
from sdg18.core.labels import BREAKDOWN_NAMES, CODE_LABELS_AZ, UNIT_LABELS, code_label_en
from sdg18.indicators.metadata import Framework
from sdg18.reports.exports.opensdg.data import column_title, slug

LANGUAGES = ("en", "az")
#: Values Open SDG gives a meaning to in the cards: no data.yml key may equal one,
#: since sdg-build translates metadata values with data.yml too.
METADATA_WORDS = frozenset({"complete", "inprogress", "notstarted", "notapplicable", "line",
                            "bar", "binary", "proxy", "both", "true", "false"})  # fmt: skip


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "az" else pair[0]


def goal_translations(framework: Framework, language: str) -> dict[str, str]:
    """``global_goals.yml``: the goal's title and short title."""
    title = _pick((framework.goal_title_en, framework.goal_title_az), language)
    return {f"{framework.goal_id}-title": title, f"{framework.goal_id}-short": title}


def target_translations(framework: Framework, language: str) -> dict[str, str]:
    """``global_targets.yml``: every target's title, keyed ``18-1-title``."""
    return {
        f"{slug(t.id)}-title": _pick((t.title_en, t.title_az), language) for t in framework.targets
    }


def _add(entries: dict[str, str], key: str, label: str) -> None:
    if entries.get(key, label) != label:
        raise ValueError(f"data.yml: '{key}' would be both '{entries[key]}' and '{label}'")
    entries[key] = label


def _code_entries(language: str) -> Iterable[tuple[str, str]]:
    for district in DISTRICTS:
        yield district.name_en, _pick((district.name_en, district.name_az), language)
    for breakdown, values in BREAKDOWN_CODES.items():
        if breakdown == "district":
            continue
        for code in values:
            yield code, _pick((code_label_en(code), CODE_LABELS_AZ[breakdown][code]), language)


def data_translations(framework: Framework, language: str) -> dict[str, str]:
    """``data.yml``: every series, unit, breakdown code, district name and breakdown
    column header of the CSVs → its label in ``language``. ValueError when a key would
    have two labels or is a value Open SDG gives a meaning to in a card."""
    entries: dict[str, str] = {}
    for meta in framework.indicators:
        for series in meta.series:
            _add(entries, series.id, _pick((series.title, series.title_az), language))
    for unit, labels in UNIT_LABELS.items():
        _add(entries, unit, _pick(labels, language))
    for key, label in _code_entries(language):
        _add(entries, key, label)
    for breakdown, names in BREAKDOWN_NAMES.items():
        _add(entries, column_title(breakdown), _pick(names, language))
    clashing = sorted(METADATA_WORDS & set(entries))
    if clashing:
        raise ValueError(f"data.yml keys {clashing} are values Open SDG gives a meaning to")
    return entries


def refuse_card_values(entries: dict[str, str], card_values: Iterable[object]) -> None:
    """ValueError when a data.yml key equals a value of a card: sdg-build would replace
    that card value with the key's label."""
    clashing = sorted(set(entries) & {v for v in card_values if isinstance(v, str)})
    if clashing:
        raise ValueError(f"data.yml keys {clashing} are also values of the metadata cards")


def field_translations(labels: dict[str, tuple[str, str]], language: str) -> dict[str, str]:
    """``metadata_fields.yml``: the label of every field the schema declares."""
    return {name: _pick(pair, language) for name, pair in labels.items()}
