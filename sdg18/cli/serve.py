"""``sdg18 serve``: serve the quarterly deployment, with its schedule, until stopped.

Needs a running Prefect server (``PREFECT_API_URL``): Prefect's ephemeral
server lives only as long as one command, so it cannot keep a schedule. Runs
are executed in this process's machine, one at a time. When ``serve`` stops,
the schedule stays active on the server: runs falling due meanwhile wait
(shown as *Late*) and are executed when ``serve`` starts again.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from sdg18.core.settings import Settings

NAME = "serve"
HELP = "serve the quarterly deployment with its schedule (needs a Prefect server)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare nothing: ``serve`` takes no arguments."""


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted; exit code as :func:`serve_quarterly`."""
    return serve_quarterly(settings, sys.stdout, sys.stderr)


def api_url() -> str:
    """The Prefect API this process talks to ("" for the ephemeral server)."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value() or "")


def serve_quarterly(settings: Settings, stream: TextIO, errors: TextIO) -> int:
    """Serve the quarterly deployment until interrupted; 2 when no Prefect server is set."""
    import flows  # noqa: F401  (sdg18's Prefect defaults, before Prefect loads)

    if not api_url():
        errors.write(
            "sdg18 serve: no Prefect server is set, and the ephemeral one cannot keep a "
            "schedule.\nStart one (`prefect server start`) and point sdg18 at it: "
            "export PREFECT_API_URL=http://127.0.0.1:4200/api\n"
        )
        return 2
    from flows.deployment import QUARTERLY_CRON, SCHEDULE_TIMEZONE
    from flows.deployment import serve_quarterly as serve_deployment

    stream.write(
        f"Serving quarterly-report/quarterly ({QUARTERLY_CRON}, {SCHEDULE_TIMEZONE}) against "
        f"{api_url()}; inbox {settings.inbox}, outputs {settings.outputs}. Stop with Ctrl-C.\n"
    )
    stream.flush()
    serve_deployment()
    return 0
