"""``sdg18 doctor``: each check's finding and fix, on purpose-made failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sdg18.core.settings import Settings
from sdg18.run.doctor import (
    Check,
    check_folders,
    check_fonts,
    check_prefect,
    check_store,
    check_subsetter,
    describe,
)


def test_a_missing_subsetter_says_which_package() -> None:
    check = check_subsetter(find=lambda name: None)
    assert check == Check(
        "font subsetter",
        False,
        "libharfbuzz-subset not found",
        "install it (Debian: apt-get install libharfbuzz-subset0); without it WeasyPrint "
        "warns once per font and subsets with fontTools",
    )
    assert check_subsetter(find=lambda name: f"lib{name}.so.0").found == "libharfbuzz-subset.so.0"


def test_fonts_without_the_azerbaijani_letters_are_named(tmp_path: Path) -> None:
    fake = tmp_path / "fc-list"
    fake.write_text("#!/bin/sh\necho 'DejaVu Sans,DejaVu Sans Condensed'\n", encoding="utf-8")
    fake.chmod(0o755)
    check = check_fonts(str(fake))
    assert not check.ok
    assert check.found == (
        "no font with every Azerbaijani letter for ['DejaVu Serif', 'DejaVu Sans Mono']"
    )
    assert check.fix == "install the DejaVu fonts (Debian: apt-get install fonts-dejavu)"


def test_an_outputs_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    bad = check_folders(Settings(outputs=blocker / "outputs", inbox=tmp_path))
    assert (bad.ok, bad.found) == (False, f"outputs {blocker / 'outputs'}: Not a directory")
    good = check_folders(Settings(outputs=tmp_path / "out", inbox=tmp_path / "inbox"))
    assert good == Check(
        "folders",
        True,
        f"outputs folder {tmp_path / 'out'} writable; inbox folder {tmp_path / 'inbox'} "
        "(not there yet)",
    )


def test_the_store_answers_or_its_url_is_named(tmp_path: Path) -> None:
    sqlite = check_store(Settings(outputs=tmp_path))
    assert sqlite == Check("store", True, f"{tmp_path / 'sdg18.sqlite'} (last run: none yet)")
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    unreachable = check_store(Settings(outputs=tmp_path, database_url=url))
    assert not unreachable.ok
    assert unreachable.found.startswith(f"{url}: ")
    assert unreachable.fix.startswith("check SDG18_DATABASE_URL")


def test_the_prefect_api_is_checked_only_when_named() -> None:
    assert check_prefect({}) is None
    refused = check_prefect({"PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert refused is not None
    assert not refused.ok
    assert refused.found.startswith("http://127.0.0.1:9/api: ")
    assert describe(refused).endswith(
        "\n      fix: start the server (prefect server start) or unset PREFECT_API_URL"
    )


def test_the_command_prints_every_check_and_fails_on_any(tmp_path: Path) -> None:
    env = {**os.environ, "SDG18_OUTPUTS": str(tmp_path / "out")}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "sdg18.cli", "doctor"],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    names = [
        line.split(":")[0].split(maxsplit=1)[1] for line in lines if line[:4] in ("ok  ", "FAIL")
    ]
    assert names == ["Pango", "fonts", "font subsetter", "folders", "store"]
    failed = sum(line.startswith("FAIL") for line in lines)
    assert lines[-1].startswith(f"{5 - failed} of 5 checks passed")
    assert done.returncode == (1 if failed else 0)
