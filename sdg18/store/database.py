"""Reading and writing the store. Every write of a run is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from schemas import column_specs
from sdg18.core.faults import checkpoint
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, keyed
from sdg18.core.outputs import SQLITE_NAME
from sdg18.core.records import ORIGIN_COLUMNS, Records, empty_records
from sdg18.core.settings import Settings
from sdg18.store import tables

VALUE_KEY = ("indicator", "series", "period", "scope", *BREAKDOWN_COLUMNS)


def store_url(settings: Settings, out_dir: Path) -> str:
    """``SDG18_DATABASE_URL`` when set, else an SQLite file in ``out_dir``."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{(out_dir / SQLITE_NAME).resolve()}"


@dataclass(frozen=True)
class SubmissionRow:
    """One dataset sheet received in a run, as the store records it."""

    period: str
    agency: str
    dataset: str
    file: str
    file_sha256: str
    sheet: str
    status: str
    records_accepted: int
    records_rejected: int


@dataclass(frozen=True)
class RunRow:
    """One run, as the store records it."""

    run_id: str
    period: str
    started_at: dt.datetime
    finished_at: dt.datetime
    verdict: str
    code_version: str


def _sql_records(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """The record columns of ``frame`` as the store keeps them (dates as days)."""
    frame = frame[[*column_specs(dataset), *ORIGIN_COLUMNS]].copy()
    for name, spec in column_specs(dataset).items():
        if spec.kind == "date":
            frame[name] = frame[name].dt.date
    return frame


#: Rows converted and sent at a time: bounds the memory a million-row insert holds.
INSERT_BATCH = 50_000


def bulk_insert(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Insert every row of ``frame`` (columns named as ``table``'s), in batches.

    PostgreSQL (psycopg): ``COPY … FROM STDIN``; SQLite: the driver's ``executemany``
    with plain tuples. Both skip SQLAlchemy's per-row parameter processing, which
    costs more than the database itself at a million rows. Other databases: a
    SQLAlchemy ``executemany``.
    """
    columns = list(frame.columns)
    dialect = conn.dialect.name
    quote = conn.dialect.identifier_preparer
    names = ", ".join(quote.quote(name) for name in columns)
    target = quote.format_table(table)
    days = {n for n in columns if dialect == "sqlite" and isinstance(table.c[n].type, sa.Date)}
    for start in range(0, len(frame), INSERT_BATCH):
        rows = _plain_rows(frame.iloc[start : start + INSERT_BATCH], days)
        if dialect == "postgresql" and conn.dialect.driver == "psycopg":
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor, cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elif dialect == "sqlite":
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f"INSERT INTO {target} ({names}) VALUES ({marks})", rows)
        else:
            conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


def _plain_rows(frame: pd.DataFrame, days: set[str]) -> list[tuple[Any, ...]]:
    """``frame``'s rows as tuples of Python values, None for missing; ``days`` columns as
    ISO text (what SQLAlchemy's Date stores in SQLite)."""
    values = []
    for name in frame.columns:
        column = frame[name].to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
        if name in days:
            column = [None if day is None else day.isoformat() for day in column]
        values.append(column)
    return list(zip(*values, strict=True))


def typed_records(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Records read back from SQL with the dtypes the validator produced."""
    typed = empty_records(dataset) if frame.empty else frame.copy()
    for name, spec in column_specs(dataset).items():
        if spec.kind == "date":
            typed[name] = pd.to_datetime(typed[name]).astype("datetime64[us]")
        elif spec.kind == "number":
            typed[name] = pd.to_numeric(typed[name]).astype("float64")
        elif spec.kind == "integer":
            typed[name] = pd.to_numeric(typed[name]).astype("Int64")
        else:
            typed[name] = typed[name].astype("str").where(typed[name].notna())
    for name in ORIGIN_COLUMNS:
        typed[name] = typed[name].astype("int64" if name == "row" else "str")
    return typed[[*column_specs(dataset), *ORIGIN_COLUMNS]].reset_index(drop=True)


class Store:
    """The store behind one SQLAlchemy engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        tables.metadata.create_all(engine)
        _add_retired_run(engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection of the engine (the store can still be used: it reconnects)."""
        self.engine.dispose()

    def records(self) -> Records:
        """Every accepted record of every period in use now (none retired), by dataset."""
        return self._records(lambda table: table.c.retired_run.is_(None))

    def records_of_run(self, run_id: str, datasets: Iterable[str] | None = None) -> Records:
        """The records in use when run ``run_id`` was written — those it and earlier runs
        added and no run up to it retired: what its values were computed from (of
        ``datasets`` only when given; the others empty). KeyError for a run the store does
        not hold."""
        run_no = self.run_number(run_id)
        added = sa.select(tables.submissions.c.submission_no).where(
            tables.submissions.c.run_no <= run_no
        )
        return self._records(
            lambda table: (
                table.c.submission_no.in_(added)
                & (table.c.retired_run.is_(None) | (table.c.retired_run > run_no))
            ),
            datasets,
        )

    def _records(
        self,
        where: Callable[[sa.Table], sa.ColumnElement[bool]],
        datasets: Iterable[str] | None = None,
    ) -> Records:
        wanted = set(tables.records) if datasets is None else set(datasets)
        found: Records = {}
        with self._reader() as read:
            for dataset, table in tables.records.items():
                if dataset not in wanted:
                    found[dataset] = empty_records(dataset)
                    continue
                query = sa.select(table).where(where(table)).order_by(*_record_order(table))
                found[dataset] = typed_records(read(query), dataset)
        return found

    @contextmanager
    def _reader(self) -> Iterator[Callable[[sa.Select[Any]], pd.DataFrame]]:
        """Reads a query into a frame: through ADBC (Arrow, about 4× faster on a million
        rows) for an SQLite file, else through SQLAlchemy."""
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            with _adbc_reader(database, self.engine.dialect) as read:
                yield read
            return
        with self.engine.connect() as conn:

            def query_frame(query: sa.Select[Any]) -> pd.DataFrame:
                return pd.read_sql(query, conn)

            yield query_frame

    def run_number(self, run_id: str) -> int:
        """The store's number of run ``run_id`` (runs are numbered in the order written);
        KeyError when the store does not hold it."""
        query = sa.select(tables.runs.c.run_no).where(tables.runs.c.run_id == run_id)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar_one_or_none()
        if found is None:
            raise KeyError(run_id)
        return int(found)

    def runs(self) -> pd.DataFrame:
        """Every run the store holds, in the order written: number, id, period, times,
        verdict, code version."""
        query = sa.select(tables.runs).order_by(tables.runs.c.run_no)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def last_run_id(self) -> str | None:
        """The run id of the run written last (any period); None for an empty store."""
        query = sa.select(tables.runs.c.run_id).order_by(tables.runs.c.run_no.desc()).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one_or_none()

    def last_published(self) -> pd.DataFrame:
        """The value last published for each key (indicator, series, period, scope, breakdown),
        with the ``run_id`` of the run that published it."""
        query = (
            sa.select(tables.published_values, tables.runs.c.run_id)
            .join(tables.runs)
            .order_by(tables.published_values.c.run_no)
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame = frame.drop_duplicates(list(VALUE_KEY), keep="last")
        return frame.drop(columns=["run_no"]).reset_index(drop=True)

    def published(self, indicator: str, series: str, period: str, scope: str) -> pd.DataFrame:
        """Every value published for ``indicator``, ``series``, ``period`` and ``scope``, by
        every run that published it (breakdowns, value, note, then ``run_id`` and
        ``run_no``), in the order the runs were written."""
        values = tables.published_values
        query = (
            sa.select(values, tables.runs.c.run_id)
            .join(tables.runs)
            .where(
                (values.c.indicator == indicator)
                & (values.c.series == series)
                & (values.c.period == period)
                & (values.c.scope == scope)
            )
            .order_by(values.c.run_no)
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def write_run(
        self,
        run: RunRow,
        submissions: Iterable[SubmissionRow],
        replaced: Iterable[tuple[str, str]],
        current: Records,
        values: pd.DataFrame,
    ) -> int:
        """Record one run in one transaction; returns its run number.

        ``replaced`` lists (agency, dataset) whose records of ``run.period`` are
        replaced by this run's ``current`` records: they are retired by this run, not
        deleted.
        """
        with self.engine.begin() as conn:
            run_no = conn.execute(
                tables.runs.insert().returning(tables.runs.c.run_no), [run.__dict__]
            ).scalar_one()
            numbers = {}
            for row in submissions:
                number = conn.execute(
                    tables.submissions.insert().returning(tables.submissions.c.submission_no),
                    [{"run_no": run_no, **row.__dict__}],
                ).scalar_one()
                numbers[(row.file_sha256, row.sheet, row.dataset)] = number
            for agency, dataset in replaced:
                table = tables.records[dataset]
                conn.execute(
                    table.update()
                    .where(
                        (table.c.agency == agency)
                        & (table.c.submission_period == run.period)
                        & table.c.retired_run.is_(None)
                    )
                    .values(retired_run=run_no)
                )
            for dataset, frame in current.items():
                if frame.empty:
                    continue
                rows = _sql_records(frame, dataset)
                rows["submission_no"] = 0
                for sha, sheet in (
                    rows[["file_sha256", "sheet"]].drop_duplicates().itertuples(index=False)
                ):
                    same = rows["file_sha256"].eq(sha) & rows["sheet"].eq(sheet)
                    rows.loc[same, "submission_no"] = numbers[(sha, sheet, dataset)]
                bulk_insert(conn, tables.records[dataset], rows)
            if not values.empty:
                published = keyed(values)[list(INDICATOR_COLUMNS)]
                published["note"] = published["note"].fillna("").astype(str)
                published["run_no"] = run_no
                bulk_insert(conn, tables.published_values, published)
            checkpoint("before-store-commit")
        return int(run_no)


@contextmanager
def _adbc_reader(
    database: str, dialect: sa.Dialect
) -> Iterator[Callable[[sa.Select[Any]], pd.DataFrame]]:
    """Queries of the SQLite file ``database`` read through ADBC into frames."""
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(database) as conn:

        def query_frame(query: sa.Select[Any]) -> pd.DataFrame:
            text = query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
            return pd.read_sql(str(text), conn)  # type: ignore[call-overload]

        yield query_frame


def _add_retired_run(engine: sa.Engine) -> None:
    """Give a store made before records were retired (not deleted) its ``retired_run``
    column; nothing happens to a store that has it."""
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in tables.records.values():
            if "retired_run" not in {c["name"] for c in inspector.get_columns(table.name)}:
                conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN retired_run INTEGER"))


def _record_order(table: sa.Table) -> list[sa.ColumnElement[Any]]:
    return [table.c.submission_period, table.c.agency, table.c.file, table.c.sheet, table.c.row]


def open_store(settings: Settings, out_dir: Path) -> Store:
    """The store for ``out_dir`` (created when missing); use it in a ``with`` block, which
    closes its connections at the end."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return Store(sa.create_engine(store_url(settings, out_dir)))
