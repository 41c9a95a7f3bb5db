"""The runnable example of docs/indicators.md, "How to add or replace an indicator":
a framework record plus one decorated function, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sdg18.core.periods import Period
from sdg18.core.records import Records
from sdg18.indicators import compute_indicators, indicator, unregister
from sdg18.indicators.metadata import FRAMEWORK_FILE, read_framework
from sdg18.indicators.rows import count_rows, flow_rows, rows_frame
from sdg18.indicators.selection import dataset
from tests.indicators.builders import records

#: Step 1: the indicator's record, as it would be added to framework.yaml.
TOY_RECORD = """
id: "18.5.9"
target: "18.5"
title_en: Return settlements recorded
title_az: Qeydə alınmış qayıdış yaşayış məntəqələri
definition: Number of return records in the period.
series:
  - {id: return_records, unit: records, title: Return records, title_az: Qayıdış qeydləri}
kind: flow
breakdowns: [district]
sources: [returns]
computation: Count of returns dated in the window.
limitations: A toy for the documentation.
function: return_records
"""


@pytest.fixture
def framework_file(tmp_path: Path) -> Iterator[Path]:
    document = yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8"))
    document["indicators"].append(yaml.safe_load(TOY_RECORD))
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    yield path
    unregister("18.5.9")


def test_a_new_indicator_needs_a_record_and_one_function(framework_file: Path) -> None:
    # Step 2: one small pure function, registered under the indicator's id.
    @indicator("18.5.9")
    def return_records(records: Records, period: Period) -> pd.DataFrame:
        returns = dataset(records, "returns")
        rows = flow_rows(
            "return_records", returns, "return_date", period, count_rows(), ("district",)
        )
        return rows_frame(rows)

    given = records(
        returns=[
            {"return_id": "R1", "return_date": "2026-01-10", "district": "AZ-SUS",
             "settlement": "Şuşa", "households": 2, "persons": 5},
        ]
    )  # fmt: skip
    values = compute_indicators(given, [Period(2026, 1)], read_framework(framework_file))
    toy = values[values["indicator"] == "18.5.9"]
    headline = toy[(toy["scope"] == "period") & (toy["district"] == "")]
    assert headline["value"].tolist() == [1.0]
    assert headline["unit"].tolist() == ["records"]
    assert set(toy["scope"]) == {"period", "ytd", "cumulative"}
