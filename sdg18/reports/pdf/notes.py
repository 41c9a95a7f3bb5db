"""The run's own sentences in the edition's language: value notes and revision causes.

``indicators.csv`` and ``revisions.csv`` are machine outputs and keep their English
notes (``sdg18.indicators``, ``sdg18.run.vintages``); the PDF prints them translated
when they are one of the known sentences below, and as they are otherwise (an agency's
file name inside them stays untouched).
"""

from __future__ import annotations

import re

from schemas.reference import CURRENT_BASELINE
from sdg18.core.i18n import N_
from sdg18.reports.pdf.edition import Edition

#: Notes of ``indicators.csv`` written as a fixed sentence (``sdg18/indicators/functions``).
FIXED_NOTES = (
    N_("no hazard inventory submitted at or before the period"),
    N_("no land released in the period (denominator 0)"),
    N_("no survivors in the register (denominator 0)"),
    N_("no survivors aged 18–64 in the register (denominator 0)"),
    N_("no civilian casualties with a known received_eore in the period (denominator 0)"),
    N_("no returns in the period (denominator 0)"),
    N_("no funding received in the period (denominator 0)"),
    N_("no funding received since the baseline (denominator 0)"),
    N_("recomputed from the store (no new records for this period in this run)"),
    N_("no record changed (recomputed from the same records)"),
)
_EXCLUDED = re.compile(r"(\d+) records? with received_eore unknown excluded")
_BASELINE = re.compile(r"baseline (about )?[\d,.]+ km² as estimated in .+")
_DATED = re.compile(r"(.+): (\d+) (\w+) record\(s\) dated (\d{4}Q[1-4])")
_ROW = re.compile(r"(.+) row (\d+)")
_MORE = re.compile(r"… and (\d+) more")


def value_note(edition: Edition, note: str) -> str:
    """A value's note from ``indicators.csv`` in the edition's language."""
    if note in FIXED_NOTES:
        return edition.gettext(note)
    if match := _EXCLUDED.fullmatch(note):
        count = int(match[1])
        return edition.ngettext(
            "{count} record with received_eore unknown excluded",
            "{count} records with received_eore unknown excluded",
            count,
        ).format(count=count)
    if _BASELINE.fullmatch(note):
        area = edition.number(CURRENT_BASELINE.area_km2, "km²")
        month = edition.month(CURRENT_BASELINE.as_of)
        if CURRENT_BASELINE.approximate:
            message = N_("baseline about {area} km² as estimated in {month}")
        else:
            message = N_("baseline {area} km² as estimated in {month}")
        return edition.format(message, area=area, month=month)
    return note


def _record(edition: Edition, text: str) -> str:
    if match := _ROW.fullmatch(text):
        return edition.format(N_("{file} row {row}"), file=match[1], row=match[2])
    if match := _MORE.fullmatch(text):
        return edition.format(N_("… and {count} more"), count=match[1])
    return text


def _dated(edition: Edition, text: str) -> str:
    match = _DATED.fullmatch(text)
    if match is None:
        return text
    count = int(match[2])
    return edition.ngettext(
        "{file}: {count} {dataset} record dated {period}",
        "{file}: {count} {dataset} records dated {period}",
        count,
    ).format(
        file=match[1],
        count=count,
        dataset=edition.dataset(match[3]),
        period=edition.quarter(match[4]),
    )


def _cause(edition: Edition, text: str) -> str:
    items = text.split("; ")
    if _DATED.fullmatch(items[0]):
        return "; ".join(_dated(edition, item) for item in items)
    for prefix, message in (
        ("resubmission: ", N_("resubmission: {records}")),
        ("added: ", N_("added: {records}")),
        ("retired: ", N_("retired: {records}")),
    ):
        if text.startswith(prefix):
            named = "; ".join(_record(edition, item) for item in text[len(prefix) :].split("; "))
            return edition.format(message, records=named)
    return value_note(edition, text)


def revision_note(edition: Edition, text: str) -> str:
    """A revision's cause or changed records (``revisions.csv``) in the edition's language."""
    return " | ".join(_cause(edition, part) for part in text.split(" | ")) if text else text
