"""Findings: one record per rule that a file, sheet, record or cell broke.

A finding is data (never a print). Its fields are those of the validation log
in the spec, plus ``cell`` (the spreadsheet address, e.g. ``F12``) so an agency
finds the value at once, and ``params``: the values its message and hint were filled
with that its other fields do not hold, so that the message can be given in another
language (:mod:`sdg18.validation.messages`). The message and hint themselves are
English: the validation log is a machine output.
"""

from __future__ import annotations

import json
import string
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from schemas.rules import Rule, Severity, rule_of

FINDING_FIELDS: tuple[str, ...] = (
    "run_id",
    "period",
    "level",
    "severity",
    "rule_id",
    "dataset",
    "agency",
    "file",
    "file_sha256",
    "sheet",
    "row",
    "column",
    "cell",
    "value",
    "record_key",
    "message",
    "hint",
    "params",
)
#: The fields of a finding that its rule's texts may name and that it holds itself: a
#: finding's ``params`` hold the other names its texts fill (:func:`make_finding`).
OWN_FIELDS = ("column", "value", "cell", "dataset")
#: Order in which an agency reads its findings.
FINDING_ORDER = ["file", "sheet", "row", "column", "rule_id"]


@dataclass(frozen=True)
class Source:
    """Where records come from: a file (and, for a dataset, the sheet in it)."""

    file: str
    file_sha256: str
    agency: str = ""
    sheet: str = ""
    dataset: str = ""


@dataclass(frozen=True)
class Finding:
    """One broken rule, located down to the cell where it can be."""

    level: int
    severity: Severity
    rule_id: str
    dataset: str
    agency: str
    file: str
    file_sha256: str
    sheet: str
    row: int | None
    column: str
    cell: str
    value: str
    record_key: str
    message: str
    hint: str
    run_id: str = ""
    period: str = ""
    #: The values the message and hint were filled with beyond :data:`OWN_FIELDS`, as a
    #: JSON object of texts (``{"period": "2026Q1"}``; ``{}`` when there are none).
    params: str = "{}"

    def as_record(self) -> dict[str, Any]:
        """The finding as a plain dict in log-field order."""
        data = asdict(self)
        return {name: data[name] for name in FINDING_FIELDS}


@dataclass
class Context:
    """Values the rule's message and hint are filled with."""

    values: dict[str, Any] = field(default_factory=dict)

    def fill(self, template: str) -> str:
        """``template`` with every ``{name}`` replaced; unknown names stay visible."""
        return template.format_map(_Missing(self.values))


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _field_names(*templates: str) -> list[str]:
    """The ``{name}`` fields of ``templates``, each once, in order."""
    names = (name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name)
    return list(dict.fromkeys(names))


def params_text(values: dict[str, Any], templates: tuple[str, ...], own: dict[str, str]) -> str:
    """The ``params`` of a finding: each field of ``templates`` found in ``values`` whose
    text is not already what the finding's own field of that name holds, as JSON."""
    params = {
        name: format(values[name])
        for name in _field_names(*templates)
        if name in values and format(values[name]) != own.get(name)
    }
    return json.dumps(params, ensure_ascii=False, sort_keys=True)


def read_params(text: object) -> dict[str, str]:
    """A finding's ``params`` read back (a blank or missing cell: none)."""
    if not isinstance(text, str) or not text.strip():
        return {}
    params = json.loads(text)
    return {str(name): str(value) for name, value in params.items()}


def make_finding(
    rule_id: str,
    source: Source,
    *,
    row: int | None = None,
    column: str = "",
    cell: str = "",
    value: object = "",
    record_key: str = "",
    **context: Any,
) -> Finding:
    """A finding of catalogue rule ``rule_id``, its message and hint filled in.

    Raises :class:`schemas.rules.UnknownRuleError` (a KeyError) for an id the catalogue
    does not have.
    """
    rule: Rule = rule_of(rule_id)
    text_value = "" if value is None else str(value)
    own = {"column": column, "value": text_value, "cell": cell, "dataset": source.dataset}
    ctx = Context(own | context)
    return Finding(
        level=rule.level,
        severity=rule.severity,
        rule_id=rule_id,
        dataset=source.dataset,
        agency=source.agency,
        file=source.file,
        file_sha256=source.file_sha256,
        sheet=source.sheet,
        row=row,
        column=column,
        cell=cell,
        value=text_value,
        record_key=record_key,
        message=ctx.fill(rule.message),
        hint=ctx.fill(rule.hint),
        params=params_text(ctx.values, (rule.message, rule.hint), own),
    )


def findings_frame(findings: list[Finding], run_id: str = "", period: str = "") -> pd.DataFrame:
    """Findings as a DataFrame in log-field order, sorted as an agency reads them."""
    records = [f.as_record() for f in findings]
    frame = pd.DataFrame.from_records(records, columns=list(FINDING_FIELDS))
    frame["run_id"] = run_id
    frame["period"] = period
    frame["row"] = frame["row"].astype("Int64")
    frame["level"] = frame["level"].astype("int64")
    return frame.sort_values(FINDING_ORDER, kind="stable", na_position="first").reset_index(
        drop=True
    )
