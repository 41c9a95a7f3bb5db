"""The words of the rule catalogue in a reader's language: descriptions, messages, hints.

Findings are kept in English (the validation log is a machine output); what an agency
or a ministry reads is translated here, from the ``validation`` catalogue. A finding's
message is its rule's message in the reader's language filled again with the values the
English one was filled with: the finding's own fields (:data:`OWN_FIELDS`) and its
``params``. Those values stay as they are — the agency's data, codes, the text of an
error — except a word the code itself wrote (:data:`schemas.rules.CODE_WORDS`), which is
translated, and a figure the code computed, which is written in the reader's number
format. English in is English out, unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache

import pandas as pd

from schemas.rules import CODE_WORDS, RuleText, rule_of, rule_texts, rules_by_id
from sdg18.core.findings import OWN_FIELDS, Context, Finding, read_params
from sdg18.core.i18n import N_, SOURCE_LANGUAGE, check_language, number_symbols, translator

#: Each severity as a reader sees it (the findings keep the code).
SEVERITY_WORDS: dict[str, str] = {
    # Translators: a finding's severity, lower case (the terminal writes it upper case).
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}
#: A figure as the code writes it into a finding: thousands by commas, a decimal point.
FIGURE = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?")


def severity_word(severity: str, language: str) -> str:
    """``severity`` (error, warning, info) in ``language``: "xəta", "error"."""
    return translator("validation", language).gettext(SEVERITY_WORDS[severity])


@cache
def _texts(rule_id: str, language: str) -> RuleText:
    return rule_texts(rule_of(rule_id), translator("validation", language).gettext)


def rule_description(rule_id: str, language: str) -> str:
    """What rule ``rule_id`` checks, in ``language``; :class:`schemas.rules.UnknownRuleError`
    for an id the catalogue does not have."""
    check_language(language)
    return _texts(rule_id, language).description


def figure_text(figure: str, language: str) -> str:
    """A figure the code wrote as ``12,345.5`` (sdg18.validation.run_view.amount_text) in
    ``language``'s symbols (``12 345,5``), digits unchanged; any other text as it is."""
    if language == SOURCE_LANGUAGE or not FIGURE.fullmatch(figure):
        return figure
    group, decimal_sign = number_symbols(language)
    whole, point, fraction = figure.partition(".")
    return whole.replace(",", group) + (decimal_sign + fraction if point else "")


def _shown(name: str, value: str, text: RuleText, language: str) -> str:
    """A value filled into a rule's texts, as a reader of ``language`` reads it."""
    if name in text.code_words and value in CODE_WORDS:
        return translator("validation", language).gettext(value)
    if name in text.figures:
        return figure_text(value, language)
    return value


def finding_texts(rule_id: str, values: Mapping[str, str], language: str) -> tuple[str, str, str]:
    """The message, hint and value of a finding of ``rule_id`` in ``language``, from the
    ``values`` it was filled with (its own fields and its params)."""
    text = _texts(rule_id, language)
    shown = {name: _shown(name, value, text, language) for name, value in values.items()}
    context = Context(shown)
    return context.fill(text.message), context.fill(text.hint), shown.get("value", "")


def localised(finding: Finding, language: str) -> tuple[str, str]:
    """The message and hint of ``finding`` in ``language`` (English: its own)."""
    check_language(language)
    if language == SOURCE_LANGUAGE:
        return finding.message, finding.hint
    own = {name: str(getattr(finding, name)) for name in OWN_FIELDS}
    message, hint, _ = finding_texts(finding.rule_id, own | read_params(finding.params), language)
    return message, hint


def _cell(value: object) -> str:
    """A cell of a findings frame as text ("" for a blank: None, NaN, NA)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def localised_findings(findings: pd.DataFrame, language: str) -> pd.DataFrame:
    """``findings`` (a frame of :data:`sdg18.core.findings.FINDING_FIELDS`) with ``message``
    and ``hint`` in ``language``; every other column as it was, but a ``value`` that is a
    word or a figure of the code's own (``(none)``, ``12,345.5``), shown in ``language``.

    In English the frame comes back unchanged. A finding of a rule the catalogue no
    longer has keeps its English words; a frame without ``params`` is read as having
    none (a message needing them then shows the field's name, ``{period}``)."""
    check_language(language)
    shown = findings.copy()
    if language == SOURCE_LANGUAGE or findings.empty:
        return shown
    known = rules_by_id()
    messages, hints = findings["message"].tolist(), findings["hint"].tolist()
    shown_values = findings["value"].tolist() if "value" in findings else None
    read = findings.reindex(columns=["rule_id", *OWN_FIELDS, "params"]).to_dict("records")
    for at, row in enumerate(read):
        rule_id = _cell(row["rule_id"])
        if rule_id not in known:
            continue
        values = {name: _cell(row[name]) for name in OWN_FIELDS}
        messages[at], hints[at], value = finding_texts(
            rule_id, values | read_params(row["params"]), language
        )
        if shown_values is not None and value != values["value"]:
            shown_values[at] = value
    shown["message"], shown["hint"] = messages, hints
    if shown_values is not None:
        shown["value"] = shown_values
    return shown
