"""The quarterly deployment: prefect.yaml and ``sdg18 serve`` declare the same schedule."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect.cli.deploy._models import PrefectYamlModel
from prefect.client.schemas.schedules import CronSchedule

from flows.deployment import (
    DEFAULT_PARAMETERS,
    DEPLOYMENT_NAME,
    QUARTERLY_CRON,
    SCHEDULE_TIMEZONE,
    WORK_POOL,
    quarterly_deployment,
)
from flows.quarterly import quarterly_report
from tests.flows.conftest import base_env, run_sdg18

PREFECT_YAML = Path(__file__).parents[2] / "prefect.yaml"


def _yaml_deployment() -> dict[str, Any]:
    document = yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))
    PrefectYamlModel.model_validate(document)  # the shape `prefect deploy` accepts
    (deployment,) = [d for d in document["deployments"] if d["name"] == DEPLOYMENT_NAME]
    return dict(deployment)


def test_prefect_yaml_declares_the_quarterly_schedule() -> None:
    deployment = _yaml_deployment()

    (schedule,) = deployment["schedules"]
    assert schedule["cron"] == "0 6 15 1,4,7,10 *" == QUARTERLY_CRON
    assert schedule["timezone"] == "Asia/Baku" == SCHEDULE_TIMEZONE
    assert schedule.get("active", True) is True
    assert deployment["parameters"] == DEFAULT_PARAMETERS == {}
    assert deployment["entrypoint"] == "flows/quarterly.py:quarterly_report"
    assert deployment["work_pool"]["name"] == WORK_POOL


def test_serve_builds_the_same_deployment_as_prefect_yaml() -> None:
    declared = _yaml_deployment()
    built = quarterly_deployment()  # what `sdg18 serve` serves; nothing is sent anywhere

    assert built.name == declared["name"]
    assert built.flow_name == "quarterly-report"
    assert built.entrypoint == declared["entrypoint"]
    assert built.parameters == declared["parameters"]
    (schedule,) = built.schedules
    assert isinstance(schedule.schedule, CronSchedule)
    (yaml_schedule,) = declared["schedules"]
    assert schedule.schedule.cron == yaml_schedule["cron"]
    assert schedule.schedule.timezone == yaml_schedule["timezone"]
    assert schedule.active is True
    assert set(built.tags) == set(declared["tags"])


def test_the_schedule_fires_at_six_in_baku_on_the_fifteenth_after_each_quarter() -> None:
    """The dates Prefect's scheduler computes from the deployment's schedule."""
    import asyncio
    import datetime as dt

    from prefect.server.schemas.schedules import CronSchedule as ServerCronSchedule

    schedule = quarterly_deployment().schedules[0].schedule
    server_side = ServerCronSchedule(cron=schedule.cron, timezone=schedule.timezone)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    fires = asyncio.run(server_side.get_dates(n=5, start=start))

    baku = [t.astimezone(dt.timezone(dt.timedelta(hours=4))) for t in fires]
    assert [(t.year, t.month, t.day, t.hour, t.minute) for t in baku] == [
        (2026, 1, 15, 6, 0), (2026, 4, 15, 6, 0), (2026, 7, 15, 6, 0),
        (2026, 10, 15, 6, 0), (2027, 1, 15, 6, 0),
    ]  # fmt: skip
    assert [t.astimezone(dt.UTC).hour for t in fires] == [2] * 5  # Baku is UTC+4 all year


def test_a_scheduled_run_needs_no_parameters() -> None:
    signature = inspect.signature(quarterly_report.fn)
    assert all(p.default is None for p in signature.parameters.values())
    assert quarterly_report.parameters.required == []


def test_serve_without_a_prefect_server_says_how_to_start_one(tmp_path: Path) -> None:
    completed = run_sdg18(["serve"], base_env(tmp_path / "prefect"), timeout=120)

    assert completed.returncode == 2
    assert "prefect server start" in completed.stderr
    assert "PREFECT_API_URL" in completed.stderr


@pytest.mark.parametrize("spec", ["threads", "dask", "dask=tcp://127.0.0.1:8786"])
def test_the_task_runner_option_accepts_threads_and_dask(spec: str) -> None:
    from flows.runners import build_task_runner
    from sdg18.cli import _parser
    from sdg18.core.settings import Settings

    args = _parser().parse_args(["run", "--task-runner", spec])
    runner = build_task_runner(args.task_runner, Settings(task_workers=3))

    expected = "ThreadPoolTaskRunner" if spec == "threads" else "DaskTaskRunner"
    assert type(runner).__name__ == expected
    if spec == "threads":
        assert runner._max_workers == 3  # type: ignore[attr-defined]
    if "=" in spec:
        assert runner.address == "tcp://127.0.0.1:8786"  # type: ignore[attr-defined]


def test_an_unknown_task_runner_is_bad_usage() -> None:
    from sdg18.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--task-runner", "ray"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("scheduled", "quarter"),
    [
        ("2026-01-15T02:00:00+00:00", "2025Q4"),  # on time: 06:00 in Baku
        ("2026-04-03T09:00:00+00:00", "2026Q1"),  # started late, in the next quarter
        ("2026-03-31T21:30:00+00:00", "2026Q1"),  # already 1 April in Baku
    ],
)
def test_a_run_without_period_reports_the_quarter_before_its_scheduled_day_in_baku(
    scheduled: str, quarter: str
) -> None:
    """``quarterly_report`` takes the day from ``prefect.runtime.flow_run.scheduled_start_time``."""
    import datetime as dt

    from sdg18.core.periods import Period
    from sdg18.integrity.provenance import local_day

    assert str(Period.last_completed(local_day(dt.datetime.fromisoformat(scheduled)))) == quarter


def test_sdg18_serve_serves_that_deployment_and_keeps_its_schedule_when_stopped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What ``sdg18 serve`` hands to Prefect, caught instead of serving forever."""
    import flows.deployment
    import sdg18.cli.serve
    from sdg18.cli import main

    served: dict[str, Any] = {}

    class Caught:
        def serve(self, **options: Any) -> None:
            served.update(options)

    monkeypatch.setattr(flows.deployment, "quarterly_report", Caught())
    monkeypatch.setattr(sdg18.cli.serve, "api_url", lambda: "http://127.0.0.1:9/api")

    assert main(["serve"]) == 0

    declared = _yaml_deployment()
    (schedule,) = served["schedules"]
    assert (schedule.cron, schedule.timezone) == (
        declared["schedules"][0]["cron"], declared["schedules"][0]["timezone"],
    )  # fmt: skip
    assert served["name"] == declared["name"]
    assert served["parameters"] == declared["parameters"]
    assert served["pause_on_shutdown"] is False  # the schedule stays active while serve is down
    assert served["limit"] == 1
    assert "Serving quarterly-report/quarterly (0 6 15 1,4,7,10 *, Asia/Baku)" in (
        capsys.readouterr().out
    )
