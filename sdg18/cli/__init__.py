"""The ``sdg18`` command line.

Exit codes: 0 done; 1 errors were found or the run failed; 2 bad usage (a bad
argument or ``SDG18_*`` setting).
``validate``, ``template`` and ``rules`` never import Prefect, so they answer in
about a second.

Each command is a module of this package with the interface of :class:`Command`;
every module keeps its heavy imports (Prefect, pandas, the store) inside its
functions, so that building the parser imports none of them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Protocol

from sdg18.cli import (
    backfill,
    demo,
    doctor,
    rules,
    run,
    serve,
    template,
    trace,
    validate,
    verify,
)
from sdg18.core.errors import Sdg18Error, SettingsError
from sdg18.core.settings import Settings


class Command(Protocol):
    """What a command module exposes: its name and help, its arguments, its work."""

    NAME: str
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments on its sub-parser."""

    def run(self, args: argparse.Namespace, settings: Settings) -> int:
        """Do the command's work, writing to stdout/stderr; the exit code."""


#: The commands, in the order ``sdg18 --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    validate,
    template,
    run,
    backfill,
    demo,
    serve,
    verify,
    trace,
    rules,
    doctor,
)


def _parser() -> argparse.ArgumentParser:
    """The parser of every command in :data:`COMMANDS` (the chosen one in ``command``)."""
    parser = argparse.ArgumentParser(
        prog="sdg18", description="National SDG 18 (humanitarian demining) indicators."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(commands.add_parser(command.NAME, help=command.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen command; its exit code. A bad ``SDG18_*`` setting is reported with
    what to write (exit 2); another :class:`Sdg18Error` with its hint (exit 1)."""
    args = _parser().parse_args(argv)
    command = {command.NAME: command for command in COMMANDS}[args.command]
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        _report(args.command, error)
        return 2
    try:
        return command.run(args, settings)
    except Sdg18Error as error:
        _report(args.command, error)
        return 1
    except BrokenPipeError:  # the reader went away (``sdg18 trace … | head``): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a shell reports for a command ended by SIGPIPE


def _report(name: str, error: Sdg18Error) -> None:
    """Write ``sdg18 <command>: <message>``, then the hint when there is one, to stderr."""
    print(f"sdg18 {name}: {error.message}", file=sys.stderr)
    if error.hint:
        print(error.hint, file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
