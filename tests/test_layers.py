"""The layer contracts of ``pyproject.toml`` hold, and break when a lower layer imports a
higher one (checked on a copy of the code with one import added)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the packages under ``root``, with the project's contracts."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return found


def copy_of_the_code(target: Path) -> Path:
    for package in ("sdg18", "schemas", "flows"):
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copyfile(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_layers_run_as_the_architecture_says(contracts: list[dict[str, object]]) -> None:
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    assert layers == [
        "sdg18.cli",
        "flows",
        "sdg18.run",
        "sdg18.integrity",
        "sdg18.reports",
        "sdg18.store | sdg18.indicators | sdg18.synthetic",
        "sdg18.validation",
        "sdg18.ingest",
        "sdg18.core",
        "schemas",
    ]


def test_the_code_keeps_every_contract() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path) -> None:
    code = copy_of_the_code(tmp_path)
    periods = code / "sdg18" / "core" / "periods.py"
    periods.write_text(
        periods.read_text(encoding="utf-8") + "\nimport sdg18.run.sequence  # noqa\n",
        encoding="utf-8",
    )
    done = lint_imports(code)
    assert done.returncode == 1
    assert "sdg18.core is not allowed to import sdg18.run" in done.stdout
    assert "sdg18.core.periods -> sdg18.run.sequence" in done.stdout


def test_the_store_importing_the_indicators_breaks_their_independence(tmp_path: Path) -> None:
    code = copy_of_the_code(tmp_path)
    tables = code / "sdg18" / "store" / "tables.py"
    tables.write_text(
        tables.read_text(encoding="utf-8") + "\nimport sdg18.indicators.compute  # noqa\n",
        encoding="utf-8",
    )
    done = lint_imports(code)
    assert done.returncode == 1
    assert "sdg18.store is not allowed to import sdg18.indicators" in done.stdout


def test_prefect_below_the_flows_breaks_the_contract(tmp_path: Path) -> None:
    code = copy_of_the_code(tmp_path)
    publish = code / "sdg18" / "run" / "publish.py"
    publish.write_text(
        publish.read_text(encoding="utf-8") + "\nimport prefect  # noqa\n", encoding="utf-8"
    )
    done = lint_imports(code)
    assert done.returncode == 1
    assert "sdg18.run.publish -> prefect" in done.stdout
