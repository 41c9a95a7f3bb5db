"""The languages of what people read: gettext catalogues, one per domain, in Azerbaijani and
English.

Every human-facing text is an English message id marked in the code (``N_`` for a text
defined before its language is known, ``gettext`` where it is translated at once) or in a
template (Jinja2's i18n extension). The catalogues live in
``sdg18/locale/<language>/LC_MESSAGES/<domain>.po`` with the compiled ``.mo`` beside them;
``python -m sdg18.core.catalogues`` extracts, merges and compiles them
(``docs/translations.md``). Machine outputs — ``indicators.csv``, the findings, SDMX, the
manifest — stay language-neutral codes and never pass through here.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from schemas.words import N_ as N_  # the one marker, re-exported for the packages above
from sdg18.core.errors import Sdg18Error, SettingsError

#: The languages the project ships, in the order editions are written by default.
LANGUAGES: tuple[str, ...] = ("az", "en")
#: The language of a reader nobody asked about (``SDG18_LANGUAGE``'s default).
DEFAULT_LANGUAGE = "az"
#: The language message ids are written in.
SOURCE_LANGUAGE = "en"

Domain = Literal["report", "workbook", "validation", "metadata"]
#: Message domains: the PDF, the workbooks (ministry, feedback, blank templates), the
#: rule catalogue and the pre-check's terminal output, the indicators' metadata cards.
DOMAINS: tuple[Domain, ...] = ("report", "workbook", "validation", "metadata")

#: The catalogues: ``<language>/LC_MESSAGES/<domain>.po`` and ``.mo``.
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"

#: Each language's display name, in itself (what a reader picks from).
LANGUAGE_NAMES: dict[str, str] = {"az": "Azərbaycan dili", "en": "English"}


class CatalogueMissingError(Sdg18Error, FileNotFoundError):
    """A compiled catalogue (``.mo``) is not where the package expects it."""


def check_language(language: str, setting: str = "language") -> str:
    """``language`` when the project ships it; SettingsError naming ``setting`` otherwise."""
    if language not in LANGUAGES:
        raise SettingsError(
            f"{setting}={language!r} is not a language sdg18 ships",
            f"use one of {', '.join(LANGUAGES)}",
        )
    return language


def parse_languages(raw: str, setting: str = "SDG18_LANGUAGES") -> tuple[str, ...]:
    """A comma-separated list of languages (``az,en``), each checked, none twice, at least one."""
    languages = tuple(part.strip() for part in raw.split(",") if part.strip())
    if not languages:
        raise SettingsError(f"{setting}={raw!r} names no language", "write for example az,en")
    for language in languages:
        if language not in LANGUAGES:
            raise SettingsError(
                f"{setting}={raw!r}: {language!r} is not a language sdg18 ships",
                f"use one or more of {', '.join(LANGUAGES)}, separated by commas",
            )
    if len(set(languages)) != len(languages):
        raise SettingsError(f"{setting}={raw!r} names a language twice", "write each once")
    return languages


@cache
def translations(domain: Domain, language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``domain`` in ``language``.

    Raises :class:`CatalogueMissingError` when the ``.mo`` file is absent, and
    SettingsError for a language the project does not ship.
    """
    check_language(language)
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.mo"
    if not path.is_file():
        raise CatalogueMissingError(
            f"the {language} catalogue of {domain!r} is missing ({path})",
            "run `python -m sdg18.core.catalogues compile` (or reinstall the package)",
        )
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


@dataclass(frozen=True)
class Translator:
    """The messages of one domain in one language."""

    domain: Domain
    language: str

    def gettext(self, message: str) -> str:
        """``message`` in this language (the message itself when it has no translation)."""
        return translations(self.domain, self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The singular or plural form for ``count``, in this language."""
        return translations(self.domain, self.language).ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language, told apart from the same words by ``context``."""
        return translations(self.domain, self.language).pgettext(context, message)


def translator(domain: Domain, language: str) -> Translator:
    """The messages of ``domain`` in ``language`` (checked)."""
    check_language(language)
    return Translator(domain, language)


#: Thousands separators that differ from CLDR's for a language: CLDR's ``az`` groups by
#: a dot; Azerbaijani statistics print a narrow no-break space (U+202F).
GROUP_SEPARATOR: dict[str, str] = {"az": "\u202f"}


@cache
def number_symbols(language: str) -> tuple[str, str]:
    """``language``'s thousands separator and decimal sign, as sdg18 prints numbers:
    CLDR's (Babel), except where :data:`GROUP_SEPARATOR` says otherwise."""
    from babel import Locale  # imported when a number is first written

    symbols = Locale.parse(language).number_symbols["latn"]
    return GROUP_SEPARATOR.get(language, symbols["group"]), symbols["decimal"]
