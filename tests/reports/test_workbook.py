"""The ministry workbook opened as a reader would: values, layout, charts, determinism."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from sdg18.indicators import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, load_framework
from sdg18.reports.exports.indicators_csv import read_indicators_csv
from sdg18.reports.quality import inputs_fingerprint
from sdg18.reports.xlsx.sheets import INDICATOR_HEADER, TABLE_ROW
from tests.reports.conftest import Rendered


def _open(path: Path) -> Workbook:
    return load_workbook(path)


#: openpyxl writes a number with 16 significant digits ("%.16g"), so a value can come
#: back one unit in the last place away from the 17-digit text of indicators.csv.
RELATIVE_PRECISION = 1e-15


def _same(a: object, b: object) -> bool:
    """Equal numbers (to the 16 digits an xlsx cell keeps), or both missing."""
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return a == b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=RELATIVE_PRECISION, abs_tol=0.0)


def test_the_values_sheet_equals_indicators_csv(rendered: Rendered) -> None:
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
    pairs = zip(found["value"], expected["value"], strict=True)
    assert all(_same(a, b) for a, b in pairs)


def _csv_values(path: Path, period: str) -> dict[tuple[str, str, str, str], float]:
    """(series, scope, breakdown, code) → value of ``period`` in ``indicators.csv``."""
    table = read_indicators_csv(path)
    table = table[table["period"] == period]
    found = {}
    for record in table.to_dict("records"):
        named = [(c, record[c]) for c in BREAKDOWN_COLUMNS if record[c]]
        breakdown, code = named[0] if named else ("", "")
        found[(record["series"], record["scope"], breakdown, code)] = record["value"]
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
            series, _unit, breakdown, code = (v or "" for v in row[:4])
            for scope, value in zip(("period", "ytd", "cumulative"), row[5:8], strict=True):
                key = (series, scope, breakdown, code)
                if key not in expected:
                    assert value is None, key
                    continue
                assert _same(math.nan if value is None else value, expected[key]), key
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
    workbook = _open(rendered.workbook)
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    with zipfile.ZipFile(rendered.workbook) as archive:
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
    assert "'18.1.1'!$I$7:$P$7" in xml


def test_two_runs_on_the_same_inputs_give_identical_cells(
    rendered: Rendered, rendered_again: Rendered
) -> None:
    first, second = _open(rendered.workbook), _open(rendered_again.workbook)
    assert first.sheetnames == second.sheetnames
    for name in first.sheetnames:
        a = [[(c.value, c.data_type) for c in row] for row in first[name].iter_rows()]
        b = [[(c.value, c.data_type) for c in row] for row in second[name].iter_rows()]
        assert a == b, name
