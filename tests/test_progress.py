"""The progress display of run, backfill and demo: lines off a terminal, a live line on one."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from sdg18.cli.progress import shown_progress


@pytest.fixture(autouse=True)
def task_runs_at_info() -> Iterator[None]:
    """The task runs' logger at INFO, as Prefect's settings put it in a run (flows/)."""
    logger = logging.getLogger("prefect.task_runs")
    level = logger.level
    logger.setLevel(logging.INFO)
    yield
    logger.setLevel(level)


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _log_a_run() -> None:
    logging.getLogger("sdg18.run").info("run r-1 of %s: %d file(s) in %s", "2026Q3", 2, "inbox")
    logging.getLogger("prefect.task_runs").info("reading and validating %s", "ANAMA/[b]x[/b].xlsx")
    logging.getLogger("sdg18.run").info("%s: writing the outputs and the store", "2026Q3")


def test_off_a_terminal_each_record_is_a_plain_line_with_its_time() -> None:
    stream = io.StringIO()
    with shown_progress(stream):
        _log_a_run()
    lines = stream.getvalue().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [
        "run r-1 of 2026Q3: 2 file(s) in inbox",
        "reading and validating ANAMA/[b]x[/b].xlsx",
        "2026Q3: writing the outputs and the store",
    ]
    assert all(len(line.split(" ", 1)[0]) == len("12:00:00") for line in lines)


def test_on_a_terminal_run_records_are_lines_and_file_names_stay_literal() -> None:
    stream = FakeTerminal()
    with shown_progress(stream):
        _log_a_run()
    shown = stream.getvalue()
    assert "run r-1 of 2026Q3: 2 file(s) in inbox" in shown
    assert "2026Q3: writing the outputs and the store" in shown
    assert "ANAMA/[b]x[/b].xlsx" in shown  # agency text shown as it is, never as markup


def test_quiet_shows_nothing_and_the_loggers_are_left_as_they_were() -> None:
    before = logging.getLogger("sdg18.run").level
    stream = io.StringIO()
    with shown_progress(stream, quiet=True):
        _log_a_run()
    with shown_progress(io.StringIO()):
        pass
    assert stream.getvalue() == ""
    assert logging.getLogger("sdg18.run").level == before
    assert not any(
        type(h).__name__.endswith("Progress") for h in logging.getLogger("sdg18.run").handlers
    )
