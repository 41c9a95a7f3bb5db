"""Level 3: records that name other sources' records, the casualty mirror, funding twice."""

from __future__ import annotations

import inspect
import io
from pathlib import Path

import pandas as pd

from schemas.rules import catalogue
from sdg18.core.settings import Settings
from sdg18.validation.across import check_across
from sdg18.validation.inbox import validate_inbox
from sdg18.validation.summary import summary_frame
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


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(inspect.cleandoc(text)), dtype={"district": str})


def test_catalogue_lists_the_level_3_rules() -> None:
    ids = {r.rule_id: r.severity for r in catalogue() if r.level == 3}
    assert ids == {
        "L3.land_release.hazard_id.unknown": "warning",
        "L3.eo_items.task_id.unknown": "warning",
        "L3.casualties.mirror_mismatch": "warning",
        "L3.casualties.mirror_source_missing": "warning",
        "L3.victim_assistance.survivor_id.unknown": "warning",
        "L3.funding.entry_id.conflicting_amounts": "error",
        "L3.funding.entry_id.reported_twice": "info",
    }


def test_hazard_ids_are_looked_up_in_the_latest_inventory(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    releases = rows(
        "land_release",
        {"task_id": "LR-1", "hazard_id": "H-1"},
        {"task_id": "LR-2", "hazard_id": "H-2"},  # closed, still in the inventory
        {"task_id": "LR-3", "hazard_id": "H-9"},  # only in an older snapshot
        {"task_id": "LR-4", "hazard_id": None},
    )
    workbook(root, "ANAMA/release.xlsx", {"land_release": releases})
    tables = validated(root)
    snapshots = [
        stored(
            "hazard_areas",
            [{"hazard_id": "H-9", "status": "open"}],
            agency="ANAMA",
            period="2025Q3",
            file="ANAMA/2025Q3.xlsx",
        ),
        stored(
            "hazard_areas",
            [{"hazard_id": "H-1", "status": "open"}, {"hazard_id": "H-2", "status": "closed"}],
            agency="ANAMA",
            period="2025Q4",
            file="ANAMA/2025Q4.xlsx",
        ),
    ]

    cross = check_across(tables, history(hazard_areas=snapshots), PERIOD)

    rule = "L3.land_release.hazard_id.unknown"
    assert located(tables, cross) == [(rule, "ANAMA/release.xlsx", 4, "hazard_id", "H-9")]
    (finding,) = tables[0].findings
    assert (finding.severity, finding.cell, finding.record_key) == ("warning", "B4", "LR-3")
    assert finding.message == (
        "'H-9' in 'hazard_id' is not a hazard area of the latest hazard inventory"
    )
    assert accepted_rows(tables) == {"ANAMA/release.xlsx:land_release": [2, 3, 4, 5]}


def test_this_runs_inventory_is_the_latest(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(
        root,
        "ANAMA/all.xlsx",
        {
            "hazard_areas": rows("hazard_areas", {"hazard_id": "H-9"}),
            "land_release": rows("land_release", {"hazard_id": "H-9"}, {"task_id": "LR-2"}),
        },
    )
    tables = validated(root)

    cross = check_across(tables, history(), PERIOD)

    assert located(tables, cross) == [
        ("L3.land_release.hazard_id.unknown", "ANAMA/all.xlsx", 3, "hazard_id", "000123")
    ]


def test_eo_items_name_a_task_accepted_now_or_earlier(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(
        root,
        "ANAMA/ops.xlsx",
        {
            "land_release": rows(
                "land_release",
                {"task_id": "LR-2", "hazard_id": None},
                {"task_id": "LR-3", "hazard_id": None, "area_m2": -1},  # rejected at level 1
            ),
            "eo_items": rows(
                "eo_items",
                {"task_id": "LR-1"},
                {"task_id": "LR-2"},
                {"task_id": "LR-3"},
                {"task_id": "LR-99"},
            ),
        },
    )
    tables = validated(root)
    earlier = stored(
        "land_release", [{"task_id": "LR-1"}], agency="ANAMA", period="2025Q4", file="old.xlsx"
    )

    cross = check_across(tables, history(land_release=[earlier]), PERIOD)

    rule = "L3.eo_items.task_id.unknown"
    assert located(tables, cross) == [
        (rule, "ANAMA/ops.xlsx", 4, "task_id", "LR-3"),
        (rule, "ANAMA/ops.xlsx", 5, "task_id", "LR-99"),
    ]
    assert accepted_rows(tables) == {
        "ANAMA/ops.xlsx:land_release": [2],
        "ANAMA/ops.xlsx:eo_items": [2, 3, 4, 5],
    }


def test_survivors_are_injured_persons_of_anamas_register(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "ANAMA/cas.xlsx", {"casualties": rows("casualties", {"casualty_id": "C-3"})})
    services = [
        {"service_id": f"S-{n}", "survivor_id": survivor}
        for n, survivor in enumerate(["C-1", "C-2", "C-3", "M-5"])
    ]
    workbook(root, "MLSPP/va.xlsx", {"victim_assistance": rows("victim_assistance", *services)})
    tables = validated(root)
    earlier = [
        stored(
            "casualties",
            [
                {"casualty_id": "C-1", "outcome": "injured"},
                {"casualty_id": "C-2", "outcome": "killed"},
            ],
            agency="ANAMA",
            period="2025Q4",
            file="ANAMA/2025Q4.xlsx",
        ),
        stored(
            "casualties",
            [{"casualty_id": "M-5", "outcome": "injured"}],  # MOH's ids are not survivors
            agency="MOH",
            period="2025Q4",
            file="MOH/2025Q4.xlsx",
        ),
    ]

    cross = check_across(tables, history(casualties=earlier), PERIOD)

    rule = "L3.victim_assistance.survivor_id.unknown"
    assert located(tables, cross) == [
        ("L3.casualties.mirror_source_missing", "ANAMA/cas.xlsx", None, "", "MOH"),
        (rule, "MLSPP/va.xlsx", 3, "survivor_id", "C-2"),
        (rule, "MLSPP/va.xlsx", 5, "survivor_id", "M-5"),
    ]
    missing = [f for f in tables[0].findings if f.rule_id.endswith("mirror_source_missing")]
    assert missing[0].message == (
        "No casualties from MOH for 2026Q1: the counts could not be compared"
    )
    assert accepted_rows(tables)["MLSPP/va.xlsx:victim_assistance"] == [2, 3, 4, 5]


def _person(number: int, district: str, outcome: str, **more: object) -> dict[str, object]:
    return {
        "casualty_id": f"C-{number}",
        "incident_id": f"I-{number}",
        "district": district,
        "outcome": outcome,
        **more,
    }


def test_the_mirror_compares_anama_and_moh_per_district_and_outcome(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    anama = rows(
        "casualties",
        _person(1, "Ağdam", "injured"),
        _person(2, "Agdam", "injured"),
        _person(3, "AZ-AGM", "injured"),
        _person(4, "Tərtər", "killed"),
        _person(5, "Füzuli", "killed", incident_date="2025-12-30"),  # late: 2025Q4
    )
    moh = rows(
        "casualties",
        _person(1, "Ağdam", "injured"),
        _person(2, "Ağdam", "injured"),
        _person(3, "Tərtər", "killed"),
        _person(4, "Füzuli", "injured"),
    )
    workbook(root, "ANAMA/cas.xlsx", {"casualties": anama})
    workbook(root, "MOH/cas.xlsx", {"casualties": moh})
    tables = validated(root)

    cross = check_across(tables, history(), PERIOD)

    pd.testing.assert_frame_equal(
        cross.reconciliation,
        _frame(
            """
            district,outcome,anama,moh,difference
            AZ-AGM,injured,3,2,1
            AZ-FUZ,injured,0,1,-1
            AZ-TAR,killed,1,1,0
            """
        ),
        check_dtype=False,
    )
    rule = "L3.casualties.mirror_mismatch"
    assert located(tables, cross) == [
        (rule, "ANAMA/cas.xlsx", None, "", "AZ-AGM injured: ANAMA 3, MOH 2"),
        (rule, "ANAMA/cas.xlsx", None, "", "AZ-FUZ injured: ANAMA 0, MOH 1"),
    ]
    mismatch = next(f for f in tables[0].findings if f.rule_id == rule)
    assert mismatch.message == (
        "ANAMA and MOH count different casualties for 2026Q1: AZ-AGM injured: ANAMA 3, MOH 2"
    )
    assert accepted_rows(tables) == {
        "ANAMA/cas.xlsx:casualties": [2, 3, 4, 5, 6],
        "MOH/cas.xlsx:casualties": [2, 3, 4, 5],
    }


def test_a_mirror_of_stored_records_only_is_reported_by_the_run(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "SCRIDP/returns.xlsx", {"returns": rows("returns", {})})
    tables = validated(root)
    first_run = [
        stored(
            "casualties",
            [{"casualty_id": f"C-{n}", "district": "AZ-LAC", "outcome": "killed"} for n in (1, 2)],
            agency=agency,
            period="2026Q1",
            file=f"{agency}/cas.xlsx",
        )
        for agency in ("ANAMA", "MOH")
    ]
    first_run[1] = first_run[1].iloc[:1]

    cross = check_across(tables, history(casualties=first_run), PERIOD)

    (finding,) = cross.findings
    assert (finding.rule_id, finding.file, finding.sheet, finding.agency, finding.value) == (
        "L3.casualties.mirror_mismatch",
        "ANAMA/cas.xlsx",
        "casualties",
        "ANAMA",
        "AZ-LAC killed: ANAMA 2, MOH 1",
    )
    assert cross.recorded == []


def test_one_funding_entry_with_two_amounts_rejects_both_rows(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(
        root,
        "ANAMA/funds.xlsx",
        {"funding": rows("funding", {"entry_id": "F-1"}, {"entry_id": "F-2", "amount_azn": 100})},
    )
    workbook(
        root,
        "MOF/budget.xlsx",
        {
            "funding": rows(
                "funding",
                {"entry_id": "F-1", "amount_azn": 900000},
                {"entry_id": "F-2", "amount_azn": 100},
                {"entry_id": "F-3", "amount_azn": 50},
            )
        },
    )
    inbox = validate_inbox(root, PERIOD, Settings())
    tables = inbox.tables

    cross = check_across(tables, history(), PERIOD)

    conflict = "L3.funding.entry_id.conflicting_amounts"
    twice = "L3.funding.entry_id.reported_twice"
    assert located(tables, cross) == [
        (conflict, "ANAMA/funds.xlsx", 2, "entry_id", "F-1"),
        (conflict, "MOF/budget.xlsx", 2, "entry_id", "F-1"),
        (twice, "MOF/budget.xlsx", 3, "entry_id", "F-2"),
    ]
    messages = {f.file: f.message for t in tables for f in t.findings if f.rule_id == conflict}
    assert messages == {
        "ANAMA/funds.xlsx": "Entry 'F-1' has amount_azn 850,000 here but 900,000 in "
        "MOF/budget.xlsx (row 2); the record was not accepted",
        "MOF/budget.xlsx": "Entry 'F-1' has amount_azn 900,000 here but 850,000 in "
        "ANAMA/funds.xlsx (row 2); the record was not accepted",
    }
    assert accepted_rows(tables) == {
        "ANAMA/funds.xlsx:funding": [3],
        "MOF/budget.xlsx:funding": [3, 4],
    }
    assert tables[1].failing[2] == {"entry_id", "amount_azn"}
    summary = summary_frame(inbox).set_index(["rule_id", "file"])
    row = summary.loc[(conflict, "MOF/budget.xlsx")]
    assert (row["checked"], row["passed"], row["failed"]) == (3, 2, 1)


def test_the_same_amount_twice_is_a_note_only(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "ANAMA/funds.xlsx", {"funding": rows("funding", {})})
    workbook(root, "MOF/budget.xlsx", {"funding": rows("funding", {"amount_azn": 850000.001})})
    tables = validated(root)

    cross = check_across(tables, history(), PERIOD)

    assert located(tables, cross) == [
        ("L3.funding.entry_id.reported_twice", "MOF/budget.xlsx", 2, "entry_id", "F-0001")
    ]
    (note,) = tables[1].findings
    assert note.message == (
        "Entry 'F-0001' is also reported by ANAMA in ANAMA/funds.xlsx (row 2) with the same "
        "amount; it is counted once"
    )
    assert accepted_rows(tables) == {
        "ANAMA/funds.xlsx:funding": [2],
        "MOF/budget.xlsx:funding": [2],
    }


def test_an_amount_stored_from_an_earlier_run_of_the_period_is_compared(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    workbook(root, "ANAMA/funds.xlsx", {"funding": rows("funding", {}, {"entry_id": "F-2"})})
    tables = validated(root)
    mof = stored(
        "funding",
        [{"entry_id": "F-2", "amount_azn": 1.0}],
        agency="MOF",
        period="2026Q1",
        file="MOF/budget.xlsx",
    )

    cross = check_across(tables, history(funding=[mof]), PERIOD)

    assert located(tables, cross) == [
        ("L3.funding.entry_id.conflicting_amounts", "ANAMA/funds.xlsx", 3, "entry_id", "F-2")
    ]
    assert accepted_rows(tables) == {"ANAMA/funds.xlsx:funding": [2]}


def test_records_of_one_incident_agree_on_the_device(tmp_path: Path) -> None:
    root = tmp_path / "2026Q1"
    people = rows(
        "casualties",
        {"casualty_id": "C-2", "incident_id": "I-1", "device_type": "AT_MINE"},
        {"casualty_id": "C-1", "incident_id": "I-1", "device_type": "UXO"},
        {"casualty_id": "C-3", "incident_id": "I-1", "device_type": "uxo"},
        {"casualty_id": "C-4", "incident_id": "I-2", "device_type": "IED"},
    )
    workbook(root, "ANAMA/cas.xlsx", {"casualties": people})

    (table,) = validated(root)

    rule = "L1.casualties.incident_device_consistent"
    found = [(f.rule_id, f.severity, f.row, f.column, f.value) for f in table.findings]
    assert found == [(rule, "warning", 2, "device_type", "device_type=AT_MINE, incident_id=I-1")]
    assert table.findings[0].message == (
        "device_type differs from the incident's record with the smallest casualty_id "
        "(device_type=AT_MINE, incident_id=I-1)"
    )
    assert list(table.accepted.index) == [2, 3, 4, 5]
