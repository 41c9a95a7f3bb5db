"""The audit site opened in a real Chromium from the file system, as an auditor would.

A synthetic quarter with injected errors (the demo's generator) is run once; its
``audit/`` folder is opened from ``file://`` in Debian's Chromium, driven by
Playwright. The findings page, filtered, must show exactly what ``findings.jsonl``
holds for the filter; a value's trace must show the rows and the recomputed value
``sdg18 trace`` gives; no page may make a request outside its folder's files; and
axe-core (npm, ``tests/browser/node_modules``) must find no serious or critical
violation on any page. A second run, of one file full of markup and a formula,
must show that text literally and run none of it.

Chromium is looked for at ``SDG18_CHROMIUM`` (default ``/usr/bin/chromium``); without
it these tests are skipped, unless ``SDG18_REQUIRE_BROWSER=1`` (``.ci/run`` sets it and
installs Chromium first), when they fail.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS
from sdg18.core.periods import Period
from sdg18.core.settings import Settings
from sdg18.reports.audit.data import PREVIEW_ROWS
from sdg18.run.trace import TraceRequest, trace_value
from sdg18.store import open_store
from sdg18.synthetic import generate_inbox
from tests.test_pipeline import _casualties, _run

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path(os.environ.get("SDG18_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("index.html", "validation.html", "findings.html", "indicators.html",
         "revisions.html", "rules.html")  # fmt: skip
Q1 = Period(2026, 1)
#: Agency text that would run if it were ever inserted as HTML.
HOSTILE = (
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    '=HYPERLINK("https://example.org/x", "click")',
)

if not CHROMIUM.is_file():
    if os.environ.get("SDG18_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install it (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One synthetic quarter (with injected errors) run into fresh outputs; the outputs."""
    root = tmp_path_factory.mktemp("audit-demo")
    generate_inbox(root / "inbox", Q1, Q1, scale=0.3)
    with open_store(Settings(), root / "out") as store:
        _run(root / "inbox", Q1, store, root / "out", "run-demo")
    return root / "out"


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ANAMA file whose name and casualty ids are markup, and a formula; the outputs."""
    root = tmp_path_factory.mktemp("audit-hostile")
    name = "<img src=x onerror=window.__pwned=1>.xlsx"
    people = [(text, "2026-02-0" + str(n)) for n, text in enumerate(HOSTILE, start=1)]
    _casualties(root / "inbox" / "2026Q1" / "ANAMA" / name, "2026Q1", people)
    with open_store(Settings(), root / "out") as store:
        _run(root / "inbox", Q1, store, root / "out", "run-hostile")
    return root / "out"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


class Page:
    """A page of an audit site, with every request it made."""

    def __init__(
        self, browser: Any, path: Path, fragment: str = "", bypass_csp: bool = False
    ) -> None:
        self.context = browser.new_context(bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)

    def rows(self, selector: str) -> list[list[str]]:
        return self.page.eval_on_selector_all(
            f"{selector} tbody tr",
            "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))",
        )

    def text(self, selector: str) -> str:
        return str(self.page.text_content(selector))

    def close(self) -> None:
        self.context.close()


def _findings(out: Path) -> pd.DataFrame:
    lines = (out / "2026Q1" / "validation" / "findings.jsonl").read_text("utf-8").splitlines()
    return pd.DataFrame([json.loads(line) for line in lines])


def _shown(findings: pd.DataFrame) -> list[list[str]]:
    """Findings as the table shows them (severity, rule, level, agency, dataset, file,
    sheet, row, cell, column, value, record, message, hint)."""
    columns = ["severity", "rule_id", "level", "agency", "dataset", "file", "sheet", "row",
               "cell", "column", "value", "record_key", "message", "hint"]  # fmt: skip

    def text(value: object) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)

    return [[text(v) for v in row] for row in findings[columns].itertuples(index=False)]


def _filter(page: Page, select: str, value: str) -> None:
    page.page.click("#f-reset")
    page.page.wait_for_timeout(50)
    page.page.select_option(select, value)
    page.page.wait_for_function(
        "([s, v]) => document.querySelector(s).value === v && "
        "document.getElementById('finding-count').textContent.includes(' of ')",
        arg=[select, value],
    )
    page.page.wait_for_timeout(200)


def test_findings_filtered_by_rule_and_by_file_match_the_log(browser: Any, demo_run: Path) -> None:
    findings = _findings(demo_run)
    assert len(findings) >= 20  # the generator injected errors
    page = Page(browser, demo_run / "2026Q1" / "audit" / "findings.html")
    total = len(findings)
    assert page.text("#finding-count") == f"{total:,} findings of {total:,}"
    rule = findings["rule_id"].value_counts().index[0]  # the commonest rule
    _filter(page, "#f-rule_id", rule)
    expected = findings[findings["rule_id"] == rule]
    noun = "finding" if len(expected) == 1 else "findings"
    assert page.text("#finding-count") == f"{len(expected):,} {noun} of {total:,}"
    assert page.rows("#findings") == _shown(expected)[:50]
    file = findings["file"].value_counts().index[-1]  # a file with few findings
    _filter(page, "#f-file", file)
    expected = findings[findings["file"] == file]
    assert page.text("#finding-count").startswith(f"{len(expected):,} finding")
    assert page.rows("#findings") == _shown(expected)[:50]
    # A finding's file leads to the inputs table: its SHA-256 and its archived copy.
    link = page.page.get_attribute("#findings tbody tr:first-child td:nth-child(6) a", "href")
    assert str(link).startswith("index.html#input-")
    assert page.errors == []
    page.close()


def _headline_number(out: Path, indicator: str) -> tuple[int, pd.Series]:
    values = pd.read_csv(out / "2026Q1" / "indicators.csv", dtype=str, keep_default_na=False)
    total = (values[[c for c in BREAKDOWN_COLUMNS if c in values]] == "").all(axis=1)
    chosen = values[(values["indicator"] == indicator) & (values["period"] == "2026Q1")
                    & (values["scope"] == "period") & total]  # fmt: skip
    return int(chosen.index[0]), chosen.iloc[0]


@pytest.mark.parametrize("indicator", ["18.2.1", "18.4.1"])
def test_a_value_s_trace_is_what_sdg18_trace_gives(
    browser: Any, demo_run: Path, indicator: str
) -> None:
    number, value = _headline_number(demo_run, indicator)
    with open_store(Settings(), demo_run) as store:
        traced = trace_value(
            store, TraceRequest(indicator, series=value["series"], period="2026Q1")
        )
    assert 0 < len(traced.rows) <= PREVIEW_ROWS, "choose a value whose trace the page shows whole"
    audit = demo_run / "2026Q1" / "audit" / "indicators.html"
    page = Page(browser, audit, f"#value-{number}")
    page.page.wait_for_function(
        "document.getElementById('trace-recomputed').dataset.value !== undefined"
    )
    assert (
        float(page.page.get_attribute("#trace-recomputed", "data-value") or "nan")
        == traced.recomputed
    )
    assert page.text("#trace-recomputed").endswith("— matches")
    columns = ["file", "sheet", "row", "dataset", "record_key", "role", "contribution"]
    expected = [
        [str(f), str(s), str(r), str(d), str(k), str(role), f"{c:g}"]
        for f, s, r, d, k, role, c in traced.rows[columns].itertuples(index=False)
    ]
    assert page.rows("#trace-rows") == expected
    assert page.text("#trace-records").startswith(f"{len(expected)} record")
    page.close()


def test_no_page_requests_anything_outside_its_folder(browser: Any, demo_run: Path) -> None:
    folder = (demo_run / "2026Q1" / "audit").resolve()
    for name in PAGES:
        page = Page(browser, folder / name)
        assert page.requests, name
        for url in page.requests:
            assert url.startswith(folder.as_uri() + "/"), (name, url)
        assert page.errors == [], name
        page.close()


def test_agency_markup_stays_text_and_never_runs(browser: Any, hostile_run: Path) -> None:
    folder = hostile_run / "2026Q1" / "audit"
    shown: list[str] = []
    for name in PAGES:
        page = Page(browser, folder / name)
        assert page.page.evaluate("window.__pwned") is None, name
        shown.append(str(page.page.evaluate("document.body.innerText")))
        page.close()
    # The file name, as written, on the run page (a static table, escaped by Jinja2).
    assert "<img src=x onerror=window.__pwned=1>.xlsx" in shown[0]
    # The ids, in the trace of casualties (data set as text by the page's script).
    number, _ = _headline_number(hostile_run, "18.2.1")
    page = Page(browser, folder / "indicators.html", f"#value-{number}")
    page.page.wait_for_function("document.querySelectorAll('#trace-rows tbody tr').length > 0")
    keys = [row[4] for row in page.rows("#trace-rows")]
    assert HOSTILE[0] in keys
    assert HOSTILE[1] in keys
    assert page.page.evaluate("window.__pwned") is None
    assert (
        page.page.query_selector("#trace-rows img, #trace-rows script, a[href^='javascript']")
        is None
    )
    page.close()
    # The formula, if it is in a finding, is shown as its text (never a link).
    findings = _findings(hostile_run)
    formula = findings[findings["value"].astype(str).str.startswith("=")]
    page = Page(browser, folder / "findings.html")
    body = str(page.page.evaluate("document.body.innerText"))
    for text in formula["value"]:
        assert str(text) in body
    assert page.page.query_selector("#findings a[href^='http']") is None
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Any, demo_run: Path, name: str
) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed at {AXE}: run make test (it runs npm ci)")
    # axe is injected as a script of its own, which the page's policy would refuse.
    page = Page(browser, demo_run / "2026Q1" / "audit" / name, bypass_csp=True)
    page.page.add_script_tag(path=str(AXE))
    result = page.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], name
    page.close()
