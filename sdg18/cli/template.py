"""``sdg18 template [DATASET…] --out DIR [--language az|en]``: blank agency workbooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sdg18.cli import arguments
from sdg18.core.i18n import LANGUAGES
from sdg18.core.settings import Settings

NAME = "template"
HELP = "write blank agency workbooks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the datasets, --out, --agency, --period and --language."""
    parser.add_argument("datasets", nargs="*", metavar="DATASET")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--agency", help="agency code to prefill in the submission sheet")
    parser.add_argument("--period", type=arguments.period, help="period to prefill")
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="language of the guidance (default SDG18_LANGUAGE or az); the sheets and "
        "column names the pipeline reads are the same in every language",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Write the workbooks and print their paths: 0; 2 for an unknown dataset or agency."""
    from sdg18.reports.xlsx.agency_templates import write_templates

    try:
        paths = write_templates(
            args.datasets or None,
            args.out,
            agency=args.agency,
            period=str(args.period) if args.period else None,
            language=args.language or settings.language,
        )
    except ValueError as error:
        print(f"sdg18 template: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0
