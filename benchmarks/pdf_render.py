"""The PDF render alone (issue 16): ``write_pdf`` of each edition on one demo quarter.

.venv/bin/python benchmarks/pdf_render.py --rounds 5 --work /tmp/sdg18-pdf-bench
git worktree add /tmp/pdf-before 24d7ad6
.venv/bin/python benchmarks/pdf_render.py --rounds 5 --before /tmp/pdf-before

The context of 2026Q3 of the synthetic demo (the six quarters before it run into the
store first, so the trend, history and revisions are there) is built once and is not
timed. One untimed warm-up render per variant and edition, then ``--rounds`` rounds,
each rendering every variant and edition once, interleaved, in this process: on a
noisy machine only variants measured in the same invocation compare. ``--before TREE``
adds a variant "before": the templates of another checkout and its
``sdg18/reports/pdf/render.py``, loaded as a module of its own (every other module is
this checkout's). The last line is one JSON object (see :func:`summary`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import pickle
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from pypdf import PdfReader

from sdg18.core.periods import Period, period_range
from sdg18.core.settings import Editions, Settings
from sdg18.integrity.manifest import RunFacts
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf import render as this_render
from sdg18.run.prepare import prepare_run
from sdg18.run.publish import complete_run
from sdg18.store import Store
from sdg18.synthetic import generate_inbox
from sdg18.validation.inbox import validate_inbox

FIRST, LAST = Period(2025, 1), Period(2026, 3)
STARTED = dt.datetime(2026, 10, 15, 2, 0, tzinfo=dt.UTC)
LANGUAGES = ("az", "en")


def demo_context(work: Path, scale: float) -> ReportContext:
    """The report context of ``LAST``, the quarters before it published into a fresh store
    (without reports: only their values and submissions matter here); kept in ``work`` as
    a pickle and read from there by the next invocation with the same scale."""
    cached = work / f"context-{scale}.pickle"
    if cached.exists():
        context: ReportContext = pickle.loads(cached.read_bytes())
        return context
    context = _built_context(work, scale)
    cached.write_bytes(pickle.dumps(context))
    return context


def _built_context(work: Path, scale: float) -> ReportContext:
    inbox, out = work / "inbox", work / "out"
    if not (inbox / "injected_errors.csv").exists():
        generate_inbox(inbox, FIRST, LAST, scale=scale)
    store_file = work / "store.sqlite"
    store_file.unlink(missing_ok=True)
    store = Store(sa.create_engine(f"sqlite:///{store_file}"))
    no_reports = RunFacts(editions=Editions(languages=()))
    for period in period_range(FIRST, LAST):
        validation = validate_inbox(inbox / str(period), period, Settings())
        run_id = f"bench-{period}"
        if period == LAST:
            return prepare_run(validation, store, run_id, STARTED).context
        complete_run(validation, store, out, run_id, STARTED, no_reports)
    raise AssertionError("unreachable: LAST is in the range")


class PdfWriter(Protocol):
    """What a variant renders with: :func:`sdg18.reports.pdf.render.write_pdf`."""

    def __call__(
        self, context: ReportContext, path: Path, language: str, *, templates: Path
    ) -> Path: ...


Variant = tuple[PdfWriter, Path]


def before_variant(tree: Path) -> Variant:
    """``write_pdf`` of ``tree``'s render module (a module of its own) and its templates."""
    spec = importlib.util.spec_from_file_location(
        "pdf_render_before", tree / "sdg18" / "reports" / "pdf" / "render.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_pdf, tree / "templates"


def render(context: ReportContext, variant: Variant, language: str, path: Path) -> float:
    """Seconds ``write_pdf`` takes for one edition."""
    write_pdf, templates = variant
    start = time.perf_counter()
    write_pdf(context, path, language, templates=templates)
    return time.perf_counter() - start


def summary(
    times: dict[str, dict[str, list[float]]], pages: dict[str, dict[str, int]]
) -> dict[str, Any]:
    """``{"benchmark": "pdf_render", "variants": {label: {language: {"min", "median",
    "rounds", "pages"}}}}``, seconds rounded to milliseconds."""
    return {
        "benchmark": "pdf_render",
        "variants": {
            label: {
                language: {
                    "min": round(min(seconds), 3),
                    "median": round(statistics.median(seconds), 3),
                    "rounds": len(seconds),
                    "pages": pages[label][language],
                }
                for language, seconds in by_language.items()
            }
            for label, by_language in times.items()
        },
    }


def print_target(variants: dict[str, Any]) -> None:
    """With a before variant, the target of issue 16: at most half its time, same pages."""
    if "before" not in variants:
        return
    for language in LANGUAGES:
        after, before = variants["after"][language], variants["before"][language]
        ratio = after["median"] / before["median"]
        same = after["pages"] == before["pages"]
        print(
            f"after ÷ before, {language}: {ratio:.2f}× of the median (target ≤ 0.5×: "
            f"{'yes' if ratio <= 0.5 else 'no'}); pages {after['pages']} and "
            f"{before['pages']} ({'the same' if same else 'DIFFERENT'})"
        )


def main() -> None:
    """Build the context, render every variant and edition in interleaved rounds, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sdg18-pdf-bench"))
    parser.add_argument("--scale", type=float, default=1.0, help="synthetic demo scale")
    parser.add_argument("--before", type=Path, help="another checkout to time as well")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    labels: dict[str, Variant] = {}
    if args.before:
        labels["before"] = before_variant(args.before.resolve())
    labels["after"] = (this_render.write_pdf, this_render.TEMPLATES)
    args.work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    context = demo_context(args.work, args.scale)
    print(f"context of {LAST}: {time.perf_counter() - start:.1f} s (not timed)", file=sys.stderr)
    times: dict[str, dict[str, list[float]]] = {v: {g: [] for g in LANGUAGES} for v in labels}
    pages: dict[str, dict[str, int]] = {v: {} for v in labels}
    for label in labels:
        for language in LANGUAGES:
            path = args.work / f"{label}-{language}.pdf"
            render(context, labels[label], language, path)  # the warm-up
            pages[label][language] = len(PdfReader(path).pages)
    for round_number in range(args.rounds):
        # Every other round in the reverse order, so no variant always follows the other.
        order = list(labels) if round_number % 2 == 0 else list(reversed(labels))
        for label in order:
            for language in LANGUAGES:
                path = args.work / f"{label}-{language}.pdf"
                seconds = render(context, labels[label], language, path)
                times[label][language].append(seconds)
                print(
                    f"round {round_number + 1} {label} {language}: {seconds:.2f} s", file=sys.stderr
                )
    result = summary(times, pages)
    for label, by_language in result["variants"].items():
        for language, figures in by_language.items():
            print(
                f"{label} {language}: min {figures['min']:.2f} s, "
                f"median {figures['median']:.2f} s, {figures['pages']} pages"
            )
    print_target(result["variants"])
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
