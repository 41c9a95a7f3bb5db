"""Nothing lost, whatever kills a run: inputs archived by SHA-256, and a run killed with
SIGKILL at each named point (``sdg18.core.faults``) leaves outputs and store agreeing.

Each killed run is a process of its own (``run_period_direct``, the stages without
Prefect; one case through ``sdg18 run`` and its Prefect flow). In all of them the PDF
renderer is replaced by :func:`quick_pdf`: it costs 20–30 s a run on these machines
and plays no part in how a period folder is published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import sqlalchemy as sa

from sdg18.cli import main
from sdg18.cli.verify import verify_outputs
from sdg18.core.faults import KILL_AT_VARIABLE, POINTS
from sdg18.core.outputs import ARCHIVE_FOLDER, AUDIT_SEAL, CHAIN_FOLDER, archive_path
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.ingest.discover import discover
from sdg18.integrity.chain import record_failed_run
from sdg18.integrity.manifest import RunFacts, failed_manifest, read_manifest
from sdg18.integrity.verification import verify
from sdg18.reports.context import ReportContext
from sdg18.run.archive import archive_inputs
from sdg18.run.sequence import run_period_direct
from sdg18.store import tables
from sdg18.synthetic import generate_inbox
from tests.conftest import POSTGRES_URL

PERIOD = "2026Q1"
REPOSITORY = Path(__file__).resolve().parents[1]
#: The points after which the store holds the killed run (its outputs are rolled forward).
COMMITTED = ("after-store-commit", "between-swap-renames", "after-swap")
#: What each kill leaves beside the period folder, before anything settles it.
LEFT_BEHIND = {
    "after-files-read": [PERIOD],
    "staging-written": [f".{PERIOD}.partial", PERIOD],
    "pending-written": [f".{PERIOD}.pending", PERIOD],
    "before-store-commit": [f".{PERIOD}.pending", PERIOD],
    "after-store-commit": [f".{PERIOD}.pending", PERIOD],
    "between-swap-renames": [f".{PERIOD}.old", f".{PERIOD}.pending"],
    "after-swap": [f".{PERIOD}.old", PERIOD],
}

#: A run of one period in a process of its own: ``python -c DRIVER PERIOD INBOX OUT``.
DIRECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "import sdg18.reports.ministry\n"
    "from tests.test_crash_safety import quick_pdf\n"
    "sdg18.reports.ministry.write_pdf = quick_pdf\n"
    "from sdg18.core.periods import Period\n"
    "from sdg18.run.sequence import run_period_direct\n"
    "from sdg18.core.settings import Settings\n"
    "period, inbox, out = sys.argv[1:4]\n"
    "run_period_direct(Period.parse(period), Path(inbox), Path(out), Settings.from_env())\n"
)

#: ``sdg18 ARGS`` (the Prefect flow) in a process of its own, with the quick PDF.
FLOW = (
    "import sys\n"
    "import sdg18.reports.ministry\n"
    "from tests.test_crash_safety import quick_pdf\n"
    "sdg18.reports.ministry.write_pdf = quick_pdf\n"
    "from sdg18.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def quick_pdf(
    context: ReportContext,
    path: Path,
    language: str,
    *,
    attachments: Sequence[Path] = (),
    **_: object,
) -> Path:
    """A one-line stand-in for the PDF report, naming its run."""
    path.write_text(f"SDG 18 report {context.period}, run {context.run_id}\n", "utf-8")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path) with its SHA-256."""
    return {p.relative_to(folder).as_posix(): _sha(p) for p in folder.rglob("*") if p.is_file()}


def listed(files: dict[str, str]) -> dict[str, str]:
    """A period folder's snapshot without the audit seal, which a run killed before its
    swap had not written yet and its roll-forward writes (``verify`` checks it)."""
    return {path: sha for path, sha in files.items() if path != AUDIT_SEAL}


def store_counts(url: str) -> dict[str, int]:
    """Rows of the store at ``url``: runs, submissions, records (every dataset), values."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:

            def count(table: sa.Table) -> int:
                return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar())

            return {
                "runs": count(tables.runs),
                "submissions": count(tables.submissions),
                "records": sum(count(table) for table in tables.records.values()),
                "published_values": count(tables.published_values),
            }
    finally:
        engine.dispose()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDG18_", "PREFECT_"))}
    return {**env, "SDG18_LOCK_TIMEOUT_S": "60", **extra}


def _killed(code: str, args: list[str], env: dict[str, str], logs: Path) -> tuple[int, str]:
    """Run ``code`` in a process (and session) of its own; its exit code and its stderr.

    Whatever it started and left running (an ephemeral Prefect server) is stopped; its
    output goes to files, which such a child cannot hold open as it would a pipe.
    """
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "stdout").open("w") as stdout, (logs / "stderr").open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args], cwd=REPOSITORY, env=env,
            stdout=stdout, stderr=stderr, start_new_session=True,
        )  # fmt: skip
        try:
            returncode = process.wait(timeout=600)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    return returncode, (logs / "stderr").read_text(errors="replace")[-3000:]


@pytest.fixture(scope="module")
def quick_reports() -> Iterator[None]:
    """The in-process runs of this module render :func:`quick_pdf` too."""
    with mock.patch("sdg18.reports.ministry.write_pdf", quick_pdf):
        yield


@pytest.fixture(scope="module")
def inboxes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The inbox of the first run of 2026Q1, and a changed one (other seed: other files)."""
    root = tmp_path_factory.mktemp("inboxes")
    for name, seed in (("first", 11), ("changed", 12)):
        generate_inbox(root / name, Period.parse(PERIOD), Period.parse(PERIOD), seed=seed,
                       scale=0.1, error_rate=0.02)  # fmt: skip
    return root / "first", root / "changed"


def _sqlite(out: Path) -> str:
    return f"sqlite:///{out / 'sdg18.sqlite'}"


@pytest.fixture(scope="module")
def first_run(
    inboxes: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, quick_reports: None
) -> Path:
    """An outputs folder (SQLite store inside) after a complete run of 2026Q1."""
    out = tmp_path_factory.mktemp("first-run") / "out"
    run_period_direct(Period.parse(PERIOD), inboxes[0], out, Settings(), run_id="run-1")
    return out


@pytest.fixture(scope="module")
def counts_after(
    first_run: Path,
    inboxes: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
    quick_reports: None,
) -> dict[str, int]:
    """The store's counts after a complete second run with the changed inbox."""
    out = tmp_path_factory.mktemp("second-run") / "out"
    shutil.copytree(first_run, out)
    run_period_direct(Period.parse(PERIOD), inboxes[1], out, Settings(), run_id="run-2")
    assert verify(out).problems == []
    return store_counts(_sqlite(out))


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """ "" for the SQLite store of the outputs folder, or the URL of a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield ""
        return
    schema = f"sdg18_crash_{uuid.uuid4().hex[:10]}"
    try:
        with sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3}).begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with sa.create_engine(POSTGRES_URL).begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))


def _outputs_after_first_run(first_run: Path, inbox: Path, url: str, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    if not url:
        shutil.copytree(first_run, out)
    else:  # the first run again, with its store in PostgreSQL
        run_period_direct(Period.parse(PERIOD), inbox, out, Settings(database_url=url), "run-1")
    return out


def settled(point: str, run: str) -> list[str]:
    """What settling the leftovers of a run killed at ``point`` does, as verify reports it."""
    rolled = (
        f"{PERIOD}: rolled forward run {run}: its store transaction had committed, so its "
        "outputs replaced the previous ones"
    )
    removed = (
        f"{PERIOD}: removed .{PERIOD}.pending of run {run}, which stopped before its store "
        "transaction committed (the store and outputs are those of the run before)"
    )
    return {
        "after-files-read": [],
        "staging-written": [f"{PERIOD}: removed .{PERIOD}.partial, written by a run stopped "
                            "before its end"],
        "pending-written": [removed],
        "before-store-commit": [removed],
        "after-store-commit": [rolled],
        "between-swap-renames": [f"{PERIOD}: put back .{PERIOD}.old, moved aside by a run "
                                 "stopped mid-swap", rolled],
        "after-swap": [f"{PERIOD}: removed .{PERIOD}.old, the outputs a finished swap replaced"],
    }[point]  # fmt: skip


def _beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if PERIOD in p.name)


def _assert_inputs_archived(inbox: Path, out: Path) -> None:
    for file in discover(inbox / PERIOD):
        assert (out / archive_path(file.sha256)).read_bytes() == file.path.read_bytes()


@pytest.mark.parametrize(
    ("point", "backend"),
    [
        *((point, "sqlite") for point in POINTS),
        ("before-store-commit", "postgresql"),
        ("after-store-commit", "postgresql"),
    ],
    indirect=["backend"],
)
def test_a_run_killed_at_any_point_leaves_outputs_and_store_agreeing(
    point: str,
    backend: str,
    first_run: Path,
    inboxes: tuple[Path, Path],
    counts_after: dict[str, int],
    tmp_path: Path,
    quick_reports: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, changed = inboxes
    out = _outputs_after_first_run(first_run, first, backend, tmp_path)
    url = backend or _sqlite(out)
    settings = Settings(database_url=backend)
    folder, chain = snapshot(out / PERIOD), snapshot(out / CHAIN_FOLDER)
    counts_before = store_counts(url)

    extra = {KILL_AT_VARIABLE: point, **({"SDG18_DATABASE_URL": backend} if backend else {})}
    code, stderr = _killed(
        DIRECT, [PERIOD, str(changed), str(out)], _env(**extra), tmp_path / "killed"
    )

    assert code == -signal.SIGKILL, stderr
    assert _beside(out) == LEFT_BEHIND[point]
    _assert_inputs_archived(changed, out)  # kept before any file was read
    made = out / (f".{PERIOD}.pending" if (out / f".{PERIOD}.pending").exists() else PERIOD)
    killed_outputs = snapshot(made)
    killed_run = read_manifest(made / "manifest.json")["run_id"]

    found = verify(out, settings)

    assert found.problems == []
    assert found.recovered == settled(point, killed_run)
    assert _beside(out) == [PERIOD]
    if point in COMMITTED:  # rolled forward: the killed run's outputs, its records
        assert killed_run.startswith(f"{PERIOD}-")
        assert listed(snapshot(out / PERIOD)) == listed(killed_outputs)
        assert (out / PERIOD / AUDIT_SEAL).is_file()
        assert store_counts(url) == counts_after
        assert (out / CHAIN_FOLDER / f"{killed_run}.json").read_bytes() == (
            out / PERIOD / "manifest.json"
        ).read_bytes()
    else:  # as before the killed run started
        assert snapshot(out / PERIOD) == folder
        assert store_counts(url) == counts_before
        assert snapshot(out / CHAIN_FOLDER) == chain

    result = run_period_direct(Period.parse(PERIOD), changed, out, settings, run_id="run-3")

    if point in COMMITTED:  # the killed run, rolled forward, is this run: its outputs stand
        assert result.stands_for == killed_run
        assert listed(snapshot(out / PERIOD)) == listed(killed_outputs)
    else:
        assert result.stands_for == ""
        assert result.manifest_sha256 == _sha(out / PERIOD / "manifest.json")
    assert verify(out, settings).problems == []
    monkeypatch.setenv("SDG18_DATABASE_URL", backend)
    assert main(["verify", str(out)]) == 0
    assert store_counts(url) == counts_after  # the changed inbox's records, run once


@pytest.mark.slow
def test_a_flow_run_killed_after_its_store_commit_is_rolled_forward(
    first_run: Path, inboxes: tuple[Path, Path], counts_after: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    env = _env(PREFECT_HOME=str(tmp_path / "prefect"), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false",
               **{KILL_AT_VARIABLE: "after-store-commit"})  # fmt: skip
    args = ["run", "--period", PERIOD, "--inbox", str(inboxes[1]), "--out", str(out)]

    code, stderr = _killed(FLOW, args, env, tmp_path / "killed")

    assert code == -signal.SIGKILL, stderr
    assert _beside(out) == [f".{PERIOD}.pending", PERIOD]
    pending = snapshot(out / f".{PERIOD}.pending")
    manifest = read_manifest(out / f".{PERIOD}.pending" / "manifest.json")
    assert manifest["orchestration"]["flow_run_id"]
    assert all(entry["archived"] for entry in manifest["inputs"])

    found = verify(out, Settings())

    assert found.problems == []
    assert found.recovered == [
        f"{PERIOD}: rolled forward run {manifest['run_id']}: its store transaction had "
        "committed, so its outputs replaced the previous ones"
    ]
    assert listed(snapshot(out / PERIOD)) == pending
    assert (out / PERIOD / AUDIT_SEAL).is_file()
    assert store_counts(_sqlite(out)) == counts_after


def test_a_run_failing_after_its_commit_is_rolled_forward_behind_a_later_chained_run(
    first_run: Path,
    inboxes: tuple[Path, Path],
    counts_after: dict[str, int],
    tmp_path: Path,
    quick_reports: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)

    def disk_full(data: bytes, out_dir: Path, run_id: str) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:  # the manifest cannot join the chain
        patched.setattr("sdg18.integrity.chain._archive", disk_full)
        with pytest.raises(OSError, match="No space left on device"):
            run_period_direct(Period.parse(PERIOD), inboxes[1], out, Settings(), "run-2")
    assert _beside(out) == [f".{PERIOD}.pending", PERIOD]
    assert sorted(p.name for p in (out / CHAIN_FOLDER).glob("*.json")) == ["run-1.json"]
    failed = failed_manifest("run-x", "2026Q2", RunFacts(), dt.datetime.now(dt.UTC), [],
                             RuntimeError("store offline"))  # fmt: skip
    record_failed_run(out, failed)  # another period's run joins the chain meanwhile

    found = verify(out, Settings())

    assert found.problems == []
    assert found.recovered == settled("after-store-commit", "run-2")
    manifest = read_manifest(out / PERIOD / "manifest.json")
    assert (manifest["run_id"], manifest["sequence"]) == ("run-2", 3)
    assert manifest["previous_manifest"] == {
        "run_id": "run-x",
        "path": "manifests/run-x.json",
        "sha256": _sha(out / CHAIN_FOLDER / "run-x.json"),
    }
    assert store_counts(_sqlite(out)) == counts_after


def test_every_input_is_archived_under_its_sha256(
    first_run: Path, inboxes: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    files = discover(inboxes[0] / PERIOD)
    manifest = read_manifest(out / PERIOD / "manifest.json")

    listed = {entry["path"]: entry for entry in manifest["inputs"]}
    assert sorted(listed) == sorted(f"{PERIOD}/{file.name}" for file in files)
    for file in files:
        sha = hashlib.sha256(file.path.read_bytes()).hexdigest()
        path = f"{ARCHIVE_FOLDER}/{sha[:2]}/{sha}"
        assert listed[f"{PERIOD}/{file.name}"]["archived"] == path
        assert (out / path).read_bytes() == file.path.read_bytes()
    kept = sorted(p.relative_to(out).as_posix() for p in (out / ARCHIVE_FOLDER).rglob("*"))
    shas = sorted({file.sha256 for file in files})
    folders = {f"{ARCHIVE_FOLDER}/{sha[:2]}" for sha in shas}
    assert kept == sorted(folders | {archive_path(sha) for sha in shas})
    assert archive_inputs(files, out) == {s: archive_path(s) for s in shas}  # already there


def test_a_symlink_is_not_followed_nor_archived(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("not the agency's\n", "utf-8")
    (inbox / "real.csv").write_text("district\nŞuşa\n", "utf-8")
    (inbox / "link.csv").symlink_to(secret)

    archived = archive_inputs(discover(inbox), tmp_path / "out")

    real = _sha(inbox / "real.csv")
    assert archived == {real: archive_path(real)}
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == [real]


def test_verify_names_an_archived_input_missing_or_altered(first_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    inputs: list[dict[str, Any]] = read_manifest(out / PERIOD / "manifest.json")["inputs"]
    gone, changed = inputs[0], inputs[1]
    (out / gone["archived"]).unlink()
    altered = out / changed["archived"]
    altered.chmod(0o644)
    altered.write_bytes(altered.read_bytes() + b"\n")

    problems = verify(out, Settings()).problems

    assert problems == sorted(
        [
            f"{gone['archived']}: missing; the manifest of run run-1 keeps input "
            f"{gone['path']} (SHA-256 {gone['sha256']}) there",
            f"{changed['archived']}: SHA-256 is {_sha(altered)} but the manifest of run run-1 "
            f"recorded {changed['sha256']} for input {changed['path']}: the archived input "
            "was changed",
        ],
        key=lambda problem: problem.split(":")[0],
    )
    assert main(["verify", str(out)]) == 1


def test_sdg18_verify_says_what_it_settled(first_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    (out / f".{PERIOD}.partial").mkdir()  # what a run killed while writing leaves
    said = io.StringIO()

    assert verify_outputs(out, said) == 0

    lines = said.getvalue().splitlines()
    assert lines[0] == (
        f"SETTLED {PERIOD}: removed .{PERIOD}.partial, written by a run stopped before its end"
    )
    assert lines[1].startswith("OK: ")
    assert _beside(out) == [PERIOD]
