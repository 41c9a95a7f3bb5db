"""An unchanged re-run: the period's outputs stand, nothing is computed again.

What a run of a period publishes is decided by its run key (every inbox file's
key and the code: :func:`sdg18.run.fingerprints.run_key`) and by the store it
starts from. When the period's published manifest carries the same run key, the
store's last run is still that run (no run of any period has written since),
and every output still has the SHA-256 its manifest lists, a new run would
read the same records, merge them into the same store and compute the same
values: its outputs stand. The run then only adds a manifest of verdict
``unchanged`` to the chain, naming the run whose outputs stand.

The outputs that stand keep their revisions (against the publication before
them): a run that computed everything again would find none, since its values
equal those just published, and would say less.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sdg18.core.outputs import MANIFEST_NAME, PeriodOutputs
from sdg18.core.periods import Period
from sdg18.ingest.discover import InboxFile, sha256_of
from sdg18.integrity.chain import record_unchanged_run
from sdg18.integrity.manifest import (
    PUBLISHED,
    Manifest,
    RunFacts,
    read_manifest,
    unchanged_manifest,
)
from sdg18.run.result import RunResult

if TYPE_CHECKING:
    from sdg18.store import Store


def standing_manifest(folder: Path, key: str, store: Store) -> Manifest | None:
    """The manifest of ``folder`` (a period's outputs) when they stand for a run of key
    ``key`` on ``store``; None when anything differs (then the run computes)."""
    try:
        manifest = read_manifest(folder / MANIFEST_NAME)
    except (OSError, ValueError):
        return None
    if manifest.get("run_key") != key or manifest.get("verdict") not in PUBLISHED:
        return None
    if store.last_run_id() != manifest.get("run_id"):
        return None
    for entry in manifest.get("outputs", []):
        path = folder / str(entry.get("path", ""))
        if not path.is_file() or sha256_of(path) != entry.get("sha256"):
            return None
    return manifest


def standing_run(
    period: Period,
    files: list[InboxFile],
    store: Store,
    out_dir: Path,
    run_id: str,
    started_at: dt.datetime,
    facts: RunFacts,
) -> RunResult | None:
    """The result of a run whose period's outputs stand: its manifest added to the chain,
    nothing computed or written; None when the run must compute."""
    outputs = PeriodOutputs(out_dir / str(period), str(period))
    standing = standing_manifest(outputs.folder, facts.run_key, store)
    if standing is None:
        return None
    # Imported only once the outputs stand: deciding whether they do needs neither.
    import pandas as pd

    from sdg18.validation.report import ValidationCounts

    manifest = unchanged_manifest(
        run_id, str(period), facts, started_at, files, standing, sha256_of(outputs.manifest)
    )
    digest = record_unchanged_run(out_dir, manifest)
    return RunResult(
        run_id,
        str(period),
        standing["verdict"],
        ValidationCounts(**standing["validation"]),
        outputs.folder,
        pd.read_csv(outputs.revisions_csv),
        pd.read_csv(outputs.indicators_csv),
        None,
        digest,
        stands_for=str(standing["run_id"]),
    )
