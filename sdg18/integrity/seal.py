"""The audit site's seal: the manifest's own SHA-256 and the chain after the run.

The manifest lists every file of the audit site, so it cannot be listed in one of
them; the seal (``audit/data/seal.js``) is written once the manifest has joined the
chain, and is the one file of a period folder its manifest does not hash.
``sdg18 verify`` checks it against the manifest instead.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sdg18.core.outputs import MANIFEST_NAME, PeriodOutputs
from sdg18.ingest.discover import sha256_of
from sdg18.integrity.manifest import Manifest, read_manifest

SEAL_NAME = "seal"


def seal_payload(manifest_sha256: str, manifest: Manifest) -> dict[str, object]:
    """What the seal says: the manifest's hash, its place in the chain, the previous one."""
    previous = manifest.get("previous_manifest")
    return {
        "manifest_sha256": manifest_sha256,
        "sequence": manifest.get("sequence"),
        "previous": None if not previous else f"{previous['run_id']} ({previous['sha256']})",
    }


def write_seal(folder: Path, period: str) -> None:
    """Seal the audit site of the period folder ``folder`` (one with a manifest and an
    audit site; nothing happens without either)."""
    # Imported here: the audit site's writer loads pandas, which a run whose outputs
    # stand (it checks seals, never writes one) does not need.
    from sdg18.reports.audit import data_script

    outputs = PeriodOutputs(folder, period)
    if not outputs.manifest.is_file() or not outputs.audit.is_dir():
        return
    payload = seal_payload(sha256_of(outputs.manifest), read_manifest(outputs.manifest))
    payload["sealed_at"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    outputs.audit_seal.parent.mkdir(parents=True, exist_ok=True)
    outputs.audit_seal.write_text(data_script(SEAL_NAME, payload), encoding="utf-8")


def seal_problem(folder: Path, period: str) -> str | None:
    """What is wrong with the seal of ``folder``'s audit site (None when it agrees with the
    manifest, or when the folder has no audit site)."""
    outputs = PeriodOutputs(folder, period)
    if not outputs.audit.is_dir():
        return None
    if not outputs.audit_seal.is_file():
        return f"{outputs.audit_seal.relative_to(folder)}: missing (the audit site is not sealed)"
    text = outputs.audit_seal.read_text(encoding="utf-8")
    prefix = f"SDG18.receive({json.dumps(SEAL_NAME)},"
    try:
        found = json.loads(text.removeprefix(prefix).removesuffix(");\n"))
    except ValueError:
        found = None
    expected = seal_payload(sha256_of(outputs.manifest), read_manifest(outputs.manifest))
    if not isinstance(found, dict) or any(found.get(k) != v for k, v in expected.items()):
        return (
            f"{outputs.audit_seal.relative_to(folder)}: does not match {MANIFEST_NAME} "
            f"(SHA-256 {expected['manifest_sha256']}): it was changed after the run"
        )
    return None
