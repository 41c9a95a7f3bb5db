"""The rule catalogue's words in a reader's language: findings filled again from their
params, descriptions, code words and figures."""

from __future__ import annotations

import string

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from schemas.rules import NO_AGENCY, RULE_TEXT, catalogue, rule_of
from sdg18.core.findings import (
    OWN_FIELDS,
    Finding,
    Source,
    findings_frame,
    make_finding,
    read_params,
)
from sdg18.validation.messages import (
    figure_text,
    finding_texts,
    localised,
    localised_findings,
    rule_description,
    severity_word,
)
from sdg18.validation.report import ValidationCounts, format_finding

SHEET = Source("ANAMA_2026Q1.xlsx", "ab" * 32, "ANAMA", "land_release", "land_release")
NARROW = "\u202f"


def _misspelt_district() -> Finding:
    """A level-1 finding whose words need only its own fields: a district misspelt."""
    return make_finding(
        "L1.land_release.district.known",
        SHEET,
        row=3,
        column="district",
        cell="D3",
        value="Shusa",
        suggestion="Şuşa",
    )


def _frame() -> pd.DataFrame:
    """Two findings of level 1: one whose words need only its own fields, one a param."""
    return findings_frame(
        [
            _misspelt_district(),
            make_finding(
                "L1.land_release.completion_date.in_period",
                SHEET,
                row=4,
                column="completion_date",
                cell="J4",
                value="2026-05-01",
                period="2026Q1",
            ),
        ],
        "run-1",
        "2026Q1",
    )


def test_localised_findings_give_the_azerbaijani_message_with_the_values_filled_in() -> None:
    english = _frame()

    azerbaijani = localised_findings(english, "az")

    assert azerbaijani["message"].tolist() == [
        "'Shusa' rayonu məlum deyil",
        "'completion_date' (2026-05-01) 2026Q1 dövründən kənardadır",
    ]
    assert azerbaijani["hint"].tolist() == [
        "Bəlkə 'Şuşa' nəzərdə tutulub? Şablondakı siyahıdan rayon adı yazın.",
        "Qeydi aid olduğu dövrdə təqdim edin və ya tarixi düzəldin.",
    ]
    others = [c for c in english.columns if c not in ("message", "hint")]
    assert_frame_equal(azerbaijani[others], english[others])
    assert english.loc[0, "message"] == "District 'Shusa' is not known"  # left as it was


def test_english_in_is_english_out() -> None:
    english = _frame()
    assert_frame_equal(localised_findings(english, "en"), english)


def test_the_log_carries_only_the_values_its_own_fields_do_not_hold() -> None:
    frame = _frame()
    assert frame.columns[-1] == "params"
    assert frame["params"].tolist() == ['{"suggestion": "Şuşa"}', '{"period": "2026Q1"}']
    required = make_finding("L1.land_release.district.required", SHEET, row=5, column="district")
    assert required.params == "{}"
    assert read_params(float("nan")) == read_params("") == {}


def _fields(*templates: str) -> list[str]:
    names = (n for t in templates for _, n, _, _ in string.Formatter().parse(t) if n)
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("language", ["en", "az"])
def test_every_rule_is_filled_again_from_its_findings_fields_and_params(language: str) -> None:
    """For every rule of the catalogue: a finding made with a value for each field its
    words name gives back, from the fields the log keeps, exactly its English words, and
    Azerbaijani words with every field filled in."""
    for rule in catalogue():
        text = RULE_TEXT[rule.check]
        names = _fields(rule.message, rule.hint)
        context = {n: f"<{n}>" for n in names if n not in OWN_FIELDS}
        source = Source("f.xlsx", "0" * 64, "ANAMA", rule.dataset, rule.dataset)
        finding = make_finding(
            rule.rule_id, source, row=2, column=rule.column, cell="C2", value="v", **context
        )
        assert "{" not in finding.message + finding.hint, rule.rule_id
        own = {name: str(getattr(finding, name)) for name in OWN_FIELDS}
        message, hint, _ = finding_texts(rule.rule_id, own | read_params(finding.params), language)
        assert "{" not in message + hint, (rule.rule_id, message, hint)
        if language == "en":
            assert (message, hint) == (finding.message, finding.hint), rule.rule_id
        else:
            assert message != finding.message or not text.message.strip(), rule.rule_id


def test_a_word_of_the_code_and_a_figure_are_shown_in_the_readers_language() -> None:
    file = Source("x.xlsx", "1" * 64)
    unknown = make_finding("L0.file.agency_unknown", file, value=NO_AGENCY)
    assert localised(unknown, "az")[0] == (
        "'(yoxdur)' qurumu məlumat təqdim edən qurumlardan deyil"
    )
    frame = localised_findings(findings_frame([unknown]), "az")
    assert frame.loc[0, "value"] == "(yoxdur)"
    far = make_finding(
        "L2.land_release.far_from_history",
        SHEET,
        value="12,345.5",
        mean="1,000",
        quarters="2025Q3, 2025Q4",
    )
    message = localised(far, "az")[0]
    assert message == (
        f"Bu təqdim edilmiş məlumatda istifadəyə verilmiş ərazi (m²): 12{NARROW}345,5; bu, "
        f"2025Q3, 2025Q4 rüblərinin orta qiymətinin (1{NARROW}000) 3 mislindən çoxdur"
    )
    assert figure_text("12,345.50", "en") == "12,345.50"
    assert figure_text("1 234,5", "az") == "1 234,5"  # not a figure the code wrote


def test_an_agencys_value_stays_as_it_was_typed() -> None:
    typed = make_finding(
        "L1.land_release.method.code", SHEET, row=2, column="method", value="none", codes="a, b"
    )
    assert localised(typed, "az")[0] == "'none' dəyəri 'method' üçün düzgün deyil"


def test_rule_descriptions_in_both_languages() -> None:
    assert rule_description("L1.land_release.area_m2.positive", "az") == "Dəyər sıfırdan böyükdür"
    assert rule_description("L2.land_release.far_from_history", "az") == (
        "Dövr üçün göndərilmiş göstərici (istifadəyə verilmiş ərazi (m²)) mənbənin son 4 rübü "
        "üzrə orta qiymətinin 3 mislindən çox deyil"
    )
    assert rule_description("L3.land_release.hazard_id.unknown", "az") == (
        "'hazard_id' dəyəri son təhlükəli ərazilər reyestrindəki təhlükəli ərazi ilə uyğun gəlir"
    )
    for rule in catalogue():
        assert rule_description(rule.rule_id, "en") == rule_of(rule.rule_id).description


def test_a_frame_from_elsewhere_is_read_as_far_as_it_goes() -> None:
    frame = _frame().drop(columns=["params"])
    frame.loc[1, "rule_id"] = "L1.land_release.gone"
    shown = localised_findings(frame, "az")
    assert shown.loc[0, "message"] == "'Shusa' rayonu məlum deyil"
    assert shown.loc[1, "message"] == frame.loc[1, "message"]  # a rule no longer known
    assert localised_findings(frame.iloc[0:0], "az").empty


def test_the_terminal_lines_in_each_language() -> None:
    finding = _misspelt_district()
    assert format_finding(finding, "en") == (
        "  ERROR   sheet 'land_release' row 3 cell D3: District 'Shusa' is not known\n"
        "          L1.land_release.district.known — Did you mean 'Şuşa'? Use a district name "
        "from the template's list."
    )
    assert format_finding(finding, "az") == (
        "  XƏTA        vərəq 'land_release' sətir 3 xana D3: 'Shusa' rayonu məlum deyil\n"
        "              L1.land_release.district.known — Bəlkə 'Şuşa' nəzərdə tutulub? "
        "Şablondakı siyahıdan rayon adı yazın."
    )
    assert [severity_word(s, "az") for s in ("error", "warning", "info")] == [
        "xəta",
        "xəbərdarlıq",
        "məlumat",
    ]
    counts = ValidationCounts(2, 10, 8, 2, 2, 1, 0)
    assert counts.describe() == (
        "2 files, 10 records: 8 accepted, 2 rejected; 2 errors, 1 warnings, 0 notes"
    )
    assert counts.describe("az") == (
        "2 fayl, 10 qeyd: 8 qəbul edilmiş, 2 rədd edilmiş; 2 xəta, 1 xəbərdarlıq, 0 məlumat"
    )
