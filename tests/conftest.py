"""Shared fixtures: stores on SQLite and, when reachable, on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sdg18.store import Store

#: Where the PostgreSQL store tests run; CI points it at the machine's server.
POSTGRES_URL = os.environ.get(
    "SDG18_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_engine() -> tuple[sa.Engine, str] | None:
    try:
        admin = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        schema = f"sdg18_test_{uuid.uuid4().hex[:10]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception:  # no server, no driver, no rights: the PostgreSQL case is skipped
        return None
    engine = sa.create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    return engine, schema


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite, then on PostgreSQL (skipped when no server answers)."""
    if request.param == "sqlite":
        yield Store(sa.create_engine(f"sqlite:///{tmp_path / 'store.sqlite'}"))
        return
    found = _postgres_engine()
    if found is None:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    engine, schema = found
    try:
        yield Store(engine)
    finally:
        engine.dispose()
        with sa.create_engine(POSTGRES_URL).begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
