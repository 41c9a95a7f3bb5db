"""Each kind of injected problem breaks exactly the rule it is listed under, and nothing else."""

from __future__ import annotations

import copy
import datetime as dt
import re

import numpy as np
import pytest

from schemas import column_specs
from schemas.codes import RELEASE_METHOD
from schemas.reference import BASELINE_DATE
from schemas.rules import rules_by_id
from sdg18.core.periods import Period
from sdg18.ingest.names import match_district
from sdg18.synthetic.errors import BAD_CODES, EXCEL_ERRORS, INJECTORS, TARGETS, rule_for
from sdg18.synthetic.planning import allocate
from sdg18.synthetic.quarter import History, Settings, generate_quarter
from sdg18.synthetic.tables import Record

PERIOD = Period(2026, 1)
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
ALL_KINDS = {
    "misspelled_district",
    "ambiguous_date",
    "decimal_comma",
    "thousands_separator",
    "negative_area",
    "unknown_code",
    "date_after_period",
    "missing_value",
    "excel_error_cell",
    "persons_below_households",
    "start_after_completion",
    "late_report",
}


@pytest.fixture(scope="module")
def clean_records() -> dict[str, Record]:
    """One clean record of each dataset (ANAMA's where ANAMA sends it)."""
    quarter = generate_quarter(PERIOD, Settings(seed=3, scale=0.1, error_rate=0.0), History())
    records: dict[str, Record] = {}
    for (_, dataset), table in sorted(quarter.tables.items()):
        records.setdefault(dataset, table.records[-1])
    return records


def test_every_kind_has_targets_with_catalogued_rules() -> None:
    kinds = {kind for targets in TARGETS.values() for kind, _ in targets}
    assert kinds == ALL_KINDS
    for dataset, targets in TARGETS.items():
        for kind, column in targets:
            assert column in column_specs(dataset)
            assert rule_for(kind, dataset, column) in rules_by_id()


def test_wrong_codes_are_not_codes() -> None:
    for dataset in TARGETS:
        for column, spec in column_specs(dataset).items():
            if column in BAD_CODES:
                assert BAD_CODES[column].strip().casefold() not in {
                    c.casefold() for c in spec.codes
                }
    assert "demined" not in RELEASE_METHOD


def _inject(record: Record, kind: str, column: str, csv: bool = False) -> tuple[Record, object]:
    changed = copy.deepcopy(record)
    cell = INJECTORS[kind](np.random.default_rng(1), changed, column, PERIOD, csv)
    return changed, cell


@pytest.mark.parametrize(("dataset", "kind", "column"), [
    (dataset, kind, column) for dataset, targets in TARGETS.items() for kind, column in targets
])  # fmt: skip
def test_injected_cell_breaks_its_rule(  # noqa: C901 — one assertion per kind of error, side by side
    clean_records: dict[str, Record], dataset: str, kind: str, column: str
) -> None:
    record, cell = _inject(clean_records[dataset], kind, column)
    text = "" if cell is None else str(cell)
    if kind == "misspelled_district":
        assert text.strip()
        assert match_district(text) is None
    elif kind == "ambiguous_date":
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", text)
    elif kind in ("decimal_comma", "thousands_separator"):
        assert not PLAIN_NUMBER.match(text)
        assert re.fullmatch(r"[\d ,]+", text)
    elif kind == "negative_area":
        assert isinstance(cell, float)
        assert cell < 0
    elif kind == "unknown_code":
        codes = {c.casefold() for c in column_specs(dataset)[column].codes}
        assert text.strip().casefold() not in codes
    elif kind == "date_after_period":
        moved = record[column]
        assert isinstance(moved, dt.date)
        assert PERIOD.end < moved <= PERIOD.next().end
        assert text in (moved.isoformat(), str(moved))
    elif kind == "missing_value":
        assert cell is None
    elif kind == "excel_error_cell":
        assert cell in EXCEL_ERRORS
    elif kind == "persons_below_households":
        assert 1 <= record["persons"] < record["households"]  # type: ignore[operator]
        assert cell == record["persons"]
    elif kind == "start_after_completion":
        start, completion = record["start_date"], record["completion_date"]
        assert isinstance(start, dt.date)
        assert isinstance(completion, dt.date)
        assert PERIOD.start <= completion < start <= PERIOD.end
    elif kind == "late_report":
        day = record[column]
        assert isinstance(day, dt.date)
        assert BASELINE_DATE <= day < PERIOD.start
    else:  # pragma: no cover - a new kind needs its own assertion
        pytest.fail(f"no check for {kind}")


def test_problems_in_csv_cells_are_text(clean_records: dict[str, Record]) -> None:
    for kind, column in TARGETS["returns"]:
        _, cell = _inject(clean_records["returns"], kind, column, csv=True)
        assert isinstance(cell, str)


def test_allocation_spends_the_budget_one_table_at_least() -> None:
    eligible = {("ANAMA", "hazard_areas"): 3000, ("SCRIDP", "returns"): 40, ("MOH", "x"): 0}
    counts = allocate(np.random.default_rng(0), 0.01, 3100, eligible)
    assert sum(counts.values()) == 31
    assert counts[("SCRIDP", "returns")] >= 1
    assert counts[("MOH", "x")] == 0
    assert all(counts[k] <= n for k, n in eligible.items())


def test_allocation_with_a_small_budget_gives_at_most_one_each() -> None:
    eligible = {(str(i), "returns"): 4 for i in range(10)}
    counts = allocate(np.random.default_rng(0), 0.1, 40, eligible)
    assert sum(counts.values()) == 4
    assert max(counts.values()) == 1
    assert sum(allocate(np.random.default_rng(0), 0.0, 40, eligible).values()) == 0
