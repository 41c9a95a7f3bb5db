"""The message catalogues match the code: every message translated, every placeholder kept,
every ``.mo`` compiled from its ``.po``."""

from __future__ import annotations

from sdg18.core.catalogues import problems


def test_the_validation_and_metadata_catalogues_are_complete() -> None:
    assert problems(("validation", "metadata")) == []
