"""Findings: one record per rule that a file, sheet, record or cell broke.

A finding is data (never a print). Its fields are those of the validation log
in the spec, plus ``cell`` (the spreadsheet address, e.g. ``F12``) so an agency
finds the value at once.
"""

from __future__ import annotations

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
)
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
    ctx = Context(
        {"column": column, "value": text_value, "cell": cell, "dataset": source.dataset} | context
    )
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
