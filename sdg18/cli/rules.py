"""``sdg18 rules``: the rule catalogue, as CSV or as a Markdown document."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from sdg18.core.settings import Settings

NAME = "rules"
HELP = "print the rule catalogue"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --markdown."""
    parser.add_argument("--markdown", action="store_true", help="as a Markdown document")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the catalogue on stdout; always 0."""
    print_rules(sys.stdout, markdown=args.markdown)
    return 0


def rules_markdown() -> str:
    """The catalogue as the Markdown page ``docs/rules.md``."""
    from schemas.rules import catalogue

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
    from sdg18.validation.summary import rules_frame

    if markdown:
        stream.write(rules_markdown())
    else:
        rules_frame().to_csv(stream, index=False)
