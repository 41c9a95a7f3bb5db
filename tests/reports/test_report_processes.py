"""The run's reports: each PDF laid out in a process of its own while the run writes its
other outputs; the same bytes as in the run's own process; errors reach the run."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from sdg18.reports import ministry
from sdg18.reports.context import ReportContext
from sdg18.reports.pdf.render import pdf_bytes, write_pdf
from tests.reports.conftest import Rendered


def _worker_pid() -> int:
    return os.getpid()


def test_a_pdf_rendered_elsewhere_is_the_pdf_rendered_here(
    rendered: Rendered, tmp_path: Path
) -> None:
    """Same context, same edition, same attachments: the same bytes, from another process."""
    from sdg18.reports.pdf.processes import _workers

    attachments = (rendered.workbook, rendered.indicators_csv)
    here = pdf_bytes(rendered.context, "en", attachments)

    path = write_pdf(
        rendered.context, tmp_path / "en.pdf", "en", attachments=attachments, elsewhere=True
    )

    assert path.read_bytes() == here
    assert _workers().submit(_worker_pid).result() != os.getpid()


def test_the_other_outputs_are_written_while_the_pdfs_are_laid_out(
    rendered: Rendered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edition's PDF starts once its workbook is written and runs beside ``meanwhile``:
    a PDF that waits for ``meanwhile`` to start would never end if they ran in turn."""
    meanwhile_started = threading.Event()
    calls: list[tuple[str, bool, bool]] = []

    def pdf_waiting_for_meanwhile(
        context: ReportContext,
        path: Path,
        language: str,
        *,
        attachments: Sequence[Path] = (),
        elsewhere: bool = False,
    ) -> Path:
        calls.append((language, attachments[0].exists(), elsewhere))
        assert meanwhile_started.wait(timeout=60), "the PDF did not run beside the other outputs"
        path.write_text(f"{language} PDF", encoding="utf-8")
        return path

    monkeypatch.setattr(ministry, "write_pdf", pdf_waiting_for_meanwhile)
    csv = rendered.indicators_csv

    written = ministry.write_reports(
        rendered.context,
        tmp_path,
        ("az", "en"),
        indicators_csv=csv,
        meanwhile=meanwhile_started.set,
    )

    assert sorted(calls) == [("az", True, True), ("en", True, True)]
    assert [pdf.read_text(encoding="utf-8") for _, pdf in written] == ["az PDF", "en PDF"]
    assert [workbook.name for workbook, _ in written] == [
        f"sdg18_{rendered.context.period}_indicators_az.xlsx",
        f"sdg18_{rendered.context.period}_indicators_en.xlsx",
    ]


def test_an_error_laying_out_a_pdf_reaches_the_run_after_the_other_outputs(
    rendered: Rendered, tmp_path: Path
) -> None:
    """A template the renderer cannot find fails in the worker: the run gets that error,
    once ``meanwhile`` has run, and no PDF is written."""
    from jinja2 import TemplateNotFound

    empty = tmp_path / "no-templates"
    empty.mkdir()
    wrote: list[str] = []

    with pytest.raises(TemplateNotFound):
        write_pdf(rendered.context, tmp_path / "en.pdf", "en", templates=empty, elsewhere=True)
    assert not (tmp_path / "en.pdf").exists()

    def broken(context: ReportContext, path: Path, language: str, **_: object) -> Path:
        return write_pdf(context, path, language, templates=empty, elsewhere=True)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ministry, "write_pdf", broken)
        with pytest.raises(TemplateNotFound):
            ministry.write_reports(
                rendered.context,
                tmp_path / "out",
                ("en",),
                indicators_csv=rendered.indicators_csv,
                meanwhile=lambda: wrote.append("other outputs"),
            )
    assert wrote == ["other outputs"]


def test_the_runs_process_lays_out_nothing_and_imports_no_weasyprint(
    rendered: Rendered, tmp_path: Path
) -> None:
    """Started early, the workers load WeasyPrint; the process that asks for the PDF
    (the run's) gets its bytes without importing it."""
    import pickle
    import subprocess
    import sys

    context = tmp_path / "context.pickle"
    context.write_bytes(pickle.dumps(rendered.context.without_traces()))
    probe = (
        "import pickle, sys\n"
        "from pathlib import Path\n"
        "from sdg18.reports.pdf.output import write_pdf\n"
        "from sdg18.reports.pdf.processes import start_renderers\n"
        "if __name__ == '__main__':\n"
        "    start_renderers()\n"
        f"    context = pickle.loads(Path({str(context)!r}).read_bytes())\n"
        f"    path = write_pdf(context, Path({str(tmp_path / 'en.pdf')!r}), 'en', elsewhere=True)\n"
        "    print(path.read_bytes()[:5], 'weasyprint' in sys.modules)\n"
    )
    script = tmp_path / "probe.py"
    script.write_text(probe, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.stdout.split() == ["b'%PDF-'", "False"], done.stdout + done.stderr
