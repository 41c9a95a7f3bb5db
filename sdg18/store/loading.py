"""One run's write, as one transaction, with the rows of its records loaded in bulk.

A million records are converted to Arrow column by column (no Python object per
cell) and handed to the database in its own bulk form: for an SQLite file, an
ADBC connection that binds Arrow batches in C (``adbc_ingest``) and runs the
run's other statements too, so that they are one transaction; for PostgreSQL
through psycopg, ``COPY … FROM STDIN`` fed with CSV that Arrow writes. Elsewhere
(SQLite in memory, other databases) the rows go through the driver's
``executemany``. Whichever path, the run's statements are SQLAlchemy's and the
values stored are the same.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import sqlalchemy as sa

#: Rows converted and sent at a time: bounds the memory a million-row load holds.
INSERT_BATCH = 50_000
#: How long a write waits for another connection's lock on an SQLite file (Python's
#: ``sqlite3`` default, which SQLAlchemy's connections have).
SQLITE_BUSY_MS = 5_000
_CSV = pa_csv.WriteOptions(include_header=False, quoting_style="needed")


class Transaction(Protocol):
    """The statements of one run's write; committed together, or not at all."""

    def returning(self, statement: sa.Insert) -> Any:
        """Execute an ``INSERT … RETURNING`` of one row; its first returned value."""

    def execute(self, statement: sa.Update) -> None:
        """Execute ``statement`` (an update)."""

    def load(self, table: sa.Table, frame: pd.DataFrame) -> None:
        """Insert every row of ``frame`` (columns named as ``table``'s)."""


def arrow_type(column: sa.Column[Any]) -> pa.DataType:
    """The Arrow type a store column is loaded from: days, 64-bit whole numbers,
    floats, else text."""
    kind = column.type
    if isinstance(kind, sa.Date):
        return pa.date32()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    return pa.large_string()


def _schema(table: sa.Table, frame: pd.DataFrame) -> pa.Schema:
    return pa.schema([(name, arrow_type(table.c[name])) for name in frame.columns])


def arrow_slices(table: sa.Table, frame: pd.DataFrame) -> Iterator[pa.Table]:
    """``frame``'s rows as Arrow tables of :data:`INSERT_BATCH` rows, converted one at a
    time; blanks (None, NaN, NaT, NA) as nulls, dates as days."""
    schema = _schema(table, frame)
    for start in range(0, len(frame), INSERT_BATCH):
        part = frame.iloc[start : start + INSERT_BATCH]
        arrays = [pa.array(part[field.name], type=field.type, from_pandas=True) for field in schema]
        yield pa.table(arrays, schema=schema)


def arrow_batches(table: sa.Table, frame: pd.DataFrame) -> pa.RecordBatchReader:
    """:func:`arrow_slices` as one stream of batches."""
    batches = (batch for part in arrow_slices(table, frame) for batch in part.to_batches())
    return pa.RecordBatchReader.from_batches(_schema(table, frame), batches)


class AlchemyTransaction:
    """A run's write on a SQLAlchemy connection inside ``engine.begin()``: PostgreSQL
    (psycopg) loads by ``COPY``, SQLite by the driver's ``executemany`` of plain tuples —
    both skip SQLAlchemy's per-row processing — and others by SQLAlchemy's
    ``executemany``."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def returning(self, statement: sa.Insert) -> Any:
        return self.conn.execute(statement).scalar_one()

    def execute(self, statement: sa.Update) -> None:
        self.conn.execute(statement)

    def load(self, table: sa.Table, frame: pd.DataFrame) -> None:
        dialect = self.conn.dialect
        quote = dialect.identifier_preparer
        names = ", ".join(quote.quote(name) for name in frame.columns)
        target = quote.format_table(table)
        for batch in arrow_slices(table, frame):
            if dialect.name == "postgresql" and dialect.driver == "psycopg":
                _copy_csv(self.conn, f"COPY {target} ({names}) FROM STDIN (FORMAT csv)", batch)
            elif dialect.name == "sqlite":
                marks = ", ".join("?" for _ in frame.columns)
                sql = f"INSERT INTO {target} ({names}) VALUES ({marks})"
                self.conn.exec_driver_sql(sql, _plain_rows(batch, days_as_text=True))
            else:
                rows = _plain_rows(batch, days_as_text=False)
                columns = list(frame.columns)
                self.conn.execute(
                    table.insert(), [dict(zip(columns, r, strict=True)) for r in rows]
                )


def _copy_csv(conn: sa.Connection, copy_sql: str, batch: pa.Table) -> None:
    """Send ``batch`` to PostgreSQL's ``COPY … (FORMAT csv)`` as the CSV Arrow writes: text
    quoted (so an empty text stays empty), nulls unquoted and empty (NULL)."""
    buffer = io.BytesIO()
    pa_csv.write_csv(batch, buffer, _CSV)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(copy_sql) as copy:
        copy.write(buffer.getbuffer())


def _plain_rows(batch: pa.Table, days_as_text: bool) -> list[tuple[Any, ...]]:
    """``batch``'s rows as tuples of Python values, None for null; with ``days_as_text``,
    days as ISO text (what SQLAlchemy's Date stores in SQLite)."""
    columns = []
    for column in batch.columns:
        if days_as_text and pa.types.is_date32(column.type):
            column = pc.cast(column, pa.string())
        columns.append(column.to_pylist())
    return list(zip(*columns, strict=True))


class AdbcTransaction:
    """A run's write on one ADBC connection to an SQLite file (its own transaction):
    statements compiled by SQLAlchemy with their values inline, rows bound from Arrow."""

    def __init__(self, cursor: Any, dialect: sa.Dialect) -> None:
        self.cursor = cursor
        self.dialect = dialect

    def _sql(self, statement: sa.ClauseElement) -> str:
        return str(statement.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True}))

    def returning(self, statement: sa.Insert) -> Any:
        self.cursor.execute(self._sql(statement))
        return self.cursor.fetchone()[0]

    def execute(self, statement: sa.Update) -> None:
        self.cursor.execute(self._sql(statement))

    def load(self, table: sa.Table, frame: pd.DataFrame) -> None:
        self.cursor.adbc_ingest(table.name, arrow_batches(table, frame), mode="append")


@contextmanager
def sqlite_transaction(database: str, dialect: sa.Dialect) -> Iterator[AdbcTransaction]:
    """One transaction on the SQLite file ``database`` through ADBC: committed when the
    block ends, rolled back when it raises (and by SQLite's journal when the process is
    killed before the commit)."""
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(database) as conn:  # autocommit off: the connection is in a transaction
        with conn.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
            try:
                yield AdbcTransaction(cursor, dialect)
            except BaseException:
                conn.rollback()
                raise
        conn.commit()
