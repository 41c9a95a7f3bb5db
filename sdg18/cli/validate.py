"""``sdg18 validate FILE…``: the agency's pre-submission check.

Its imports of pandas, the readers and the store are inside the functions, so that
building the command line stays light. Everything it writes — its own lines, the
findings, the feedback workbook — is in ``--language`` (default ``SDG18_LANGUAGE``).
"""

from __future__ import annotations

import argparse
import functools
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sdg18.cli import arguments
from sdg18.core.i18n import LANGUAGES, translator
from sdg18.core.periods import Period
from sdg18.core.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

    from sdg18.core.findings import Finding
    from sdg18.core.records import Records
    from sdg18.ingest.discover import InboxFile
    from sdg18.ingest.workbook import ReadAhead
    from sdg18.validation.files import FileResult

NAME = "validate"
HELP = "check agency files before they are sent (no Prefect needed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the FILEs, --period, --out, --store and --language."""
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument(
        "--period",
        type=arguments.period,
        help="period the files report (default: the submission sheet's, else that of the "
        "folder above the file, as in the inbox: 2026Q1/ANAMA/FILE, else the last "
        "completed quarter)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("."), help="folder for the feedback workbook(s)"
    )
    parser.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="also run levels 2–3 against the store of this outputs folder "
        "(or SDG18_DATABASE_URL when set)",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="language of the output and the feedback workbook (default SDG18_LANGUAGE, az)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the FILEs on stdout; exit code as :func:`validate_files`."""
    if args.language:
        settings = replace(settings, language=args.language)
    from sdg18.validation.extras import unused_extras_absent

    with unused_extras_absent():
        return validate_files(args.files, args.period, args.out, settings, sys.stdout, args.store)


def file_period(result_period: object, folder: str, given: Period | None) -> Period:
    """The period to check against: given, else stated, else the folder's (see
    :func:`folder_period`), else the last completed quarter."""
    for candidate in (given, result_period, folder):
        if isinstance(candidate, Period):
            return candidate
        try:
            return Period.parse(str(candidate))
        except ValueError:
            continue
    return Period.last_completed()


def levels_0_1(
    file: InboxFile, given: Period | None, settings: Settings, ahead: ReadAhead | None = None
) -> FileResult:
    """Read ``file`` (taking the read ``ahead`` when it is this one) and validate it
    against the period given, else the one it states, else its folder's (may raise; run
    through :func:`check_bounded`)."""
    from sdg18.ingest.read import read_file
    from sdg18.validation.files import validate_file

    read = read_file(file, settings, ahead)
    return validate_file(read, file_period(read.submission.get("period"), _folder(file), given))


def folder_period(path: Path) -> str:
    """The name of the nearest folder above ``path`` that names a period, as in the
    inbox's layout (``inbox/2026Q1/MOF/file.xlsx``: 2026Q1); "" when none does."""
    for folder in path.resolve().parents:
        try:
            return str(Period.parse(folder.name))
        except ValueError:
            continue
    return ""


def _folder(file: InboxFile) -> str:
    return folder_period(file.path)


def read_ahead(path: Path, settings: Settings) -> ReadAhead | None:
    """The read of ``path``'s workbook, started in a thread before the check imports
    pandas and the contract (about a second, which the read then overlaps); None for a
    file that may not be one the check reads as a workbook (a link, not a regular file,
    not ``.xlsx``/``.xlsm``, above the size limit, a name not UTF-8). A read not taken
    costs only its time: :func:`sdg18.ingest.read.read_file` decides, and reads itself."""
    from sdg18.ingest.discover import WORKBOOK_SUFFIXES
    from sdg18.ingest.workbook import ReadAhead, wanted_sheets, workbook_limits

    try:
        status = path.lstat()
        str(path).encode("utf-8")
    except (OSError, UnicodeEncodeError):
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > settings.max_file_mb * 2**20:
        return None
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return None
    return ReadAhead(path, wanted_sheets(), workbook_limits(settings))


def check_one(
    path: Path,
    given: Period | None,
    settings: Settings,
    history: Records | None = None,
    ahead: ReadAhead | None = None,
) -> FileResult:
    """Read and validate one file as the statistician's run would (in a memory-capped
    worker with ``SDG18_ISOLATE_READS``; levels 2–3 too when the store's ``history`` is
    given; the read ``ahead`` taken in this process when there is one)."""
    from sdg18.ingest.discover import folder_agency, inbox_file
    from sdg18.validation.files import failed_file
    from sdg18.validation.isolation import check_bounded

    folder = path.resolve().parent.name
    file = replace(inbox_file(path), folder_agency=folder_agency(Path(folder) / path.name))
    check = functools.partial(levels_0_1, ahead=ahead) if ahead else levels_0_1
    result = check_bounded(file, given, settings, check=check)
    if history is None:
        return result
    from sdg18.validation.across import check_across

    period = file_period(result.read.submission.get("period"), folder_period(path), given)
    try:
        result.read.findings.extend(check_across(result.tables, history, period).findings)
    except Exception as error:  # reported as a finding on the file
        return failed_file(file, error)
    return result


def validate_files(
    paths: list[Path],
    period: Period | None,
    out: Path,
    settings: Settings,
    stream: TextIO,
    store: Path | None = None,
) -> int:
    """Check each file, print its findings, write feedback, all in ``settings.language``;
    1 if any error, else 0.

    With ``store`` (an outputs folder), levels 2–3 run against its store too.

    One file is read in this process: the worker of ``SDG18_ISOLATE_READS`` would
    protect only that file's answer, and starting it (a fresh interpreter importing
    the readers) would take two to three times the check itself. Several files are
    read as the run reads them, so that one that stops a reader costs only its own.
    The one file's workbook is read while the check loads (:func:`read_ahead`).
    """
    ahead = None
    if len(paths) == 1:
        settings = replace(settings, isolate_reads=False)
        ahead = read_ahead(paths[0], settings)
    _ = translator("validation", settings.language).gettext
    history = None
    if store is not None:  # only then: the store (SQLAlchemy) costs a fifth of a second
        from sdg18.store import open_store

        history = open_store(settings, store).records()
        stream.write(_("Levels 2–3 checked against the store of {store}").format(store=store))
        stream.write("\n")
    errors = 0
    findings: list[Finding] = []
    rejected: dict[str, list[pd.DataFrame]] = {}
    for path in paths:
        if not path.exists():
            stream.write(_("{path}: no such file").format(path=path) + "\n")
            errors += 1
            continue
        result = check_one(path, period, settings, history, ahead)
        errors += sum(f.severity == "error" for f in result.findings)
        findings.extend(result.findings)
        print_result(path, result, stream, rejected, settings.language)
    if findings:
        write_feedback(findings, rejected, out, stream, settings.language)
    verdict = (
        _("{errors} error(s): fix them before sending.").format(errors=errors)
        if errors
        else _("No errors.")
    )
    stream.write(verdict + "\n")
    return 1 if errors else 0


def print_result(
    path: Path,
    result: FileResult,
    stream: TextIO,
    rejected: dict[str, list[pd.DataFrame]],
    language: str,
) -> None:
    """Write one file's tables and findings to ``stream`` in ``language``; add its rejected
    rows to ``rejected`` (by dataset)."""
    from sdg18.validation.report import format_finding
    from sdg18.validation.summary import rejected_frame

    _ = translator("validation", language).gettext
    agency = result.read.agency or _("agency unknown")
    stream.write(f"{path} ({agency})\n")
    for table in result.tables:
        counts = {
            "dataset": table.table.dataset,
            "records": len(table.typed),
            "accepted": len(table.accepted),
            "rejected": len(table.rejected_rows),
        }
        if table.table.source.sheet:
            line = _(
                "{dataset} (sheet '{sheet}'): {records} records, {accepted} accepted, "
                "{rejected} rejected"
            ).format(sheet=table.table.source.sheet, **counts)
        else:  # a CSV file: no sheet
            line = _("{dataset}: {records} records, {accepted} accepted, {rejected} rejected")
            line = line.format(**counts)
        stream.write(f"  {line}\n")
        if table.rejected_rows:
            rejected.setdefault(table.table.dataset, []).append(rejected_frame(table))
    for finding in sorted(result.findings, key=lambda f: (f.sheet, f.row or 0, f.column)):
        stream.write(format_finding(finding, language) + "\n")


def write_feedback(
    findings: list[Finding],
    rejected: dict[str, list[pd.DataFrame]],
    out: Path,
    stream: TextIO,
    language: str,
) -> None:
    """Write the feedback workbook(s) into ``out`` (made if missing), in ``language``
    whatever the agency, and name each on ``stream``."""
    import pandas as pd

    from sdg18.core.findings import findings_frame
    from sdg18.core.settings import Editions
    from sdg18.reports.exports.validation_outputs import write_feedback_workbooks

    _ = translator("validation", language).gettext
    out.mkdir(parents=True, exist_ok=True)
    frames = {name: pd.concat(parts, ignore_index=True) for name, parts in rejected.items()}
    editions = Editions(default=language)
    for written in write_feedback_workbooks(findings_frame(findings), frames, out, editions):
        stream.write(_("Feedback workbook: {path}").format(path=written) + "\n")
