"""Audit-site benchmark (issue 13): its size, and how soon each page answers in Chromium.

On one stress run (200,000 land_release and 1,000,000 eo_items rows plus a
realistic quarter; ``--scale`` shrinks both; an outputs folder of an earlier
stress run can be given with ``--outputs``):

- the size of ``<period>/audit/`` (the manifest lists and hashes every file of it);
- for each page, the time from navigating to ``file://…/<page>`` until the page
  has loaded its data and filled its tables (``body[data-ready]``), in Debian's
  Chromium driven by Playwright; median of ``--rounds`` loads in a fresh browser
  context each;
- the findings page again with **50,000 findings**: the stress inbox is clean, so
  a copy of the site gets the run's findings repeated (rows renumbered) up to that
  count, written with the same code as a run (``sdg18.reports.audit``); then the
  time to filter them by a rule and to search their text.

    .venv/bin/python benchmarks/audit.py                       # stress size (a few minutes)
    .venv/bin/python benchmarks/audit.py --outputs /tmp/out    # an existing stress run
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from sdg18.reports.audit.site import PAGES, write_findings_data

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from lineage import GENERATE, ITEMS, LIMITS, PERIOD, PYTHON, RELEASES, RUN  # noqa: E402

CHROMIUM = os.environ.get("SDG18_CHROMIUM", "/usr/bin/chromium")
FINDINGS = 50_000


def _stress_run(work: Path, scale: float) -> Path:
    releases, items = int(RELEASES * scale), int(ITEMS * scale)
    inbox, out = work / f"inbox-{releases}-{items}", work / "out"
    if not (inbox / PERIOD).is_dir():
        subprocess.run([PYTHON, "-c", GENERATE, str(inbox), PERIOD, str(releases), str(items)],
                       check=True)  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, **LIMITS}
    subprocess.run([PYTHON, "-c", RUN, PERIOD, str(inbox), str(out)], check=True, env=env)
    return out


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _ready_seconds(browser: object, url: str, rounds: int, then: str = "") -> list[float]:
    """Seconds from navigating to ``url`` until the page is ready (then until ``then``, a
    script run after it that returns a promise, settles)."""
    seconds = []
    for _ in range(rounds):
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        if then:
            start = time.perf_counter()
            page.evaluate(then)
        seconds.append(time.perf_counter() - start)
        context.close()
    return seconds


def _many_findings(audit: Path, findings_jsonl: Path, target: Path) -> int:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(audit, target)
    lines = findings_jsonl.read_text(encoding="utf-8").splitlines()
    found = pd.DataFrame([json.loads(line) for line in lines])
    copies = -(-FINDINGS // max(len(found), 1))
    many = pd.concat([found] * copies, ignore_index=True).head(FINDINGS)
    many["row"] = range(2, len(many) + 2)
    write_findings_data(many, {}, target / "data")
    return len(many)


#: Filter the findings by their commonest rule, then search a word; resolves when shown.
FILTER = """async () => {
  const select = document.getElementById('f-rule_id');
  select.selectedIndex = 1;
  select.dispatchEvent(new Event('change'));
  await new Promise(r => setTimeout(r, 0));
  while (!document.getElementById('finding-count').textContent.includes(' of ')) {
    await new Promise(r => setTimeout(r, 5));
  }
}"""
SEARCH = """async () => {
  const box = document.getElementById('f-search');
  box.value = 'row';
  box.dispatchEvent(new Event('input'));
  await new Promise(r => setTimeout(r, 250));
  while (!document.getElementById('finding-count').textContent.includes(' of ')) {
    await new Promise(r => setTimeout(r, 5));
  }
}"""


def main() -> None:
    """Measure and print the table."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/sdg18-bench-audit"))
    parser.add_argument("--outputs", type=Path, help="outputs of an earlier stress run")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    out = args.outputs or _stress_run(args.work, args.scale)
    audit = out / PERIOD / "audit"
    rows = [("audit/ folder", f"{_size(audit) / 1e6:.1f} MB", "< 50 MB")]
    many = args.work / "many-findings"
    count = _many_findings(audit, out / PERIOD / "validation" / "findings.jsonl", many)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM)
        for page, _ in PAGES:
            loads = _ready_seconds(browser, (audit / page).as_uri(), args.rounds)
            target = "< 2 s" if page == "index.html" else ""
            rows.append((f"{page} ready", f"{statistics.median(loads):.2f} s", target))
        findings = (many / "findings.html").as_uri()
        for what, script in (("ready", ""), ("filtered by a rule", FILTER), ("searched", SEARCH)):
            median = statistics.median(_ready_seconds(browser, findings, args.rounds, script))
            rows.append((f"findings.html, {count:,} findings: {what}", f"{median:.2f} s", ""))
        browser.close()
    print(f"audit site of {out} (median of {args.rounds} loads):")
    for row in rows:
        print(" | ".join(row))


if __name__ == "__main__":
    main()
