"""The store's tables, derived from the data contract (one table of records per dataset)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from schemas import DATASETS, column_specs
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS

metadata = sa.MetaData()

_KIND_TYPES: dict[str, sa.types.TypeEngine[Any]] = {
    "id": sa.Text(),
    "text": sa.Text(),
    "district": sa.Text(),
    "code": sa.Text(),
    "date": sa.Date(),
    "number": sa.Float(),
    "integer": sa.BigInteger(),
}

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("run_no", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(80), nullable=False, unique=True),
    sa.Column("period", sa.String(6), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("verdict", sa.String(16), nullable=False),
    sa.Column("code_version", sa.String(80), nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("submission_no", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_no", sa.Integer, sa.ForeignKey("runs.run_no"), nullable=False),
    sa.Column("period", sa.String(6), nullable=False),
    sa.Column("agency", sa.String(16), nullable=False),
    sa.Column("dataset", sa.String(32), nullable=False),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("sheet", sa.Text, nullable=False),
    #: accepted (its records replace earlier ones), rejected (level 0), superseded
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("records_accepted", sa.Integer, nullable=False),
    sa.Column("records_rejected", sa.Integer, nullable=False),
)

ORIGIN = (
    sa.Column("submission_no", sa.Integer, nullable=False),
    sa.Column("agency", sa.String(16), nullable=False),
    sa.Column("submission_period", sa.String(6), nullable=False),
    sa.Column("record_period", sa.String(6)),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("sheet", sa.Text, nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    #: The run whose submission replaced this record (NULL while it is in use): records are
    #: retired, never deleted, so every earlier run's records can be read again.
    sa.Column("retired_run", sa.Integer),
)


def _records_table(dataset: str) -> sa.Table:
    columns = [
        sa.Column(name, _KIND_TYPES[spec.kind]) for name, spec in column_specs(dataset).items()
    ]
    table = sa.Table(f"records_{dataset}", metadata, *columns, *(c.copy() for c in ORIGIN))
    sa.Index(f"ix_records_{dataset}_key", table.c.agency, table.c.submission_period)
    sa.Index(f"ix_records_{dataset}_submission", table.c.submission_no)
    return table


records = {dataset: _records_table(dataset) for dataset in DATASETS}

published_values = sa.Table(
    "published_values",
    metadata,
    sa.Column("run_no", sa.Integer, sa.ForeignKey("runs.run_no"), nullable=False, index=True),
    sa.Column("indicator", sa.String(16), nullable=False),
    sa.Column("series", sa.String(64), nullable=False),
    sa.Column("unit", sa.String(32), nullable=False),
    sa.Column("period", sa.String(6), nullable=False),
    sa.Column("scope", sa.String(16), nullable=False),
    *(sa.Column(name, sa.Text, nullable=False) for name in BREAKDOWN_COLUMNS),
    sa.Column("value", sa.Float),
    sa.Column("note", sa.Text, nullable=False),
)
