"""The quarterly deployment: one definition for ``prefect.yaml`` and ``sdg18 serve``.

The run is at 06:00 Asia/Baku on the 15th of January, April, July and October
(agencies have two weeks after the quarter ends), with no parameters: the flow
then reports the last quarter completed on the day the run was scheduled for.
``prefect.yaml`` repeats these values for ``prefect deploy``; a test checks
that both say the same.
"""

from __future__ import annotations

from typing import Any, cast

from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

from flows.quarterly import quarterly_report

DEPLOYMENT_NAME = "quarterly"
QUARTERLY_CRON = "0 6 15 1,4,7,10 *"
SCHEDULE_TIMEZONE = "Asia/Baku"
#: Parameters of scheduled runs: none, so ``period`` is the last completed quarter.
DEFAULT_PARAMETERS: dict[str, object] = {}
#: The work pool ``prefect.yaml`` sends runs to (a ``process`` pool).
WORK_POOL = "sdg18"
TAGS = ("sdg18", "quarterly")
DESCRIPTION = (
    "SDG 18 quarterly run: validate the period's inbox, store accepted records, compute "
    "the 15 indicators, write outputs/<period>/ with its manifest."
)


def quarterly_schedule() -> CronSchedule:
    """06:00 Asia/Baku on the 15th of January, April, July and October."""
    return CronSchedule(cron=QUARTERLY_CRON, timezone=SCHEDULE_TIMEZONE)


def deployment_options() -> dict[str, Any]:
    """Name, schedule, parameters, description and tags: what both ways of deploying share."""
    return {
        "name": DEPLOYMENT_NAME,
        "schedules": [quarterly_schedule()],
        "parameters": dict(DEFAULT_PARAMETERS),
        "description": DESCRIPTION,
        "tags": list(TAGS),
    }


def quarterly_deployment() -> RunnerDeployment:
    """The deployment ``sdg18 serve`` registers (built here, not sent to any server)."""
    deployment = quarterly_report.to_deployment(
        **deployment_options(),
        _sync=True,  # type: ignore[call-arg]
    )
    return cast(RunnerDeployment, deployment)


def serve_quarterly() -> None:
    """Register the deployment and execute its runs in this process's machine, one at a
    time, until interrupted. The schedule stays active when serving stops, so runs that
    fall due meanwhile wait (Late) and are executed when serving starts again."""
    quarterly_report.serve(
        **deployment_options(), pause_on_shutdown=False, limit=1, print_starting_message=False
    )
