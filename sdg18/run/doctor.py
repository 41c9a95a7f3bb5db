"""What a run needs, checked before it starts: ``sdg18 doctor``.

Each check says what it found and, when it fails, how to fix it: Pango (the
PDF's text layout), fonts carrying every Azerbaijani letter, HarfBuzz's
subsetter (fonts embedded without a fallback warning), the store, the Prefect
API when ``PREFECT_API_URL`` names one, and the folders a run reads and writes.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from sdg18.core.outputs import SQLITE_NAME
from sdg18.core.settings import Settings

#: The letters of Azerbaijani's Latin alphabet outside ASCII, both cases.
AZERBAIJANI_LETTERS = "əğıöşçüƏĞİÖŞÇÜ"
#: The families the PDF's stylesheet names (templates/report.css).
PDF_FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")


@dataclass(frozen=True)
class Check:
    """One requirement: its name, whether it is met, what was found, how to fix it."""

    name: str
    ok: bool
    found: str
    fix: str = ""


def check_pango() -> Check:
    """WeasyPrint loads Pango (and its cairo, GObject) when it is imported."""
    try:
        from weasyprint.text.ffi import pango
    except OSError as error:  # the shared library is missing
        return Check("Pango", False, str(error).splitlines()[0],
                     "install Pango (Debian: apt-get install libpango-1.0-0)")  # fmt: skip
    version = int(pango.pango_version())
    found = f"Pango {version // 10000}.{version // 100 % 100}.{version % 100}"
    if version < 14400:
        return Check("Pango", False, found, "WeasyPrint needs Pango 1.44 or later")
    return Check("Pango", True, found)


def check_fonts(fc_list: str | None = None) -> Check:
    """The PDF's font families all carry every Azerbaijani letter (asked of fontconfig)."""
    program = fc_list or shutil.which("fc-list")
    if program is None:
        return Check("fonts", False, "fc-list not found: fontconfig cannot be asked",
                     "install fontconfig and the DejaVu fonts (Debian: apt-get install "
                     "fontconfig fonts-dejavu)")  # fmt: skip
    charset = " ".join(f"{ord(c):x}" for c in AZERBAIJANI_LETTERS)
    listed = subprocess.run(
        [program, f":charset={charset}", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = [font for font in PDF_FONTS if font not in families]
    if missing:
        return Check("fonts", False, f"no font with every Azerbaijani letter for {missing}",
                     "install the DejaVu fonts (Debian: apt-get install fonts-dejavu)")  # fmt: skip
    return Check("fonts", True, f"{', '.join(PDF_FONTS)}: every letter of {AZERBAIJANI_LETTERS}")


def check_subsetter(find: Callable[[str], str | None] = ctypes.util.find_library) -> Check:
    """HarfBuzz's subsetter, with which WeasyPrint embeds fonts (else fontTools, warning)."""
    found = find("harfbuzz-subset")
    if found is None:
        return Check("font subsetter", False, "libharfbuzz-subset not found",
                     "install it (Debian: apt-get install libharfbuzz-subset0); without it "
                     "WeasyPrint warns once per font and subsets with fontTools")  # fmt: skip
    return Check("font subsetter", True, found)


def check_store(settings: Settings) -> Check:
    """The store opens and answers a query."""
    from sdg18.store import open_store

    where = settings.database_url or str(settings.outputs / SQLITE_NAME)
    try:
        with open_store(settings, settings.outputs) as store:
            last = store.last_run_id()
    except Exception as error:  # any failure to reach the store is the finding itself
        return Check("store", False, f"{where}: {str(error).splitlines()[0]}",
                     "check SDG18_DATABASE_URL (an SQLAlchemy URL) and that the server "
                     "answers, or unset it to use SQLite in the outputs folder")  # fmt: skip
    return Check("store", True, f"{where} (last run: {last or 'none yet'})")


def check_prefect(environ: dict[str, str] | None = None) -> Check | None:
    """The Prefect API named by ``PREFECT_API_URL`` answers its health check (None when the
    variable is not set: the run then starts its own, temporary server)."""
    url = (os.environ if environ is None else environ).get("PREFECT_API_URL", "")
    if not url:
        return None
    import httpx

    try:
        response = httpx.get(f"{url.rstrip('/')}/health", timeout=5)
        response.raise_for_status()
    except httpx.HTTPError as error:
        fix = "start the server (prefect server start) or unset PREFECT_API_URL"
        return Check("Prefect API", False, f"{url}: {error}", fix)
    return Check("Prefect API", True, f"{url} answers")


def check_folders(settings: Settings) -> Check:
    """The outputs folder can be written (created when missing) and the inbox read."""
    try:
        settings.outputs.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.outputs):
            pass
    except OSError as error:
        return Check("folders", False, f"outputs {settings.outputs}: {error.strerror or error}",
                     "point SDG18_OUTPUTS at a folder this user can write")  # fmt: skip
    inbox = settings.inbox
    if inbox.exists() and not (inbox.is_dir() and os.access(inbox, os.R_OK | os.X_OK)):
        return Check("folders", False, f"inbox {inbox} is not a readable folder",
                     "point SDG18_INBOX at the folder holding <period>/ sub-folders")  # fmt: skip
    state = "" if inbox.exists() else " (not there yet)"
    found = f"outputs folder {settings.outputs} writable; inbox folder {inbox}{state}"
    return Check("folders", True, found)


def run_checks(settings: Settings, environ: dict[str, str] | None = None) -> list[Check]:
    """Every check, in the order ``sdg18 doctor`` prints them."""
    checks = [check_pango(), check_fonts(), check_subsetter(), check_folders(settings)]
    checks.append(check_store(settings))
    prefect = check_prefect(environ)
    return checks + ([prefect] if prefect else [])


def describe(check: Check) -> str:
    """One line: ``ok``/``FAIL``, the name, what was found, and the fix of a failure."""
    line = f"{'ok  ' if check.ok else 'FAIL'}  {check.name}: {check.found}"
    return line if check.ok else f"{line}\n      fix: {check.fix}"
