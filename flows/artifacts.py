"""The Prefect artifacts of a quarterly run: what a statistician sees in the UI.

A table of the validation summary, a Markdown page with the verdict and the
headline indicators, and links to the PDF, the workbook, the findings and the
manifest — each link made only when its file exists.
"""

from __future__ import annotations

from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)

from sdg18.core.i18n import LANGUAGES
from sdg18.core.outputs import (
    AUDIT_INDEX,
    FINDINGS_CSV,
    MANIFEST_NAME,
    report_name,
    workbook_name,
)
from sdg18.run.result import RunResult

#: (key suffix, file under the period folder, link text); one PDF and one workbook per
#: language (:data:`sdg18.core.i18n.LANGUAGES`), linked when the run wrote them.
LINKS = (
    *(
        link
        for language in LANGUAGES
        for link in (
            (
                f"report-{language}",
                report_name("{period}", language),
                f"PDF report {{period}} ({language})",
            ),
            (
                f"workbook-{language}",
                workbook_name("{period}", language),
                f"Excel workbook {{period}} ({language})",
            ),
        )
    ),
    ("findings", FINDINGS_CSV, "Validation findings {period}"),
    ("manifest", MANIFEST_NAME, "Run manifest {period}"),
    ("audit", AUDIT_INDEX, "Audit report {period} (open in a browser)"),
)


def artifact_key(period: str, what: str) -> str:
    """An artifact key (lower-case letters, digits, dashes): ``sdg18-2026q3-<what>``."""
    return f"sdg18-{period.lower()}-{what}"


def publish_artifacts(result: RunResult) -> list[str]:
    """Create the run's artifacts in the current flow run; returns their keys."""
    period = result.period
    keys = [artifact_key(period, "headlines")]
    if result.context is None:  # an earlier run's outputs stand: say so, link to them
        create_markdown_artifact(
            markdown=f"**{period}: unchanged.** Inputs, store and code are those of run "
            f"`{result.stands_for}`, whose outputs stand (verified against its manifest); "
            f"this run's manifest SHA-256: `{result.manifest_sha256}`.",
            key=keys[0],
            description=f"Verdict and headline indicators of {period}",
        )
    else:
        from sdg18.run.summary import headline_markdown, validation_rows  # pandas: a cold run

        keys.append(artifact_key(period, "validation"))
        create_table_artifact(
            table=validation_rows(result.context),
            key=keys[-1],
            description=f"Validation of {period}: one row per dataset sheet received",
        )
        create_markdown_artifact(
            markdown=headline_markdown(result.context, result.counts, result.manifest_sha256),
            key=keys[0],
            description=f"Verdict and headline indicators of {period}",
        )
    for what, name, text in LINKS:
        path = result.folder / name.format(period=period)
        if path.is_file():
            keys.append(artifact_key(period, what))
            create_link_artifact(
                link=path.resolve().as_uri(),
                link_text=text.format(period=period),
                key=keys[-1],
                description=f"{path.name} of run {result.run_id}",
            )
    return keys
