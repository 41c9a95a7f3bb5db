"""``sdg18 trace INDICATOR``: the records behind a published value, and whether they
recompute it. Exit 0 when they do, 1 when they do not, 2 on bad usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sdg18.cli.arguments import period
from sdg18.core.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

    from sdg18.run.trace import ValueComparison, ValueTrace

NAME = "trace"
HELP = "the records behind a published value, as published by a run"
#: Rows of the trace shown on the terminal (``--out`` writes them all).
SHOWN = 10


def where_pair(text: str) -> tuple[str, str]:
    """``COLUMN=CODE`` as a pair; argparse's bad-usage error when there is no ``=``."""
    column, equals, code = text.partition("=")
    if not equals or not column or not code:
        raise argparse.ArgumentTypeError(f"'{text}' is not COLUMN=CODE (e.g. district=AZ-AGM)")
    return column, code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare INDICATOR and the options that choose the value, the run and the output."""
    parser.add_argument("indicator", metavar="INDICATOR", help="indicator id, e.g. 18.1.1")
    parser.add_argument("--series", help="series id (may be left out when there is one)")
    parser.add_argument("--period", type=period, help="period (default: the run's)")
    parser.add_argument(
        "--scope", choices=("period", "ytd", "cumulative"), default="period", help="scope"
    )
    parser.add_argument(
        "--where",
        type=where_pair,
        action="append",
        default=[],
        metavar="COLUMN=CODE",
        help="a breakdown of indicators.csv (repeat for several)",
    )
    parser.add_argument("--run", dest="run_id", metavar="RUN_ID", help="default: the latest")
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("RUN_A", "RUN_B"),
        help="the value as two runs published it, and the records added and retired between",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write every record to FILE.csv or FILE.xlsx"
    )
    parser.add_argument(
        "--outputs", type=Path, metavar="DIR", help="outputs folder (default SDG18_OUTPUTS)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Trace the value and print it; 0 when its records recompute it, 1 when not, 2 when
    the value asked for does not exist (the message lists what does)."""
    from sdg18.run.trace import TraceRequest, TraceUsageError, compare_value, trace_value
    from sdg18.store import open_store

    if args.out is not None and args.out.suffix not in (".csv", ".xlsx"):
        sys.stderr.write(f"sdg18 trace: --out must name a .csv or .xlsx file, not {args.out}\n")
        return 2
    request = TraceRequest(
        args.indicator,
        args.series,
        str(args.period) if args.period else None,
        args.scope,
        dict(args.where),
        args.run_id,
    )
    with open_store(settings, args.outputs or settings.outputs) as store:
        try:
            if args.compare:
                compared = compare_value(store, request, *args.compare)
            else:
                found = trace_value(store, request)
        except TraceUsageError as error:
            sys.stderr.write(f"sdg18 trace: {error.message}\n{error.hint}\n")
            return 2
    if args.compare:
        print_comparison(compared, sys.stdout)
        if args.out is not None:
            write_rows(_changes(compared), args.out)
        return 0 if compared.before.matches and compared.after.matches else 1
    print_trace(found, sys.stdout)
    if args.out is not None:
        write_trace(found, args.out)
        sys.stdout.write(f"{len(found.rows)} record(s) written to {args.out}\n")
    return 0 if found.matches else 1


def print_trace(found: ValueTrace, stream: TextIO) -> None:
    """The value as published, by which run, its records and files, the recomputed value,
    whether it matches, and the first records."""
    where = "".join(f" {column}={code}" for column, code in found.where.items())
    stream.write(
        f"{found.indicator} {found.series} {found.period} {found.scope}{where}\n"
        f"  published by run {found.run_id}: {found.published!r} {found.unit}"
        f"{'; ' + found.note if found.note else ''}\n"
        f"  {len(found.rows)} record(s) from {found.files} file(s); recomputed from them: "
        f"{found.recomputed!r} — {'matches' if found.matches else 'DOES NOT MATCH'}\n"
    )
    if len(found.rows):
        shown = found.rows[["file", "sheet", "row", "dataset", "record_key", "role"]].copy()
        shown["contribution"] = found.rows["contribution"]
        stream.write(shown.head(SHOWN).to_string(index=False) + "\n")
        if len(found.rows) > SHOWN:
            stream.write(f"  … and {len(found.rows) - SHOWN} more (--out FILE writes them all)\n")


def print_comparison(compared: ValueComparison, stream: TextIO) -> None:
    """Both vintages, then every record added and retired between them."""
    before, after = compared.before, compared.after
    stream.write(
        f"{after.indicator} {after.series} {after.period} {after.scope}"
        + "".join(f" {column}={code}" for column, code in after.where.items())
        + "\n"
    )
    for found in (before, after):
        stream.write(
            f"  run {found.run_id}: {found.published!r} {found.unit} from "
            f"{len(found.rows)} record(s) of {found.files} file(s)"
            f"{'' if found.matches else ' — DOES NOT RECOMPUTE'}\n"
        )
    for label, rows in (("added", compared.added), ("retired", compared.retired)):
        stream.write(f"  {len(rows)} record(s) {label} between the two runs\n")
        for row in rows.itertuples(index=False):
            stream.write(
                f"    {label:<8}{row.file} row {row.row} ({row.dataset} {row.record_key})\n"
            )


def _changes(compared: ValueComparison) -> pd.DataFrame:
    import pandas as pd

    return pd.concat(
        [compared.added.assign(change="added"), compared.retired.assign(change="retired")],
        ignore_index=True,
    )


def write_trace(found: ValueTrace, path: Path) -> None:
    """Every record of the trace to ``path``: CSV, or a workbook whose text cells stay text."""
    write_rows(found.rows, path)


def write_rows(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` to ``path``: CSV, or a workbook whose text cells stay text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
        return
    from openpyxl import Workbook

    from sdg18.reports.xlsx.cells import append_rows, style_header, write_row

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "trace"
    write_row(sheet, 1, list(frame.columns))
    rows = frame.astype(object).where(frame.notna(), None)
    append_rows(sheet, rows.itertuples(index=False, name=None))
    style_header(sheet)
    book.save(path)
