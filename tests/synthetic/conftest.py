"""A small synthetic inbox shared by the tests of this folder (two quarters, scale 0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdg18.core.periods import Period
from sdg18.synthetic import SyntheticInbox, generate_inbox

FIRST, LAST = Period(2025, 4), Period(2026, 1)


@pytest.fixture(scope="session")
def small_inbox(tmp_path_factory: pytest.TempPathFactory) -> SyntheticInbox:
    """Two quarters at scale 0.1 with 5 % of the records given a problem."""
    root: Path = tmp_path_factory.mktemp("inbox")
    return generate_inbox(root, FIRST, LAST, seed=7, scale=0.1, error_rate=0.05)
