"""References to catalogue rules fail when they are made, not when a finding is."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import sdg18
from schemas import DATASETS
from schemas.rules import (
    RULE_TEXT,
    UnknownRuleError,
    catalogue,
    file_rule,
    has_rule,
    known_rule,
    rule_id,
    rules_by_id,
    sheet_rule,
)
from sdg18.core.findings import Source, make_finding


def test_unknown_file_check_raises_naming_it() -> None:
    with pytest.raises(UnknownRuleError, match=r"'dupliate_file'.*'duplicate_file'"):
        file_rule("dupliate_file")
    with pytest.raises(KeyError):  # still a KeyError, like the catalogue's lookup
        file_rule("missing_column")  # a sheet check, not a file check


def test_known_file_check_gives_its_id() -> None:
    assert file_rule("duplicate_file") == "L0.file.duplicate_file"


def test_sheet_rule_names_the_rule_of_a_dataset() -> None:
    assert sheet_rule("missing_column").of("land_release") == "L0.land_release.missing_column"
    assert sheet_rule("replaces_submission", level=2).of("funding") == (
        "L2.funding.replaces_submission"
    )


def test_sheet_rule_refuses_an_unknown_check_or_dataset() -> None:
    with pytest.raises(UnknownRuleError, match=r"'missing_colum'"):
        sheet_rule("missing_colum")
    with pytest.raises(UnknownRuleError, match=r"'duplicate_file'"):
        sheet_rule("duplicate_file")  # a file check, not a sheet check
    with pytest.raises(UnknownRuleError, match=r"'L0\.land_relase\.missing_column'"):
        sheet_rule("missing_column").of("land_relase")
    with pytest.raises(UnknownRuleError, match=r"'L2\.hazard_areas\.far_from_history'"):
        sheet_rule("far_from_history", level=2).of("hazard_areas")  # no history figure


def test_known_rule_gives_catalogue_ids_only() -> None:
    for rule in catalogue():
        found = known_rule(rule.level, rule.dataset, rule.check, rule.column)
        assert found == rule.rule_id
    twice = known_rule(3, "funding", "reported_twice", "entry_id")
    assert twice == "L3.funding.entry_id.reported_twice"
    misspelt = r"'L2\.land_release\.task_id\.reused_across_period'"
    with pytest.raises(UnknownRuleError, match=misspelt):
        known_rule(2, "land_release", "reused_across_period", "task_id")
    with pytest.raises(UnknownRuleError, match=r"'L3\.funding\.reported_twice'"):
        known_rule(3, "funding", "reported_twice")  # the rule is of column entry_id


def test_has_rule_agrees_with_the_catalogue() -> None:
    ids = rules_by_id()
    columns = ("", "task_id", "entry_id", "hazard_id", "area_m2")
    for level in range(4):
        for dataset in ("", *DATASETS):
            for check in RULE_TEXT:
                for column in columns:
                    expected = rule_id(level, dataset, check, column) in ids
                    assert has_rule(level, dataset, check, column) is expected, (
                        level,
                        dataset,
                        check,
                        column,
                    )


def test_make_finding_refuses_an_unknown_rule_id() -> None:
    source = Source("ANAMA/a.xlsx", "0" * 64, "ANAMA")
    named = r"'L0\.file\.dupliate_file'.*did you mean 'L0\.file\.duplicate_file'"
    with pytest.raises(UnknownRuleError, match=named):
        make_finding("L0.file.dupliate_file", source)
    assert make_finding(file_rule("duplicate_file"), source, other="b").rule_id == (
        "L0.file.duplicate_file"
    )


def test_every_module_of_sdg18_imports() -> None:
    """Each module-level rule reference is checked when its module is imported."""
    names = [
        module.name
        for module in pkgutil.walk_packages(sdg18.__path__, "sdg18.")
        if module.name.rsplit(".", 1)[-1] != "__main__"
    ]
    assert "sdg18.validation.links" in names
    for name in names:
        importlib.import_module(name)
