"""The ministry workbook opened as a reader would: values as published, layout, charts,
determinism (the English edition; ``test_workbook_editions`` reads the Azerbaijani one,
``test_workbook_printing`` prints both)."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from sdg18.indicators import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, load_framework
from sdg18.reports.exports.indicators_csv import read_indicators_csv
from sdg18.reports.numbers import decimals, round_for
from sdg18.reports.quality import inputs_fingerprint
from sdg18.reports.xlsx.sheets import INDICATOR_HEADER, TABLE_ROW
from tests.reports.conftest import Rendered


def _open(path: Path) -> Workbook:
    return load_workbook(path)


def _published(value: float, unit: str) -> float:
    """``value`` of indicators.csv as the workbook publishes it (NaN stays NaN)."""
    return value if math.isnan(value) else round_for(value, unit)


def _same(a: object, b: object) -> bool:
    """Equal numbers, or both missing."""
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return a == b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b


def test_the_values_sheet_equals_indicators_csv_rounded_as_published(rendered: Rendered) -> None:
    expected = read_indicators_csv(rendered.indicators_csv)
    sheet = _open(rendered.workbook)["values"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == INDICATOR_COLUMNS
    found = pd.DataFrame(rows[1:], columns=list(INDICATOR_COLUMNS))
    text = [c for c in INDICATOR_COLUMNS if c != "value"]
    found[text] = found[text].fillna("").astype(str)
    found["value"] = pd.to_numeric(found["value"]).astype("float64")
    text_of = [c for c in INDICATOR_COLUMNS if c != "value"]
    pd.testing.assert_frame_equal(found[text_of], expected[text_of], check_dtype=False)
    published = [_published(v, u) for v, u in zip(expected["value"], expected["unit"], strict=True)]
    pairs = zip(found["value"], published, strict=True)
    assert all(_same(a, b) for a, b in pairs)
    # full precision only in the CSV
    assert any(a != b for a, b in pairs_of(found, expected) if not math.isnan(b))


def pairs_of(found: pd.DataFrame, expected: pd.DataFrame) -> list[tuple[float, float]]:
    """The values of the sheet and of indicators.csv, row by row."""
    return list(zip(found["value"], expected["value"], strict=True))


def _csv_values(path: Path, period: str) -> dict[tuple[str, str, str, str], float]:
    """(series, scope, breakdown, code) → value of ``period`` in ``indicators.csv``, as
    published."""
    table = read_indicators_csv(path)
    table = table[table["period"] == period]
    found = {}
    for record in table.to_dict("records"):
        named = [(c, record[c]) for c in BREAKDOWN_COLUMNS if record[c]]
        breakdown, code = named[0] if named else ("", "")
        value = _published(record["value"], record["unit"])
        found[(record["series"], record["scope"], breakdown, code)] = value
    return found


def test_each_indicator_sheet_holds_the_values_of_the_period(rendered: Rendered) -> None:
    expected = _csv_values(rendered.indicators_csv, rendered.context.period)
    workbook = _open(rendered.workbook)
    compared = 0
    for meta in load_framework().indicators:
        sheet = workbook[meta.id]
        assert sheet.freeze_panes == f"F{TABLE_ROW + 1}"
        assert sheet.auto_filter.ref is not None
        header = [c.value for c in sheet[TABLE_ROW]]
        assert tuple(header[: len(INDICATOR_HEADER)]) == INDICATOR_HEADER
        for row in sheet.iter_rows(min_row=TABLE_ROW + 1, values_only=True):
            series, unit, breakdown, code = (v or "" for v in row[:4])
            for scope, value in zip(("period", "ytd", "cumulative"), row[5:8], strict=True):
                key = (series, scope, breakdown, code)
                if key not in expected:
                    assert value is None, key
                    continue
                assert _same(math.nan if value is None else value, expected[key]), key
                if value is not None and decimals(str(unit)) == 0:
                    assert isinstance(value, int), key  # a count is written as an integer
                compared += 1
    assert compared == len(expected)


def test_numbers_carry_the_format_of_their_unit(rendered: Rendered) -> None:
    workbook = _open(rendered.workbook)
    formats = {
        "18.1.1": "#,##0.0",  # ha
        "18.1.2": "#,##0.0",  # km² (first series)
        "18.2.1": "#,##0",  # persons
        "18.3.2": "0.0",  # %
        "18.2.3": "#,##0.00",  # persons per 1,000 ha
        "18.5.1": "#,##0",  # AZN
    }
    for sheet, number_format in formats.items():
        assert workbook[sheet].cell(TABLE_ROW + 1, 6).number_format == number_format


def test_no_cell_is_a_formula(rendered: Rendered) -> None:
    for path in (rendered.workbook, rendered.workbook_az):
        workbook = _open(path)
        formulas = [
            f"{sheet.title}!{cell.coordinate}"
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
        assert formulas == []
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in archive.read(name), name


def test_the_front_sheet_has_the_facts_and_links_but_no_run_stamp(rendered: Rendered) -> None:
    context = rendered.context
    workbook = _open(rendered.workbook)
    about = workbook["about"]
    facts = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row[0]}
    assert facts["period"] == context.period
    assert facts["status"] == context.verdict
    assert facts["inputs fingerprint (SHA-256)"] == inputs_fingerprint(context)
    texts = [str(v) for row in about.iter_rows(values_only=True) for v in row if v is not None]
    assert not any(context.run_id in text for text in texts)
    links = {c.value: c.hyperlink.location for row in about.iter_rows() for c in row if c.hyperlink}
    assert links["18.1.1"] == "'18.1.1'!A1"
    assert set(links) == set(workbook.sheetnames[1:])


def test_the_main_trends_are_native_charts(rendered: Rendered) -> None:
    charts = _open(rendered.workbook)["charts"]._charts
    assert len(charts) == len(load_framework().indicators)
    with zipfile.ZipFile(rendered.workbook) as archive:
        parts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(parts) == len(charts)
        xml = archive.read(parts[0]).decode()
    assert "<barChart>" in xml
    # The store holds 2025Q2 and 2025Q3: the chart starts at 2025Q2 (column O), not at the
    # first of the 8 quarters of the table (I), which would draw six empty categories.
    assert "'18.1.1'!$O$7:$P$7" in xml
    assert "'18.1.1'!$O$6:$P$6" in xml


def test_two_runs_on_the_same_inputs_give_identical_cells(
    rendered: Rendered, rendered_again: Rendered
) -> None:
    for a_path, b_path in (
        (rendered.workbook, rendered_again.workbook),
        (rendered.workbook_az, rendered_again.workbook_az),
    ):
        first, second = _open(a_path), _open(b_path)
        assert first.sheetnames == second.sheetnames
        for name in first.sheetnames:
            a = [[(c.value, c.data_type) for c in row] for row in first[name].iter_rows()]
            b = [[(c.value, c.data_type) for c in row] for row in second[name].iter_rows()]
            assert a == b, name


def _first_quarter_with_data(table: pd.DataFrame, series: str, quarters: list[str]) -> str:
    headline = table[(table["series"] == series) & (table["scope"] == "period")]
    for column in BREAKDOWN_COLUMNS:
        headline = headline[headline[column] == ""]
    present = set(headline.loc[headline["value"].notna(), "period"])
    return next(q for q in quarters if q in present)


def test_each_chart_starts_at_the_first_quarter_with_data(rendered: Rendered) -> None:
    table = read_indicators_csv(rendered.indicators_csv)
    workbook = _open(rendered.workbook)
    framework = load_framework()
    with zipfile.ZipFile(rendered.workbook) as archive:
        parts = sorted(
            (n for n in archive.namelist() if n.startswith("xl/charts/chart")),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        categories = [
            re.search(r"<cat>.*?<f>'([^']+)'!\$([A-Z]+)\$6:", archive.read(n).decode(), re.S)
            for n in parts
        ]
    assert len(categories) == len(framework.indicators)
    for meta, found in zip(framework.indicators, categories, strict=True):
        assert found is not None
        sheet, column = found.groups()
        assert sheet == meta.id
        header = [c.value for c in workbook[sheet][TABLE_ROW]]
        quarters = [str(v) for v in header if isinstance(v, str) and re.fullmatch(r"\d{4}Q\d", v)]
        first = workbook[sheet][f"{column}{TABLE_ROW}"].value
        assert first == _first_quarter_with_data(table, meta.series[0].id, quarters), meta.id
