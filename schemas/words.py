"""The marker of the words an agency reads, for the ``validation`` catalogue.

Rule descriptions, messages and hints, column descriptions and what a row of a dataset
is are written here in English and marked with :func:`N_`; ``python -m
sdg18.core.catalogues update validation`` extracts them, and
:mod:`sdg18.validation.messages` shows them in the reader's language. ``schemas`` sits
below every package of sdg18, so it cannot import ``sdg18.core.i18n``'s marker: this is
the same no-op under the same name, which the extractor knows.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 — the gettext convention, known to the extractor
    """Mark ``message`` for the catalogue without translating it (translated where shown)."""
    return message
