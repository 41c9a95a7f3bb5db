"""What the audit site carries, built without a browser: findings index, traces, commands."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import sdg18.reports.audit.data as audit_data
from sdg18.indicators.lineage import Leaf, Part, TraceCounter
from sdg18.reports.audit.data import (
    TraceData,
    data_script,
    extract_csv,
    findings_data,
    trace_command,
    trace_data,
)

SEX = "L1.casualties.sex.code"


def _payload(script: str, name: str) -> object:
    prefix = f"SDG18.receive({json.dumps(name)},"
    assert script.startswith(prefix)
    assert script.endswith(");\n")
    return json.loads(script[len(prefix) : -3])


def test_a_data_script_carries_agency_text_as_a_json_string() -> None:
    text = "<script>alert(1)</script> =HYPERLINK(\"x\") \u2028 'quote'"
    assert _payload(data_script("x", {"value": text}), "x") == {"value": text}


def test_the_findings_index_codes_every_finding_by_its_filters() -> None:
    findings = pd.DataFrame(
        {
            "agency": ["MOH", "ANAMA", "MOH"],
            "dataset": ["casualties", "eore", "casualties"],
            "rule_id": [SEX, "L1.eore.men.number_format", SEX],
            "severity": ["error", "error", "warning"],
            "file": ["MOH/a.xlsx", "ANAMA/b.xlsx", "MOH/a.xlsx"],
            "level": [1, 1, 1],
            "row": [4.0, float("nan"), 7.0],
            "value": ["X", "", "<b>"],
        }
    )  # fmt: skip
    found = findings_data(findings)
    assert found.facets["agency"] == ["ANAMA", "MOH"]
    assert found.facets["severity"] == ["error", "warning"]
    # agency, dataset, rule, severity, file
    assert found.index == [[1, 0, 0, 0, 1], [0, 1, 1, 0, 0], [1, 0, 0, 1, 1]]
    (chunk,) = found.chunks
    assert [row[:3] for row in chunk] == [
        ["error", "L1.casualties.sex.code", "1"],
        ["error", "L1.eore.men.number_format", "1"],
        ["warning", "L1.casualties.sex.code", "1"],
    ]
    assert [row[7] for row in chunk] == ["4", "", "7"]  # the row; a file finding has none
    assert chunk[2][10] == "<b>"  # the value as found, as text


def test_findings_are_chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_data, "FINDINGS_CHUNK", 2)
    findings = pd.DataFrame({c: ["x"] * 5 for c in audit_data.FINDING_SHOWN})
    assert [len(chunk) for chunk in findings_data(findings).chunks] == [2, 2, 1]


def _items(count: int) -> pd.DataFrame:
    """``count`` eo_items records of one file, rows 2, 3, …, one item each."""
    return pd.DataFrame(
        {
            "task_id": [f"T-{n}" for n in range(count)],
            "quantity": 1,
            "submission_period": "2026Q1",
            "file": "ANAMA/a.xlsx",
            "file_sha256": "a" * 64,
            "sheet": "eo_items",
            "row": range(2, count + 2),
        }
    )


def _trace_of(count: int) -> tuple[Leaf, TraceCounter]:
    part = Part("value", "eo_items", np.arange(count), np.ones(count))
    return Leaf((part,)), TraceCounter({"eo_items": _items(count)})


def _data(count: int) -> TraceData:
    trace, counter = _trace_of(count)
    return trace_data(0, {"indicator": "18.1.3", "series": "items_destroyed", "period": "2026Q1",
                          "scope": "period"}, trace, counter, "run-1")  # fmt: skip


def test_only_a_trace_longer_than_the_page_shows_gets_an_extract(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit_data, "PREVIEW_ROWS", 3)
    monkeypatch.setattr(audit_data, "EXTRACT_ROWS", 5)
    short = _data(3)  # the page shows it whole
    assert short.extract is None
    assert short.payload["rows"] == [
        [0, "eo_items", "2", "eo_items", "T-0", "value", "1"],
        [0, "eo_items", "3", "eo_items", "T-1", "value", "1"],
        [0, "eo_items", "4", "eo_items", "T-2", "value", "1"],
    ]
    assert short.payload["file_names"] == ["2026Q1/ANAMA/a.xlsx"]
    assert (short.payload["records"], short.payload["files"], short.payload["recomputed"]) == (
        3, 1, 3.0,
    )  # fmt: skip
    longer = _data(4)
    assert len(longer.payload["rows"]) == 3  # type: ignore[arg-type]
    name, text = longer.extract or ("", "")
    assert name == longer.payload["extract"]
    assert name.startswith("traces/")
    assert len(name) == len("traces/") + 16 + len(".csv")
    lines = text.splitlines()
    assert lines[0] == "file,file_sha256,sheet,row,dataset,record_key,role,contribution"
    assert lines[4] == f"2026Q1/ANAMA/a.xlsx,{'a' * 64},eo_items,5,eo_items,T-3,value,1.0"
    assert len(lines) == 5
    assert _data(4).extract == (name, text)  # named by content: shared
    too_long = _data(6)  # sdg18 trace writes it: the page gives the command
    assert too_long.extract is None
    assert too_long.payload["extract"] is None
    assert too_long.payload["records"] == 6


def test_the_command_that_writes_a_whole_trace() -> None:
    row = {"indicator": "18.1.3", "series": "items_destroyed", "period": "2026Q1",
           "scope": "ytd", "district": "AZ-AGM", "item_type": ""}  # fmt: skip
    assert trace_command(row, "run-7") == (
        "sdg18 trace 18.1.3 --series items_destroyed --period 2026Q1 --scope ytd "
        "--where district=AZ-AGM --run run-7 --out trace.csv"
    )


def test_an_extract_is_written_as_pandas_writes_it() -> None:
    rows: dict[str, list[object]] = {
        "file": ["2026Q1/ANAMA/a, b.xlsx", '2026Q1/MOF/"q".csv', "2026Q1/MOH/ş.xlsx"],
        "sheet": ["Land_Release", None, "line\nbreak"],
        "row": [2, 3, 1_048_576],
        "record_key": ["LR-1", "", "nan"],
        "contribution": [0.1 + 0.2, float("nan"), 3.0],
        "flag": [True, False, pd.NA],
    }
    expected = pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")
    assert extract_csv(rows) == expected
    assert extract_csv(rows).splitlines()[1:3] == [
        '"2026Q1/ANAMA/a, b.xlsx",Land_Release,2,LR-1,0.30000000000000004,True',
        '"2026Q1/MOF/""q"".csv",,3,,,False',
    ]
    assert extract_csv({"file": [], "row": []}) == "file,row\n"
