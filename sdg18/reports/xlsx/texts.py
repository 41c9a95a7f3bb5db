"""The words of the workbooks that are not sentences, in each edition's language: column
headers, sheet names, the words for a few closed code lists, code and unit labels.

Every text goes through the ``workbook`` catalogue (``sdg18/locale/<lang>/LC_MESSAGES/
workbook.po``); the English message is what the English edition shows. Codes — rule ids,
series ids, dataset and column names of the data contract, quarters — stay codes in
both editions. Where one English word needs two Azerbaijani ones (a quarter's "period"
against a submission's), the message carries a context (``pgettext``).
"""

from __future__ import annotations

from collections.abc import Iterable

from schemas.reference import DISTRICTS
from schemas.rules import rules_by_id
from sdg18.core.i18n import N_, Translator, translator
from sdg18.core.labels import CODE_LABELS_AZ, UNIT_LABELS
from sdg18.reports.figures import code_label as code_label_en
from sdg18.validation.messages import rule_description

#: Excel's limit on the length of a sheet name.
MAX_SHEET_NAME = 31

#: Column name → its header in the tables people read (a column not listed shows its name).
COLUMN_HEADERS: dict[str, str] = {
    "agency": N_("agency"),
    "dataset": N_("dataset"),
    "status": N_("status"),
    "file": N_("file"),
    "sheet": N_("sheet"),
    "prepared_on": N_("prepared on"),
    "late": N_("late"),
    "records_accepted": N_("records accepted"),
    "records_rejected": N_("records rejected"),
    "rule_id": N_("rule"),
    "level": N_("level"),
    "severity": N_("severity"),
    "checked": N_("checked"),
    "passed": N_("passed"),
    "failed": N_("failed"),
    "count": N_("count"),
    "description": N_("description"),
    "period": N_("reporting period"),
    "file_sha256": N_("file SHA-256"),
    "row": N_("row"),
    "column": N_("column"),
    "cell": N_("cell"),
    "value": N_("value"),
    "record_key": N_("record key"),
    "message": N_("message"),
    "hint": N_("what to do"),
    "district": N_("district"),
    "outcome": N_("outcome"),
    "difference": N_("difference"),
    "indicator": N_("indicator"),
    "series": N_("series"),
    "unit": N_("unit"),
    "scope": N_("scope"),
    "breakdown": N_("breakdown"),
    "old_value": N_("published value"),
    "new_value": N_("revised value"),
    "cause": N_("cause"),
    "records_added": N_("records added"),
    "records_retired": N_("records retired"),
    "changed_records": N_("changed records"),
    "target": N_("target"),
    "title_en": N_("title (English)"),
    "title_az": N_("title (Azerbaijani)"),
    "series_title": N_("series title"),
    "scopes": N_("scopes"),
    "kind": N_("kind"),
    "breakdowns": N_("breakdowns"),
    "sources": N_("sources"),
    "definition": N_("definition"),
    "computation": N_("computation"),
    "limitations": N_("limitations"),
    "size": N_("size (bytes)"),
    "sha256": N_("SHA-256"),
    "records": N_("records"),
    "files": N_("files"),
    "code": N_("code"),
    "label": N_("label"),
    "note": N_("note"),
    "rejected_by": N_("rejected by rule"),
}


def workbook_words(language: str) -> Translator:
    """The workbook catalogue in ``language``."""
    return translator("workbook", language)


def header(column: str, words: Translator) -> str:
    """The header of ``column`` in the edition's language."""
    message = COLUMN_HEADERS.get(column)
    return words.gettext(message) if message else column


def headers(columns: Iterable[str], words: Translator) -> list[str]:
    """The headers of ``columns``, in order."""
    return [header(column, words) for column in columns]


def sheet_name(key: str, words: Translator) -> str:
    """The name of the sheet ``key`` (its English name) in the edition's language."""
    names = {
        "about": words.pgettext("sheet", "about"),
        "charts": words.pgettext("sheet", "charts"),
        "time series": words.pgettext("sheet", "time series"),
        "values": words.pgettext("sheet", "values"),
        "submissions": words.pgettext("sheet", "submissions"),
        "validation summary": words.pgettext("sheet", "validation summary"),
        "findings by rule": words.pgettext("sheet", "findings by rule"),
        "findings": words.pgettext("sheet", "findings"),
        "reconciliation": words.pgettext("sheet", "reconciliation"),
        "revisions": words.pgettext("sheet", "revisions"),
        "definitions": words.pgettext("sheet", "definitions"),
        "inputs": words.pgettext("sheet", "inputs"),
        "sources": words.pgettext("sheet", "sources"),
        "summary": words.pgettext("sheet", "summary"),
        "instructions": words.pgettext("sheet", "instructions"),
        "lists": words.pgettext("sheet", "lists"),
    }
    return names[key][:MAX_SHEET_NAME]


def scope_label(scope: str, words: Translator) -> str:
    """A scope as a column header: the quarter, the year to date, since the baseline."""
    labels = {
        "period": words.pgettext("scope", "period"),
        "ytd": words.pgettext("scope", "ytd"),
        "cumulative": words.pgettext("scope", "cumulative"),
    }
    return labels.get(scope, scope)


def severity_label(severity: str, words: Translator) -> str:
    """A finding's severity in words."""
    labels = {
        "error": words.pgettext("severity", "error"),
        "warning": words.pgettext("severity", "warning"),
        "info": words.pgettext("severity", "info"),
    }
    return labels.get(severity, severity)


def status_label(status: str, words: Translator) -> str:
    """What became of a submitted (or expected) sheet."""
    labels = {
        "accepted": words.pgettext("submission", "accepted"),
        "rejected": words.pgettext("submission", "rejected"),
        "superseded": words.pgettext("submission", "superseded"),
        "missing": words.pgettext("submission", "missing"),
    }
    return labels.get(status, status)


def verdict_label(verdict: str, words: Translator) -> str:
    """The run's status: final or provisional."""
    labels = {
        "final": words.pgettext("status", "final"),
        "provisional": words.pgettext("status", "provisional"),
    }
    return labels.get(verdict, verdict)


def kind_label(kind: str, words: Translator) -> str:
    """An indicator's kind: a flow over the quarter, a stock at its end, or a ratio."""
    labels = {
        "flow": words.pgettext("kind", "flow"),
        "stock": words.pgettext("kind", "stock"),
        "ratio": words.pgettext("kind", "ratio"),
    }
    return labels.get(kind, kind)


#: Column → the function naming its codes, for the tables whose coded columns are words.
CODED_COLUMNS = {
    "severity": severity_label,
    "status": status_label,
    "scope": scope_label,
    "kind": kind_label,
}

_DISTRICTS_AZ = {d.code: d.name_az for d in DISTRICTS}
#: Units printed as symbols in both languages (the others are words).
UNIT_SYMBOLS = frozenset({"ha", "km²", "%", "AZN"})


def rule_text(rule_id: str, language: str) -> str:
    """What rule ``rule_id`` checks, in ``language`` ("" for a rule the catalogue does not
    know, such as one retired since the finding was made)."""
    if rule_id not in rules_by_id():
        return ""
    return rule_description(rule_id, language)


def code_label(breakdown: str, code: str, language: str) -> str:
    """A breakdown code as a reader of ``language`` knows it: in English the code in words
    (a district by both its names), in Azerbaijani the Azerbaijani label only."""
    if language == "en":
        return code_label_en(breakdown, code)
    if breakdown == "district":
        return _DISTRICTS_AZ.get(code, code)
    return CODE_LABELS_AZ.get(breakdown, {}).get(code, code)


def unit_label(unit: str, language: str) -> str:
    """A unit as printed beside a value: a symbol as it is, a word in ``language``."""
    if language == "en" or unit in UNIT_SYMBOLS or unit not in UNIT_LABELS:
        return unit
    return UNIT_LABELS[unit][1]
