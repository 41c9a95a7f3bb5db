"""One language edition of the PDF: its words, numbers, dates and the names of things.

The report is written once, with English message ids; an :class:`Edition` gives each
text in its language — the PDF's own words from the ``report`` catalogue, the metadata
cards' prose from the ``metadata`` catalogue, indicator, target and series titles from
the framework (``title_az``), breakdown names and codes from :mod:`sdg18.core.labels`,
district names from :mod:`schemas.reference` — and every number and date by the
language's locale (:mod:`sdg18.reports.numbers`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from schemas.reference import DISTRICTS
from sdg18.core.i18n import N_, check_language, translator
from sdg18.core.labels import BREAKDOWN_NAMES, CODE_LABELS_AZ, UNIT_LABELS, code_label_en
from sdg18.core.periods import Period
from sdg18.indicators import Framework, IndicatorMeta, SeriesMeta
from sdg18.indicators.metadata import Target
from sdg18.reports import numbers

#: A quarter as the report writes it, one message per quarter ("Q3 2026", "III rüb 2026").
QUARTERS = (N_("Q1 {year}"), N_("Q2 {year}"), N_("Q3 {year}"), N_("Q4 {year}"))
SCOPES = {
    "period": N_("Quarter"),
    "ytd": N_("Year to date"),
    "cumulative": N_("Since baseline"),
}
VERDICTS = {"final": N_("final"), "provisional": N_("provisional")}
SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("information")}
#: What became of a submission (``sdg18.reports.quality.submission_table``).
STATUSES = {
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "superseded": N_("superseded"),
    "missing": N_("missing"),
}
KINDS = {
    "flow": N_("flow: a quantity per quarter"),
    "stock": N_("stock: the state at the end of the quarter"),
    "ratio": N_("ratio: a share or rate for the quarter"),
}
#: The datasets of the data contract, named in prose (sources, metadata cards).
DATASETS = {
    "hazard_areas": N_("hazard areas"),
    "land_release": N_("land release"),
    "eo_items": N_("explosive ordnance items"),
    "casualties": N_("casualties"),
    "victim_assistance": N_("victim assistance"),
    "eore": N_("risk education"),
    "returns": N_("returns"),
    "funding": N_("funding"),
}
_DISTRICTS = {d.code: d for d in DISTRICTS}
#: Units printed as they are (symbols); every other unit is named by ``UNIT_LABELS``.
_SYMBOLS = frozenset({"ha", "km²", "%", "AZN"})


@dataclass(frozen=True)
class Edition:
    """The report in one language (``az`` or ``en``)."""

    language: str

    def __post_init__(self) -> None:
        check_language(self.language)

    @property
    def _index(self) -> int:
        """The position of this language in the (English, Azerbaijani) label pairs."""
        return 1 if self.language == "az" else 0

    # The report's own words.
    def gettext(self, message: str) -> str:
        """``message`` of the report catalogue in this language."""
        return translator("report", self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of ``singular``/``plural`` for ``count``, in this language."""
        return translator("report", self.language).ngettext(singular, plural, count)

    def format(self, message: str, **values: object) -> str:
        """``message`` in this language with its ``{name}`` placeholders filled."""
        return self.gettext(message).format(**values)

    def metadata(self, text: str) -> str:
        """A metadata card's prose (definition, computation, limitations) in this language."""
        return translator("metadata", self.language).gettext(text)

    # Numbers (``sdg18.reports.numbers`` in this language).
    def number(self, value: object, unit: str) -> str:
        """``value`` printed for ``unit``; "n/a" when missing."""
        return numbers.format_value(value, unit, self.language)

    def count(self, value: object) -> str:
        """A count, thousands grouped."""
        return numbers.format_count(value, self.language)

    def with_unit(self, text: str, unit: str) -> str:
        """A printed number followed by its unit."""
        return numbers.with_unit(text, unit, self.language)

    def change(self, new: object, old: object, unit: str) -> str:
        """The change from ``old`` to ``new``, signed."""
        return numbers.format_change(new, old, unit, self.language)

    def signed(self, number: float, unit: str) -> str:
        """``number`` with an explicit sign."""
        return numbers.signed(number, unit, self.language)

    @property
    def not_available(self) -> str:
        """What a missing value prints as ("n/a")."""
        return numbers.not_available(self.language)

    # Dates.
    def day(self, day: dt.date) -> str:
        """A day in full: "10 November 2020", "10 noyabr 2020"."""
        return numbers.format_day(day, self.language)

    def month(self, day: dt.date) -> str:
        """The month of ``day``: "October 2024", "oktyabr 2024"."""
        return format_date(day, format="LLLL y", locale=self.language)

    def quarter(self, period: str) -> str:
        """A quarter: "Q3 2026", "III rüb 2026"."""
        quarter = Period.parse(period)
        return self.format(QUARTERS[quarter.quarter - 1], year=quarter.year)

    # Names of things.
    def goal_title(self, framework: Framework) -> str:
        """The goal's title."""
        return (framework.goal_title_en, framework.goal_title_az)[self._index]

    def target_title(self, target: Target) -> str:
        """A target's title."""
        return (target.title_en, target.title_az)[self._index]

    def indicator_title(self, meta: IndicatorMeta) -> str:
        """An indicator's title."""
        return (meta.title_en, meta.title_az)[self._index]

    def series_title(self, series: SeriesMeta) -> str:
        """A series' title."""
        return (series.title, series.title_az)[self._index]

    def unit(self, unit: str) -> str:
        """A unit on its own ("ha", "persons"; "ha", "nəfər")."""
        if unit in _SYMBOLS or self.language != "az":
            return unit
        label = UNIT_LABELS[unit][1]
        return label[:1].lower() + label[1:]

    def breakdown(self, column: str) -> str:
        """A breakdown's name ("District", "Rayon")."""
        return BREAKDOWN_NAMES[column][self._index]

    def district(self, code: str) -> str:
        """A district's name in this language (its code when unknown)."""
        district = _DISTRICTS.get(code)
        if district is None:
            return code
        return (district.name_en, district.name_az)[self._index]

    def code(self, breakdown: str, code: str) -> str:
        """A breakdown code as a reader knows it ("Cleared", "Təmizlənmiş")."""
        if breakdown == "district":
            return self.district(code)
        if self.language == "az":
            return CODE_LABELS_AZ.get(breakdown, {}).get(code, code)
        return code_label_en(code)

    def scope(self, scope: str) -> str:
        """A scope's title ("Year to date")."""
        return self.gettext(SCOPES[scope])

    def verdict(self, verdict: str) -> str:
        """A run's status ("final", "provisional")."""
        return self.gettext(VERDICTS.get(verdict, verdict))

    def severity(self, severity: str) -> str:
        """A finding's severity ("error")."""
        return self.gettext(SEVERITIES.get(severity, severity))

    def status(self, status: str) -> str:
        """What became of a submission ("accepted")."""
        return self.gettext(STATUSES.get(status, status))

    def kind(self, kind: str) -> str:
        """What kind of indicator a metadata card describes."""
        return self.gettext(KINDS.get(kind, kind))

    def dataset(self, dataset: str) -> str:
        """A dataset of the data contract named in prose ("land release")."""
        return self.gettext(DATASETS.get(dataset, dataset))
