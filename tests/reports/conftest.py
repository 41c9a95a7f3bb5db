"""One small synthetic run per session, and the ministry reports rendered from it.

The reports are rendered twice, from the same context under two run ids and
start times, with hostile agency text added (a spreadsheet formula and an HTML
image pointing at a local server that records every request it receives).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from sdg18.core.periods import Period, period_range
from sdg18.core.settings import Settings
from sdg18.indicators.revisions import REVISION_COLUMNS
from sdg18.reports.context import ReportContext
from sdg18.reports.ministry import write_reports
from sdg18.run.publish import RunResult, complete_run
from sdg18.store import Store
from sdg18.synthetic import generate_inbox
from sdg18.validation.inbox import validate_inbox

FIRST, LAST = Period(2025, 2), Period(2025, 3)
STARTED = dt.datetime(2025, 10, 15, 2, 0, tzinfo=dt.UTC)


class HitServer:
    """An HTTP server on 127.0.0.1 (random port) recording the path of every request."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Recorder(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server dispatches to
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return

        self.hits = hits
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "x") -> str:
        """A URL on this server."""
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@dataclass(frozen=True)
class Rendered:
    """The reports of one render and what they were made from."""

    context: ReportContext
    #: The English edition (the tests that read sentences read them in English).
    workbook: Path
    pdf: Path
    indicators_csv: Path
    #: The Azerbaijani edition.
    workbook_az: Path
    pdf_az: Path


@pytest.fixture(scope="session")
def hit_server() -> Iterator[HitServer]:
    """The local server hostile agency text points at."""
    server = HitServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def hostile_texts(hit_server: HitServer) -> tuple[str, str]:
    """Agency text that a careless renderer would evaluate or fetch."""
    url = hit_server.url()
    return f'=HYPERLINK("{url}")', f'<img src="{url}">'


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """Two synthetic quarters at a small scale run through the pipeline; the last run."""
    root = tmp_path_factory.mktemp("synthetic_run")
    generate_inbox(root / "inbox", FIRST, LAST, scale=0.2)
    store = Store(sa.create_engine(f"sqlite:///{root / 'store.sqlite'}"))
    result = None
    for period in period_range(FIRST, LAST):
        validation = validate_inbox(root / "inbox" / str(period), period, Settings())
        result = complete_run(validation, store, root / "out", f"run-{period}", STARTED)
    assert result is not None
    return result


def with_hostile_text(context: ReportContext, texts: tuple[str, str]) -> ReportContext:
    """``context`` with the hostile texts as finding values and messages, input file
    names and a revision's cause — every kind of agency text the reports print."""
    formula, image = texts
    template = context.findings.iloc[[0]]
    findings = pd.concat(
        [
            template.assign(severity="error", value=formula, message=image),
            template.assign(severity="warning", value=image, message=formula),
            context.findings,
        ],
        ignore_index=True,
    )
    inputs = pd.concat(
        [
            context.inputs,
            pd.DataFrame({"file": [formula, image], "agency": "ANAMA", "size": 1, "sha256": "0"}),
        ],
        ignore_index=True,
    )
    revision = dict.fromkeys(REVISION_COLUMNS, "")
    revision |= {
        "indicator": "18.5.1",
        "series": "funding_azn",
        "unit": "AZN",
        "period": str(FIRST),
        "scope": "period",
        "old_value": 1.0,
        "new_value": 2.0,
        "cause": formula + " " + image,
    }
    revisions = pd.concat([context.revisions, pd.DataFrame([revision])], ignore_index=True)
    return dataclasses.replace(context, findings=findings, inputs=inputs, revisions=revisions)


def _render(context: ReportContext, folder: Path, indicators_csv: Path) -> Rendered:
    (workbook_az, pdf_az), (workbook, pdf) = write_reports(
        context, folder, ("az", "en"), indicators_csv=indicators_csv
    )
    return Rendered(context, workbook, pdf, indicators_csv, workbook_az, pdf_az)


@pytest.fixture(scope="session")
def rendered(
    synthetic_run: RunResult,
    hostile_texts: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Rendered:
    """The reports of the synthetic run, hostile text included."""
    context = with_hostile_text(synthetic_run.context, hostile_texts)
    folder = tmp_path_factory.mktemp("reports_first")
    return _render(context, folder, synthetic_run.folder / "indicators.csv")


@pytest.fixture(scope="session")
def rendered_again(rendered: Rendered, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The same reports from the same inputs under another run id and start time."""
    context = dataclasses.replace(
        rendered.context,
        run_id="run-again-0f3c2a",
        started_at=STARTED + dt.timedelta(days=3, hours=5, minutes=17),
    )
    folder = tmp_path_factory.mktemp("reports_again")
    return _render(context, folder, rendered.indicators_csv)


def extract_text(path: Path) -> str:
    """The text of every page of the PDF at ``path``, pages joined by newlines."""
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="session")
def pdf_text(rendered: Rendered) -> str:
    """The extracted text of the first render's PDF."""
    return extract_text(rendered.pdf)


@pytest.fixture(scope="session")
def pdf_text_again(rendered_again: Rendered) -> str:
    """The extracted text of the second render's PDF."""
    return extract_text(rendered_again.pdf)
