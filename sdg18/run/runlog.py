"""The run log file: the records of one flow run's log, as text, in the run's outputs.

A handler is attached to the loggers that feed Prefect's run log for as long as
the run lasts; it keeps only the records of that run (Prefect tags each with
its flow run id), so the file holds the same records the Prefect UI shows for
the run. Records of tasks that ran on other machines (a Dask cluster) reach the
Prefect log but not this file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

#: The loggers Prefect sends to a run's log (flow run and task run loggers).
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class RunLogFormatter(logging.Formatter):
    """``<UTC time> <LEVEL> <flow or task run name> | <message>``, one record a line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record on one line (a traceback, when there is one, follows indented)."""
        moment = dt.datetime.fromtimestamp(record.created, dt.UTC)
        stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        task = getattr(record, "task_run_name", None)
        flow = getattr(record, "flow_run_name", None)
        where = f"task {task}" if task else f"flow {flow}" if flow else record.name
        line = f"{stamp} {record.levelname:<7} {where} | {record.getMessage()}"
        if record.exc_info:
            trace = self.formatException(record.exc_info)
            line += "\n" + "\n".join(f"    {part}" for part in trace.splitlines())
        return line


class RunLogHandler(logging.FileHandler):
    """Writes the records of one flow run (all records when ``flow_run_id`` is None)."""

    def __init__(self, path: Path, flow_run_id: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path, mode="a", encoding="utf-8")
        self.flow_run_id = flow_run_id
        self.setFormatter(RunLogFormatter())

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record when it belongs to this handler's flow run."""
        if self.flow_run_id is None:
            return True
        return str(getattr(record, "flow_run_id", "")) == self.flow_run_id


@contextmanager
def run_log(
    path: Path,
    flow_run_id: str | None = None,
    loggers: Sequence[str] = RUN_LOGGERS,
    level: int = logging.INFO,
) -> Iterator[RunLogHandler]:
    """Append the run's records at ``level`` and above to ``path`` while the body runs.

    The loggers' own levels still apply: a record they drop is in neither log.
    """
    handler = RunLogHandler(path, flow_run_id)
    handler.setLevel(level)
    attached = [logging.getLogger(name) for name in loggers]
    for logger in attached:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in attached:
            logger.removeHandler(handler)
        handler.close()
