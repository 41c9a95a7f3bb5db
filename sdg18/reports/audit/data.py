"""What the audit site shows, as plain lists and dicts (no HTML): the pages render them.

Every text that came from an agency travels as data — a JSON string inside a data
script, or a cell Jinja2 escapes — and the page's script only ever sets it as
``textContent``: no agency text is ever parsed as HTML.

Large tables are split so the first page opens at once whatever the run's size:
- the findings as one *index* (per finding: the codes of its agency, dataset, rule,
  severity and file, which is all the filters need, so a filtered count is exact
  without loading the findings) and chunks of :data:`FINDINGS_CHUNK` findings, loaded
  when a page of the table needs them;
- the values as one table, and one trace script per value of the run's period, loaded
  when the value is opened: its first :data:`PREVIEW_ROWS` records, and every record in
  a CSV extract when there are more (up to :data:`EXTRACT_ROWS`; beyond that, the page
  gives the ``sdg18 trace`` command that writes them, see docs/audit.md).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, VALUE_KEY
from sdg18.core.records import Records
from sdg18.indicators.lineage import Trace, TraceCounter

#: Findings per data chunk of the findings table.
FINDINGS_CHUNK = 1000
#: Records of a trace shown in the page; a longer trace links to its CSV extract.
PREVIEW_ROWS = 200
#: The longest trace written as a CSV extract (a longer one: ``sdg18 trace --out``).
EXTRACT_ROWS = 10_000
#: The filters of the findings table, in the order of the index's codes.
FINDING_FACETS = ("agency", "dataset", "rule_id", "severity", "file")
#: The columns of a finding as the table shows it.
FINDING_SHOWN = (
    "severity",
    "rule_id",
    "level",
    "agency",
    "dataset",
    "file",
    "sheet",
    "row",
    "cell",
    "column",
    "value",
    "record_key",
    "message",
    "hint",
)
#: The columns of a trace record as the page shows it (the extract adds the SHA-256); in
#: the trace script, ``file`` is the number of the file in the script's list of files.
TRACE_SHOWN = ("file", "sheet", "row", "dataset", "record_key", "role", "contribution")


def data_script(name: str, payload: object) -> str:
    """A data script: ``SDG18.receive(name, payload)`` with ``payload`` as JSON (a data
    script, not an inline one: the pages' policy runs only the folder's own files)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"SDG18.receive({json.dumps(name)},{text});\n"


def _text(value: object) -> str:
    """A cell as text: "" for a blank, whole numbers without ``.0``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: object) -> float | None:
    """A value as a JSON number (None for a missing one)."""
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


@dataclass(frozen=True)
class FindingsData:
    """The findings as the findings page loads them."""

    #: facet → its values (sorted); the index gives each finding's position in each
    facets: dict[str, list[str]]
    index: list[list[int]]
    chunks: list[list[list[str]]]


def findings_data(findings: pd.DataFrame) -> FindingsData:
    """The index and chunks of ``findings`` (in the order of ``findings.jsonl``)."""
    facets: dict[str, list[str]] = {}
    codes = []
    for facet in FINDING_FACETS:
        texts = findings[facet].map(_text) if len(findings) else pd.Series(dtype=str)
        facets[facet] = sorted(set(texts))
        where = {value: code for code, value in enumerate(facets[facet])}
        codes.append([where[text] for text in texts])
    index = [list(row) for row in zip(*codes, strict=True)] if len(findings) else []
    shown = [
        [_text(value) for value in row]
        for row in findings.reindex(columns=list(FINDING_SHOWN)).itertuples(index=False)
    ]
    chunks = [shown[at : at + FINDINGS_CHUNK] for at in range(0, len(shown), FINDINGS_CHUNK)]
    return FindingsData(facets, index, chunks)


@dataclass(frozen=True)
class TraceData:
    """One traced value's records as its trace script holds them, and its extract."""

    number: int
    payload: dict[str, object]
    #: (file name in the folder, CSV text) when the trace has more than the preview shows
    extract: tuple[str, str] | None


def trace_command(row: Mapping[str, object], run_id: str) -> str:
    """The ``sdg18 trace`` command that writes every record of the value in ``row``."""
    parts = [f"sdg18 trace {row['indicator']} --series {row['series']}"]
    parts.append(f"--period {row['period']} --scope {row['scope']}")
    parts += [f"--where {c}={row[c]}" for c in BREAKDOWN_COLUMNS if row.get(c)]
    parts.append(f"--run {run_id} --out trace.csv")
    return " ".join(parts)


def extract_csv(rows: Mapping[str, list[object]]) -> str:
    """``rows`` (columns of equal length) as CSV text, exactly as pandas'
    ``DataFrame(rows).to_csv(index=False, lineterminator="\\n")`` writes them (a missing
    value as an empty cell, a float as its shortest repr, minimal quoting), by the csv
    module: a DataFrame per trace cost more than the writing (2 s at the stress size)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(rows)
    writer.writerows(zip(*map(_blank_missing, rows.values()), strict=True))
    return buffer.getvalue()


def _blank_missing(column: list[object]) -> list[object]:
    """``column`` with each missing value (None, NaN, NA) as "", as pandas writes it."""
    missing = pd.isna(np.array(column, dtype=object))
    if not missing.any():
        return column
    return ["" if gone else value for value, gone in zip(column, missing, strict=True)]


def _extract(rows: Mapping[str, list[object]]) -> tuple[str, str]:
    """The CSV extract of a trace's rows (columns :data:`TRACE_COLUMNS`), named by its
    content: values with the same records share it."""
    text = extract_csv(rows)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"traces/{digest}.csv", text


def trace_data(
    number: int, row: Mapping[str, object], trace: Trace | None, counter: TraceCounter,
    run_id: str,
) -> TraceData:  # fmt: skip
    """The trace script of the value ``row`` (numbered ``number`` in the values table), of
    the records ``counter`` counts in; with its CSV extract when it has more records than
    the page shows and no more than :data:`EXTRACT_ROWS`."""
    total, files_count = counter.size(trace)
    extracted = PREVIEW_ROWS < total <= EXTRACT_ROWS
    rows = counter.listing(trace, total if extracted else PREVIEW_ROWS)
    files = list(dict.fromkeys(rows["file"][:PREVIEW_ROWS]))
    numbered = {name: at for at, name in enumerate(files)}
    preview = [
        [numbered[file], _text(sheet), _text(line), _text(dataset), _text(key), _text(role),
         _text(float(contribution))]
        for file, sheet, line, dataset, key, role, contribution in zip(
            *(rows[c][:PREVIEW_ROWS] for c in TRACE_SHOWN), strict=True
        )
    ]  # fmt: skip
    extract = _extract(rows) if extracted else None
    payload: dict[str, object] = {
        "number": number,
        "recomputed": None if trace is None else _number(trace.recompute()),
        "records": total,
        "files": files_count,
        "file_names": files,
        "rows": preview,
        "extract": extract[0] if extract else None,
        "command": trace_command(row, run_id),
    }
    return TraceData(number, payload, extract)


def values_table(values: pd.DataFrame, traced: pd.DataFrame | None) -> list[list[object]]:
    """Every value the run published, as rows of :data:`VALUE_COLUMNS`: each with its
    number, whether it has a trace script (values of the run's period), and its note."""
    keys = set() if traced is None else set(map(tuple, traced[list(VALUE_KEY)].to_numpy()))
    table: list[list[object]] = []
    for number, record in enumerate(values.to_dict("records")):
        breakdown = " ".join(f"{c}={record[c]}" for c in BREAKDOWN_COLUMNS if record[c])
        table.append(
            [
                number,
                *(_text(record[c]) for c in ("indicator", "series", "unit", "period", "scope")),
                breakdown,
                _number(record["value"]),
                _text(record["note"]),
                tuple(record[c] for c in VALUE_KEY) in keys,
            ]
        )
    return table


#: The columns of :func:`values_table`'s rows.
VALUE_COLUMNS = (
    "number",
    "indicator",
    "series",
    "unit",
    "period",
    "scope",
    "breakdown",
    "value",
    "note",
    "traced",
)


def traced_values(
    values: pd.DataFrame, traced: pd.DataFrame, records: Records, run_id: str, column: str
) -> Iterator[TraceData]:
    """The trace of each value of ``values`` that ``traced`` (its period's values with the
    trace in ``column``) holds, numbered as in :func:`values_table`."""
    numbers = {tuple(key): n for n, key in enumerate(values[list(VALUE_KEY)].to_numpy())}
    counter = TraceCounter(records)
    for row in traced.to_dict("records"):
        number = numbers.get(tuple(row[c] for c in VALUE_KEY))
        if number is not None:
            yield trace_data(number, {str(k): v for k, v in row.items()}, row[column], counter,
                             run_id)  # fmt: skip


def records_of(frame: pd.DataFrame, columns: Sequence[str]) -> list[list[str]]:
    """``frame``'s rows as text cells, in ``columns`` order (for a page's static table)."""
    return [
        [_text(v) for v in row]
        for row in frame.reindex(columns=list(columns)).itertuples(index=False)
    ]
