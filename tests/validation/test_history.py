"""Level 2: a source against its own history — reused task ids, unusual figures, resubmissions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from schemas.rules import catalogue
from sdg18.validation.across import check_across
from tests.validation.cross_inputs import (
    PERIOD,
    accepted_rows,
    history,
    located,
    rows,
    stored,
    validated,
    workbook,
)

REUSED = "L2.land_release.task_id.reused_across_periods"


def _returns_history(*persons_by_quarter: tuple[str, int]) -> dict[str, pd.DataFrame]:
    """SCRIDP's returns of earlier quarters, two records per quarter summing to ``persons``."""
    frames = [
        stored(
            "returns",
            [
                {"return_id": f"{quarter}-a", "households": 1, "persons": persons // 2},
                {"return_id": f"{quarter}-b", "households": 1, "persons": persons - persons // 2},
            ],
            agency="SCRIDP",
            period=quarter,
            file=f"SCRIDP/{quarter}.xlsx",
        )
        for quarter, persons in persons_by_quarter
    ]
    return history(returns=frames)


def test_catalogue_lists_the_level_2_rules() -> None:
    ids = {r.rule_id: r.severity for r in catalogue() if r.level == 2}
    assert ids[REUSED] == "error"
    far = {i for i in ids if i.endswith(".far_from_history")}
    assert far == {
        f"L2.{d}.far_from_history"
        for d in (
            "land_release",
            "eo_items",
            "casualties",
            "victim_assistance",
            "eore",
            "returns",
            "funding",
        )
    }
    assert ids["L2.funding.far_from_history"] == "warning"
    assert sum(i.endswith(".replaces_submission") for i in ids) == 8
    assert len(ids) == 1 + 7 + 8


def test_a_task_id_accepted_earlier_rejects_the_new_row_only(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(
        root,
        "ANAMA/release.xlsx",
        {"land_release": rows("land_release", {}, {"task_id": "LR-0002"}, {"task_id": "LR-0003"})},
    )
    tables = validated(root)
    earlier = stored(
        "land_release",
        [{"task_id": "LR-0009"}, {"task_id": "LR-0001"}],
        agency="ANAMA",
        period="2025Q3",
        file="ANAMA/2025Q3.xlsx",
    )

    cross = check_across(tables, history(land_release=[earlier]), PERIOD)

    assert located(tables, cross) == [(REUSED, "ANAMA/release.xlsx", 2, "task_id", "LR-0001")]
    (finding,) = [f for f in tables[0].findings if f.rule_id == REUSED]
    assert (finding.severity, finding.cell, finding.record_key) == ("error", "A2", "LR-0001")
    assert finding.message == "task_id 'LR-0001' was already accepted in 2025Q3 (ANAMA/2025Q3.xlsx)"
    assert tables[0].rejected_by == {2: [REUSED]}
    assert accepted_rows(tables) == {"ANAMA/release.xlsx:land_release": [3, 4]}
    assert cross.findings == []


def test_a_resubmission_of_the_same_period_is_no_reuse_and_is_noted(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(
        root,
        "ANAMA/release v2.xlsx",
        {"land_release": rows("land_release", {}, {"task_id": "LR-0002"})},
    )
    tables = validated(root)
    first_run = stored(
        "land_release",
        [{"task_id": "LR-0001"}, {"task_id": "LR-0002"}, {"task_id": "LR-0003"}],
        agency="ANAMA",
        period="2026Q1",
        file="ANAMA/release.xlsx",
    )

    cross = check_across(tables, history(land_release=[first_run]), PERIOD)

    rule = "L2.land_release.replaces_submission"
    assert located(tables, cross) == [
        (rule, "ANAMA/release v2.xlsx", None, "", "ANAMA/release.xlsx")
    ]
    (note,) = tables[0].findings
    assert note.severity == "info"
    assert note.message == (
        "This submission replaces 3 record(s) accepted earlier for 2026Q1 from ANAMA/release.xlsx"
    )
    assert accepted_rows(tables) == {"ANAMA/release v2.xlsx:land_release": [2, 3]}


def test_the_same_file_run_again_replaces_nothing_new(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "ANAMA/release.xlsx", {"land_release": rows("land_release", {})})
    tables = validated(root)
    same = stored(
        "land_release", [{"task_id": "LR-0001"}], agency="ANAMA", period="2026Q1", file="x"
    )
    same["file_sha256"] = tables[0].table.source.file_sha256

    cross = check_across(tables, history(land_release=[same]), PERIOD)

    assert located(tables, cross) == []


@pytest.mark.parametrize(
    ("persons", "warned"),
    [(400, True), (301, True), (300, False), (200, False)],
)
def test_a_figure_above_three_times_the_mean_is_a_warning(
    tmp_path: Path, persons: int, warned: bool
) -> None:
    root = tmp_path / "2026Q1"
    records = rows(
        "returns",
        {"return_id": "R-1", "households": 10, "persons": persons - 50},
        {"return_id": "R-2", "households": 10, "persons": 50},
    )
    workbook(root, "SCRIDP/returns.xlsx", {"returns": records})
    tables = validated(root)
    # Mean of the last four quarters with data: (80 + 120) / 2 = 100; 2024Q4 is too old.
    earlier = _returns_history(("2024Q4", 5000), ("2025Q2", 80), ("2025Q4", 120))

    cross = check_across(tables, earlier, PERIOD)

    rule = "L2.returns.far_from_history"
    expected = [(rule, "SCRIDP/returns.xlsx", None, "persons", f"{persons}")] if warned else []
    assert located(tables, cross) == expected
    if warned:
        (finding,) = tables[0].findings
        assert finding.severity == "warning"
        assert finding.message == (
            f"The number of persons returned of this submission is {persons}, more than 3 "
            "times the mean 100 of 2025Q2, 2025Q4"
        )
    assert accepted_rows(tables) == {"SCRIDP/returns.xlsx:returns": [2, 3]}


def test_one_earlier_quarter_is_not_enough_history(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "SCRIDP/returns.xlsx", {"returns": rows("returns", {"persons": 4000})})
    tables = validated(root)

    cross = check_across(tables, _returns_history(("2024Q3", 90), ("2025Q4", 100)), PERIOD)

    assert located(tables, cross) == []


def test_participants_and_record_counts_are_the_figures_of_their_datasets(
    tmp_path: Path,
) -> None:
    root = tmp_path / "2026Q1"
    # eore: 12 + 15 + 3 + 2 = 32 participants per session, 2 sessions = 64 > 3 × 20.
    workbook(root, "MSE/eore.xlsx", {"eore": rows("eore", {}, {"session_id": "E-0002"})})
    # casualties: 4 records against a mean of 1 record per quarter.
    casualties = [{"casualty_id": f"C-{n}", "incident_id": f"I-{n}"} for n in range(4)]
    workbook(root, "MOH/casualties.xlsx", {"casualties": rows("casualties", *casualties)})
    tables = validated(root)
    sessions = [
        stored(
            "eore",
            [{"session_id": q, "girls": 5, "boys": 5, "women": 5, "men": 5}],
            agency="MSE",
            period=q,
            file=f"MSE/{q}.xlsx",
        )
        for q in ("2025Q3", "2025Q4")
    ]
    persons = [
        stored(
            "casualties",
            [{"casualty_id": q, "outcome": "injured"}],
            agency="MOH",
            period=q,
            file=f"MOH/{q}.xlsx",
        )
        for q in ("2025Q1", "2025Q2")
    ]

    cross = check_across(tables, history(eore=sessions, casualties=persons), PERIOD)

    far = [f for f in located(tables, cross) if f[0].endswith("far_from_history")]
    assert far == [
        ("L2.casualties.far_from_history", "MOH/casualties.xlsx", None, "", "4"),
        ("L2.eore.far_from_history", "MSE/eore.xlsx", None, "", "64"),
    ]
