"""``sdg18 rules``: the rule catalogue, as CSV or as a Markdown document."""

from __future__ import annotations

from typing import TextIO

from schemas.rules import catalogue
from sdg18.validation.summary import rules_frame


def rules_markdown() -> str:
    """The catalogue as the Markdown page ``docs/rules.md``."""
    lines = [
        "# Rule catalogue",
        "",
        "Generated from the code by `sdg18 rules --markdown`; do not edit by hand.",
        "",
        "| rule | level | severity | what it checks | how to fix |",
        "|---|---|---|---|---|",
    ]
    for rule in catalogue():
        lines.append(
            f"| `{rule.rule_id}` | {rule.level} | {rule.severity} | {rule.description} "
            f"| {rule.hint} |"
        )
    return "\n".join(lines) + "\n"


def print_rules(stream: TextIO, *, markdown: bool) -> None:
    """Write the catalogue to ``stream``."""
    if markdown:
        stream.write(rules_markdown())
    else:
        rules_frame().to_csv(stream, index=False)
