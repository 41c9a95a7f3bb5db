"""The message catalogues match the code: every message translated, every placeholder kept,
every ``.mo`` compiled from its ``.po``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sdg18.core import catalogues
from sdg18.core.i18n import DOMAINS, LANGUAGES


def test_every_catalogue_is_complete() -> None:
    assert catalogues.problems(DOMAINS) == []


def test_a_new_message_left_untranslated_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy of the tree's catalogues and of one domain's sources, plus one new marked message.
    root = tmp_path / "tree"
    (root / "sdg18" / "reports" / "xlsx").mkdir(parents=True)
    (root / "sdg18" / "reports" / "xlsx" / "new.py").write_text(
        'from sdg18.core.i18n import N_\nTEXT = N_("A sentence nobody translated yet")\n',
        encoding="utf-8",
    )
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale)
    for language in LANGUAGES:
        (locale / language / "LC_MESSAGES" / "workbook.po").unlink()

    catalogues.update(("workbook",), root)
    catalogues.compile_all(("workbook",))

    assert catalogues.problems(("workbook",), root) == [
        "workbook/az: 'A sentence nobody translated yet' has no az translation"
    ]
