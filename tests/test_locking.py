"""One run per period: the lock waits, then stops with a message naming the other run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from sdg18.integrity.locking import PeriodBusyError, advisory_lock, chain_lock, period_lock
from tests.conftest import POSTGRES_URL


def test_a_second_run_of_the_period_stops_with_a_message_naming_the_first(
    tmp_path: Path,
) -> None:
    with (
        period_lock(tmp_path, "2026Q3", "run-A", timeout_s=5),
        pytest.raises(PeriodBusyError) as busy,
        period_lock(tmp_path, "2026Q3", "run-B", timeout_s=0),
    ):
        pytest.fail("two runs of one period held the lock at once")
    message = str(busy.value)
    assert message.startswith("Another run of 2026Q3 is in progress: run run-A (process ")
    assert f"process {os.getpid()} on " in message
    assert "Waited 0 s" in message
    assert "SDG18_LOCK_TIMEOUT_S" in message


def test_runs_of_other_periods_do_not_wait(tmp_path: Path) -> None:
    with (
        period_lock(tmp_path, "2026Q3", "run-A", timeout_s=0),
        period_lock(tmp_path, "2026Q2", "run-B", timeout_s=0),
    ):
        pass


def test_a_waiting_run_starts_when_the_first_one_ends(tmp_path: Path) -> None:
    order: list[str] = []
    holding = threading.Event()
    release = threading.Event()

    def first() -> None:
        with period_lock(tmp_path, "2026Q3", "run-A", timeout_s=5):
            order.append("A starts")
            holding.set()
            release.wait(30)
            order.append("A ends")

    thread = threading.Thread(target=first)
    thread.start()
    assert holding.wait(30)
    threading.Timer(0.5, release.set).start()
    with period_lock(tmp_path, "2026Q3", "run-B", timeout_s=60):
        order.append("B starts")
    thread.join(30)

    assert order == ["A starts", "A ends", "B starts"]


def test_the_lock_dies_with_the_process_that_held_it(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path\n"
        "from sdg18.integrity.locking import period_lock\n"
        "with period_lock(Path(sys.argv[1]), '2026Q3', 'run-crashed', timeout_s=0):\n"
        "    print('locked', flush=True); time.sleep(600)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with (
            pytest.raises(PeriodBusyError, match="run run-crashed"),
            period_lock(tmp_path, "2026Q3", "run-B", timeout_s=0),
        ):
            pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)
        with period_lock(tmp_path, "2026Q3", "run-B", timeout_s=10):
            pass
    finally:
        holder.kill()
        holder.wait(30)


def test_the_manifest_chain_has_one_writer_at_a_time(tmp_path: Path) -> None:
    with (
        chain_lock(tmp_path, "run-A"),
        pytest.raises(PeriodBusyError, match="Another run's manifest write"),
        chain_lock(tmp_path, "run-B", timeout_s=0),
    ):
        pass


def _postgres_reachable() -> bool:
    try:
        engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def test_a_postgresql_store_adds_an_advisory_lock_per_period() -> None:
    if not _postgres_reachable():
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    name = f"period:test-{os.getpid()}"
    what = "Another run of 2026Q3"
    with (
        advisory_lock(POSTGRES_URL, name, timeout_s=5, what=what),
        pytest.raises(PeriodBusyError, match="PostgreSQL advisory lock"),
        advisory_lock(POSTGRES_URL, name, timeout_s=0.5, what=what),
    ):
        pass
    with advisory_lock(POSTGRES_URL, name, timeout_s=0, what="Another run of 2026Q3"):
        pass
