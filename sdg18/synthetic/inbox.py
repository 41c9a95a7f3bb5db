"""The public entry point: a whole synthetic inbox, quarter by quarter, with its error list."""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from schemas.reference import BASELINE_DATE
from schemas.rules import rules_by_id
from sdg18.core.periods import Period, period_range
from sdg18.synthetic.draws import stream
from sdg18.synthetic.errors import InjectedError, cell_text
from sdg18.synthetic.forms import render_table
from sdg18.synthetic.layout import FILES, SubmissionFile, file_stamp, submission_rows
from sdg18.synthetic.quarter import History, Quarter, Settings, generate_quarter
from sdg18.synthetic.writers import Sheet, write_csv, write_workbook

MANIFEST = "injected_errors.csv"


@dataclass(frozen=True)
class SyntheticInbox:
    """What :func:`generate_inbox` wrote, and the problems it put in on purpose."""

    root: Path
    periods: tuple[str, ...]
    files: tuple[Path, ...]
    injected: tuple[InjectedError, ...]
    record_counts: dict[tuple[str, str, str], int]


def _write_file(
    root: Path, quarter: Quarter, spec: SubmissionFile, seed: int
) -> tuple[Path, list[InjectedError]]:
    """Write one agency file of ``quarter``; return its path and the problems placed in it."""
    period = quarter.period
    relative = f"{spec.agency}/{spec.file_name(period)}"
    sheets: list[Sheet] = []
    injected: list[InjectedError] = []
    if spec.submission_sheet and not spec.csv:
        sheets.append(("submission", submission_rows(spec.agency, period)))
    for dataset in spec.datasets:
        key = (spec.agency, dataset)
        table, planned = quarter.tables[key], quarter.injections[key]
        rng = stream(seed, period, dataset, spec.agency, "forms")
        overrides = {(p.index, p.column): p.cell for p in planned}
        rendered = render_table(
            rng, table, csv=spec.csv, overrides=overrides, shuffle_columns=spec.agency == "MOH"
        )
        sheets.append((rendered.name, [list(rendered.header), *rendered.rows]))
        for p in planned:
            injected.append(
                InjectedError(
                    period=str(period),
                    file=relative,
                    sheet="" if spec.csv else rendered.name,
                    row=p.index + 2,
                    column=p.column,
                    rule_id=p.rule_id,
                    severity=rules_by_id()[p.rule_id].severity,
                    kind=p.kind,
                    value=cell_text(p.cell),
                )
            )
    path = root / str(period) / relative
    if spec.csv:
        write_csv(path, sheets[0][1], bom=spec.bom)
    else:
        write_workbook(path, sheets, file_stamp(period))
    return path, injected


def write_manifest(path: Path, injected: tuple[InjectedError, ...]) -> Path:
    """Write the injected problems as CSV, one row each, header = the field names."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([f.name for f in fields(InjectedError)])
        writer.writerows(astuple(error) for error in injected)
    return path


def generate_inbox(
    root: Path,
    first: Period,
    last: Period,
    *,
    seed: int = 18,
    scale: float = 1.0,
    error_rate: float = 0.01,
) -> SyntheticInbox:
    """Write ``root/<period>/<AGENCY>/…`` for every quarter ``first``..``last`` and
    ``root/injected_errors.csv``; the same arguments always give the same files.

    ``files`` lists every file written, the manifest last.
    """
    if first > last:
        raise ValueError(f"{first} is after {last}")
    if first.end < BASELINE_DATE:
        raise ValueError(f"{first} ends before the baseline date {BASELINE_DATE}")
    if scale <= 0 or not 0 <= error_rate <= 1:
        raise ValueError("scale must be > 0 and error_rate between 0 and 1")
    settings = Settings(seed, scale, error_rate)
    history = History()
    files: list[Path] = []
    injected: list[InjectedError] = []
    counts: dict[tuple[str, str, str], int] = {}
    periods = period_range(first, last)
    for period in periods:
        quarter = generate_quarter(period, settings, history)
        for spec in FILES:
            path, placed = _write_file(root, quarter, spec, seed)
            files.append(path)
            injected.extend(placed)
        for (agency, dataset), table in quarter.tables.items():
            counts[(str(period), agency, dataset)] = len(table)
    root.mkdir(parents=True, exist_ok=True)
    files.append(write_manifest(root / MANIFEST, tuple(injected)))
    return SyntheticInbox(
        root=root,
        periods=tuple(str(p) for p in periods),
        files=tuple(files),
        injected=tuple(injected),
        record_counts=counts,
    )
