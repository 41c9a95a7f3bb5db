"""Performance benchmark (issues 7 and 16): the pre-check, reading, isolated reading, the
whole run, a re-run, orchestration and growth.

Makes synthetic inboxes with the generator (cached under ``--work``): a realistic
quarter, and the stress size (1,000,000 eo_items and 200,000 land_release rows
plus the rest of a realistic quarter) at each of ``--scales``. Measures them in
this one invocation, every measurement in a fresh child process, and prints one
table of seconds, peak memory and ratios beside the targets of the operations
spec; writes it as Markdown and CSV to the work folder. See docs/performance.md.

    .venv/bin/python benchmarks/stress.py            # the full run (about 1 hour)
    .venv/bin/python benchmarks/stress.py --quick    # 0.02 of the stress size (a few minutes)
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

PERIOD = "2026Q1"
STRESS_RELEASES = 200_000
STRESS_ITEMS = 1_000_000
QUICK_FACTOR = 0.02
BIN = Path(sys.executable).parent
PACKAGES = (
    "python-calamine", "pandas", "pyarrow", "pandera", "openpyxl", "sqlalchemy",
    "weasyprint", "prefect", "numpy", "sdg18",
)  # fmt: skip
#: The readers compared, in the order each round runs them.
READERS = (
    "sdg18 read",
    "sdg18 read + validate",
    "python-calamine alone",
    "pandas + calamine",
    "pandas + openpyxl",
)
CALAMINE, OPENPYXL = "python-calamine alone", "pandas + openpyxl"
#: The settings' defaults (sdg18/core/settings.py) the stress inboxes must stay under.
DEFAULT_LIMITS = {"max_file_mb": 200, "max_inflated_mb": 1024, "max_cells": 25_000_000}
RESULT = "RESULT "


# ---- child processes: each measurement runs in one ------------------------------------


def _sheet_reader(tool: str) -> Callable[[list[Path], Path, str], int]:
    """The reading of ``tool`` over a list of workbooks, its imports done; returns rows read."""
    if tool.startswith("sdg18"):
        from sdg18.core.periods import Period
        from sdg18.core.settings import Settings
        from sdg18.ingest.discover import inbox_file
        from sdg18.ingest.read import read_file
        from sdg18.validation.files import check_file

        settings = Settings.from_env()

        def sdg18_read(files: list[Path], folder: Path, period: str) -> int:
            rows = 0
            for path in files:
                file = inbox_file(path, folder)
                if tool == "sdg18 read":
                    rows += sum(len(table.raw) for table in read_file(file, settings).tables)
                else:
                    result = check_file(file, Period.parse(period), settings)
                    rows += sum(len(table.typed) for table in result.tables)
            return rows

        return sdg18_read
    if tool == CALAMINE:
        from python_calamine import CalamineWorkbook

        def calamine_read(files: list[Path], folder: Path, period: str) -> int:
            rows = 0
            for path in files:
                book = CalamineWorkbook.from_path(str(path))
                for name in book.sheet_names:
                    rows += len(book.get_sheet_by_name(name).to_python())
            return rows

        return calamine_read
    import pandas as pd

    engine: Literal["calamine", "openpyxl"] = "openpyxl" if tool == OPENPYXL else "calamine"

    def pandas_read(files: list[Path], folder: Path, period: str) -> int:
        frames = [pd.read_excel(path, sheet_name=None, engine=engine) for path in files]
        return sum(len(frame) for sheets in frames for frame in sheets.values())

    return pandas_read


def child_read(args: dict[str, Any]) -> dict[str, Any]:
    """Read every workbook of the period folder with one tool, timed after the imports and
    after a warm-up read of the smallest workbook (which does the imports libraries make
    on first use: pandera's schema building imports dask, pandas its Excel engine)."""
    folder = Path(args["folder"])
    files = sorted(folder.rglob("*.xlsx"))
    read = _sheet_reader(args["tool"])
    start = time.perf_counter()
    read([min(files, key=lambda path: path.stat().st_size)], folder, args["period"])
    warm_up = time.perf_counter() - start
    start = time.perf_counter()
    rows = read(files, folder, args["period"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "warm_up": warm_up, "rows": rows, "files": len(files)}


def child_direct(args: dict[str, Any]) -> dict[str, Any]:
    """The quarterly run's stages called directly (as benchmarks/quarterly_direct.py), then
    the PDF of each edition of that run rendered again on its ReportContext; both timed
    after the imports."""
    from sdg18.core.periods import Period
    from sdg18.core.settings import Settings
    from sdg18.reports.ministry import report_paths
    from sdg18.reports.pdf.render import write_pdf
    from sdg18.run.sequence import run_period_direct

    inbox, out, period = Path(args["inbox"]), Path(args["out"]), Period.parse(args["period"])
    settings = Settings.from_env()
    start = time.perf_counter()
    result = run_period_direct(period, inbox, out, settings)
    run_s = time.perf_counter() - start
    assert result.context is not None  # a cold run computes: its reports have a context
    renders: dict[str, float] = {}
    for language in settings.editions.languages:  # every edition the run wrote
        workbook, _ = report_paths(result.folder, result.period, language)
        start = time.perf_counter()
        write_pdf(
            result.context,
            out.parent / f"{out.name}-render-{language}.pdf",
            language,
            attachments=(workbook, result.folder / "indicators.csv"),
        )
        renders[language] = time.perf_counter() - start
    counts = result.counts
    return {
        "seconds": run_s,
        "render": sum(renders.values()),
        "renders": renders,
        "records": counts.records,
        "accepted": counts.accepted,
        "errors": counts.errors,
        "verdict": result.verdict,
    }


def child_generate(args: dict[str, Any]) -> dict[str, Any]:
    """Write one inbox (a realistic quarter, or a stress inbox) and its expected counts."""
    from sdg18.core.periods import Period
    from sdg18.synthetic import generate_inbox
    from sdg18.synthetic.benchmark_files import write_stress_inbox

    root, period = Path(args["root"]), Period.parse(args["period"])
    start = time.perf_counter()
    if args["items"]:
        inbox = write_stress_inbox(
            root, period, release_rows=args["releases"], item_rows=args["items"]
        )
    else:
        inbox = generate_inbox(root, period, period, scale=1.0)
    return {"seconds": time.perf_counter() - start, "records": sum(inbox.record_counts.values())}


def child_precheck_files(args: dict[str, Any]) -> dict[str, Any]:
    """The pre-check's two clean land_release workbooks (``rows`` each), in an inbox
    layout (``<root>/2026Q1/ANAMA/``) so that the command finds the period."""
    from sdg18.core.periods import Period
    from sdg18.synthetic import write_land_release_workbook

    folder = Path(args["root"]) / PERIOD / "ANAMA"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for rows in args["rows"]:
        path = folder / f"ANAMA_{PERIOD}_land_release_{rows}.xlsx"
        if not path.exists():
            write_land_release_workbook(path, rows, period=Period.parse(PERIOD))
        paths[str(rows)] = str(path)
    return {"paths": paths}


def child_isolation(args: dict[str, Any]) -> dict[str, Any]:
    """Levels 0–1 of every workbook of the period folder, in this process and in a worker
    (``SDG18_ISOLATE_READS``), rounds interleaved after one untimed pass of each (which
    starts the worker pool and makes the first-use imports)."""
    from dataclasses import replace

    from sdg18.core.periods import Period
    from sdg18.core.settings import Settings
    from sdg18.ingest.discover import inbox_file
    from sdg18.validation.files import check_file
    from sdg18.validation.isolation import check_bounded, close_readers

    folder, period = Path(args["folder"]), Period.parse(args["period"])
    files = [inbox_file(path, folder) for path in sorted(folder.rglob("*.xlsx"))]
    settings = Settings.from_env()
    isolated = replace(settings, isolate_reads=True)
    modes = {
        "in-process": lambda f: check_file(f, period, settings),
        "isolated": lambda f: check_bounded(f, period, isolated),
    }
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    records: dict[str, int] = {}
    for number in range(args["rounds"] + 1):
        for mode, check in modes.items():
            start = time.perf_counter()
            results = [check(f) for f in files]
            if number:  # the first pass is the warm-up
                times[mode].append(time.perf_counter() - start)
            records[mode] = sum(len(t.accepted) for r in results for t in r.tables)
    close_readers()
    if records["in-process"] != records["isolated"]:
        raise SystemExit(f"isolated and in-process reads differ: {records}")
    return {"times": {mode: min(values) for mode, values in times.items()}, "files": len(files)}


CHILDREN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "read": child_read,
    "direct": child_direct,
    "generate": child_generate,
    "precheck-files": child_precheck_files,
    "isolation": child_isolation,
}


def child_main(kind: str, argument: str) -> None:
    """Run one child measurement and print its result as the last line."""
    result = CHILDREN[kind](json.loads(argument))
    print(RESULT + json.dumps(result), flush=True)


# ---- the parent: processes, environment, the Prefect server ----------------------------


@dataclass
class Measured:
    """One child process: whole-process wall seconds, peak RSS, what it reported."""

    wall: float
    peak_mb: float
    result: dict[str, Any] = field(default_factory=dict)
    output: str = ""

    @property
    def seconds(self) -> float:
        """In-process seconds when the child timed itself, else whole-process seconds."""
        return float(self.result.get("seconds", self.wall))

    @property
    def whole(self) -> float:
        """Whole-process seconds, less the extra PDF render a direct-run child does last."""
        return self.wall - float(self.result.get("render", 0.0))


class Bench:
    """The work folder, the children's environment, and every measurement taken."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.logs = work / "logs" / dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.failures: list[str] = []
        self.notes: list[str] = []
        self._count = 0

    def env(
        self, home: str, api_url: str = "", limits: dict[str, str] | None = None
    ) -> dict[str, str]:
        """The children's environment: no PREFECT_* or SDG18_* from the caller's shell, a
        Prefect home of our own, analytics off, and the reading limits an inbox needs."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SDG18_"))}
        prefect_home = self.work / "prefect" / home
        prefect_home.mkdir(parents=True, exist_ok=True)
        env |= {
            "PREFECT_HOME": str(prefect_home),
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
        if api_url:
            env["PREFECT_API_URL"] = api_url
        return env | (limits or {})

    def run(self, label: str, argv: list[str], env: dict[str, str]) -> Measured | None:
        """Run ``argv``; wall time and peak RSS (of it and its waited-for children) from
        ``wait4``. A failure is recorded, logged and returns None."""
        self._count += 1
        log = self.logs / f"{self._count:03d}-{re.sub(r'[^A-Za-z0-9.]+', '-', label)}.log"
        progress(f"{label} …")
        with log.open("w") as output:
            start = time.perf_counter()
            process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        text = log.read_text(errors="replace")
        if process.returncode != 0:
            self.failures.append(f"{label}: exit {process.returncode}, see {log}")
            progress(f"{label} FAILED (exit {process.returncode}); see {log}")
            return None
        result = {}
        for line in text.splitlines():
            if line.startswith(RESULT):
                result = json.loads(line[len(RESULT) :])
        measured = Measured(wall, usage.ru_maxrss / 1024, result, text)
        progress(f"{label}: {measured.seconds:.2f} s, {measured.peak_mb:.0f} MB")
        return measured

    def child(
        self, label: str, kind: str, args: dict[str, Any], env: dict[str, str]
    ) -> Measured | None:
        """Run one child measurement of this script."""
        argv = [sys.executable, str(Path(__file__).resolve()), "child", kind, json.dumps(args)]
        return self.run(label, argv, env)


def progress(text: str) -> None:
    """A time-stamped progress line on stderr."""
    print(f"[{dt.datetime.now():%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def prefect_server(bench: Bench) -> Iterator[str]:
    """A ``prefect server`` on a free local port with its own PREFECT_HOME; yields the API
    URL once /api/health answers, and stops the server (its process group) at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = (bench.logs / "prefect-server.log").open("w")
    argv = [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--analytics-off", "--no-ui"]
    progress(f"starting prefect server on port {port} …")
    server = subprocess.Popen(
        argv, stdout=log, stderr=subprocess.STDOUT, env=bench.env("server"), start_new_session=True
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"prefect server exited; see {log.name} in {bench.logs}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{url}/health", timeout=2) as answer,
            ):
                if answer.status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("prefect server did not answer /api/health within 300 s")
            time.sleep(1)
        progress(f"prefect server ready at {url}")
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        progress("prefect server stopped")


# ---- inboxes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Inbox:
    """A generated inbox: its label in the table, folder, size and reading limits."""

    label: str
    root: Path
    records: int
    limits: dict[str, str]
    #: Multiple of the stress size; 0 for the realistic quarter.
    scale: float = 0.0

    @property
    def folder(self) -> Path:
        """The period folder."""
        return self.root / PERIOD

    @property
    def slug(self) -> str:
        """The label as a folder name."""
        return re.sub(r"[^A-Za-z0-9.]+", "-", self.label.replace("×", "x"))


def needed_limits(folder: Path, releases: int, items: int) -> dict[str, str]:
    """SDG18_* limits raised above the defaults where this inbox's files go beyond them."""
    inflated = file_mb = 0.0
    for path in folder.rglob("*.xlsx"):
        file_mb = max(file_mb, path.stat().st_size / 2**20)
        with zipfile.ZipFile(path) as archive:
            inflated = max(inflated, *(info.file_size / 2**20 for info in archive.infolist()))
    cells = max((items + 1) * 5, (releases + 1) * 11)
    limits = {}
    if inflated > DEFAULT_LIMITS["max_inflated_mb"]:
        limits["SDG18_MAX_INFLATED_MB"] = str(math.ceil(inflated * 1.1))
    if file_mb > DEFAULT_LIMITS["max_file_mb"]:
        limits["SDG18_MAX_FILE_MB"] = str(math.ceil(file_mb * 1.1))
    if cells > DEFAULT_LIMITS["max_cells"]:
        limits["SDG18_MAX_CELLS"] = str(math.ceil(cells * 1.1))
    return limits


def make_inbox(
    bench: Bench, label: str, releases: int, items: int, scale: float = 0.0
) -> Inbox | None:
    """The inbox for ``label``, generated once and kept in the work folder (keyed by its
    row counts; delete the folder to make it again)."""
    name = f"{PERIOD}-realistic" if not items else f"{PERIOD}-lr{releases}-eo{items}"
    root = bench.work / "inbox" / name
    done = root / "generated.json"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        args = {"root": str(root), "period": PERIOD, "releases": releases, "items": items}
        measured = bench.child(f"generate {label} inbox", "generate", args, bench.env("generate"))
        if measured is None:
            return None
        done.write_text(json.dumps(measured.result))
    records = int(json.loads(done.read_text())["records"])
    limits = needed_limits(root / PERIOD, releases, items)
    for key, value in limits.items():
        bench.notes.append(f"{label}: {key}={value} (the inbox is beyond the default limit)")
    return Inbox(label, root, records, limits, scale)


# ---- measurements -----------------------------------------------------------------------


Times = dict[str, list[Measured]]


def measure_reading(bench: Bench, inbox: Inbox, rounds: int, openpyxl: bool) -> Times:
    """Every reader on the inbox's workbooks, rounds interleaved (ABAB…); pandas + openpyxl
    only in the first round when asked for."""
    times: Times = {}
    env = bench.env("read", limits=inbox.limits)
    for number in range(rounds):
        for tool in READERS:
            if tool == OPENPYXL and (not openpyxl or number > 0):
                continue
            args = {"tool": tool, "folder": str(inbox.folder), "period": PERIOD}
            label = f"read {inbox.label} {tool} round {number + 1}/{rounds}"
            measured = bench.child(label, "read", args, env)
            if measured is not None:
                times.setdefault(tool, []).append(measured)
    return times


#: The pre-check's workbooks: a small one, and the large one compared with calamine.
PRECHECK_ROWS = (2, 100_000)
CALAMINE_SCRIPT = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path(sys.argv[1])\n"
    "for name in book.sheet_names:\n"
    "    book.get_sheet_by_name(name).to_python()\n"
)
#: The commands of the pre-check section, each a whole process, run in turn per round.
PRECHECK = (
    "validate small",
    "import pandera",
    "validate large",
    "calamine large",
)


def measure_precheck(bench: Bench, rounds: int) -> Times:
    """``sdg18 validate`` as an agency runs it, whole process: on a two-row workbook, and
    on a 100,000-row one against python-calamine reading that file alone; beside them,
    importing pandera (the floor of any check through the contract's models)."""
    root = bench.work / "precheck"
    made = bench.child(
        "write the pre-check workbooks",
        "precheck-files",
        {"root": str(root), "rows": list(PRECHECK_ROWS)},
        bench.env("precheck"),
    )
    if made is None:
        return {}
    small, large = (made.result["paths"][str(rows)] for rows in PRECHECK_ROWS)
    feedback = root / "feedback"
    validate = [str(BIN / "sdg18"), "validate", "--out", str(feedback)]
    commands = {
        "validate small": [*validate, small],
        "import pandera": [sys.executable, "-c", "import pandera.pandas"],
        "validate large": [*validate, large],
        "calamine large": [sys.executable, "-c", CALAMINE_SCRIPT, large],
    }
    times: Times = {}
    env = bench.env("precheck")
    for number in range(rounds + 1):  # the first round warms the file cache, untimed
        for name in PRECHECK:
            label = f"pre-check {name} round {number}/{rounds}"
            measured = bench.run(label, commands[name], env)
            if measured is not None and number:
                times.setdefault(name, []).append(measured)
    return times


def measure_isolation(bench: Bench, inbox: Inbox, rounds: int) -> Measured | None:
    """Levels 0–1 of the inbox's workbooks in-process and in a worker, in one child."""
    args = {"folder": str(inbox.folder), "period": PERIOD, "rounds": rounds}
    env = bench.env("isolation", limits=inbox.limits)
    return bench.child(f"isolated reading {inbox.label}", "isolation", args, env)


def fresh(folder: Path) -> Path:
    """An empty outputs folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    return folder


def direct_run(bench: Bench, inbox: Inbox, out: Path, label: str) -> Measured | None:
    """The direct run of the inbox into ``out`` (and the PDF rendered again)."""
    args = {"inbox": str(inbox.root), "out": str(out), "period": PERIOD}
    return bench.child(label, "direct", args, bench.env("direct", limits=inbox.limits))


def flow_run(bench: Bench, inbox: Inbox, out: Path, label: str, url: str) -> Measured | None:
    """``sdg18 run`` of the inbox into ``out``: against the server at ``url``, or in
    ephemeral mode when ``url`` is empty. Whole-process time."""
    argv = [str(BIN / "sdg18"), "run", "--period", PERIOD, "--inbox", str(inbox.root)]
    argv += ["--out", str(out)]
    env = bench.env("server" if url else "ephemeral", url, inbox.limits)
    measured = bench.run(label, argv, env)
    if measured is not None:
        found = re.search(r"(\d+) records: (\d+) accepted", measured.output)
        if found:
            measured.result = {"records": int(found[1]), "accepted": int(found[2])}
        if "unchanged since run" in measured.output:  # the period's outputs stood
            measured.result["stood"] = True
        else:
            with contextlib.suppress(OSError, ValueError, KeyError):
                manifest = json.loads((out / PERIOD / "manifest.json").read_text())
                measured.result["cache"] = manifest["cache"]
    return measured


def measure_runs(
    bench: Bench, inbox: Inbox, rounds: int, server: str | None, ephemeral: bool
) -> Times:
    """Per round: the direct run (cold), then — with a server — the flow on it cold and
    again unchanged (warm), then the flow in ephemeral mode; without a server, the direct
    run again unchanged. Every cold run gets a fresh outputs folder."""
    times: Times = {}
    runs = bench.work / "runs" / inbox.slug

    def keep(name: str, measured: Measured | None) -> None:
        if measured is not None:
            times.setdefault(name, []).append(measured)
            check_records(bench, inbox, name, measured)

    for number in range(rounds):
        tag = f"{inbox.label} round {number + 1}/{rounds}"
        out = fresh(runs / "direct")
        keep("direct", direct_run(bench, inbox, out, f"direct run {tag}"))
        if server is None:
            keep("direct warm", direct_run(bench, inbox, out, f"direct re-run {tag}"))
        else:
            out = fresh(runs / "server")
            keep("server", flow_run(bench, inbox, out, f"flow on server {tag}", server))
            keep("server warm", flow_run(bench, inbox, out, f"flow re-run on server {tag}", server))
        if ephemeral:
            out = fresh(runs / "ephemeral")
            keep("ephemeral", flow_run(bench, inbox, out, f"flow ephemeral {tag}", ""))
    shutil.rmtree(runs, ignore_errors=True)
    return times


def check_records(bench: Bench, inbox: Inbox, name: str, measured: Measured) -> None:
    """Note a run that did not take (nearly) every generated record: its figures would
    not be those of the inbox's size."""
    records = measured.result.get("records")
    if records is not None and records < 0.98 * inbox.records:
        bench.notes.append(
            f"CHECK {inbox.label} {name}: {records:,} records read of {inbox.records:,} generated"
        )


# ---- the table --------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the result table; ``meets`` is judged from ``target`` when there is one."""

    section: str
    measure: str
    inbox: str
    seconds: float | None = None
    peak_mb: float | None = None
    ratio: float | None = None
    against: str = ""
    target: str = ""

    @property
    def meets(self) -> str:
        """Yes or no against the target ("≤ 1.5×", "≥ 8×", "≤ 0.6 s", "≤ 2,048 MB", "≈ 2.0 linear",
        where ≈ allows 15 % above linear); "" without a target or a figure."""
        value = (
            self.peak_mb
            if self.target.endswith("MB")
            else self.seconds
            if self.target.endswith(" s")
            else self.ratio
        )
        if not self.target or value is None:
            return ""
        bound = float(re.sub(r"[^\d.]", "", self.target.split("(")[0]))
        if self.target.startswith("≥"):
            return "yes" if value >= bound else "no"
        return "yes" if value <= bound * (1.15 if self.target.startswith("≈") else 1) else "no"


def best(values: list[Measured] | None) -> Measured | None:
    """The fastest measurement (min over rounds), with the largest peak of the rounds."""
    if not values:
        return None
    fastest = min(values, key=lambda m: m.seconds)
    return Measured(fastest.wall, max(m.peak_mb for m in values), fastest.result)


def divide(a: float | None, b: float | None) -> float | None:
    """a / b; None when either is missing."""
    return a / b if a is not None and b else None


def reading_rows(size: str, times: Times) -> list[Row]:
    """Each reader against python-calamine alone; pandas + openpyxl against sdg18."""
    calamine, slow = best(times.get(CALAMINE)), best(times.get(OPENPYXL))
    rows = []
    for tool in READERS:
        if m := best(times.get(tool)):
            ratio = divide(m.seconds, calamine.seconds if calamine else None)
            target = "≤ 1.2×" if tool.startswith("sdg18") else ""
            rows.append(Row("reading", tool, size, m.seconds, m.peak_mb, ratio, CALAMINE, target))
    for tool in ("sdg18 read", "sdg18 read + validate"):
        if slow and (m := best(times.get(tool))):
            ratio = divide(slow.seconds, m.seconds)
            rows.append(
                Row("reading", f"{OPENPYXL} ÷ {tool}", size, None, None, ratio, tool, "≥ 8×")
            )
    return rows


def precheck_rows(times: Times) -> list[Row]:
    """The pre-check: its time on a small workbook, and on a large one against calamine
    (whole processes that print no result, so :func:`best` takes their wall time)."""
    small, floor = best(times.get("validate small")), best(times.get("import pandera"))
    large, calamine = best(times.get("validate large")), best(times.get("calamine large"))
    rows = []
    if small:
        rows.append(Row("pre-check", "sdg18 validate, a 2-row workbook (whole process)",
                        "2 rows", small.wall, small.peak_mb, target="≤ 0.6 s"))  # fmt: skip
    if floor:
        rows.append(Row("pre-check", "python -c 'import pandera.pandas' (whole process)",
                        "—", floor.wall, floor.peak_mb))  # fmt: skip
    if small and floor:
        rows.append(Row("pre-check", "sdg18 validate, 2 rows ÷ importing pandera", "2 rows",
                        None, None, divide(small.wall, floor.wall), "import pandera"))  # fmt: skip
    if large:
        rows.append(Row("pre-check", "sdg18 validate, a 100,000-row workbook (whole process)",
                        "100,000 rows", large.wall, large.peak_mb,
                        divide(large.wall, calamine.wall if calamine else None),
                        "python-calamine alone (whole process)", "≤ 1.5×"))  # fmt: skip
    if calamine:
        rows.append(Row("pre-check", "python-calamine alone (whole process)", "100,000 rows",
                        calamine.wall, calamine.peak_mb))  # fmt: skip
    return rows


def isolation_rows(size: str, measured: Measured | None) -> list[Row]:
    """Levels 0–1 in a worker against the same in this process."""
    if measured is None:
        return []
    times = measured.result["times"]
    inside, isolated = float(times["in-process"]), float(times["isolated"])
    return [
        Row("isolated reading", "levels 0–1 in this process", size, inside, None, 1.0,
            "in-process"),
        Row("isolated reading", "levels 0–1 in a memory-capped worker", size, isolated,
            measured.peak_mb, divide(isolated, inside), "in-process", "≤ 1.1×"),
    ]  # fmt: skip


def run_rows(  # noqa: C901 — one row per comparison, each guarded by what was measured
    size: str, reading: Times, runs: Times, stress: bool
) -> list[Row]:
    """The whole run against read + render, the re-run against the cold run, the flow
    against the direct run; at the stress size, peak memory against 2 GB."""
    calamine, direct = best(reading.get(CALAMINE)), best(runs.get("direct"))
    server, warm = best(runs.get("server")), best(runs.get("server warm"))
    ephemeral, direct_warm = best(runs.get("ephemeral")), best(runs.get("direct warm"))
    rows = []
    both = None
    if calamine and direct:
        both = calamine.seconds + min(float(m.result["render"]) for m in runs["direct"])
        editions = ", ".join(sorted(runs["direct"][0].result.get("renders", {})))
        rows.append(Row("whole run", f"read (calamine alone) + render the PDFs ({editions})",
                        size, both))  # fmt: skip
    if direct:
        ratio = divide(direct.seconds, both)
        rows.append(Row("whole run", "direct run (in-process)", size, direct.seconds,
                        direct.peak_mb, ratio, "read + render"))  # fmt: skip
    if server:
        rows.append(Row("whole run", "flow on a running server (whole process)", size,
                        server.wall, server.peak_mb, divide(server.wall, both), "read + render",
                        "≤ 1.5×" if stress else "≤ 1.3×"))  # fmt: skip
    if server and warm:
        rows.append(Row("re-run", "unchanged re-run, flow on server", size, warm.wall,
                        warm.peak_mb, divide(warm.wall, server.wall), "cold flow on server",
                        "≤ 0.2×"))  # fmt: skip
        cache = warm.result.get("cache")
        if warm.result.get("stood"):
            rows[-1].measure += " (the outputs stood: nothing computed)"
        elif cache:
            rows[-1].measure += f" ({cache['parsed']} files parsed, {cache['reused']} from cache)"
    if direct and direct_warm:
        ratio = divide(direct_warm.whole, direct.whole)
        rows.append(Row("re-run", "unchanged re-run, direct (nothing cached)", size,
                        direct_warm.whole, direct_warm.peak_mb, ratio, "cold direct run",
                        "≤ 0.2×"))  # fmt: skip
    for name, m in (("direct run", direct), ("flow on server", server),
                    ("flow, ephemeral mode", ephemeral)):  # fmt: skip
        if m and direct:
            ratio = divide(m.whole, direct.whole)
            rows.append(Row("orchestration", f"{name} (whole process)", size, m.whole, m.peak_mb,
                            ratio, "direct run (whole process)"))  # fmt: skip
    for name, m in (("direct run", direct), ("flow on server", server)):
        if stress and m:
            rows.append(Row("memory", f"peak memory, {name}", size, None, m.peak_mb,
                            target="≤ 2,048 MB"))  # fmt: skip
    return rows


def growth_rows(growth: dict[float, Measured]) -> list[Row]:
    """The direct run at each scale against the smallest: time and peak memory."""
    rows: list[Row] = []
    first = min(growth, default=0.0)
    for scale, m in sorted(growth.items()):
        base, linear = growth[first], scale / first
        target = f"≈ {linear:.1f} (linear)" if scale != first else ""
        for what, ratio in (("time (in-process)", m.seconds / base.seconds),
                            ("peak memory", m.peak_mb / base.peak_mb)):  # fmt: skip
            rows.append(Row("growth", f"direct run, {what}", f"{scale:g}× stress", m.seconds,
                            m.peak_mb, ratio, f"{first:g}× stress", target))  # fmt: skip
    return rows


COLUMNS = ("section", "measure", "inbox", "s", "peak MB", "ratio", "against", "target", "meets")


def cells(row: Row) -> list[str]:
    """The row's cells as printed."""
    return [
        row.section,
        row.measure,
        row.inbox,
        "" if row.seconds is None else f"{row.seconds:.2f}",
        "" if row.peak_mb is None else f"{row.peak_mb:.0f}",
        "" if row.ratio is None else f"{row.ratio:.2f}×",
        row.against,
        row.target,
        row.meets,
    ]


def text_table(rows: list[Row]) -> str:
    """The table in fixed-width columns."""
    grid = [list(COLUMNS), *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(COLUMNS))]
    numeric = {3, 4, 5}
    lines = []
    for line in grid:
        parts = [
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    """The table in Markdown."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> list[str]:
    """CPU, cores, memory, load, Python and package versions."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 2**20:.1f} GiB RAM"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"{cpu}; {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable); {ram}; "
        f"load average at start {load}",
        f"{platform.platform()}; Python {platform.python_version()}",
        "; ".join(versions),
    ]


def write_results(
    work: Path, stem: str, header: list[str], rows: list[Row], notes: list[str]
) -> tuple[Path, Path]:
    """The table as Markdown (with the machine and notes) and as CSV, in ``work``."""
    md, table = work / f"{stem}.md", work / f"{stem}.csv"
    text = [
        "# sdg18 stress benchmark",
        "",
        *(f"- {line}" for line in header),
        "",
        markdown_table(rows),
        "",
        *(f"- {note}" for note in notes),
    ]
    md.write_text("\n".join(text) + "\n")
    with table.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(cells(r) for r in rows)
    return md, table


# ---- main -------------------------------------------------------------------------------


def options() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/sdg18-bench"),
        help="work folder: inboxes (kept), logs, results (default %(default)s)",
    )
    parser.add_argument(
        "--scales", default="1,2,4", help="multiples of the stress size (default %(default)s)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds at the realistic size (default 3; 1 with --quick)",
    )
    parser.add_argument(
        "--stress-rounds",
        type=int,
        default=1,
        help="rounds at the smallest stress scale (default %(default)s)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"a smoke run: the stress size times {QUICK_FACTOR}"
    )
    parser.add_argument(
        "--skip-openpyxl",
        action="store_true",
        help="leave out pandas + openpyxl (about 4 minutes at 1×)",
    )
    parser.add_argument(
        "--skip-flow",
        action="store_true",
        help="leave out the Prefect flow runs (server and ephemeral)",
    )
    args = parser.parse_args()
    args.scales = sorted({float(s) for s in args.scales.split(",")})
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    return args


def make_inboxes(bench: Bench, args: argparse.Namespace) -> list[Inbox]:
    """The realistic inbox first, then the stress inboxes in increasing scale."""
    factor = QUICK_FACTOR if args.quick else 1.0
    inboxes = [make_inbox(bench, "realistic", 0, 0)]
    for scale in args.scales:
        releases = round(STRESS_RELEASES * scale * factor)
        items = round(STRESS_ITEMS * scale * factor)
        inboxes.append(make_inbox(bench, f"{scale:g}× stress", releases, items, scale))
    return [inbox for inbox in inboxes if inbox is not None]


def measure_all_runs(bench: Bench, sized: list[tuple[Inbox, int]], flow: bool) -> dict[str, Times]:
    """The runs of each (inbox, rounds): direct, and unless ``flow`` is False the flow on a
    server this function starts and stops, and in ephemeral mode."""
    runs: dict[str, Times] = {}
    if not flow:
        return {
            inbox.label: measure_runs(bench, inbox, rounds, None, False) for inbox, rounds in sized
        }
    # The ephemeral mode's own database is made once, before any timing.
    upgrade = [str(BIN / "prefect"), "server", "database", "upgrade", "-y"]
    bench.run("prepare the ephemeral Prefect database", upgrade, bench.env("ephemeral"))
    try:
        with prefect_server(bench) as url:
            for inbox, rounds in sized:
                runs[inbox.label] = measure_runs(bench, inbox, rounds, url, True)
    except RuntimeError as error:  # no server: the direct runs and the ephemeral mode
        bench.failures.append(f"prefect server: {error}")
        for inbox, rounds in sized:
            if inbox.label not in runs:
                runs[inbox.label] = measure_runs(bench, inbox, rounds, None, True)
    return runs


def measure_growth(
    bench: Bench, stress: list[Inbox], first: Measured | None
) -> dict[float, Measured]:
    """The direct run at every stress scale; the smallest one's is ``first`` (already run)."""
    growth = {stress[0].scale: first} if stress and first else {}
    for inbox in stress[1:]:
        out = fresh(bench.work / "runs" / inbox.slug / "direct")
        measured = direct_run(bench, inbox, out, f"direct run {inbox.label}")
        shutil.rmtree(out.parent, ignore_errors=True)
        if measured is not None:
            check_records(bench, inbox, "direct", measured)
            growth[inbox.scale] = measured
    return growth


@dataclass
class Measurements:
    """Everything one invocation measured, by section."""

    precheck: Times
    reading: dict[str, Times]
    isolation: dict[str, Measured | None]
    runs: dict[str, Times]
    growth: dict[float, Measured]


def table(bench: Bench, measured: Measurements) -> list[Row]:
    """Every row, in the order: the pre-check, reading, isolated reading, runs per inbox,
    growth; warm-ups go to the notes."""
    reading, runs = measured.reading, measured.runs
    rows: list[Row] = precheck_rows(measured.precheck)
    for label, times in reading.items():
        rows += reading_rows(label, times)
        warm = [f"{t} {min(m.result['warm_up'] for m in ms):.2f} s" for t, ms in times.items()]
        bench.notes.append(
            f"reading {label}: first read in a fresh process (the warm-up on the smallest "
            f"workbook, not in the times above): {'; '.join(warm)}"
        )
    for label, isolated in measured.isolation.items():
        rows += isolation_rows(label, isolated)
    for label, times in runs.items():
        rows += run_rows(label, reading.get(label, {}), times, label != "realistic")
    return rows + growth_rows(measured.growth)


def main() -> None:
    """Generate, measure, print and write the table."""
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child_main(sys.argv[2], sys.argv[3])
        return
    args = options()
    started = time.monotonic()
    bench = Bench(args.work.resolve())
    header = machine()
    for line in header:
        progress(line)
    inboxes = make_inboxes(bench, args)
    stress = [inbox for inbox in inboxes if inbox.scale]
    sized = [(inbox, args.rounds) for inbox in inboxes if not inbox.scale]
    sized += [(stress[0], args.stress_rounds)] if stress else []
    openpyxl = not args.skip_openpyxl
    precheck = measure_precheck(bench, args.rounds)
    reading = {i.label: measure_reading(bench, i, n, openpyxl and bool(i.scale)) for i, n in sized}
    isolation = {i.label: measure_isolation(bench, i, max(n, 2)) for i, n in sized}
    runs = measure_all_runs(bench, sized, not args.skip_flow)
    first = best(runs.get(stress[0].label, {}).get("direct")) if stress else None
    growth = measure_growth(bench, stress, first)
    rows = table(bench, Measurements(precheck, reading, isolation, runs, growth))

    sizes = "; ".join(f"{i.label}: {i.records:,} records" for i in inboxes)
    header.append(f"inboxes (one quarter, empty store): {sizes}")
    header.append(
        f"rounds: {args.rounds} at the realistic size, {args.stress_rounds} at the stress size; "
        f"total {(time.monotonic() - started) / 60:.1f} min"
    )
    notes = bench.notes + [f"FAILED {f}" for f in bench.failures]
    stem = ("quick-" if args.quick else "stress-") + dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    md, csv_path = write_results(bench.work, stem, header, rows, notes)
    print("\n" + "\n".join(header) + "\n\n" + text_table(rows))
    for note in notes:
        print(f"note: {note}")
    print(f"\nwritten: {md}, {csv_path}; logs in {bench.logs}")


if __name__ == "__main__":
    main()
