"""What ``run``, ``backfill`` and ``demo`` show while they work: each stage as it starts, and
on a terminal a live line with the file being read.

The run already says what it does in its log (the records Prefect keeps for the run and
``run.log`` holds); this shows the same records to the person waiting. On a terminal a
rich status line shows the latest file-level record (``reading and validating …``) with a
spinner and the time so far, and every run-level record is printed above it; when the
output is not a terminal (a pipe, a CI log, cron) each record is a plain line with the
time. ``--quiet`` shows nothing but the commands' own summary.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status

#: The loggers whose INFO records are the run's progress: the Prefect flow and task runs'
#: (``sdg18.run.runlog.RUN_LOGGERS``) and the direct run's.
PROGRESS_LOGGERS = ("prefect.flow_runs", "prefect.task_runs", "sdg18.run")


def _is_file_level(record: logging.LogRecord) -> bool:
    """A record of one file's task (shown on the status line, not kept as a line)."""
    return record.name == "prefect.task_runs"


class PlainProgress(logging.Handler):
    """Each record on a line of its own: ``HH:MM:SS message``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record and flush, so a log follower sees it at once."""
        stamp = dt.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        self.stream.write(f"{stamp} {record.getMessage()}\n")
        self.stream.flush()


class TerminalProgress(logging.Handler):
    """Run-level records printed as lines; the latest file-level one on a live status line."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console

        super().__init__(logging.INFO)
        self.console: Console = Console(file=stream, highlight=False, soft_wrap=True)
        self.started = time.monotonic()
        self.status: Status = self.console.status("starting…", spinner="dots")
        self.files_read = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Show the record: a file's on the status line, the run's as a line of its own."""
        from rich.text import Text

        message = record.getMessage()  # file names are agency text: shown as plain Text
        elapsed = time.monotonic() - self.started
        if _is_file_level(record):
            if message.startswith("reading and validating"):
                self.files_read += 1
            self.status.update(Text(f"{elapsed:4.0f} s · {self.files_read} file(s) · {message}"))
            return
        line = Text(f"{elapsed:4.0f} s ", style="dim")
        line.append(message)
        self.console.print(line, emoji=False, highlight=False)
        self.status.update(Text(f"{elapsed:4.0f} s · {message}"))


@contextmanager
def shown_progress(stream: TextIO, *, quiet: bool = False) -> Iterator[None]:
    """Show the run's progress on ``stream`` while the body runs (nothing when ``quiet``)."""
    if quiet:
        yield
        return
    terminal = stream.isatty()
    handler: logging.Handler = TerminalProgress(stream) if terminal else PlainProgress(stream)
    loggers = [logging.getLogger(name) for name in PROGRESS_LOGGERS]
    direct = logging.getLogger("sdg18.run")  # silent unless asked: ask for INFO meanwhile
    level = direct.level
    direct.setLevel(min(level or logging.INFO, logging.INFO))
    for logger in loggers:
        logger.addHandler(handler)
    if isinstance(handler, TerminalProgress):
        handler.status.start()
    try:
        yield
    finally:
        if isinstance(handler, TerminalProgress):
            handler.status.stop()
        for logger in loggers:
            logger.removeHandler(handler)
        direct.setLevel(level)
