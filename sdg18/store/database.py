"""Reading and writing the store. Every write of a run is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from schemas import column_specs
from sdg18.core.faults import checkpoint
from sdg18.core.indicator_layout import BREAKDOWN_COLUMNS, INDICATOR_COLUMNS, keyed
from sdg18.core.outputs import SQLITE_NAME
from sdg18.core.records import ORIGIN_COLUMNS, Records, empty_records
from sdg18.core.settings import Settings
from sdg18.store import tables
from sdg18.store.loading import AlchemyTransaction, Transaction, sqlite_transaction

#: Reads a query (of the table given, if one is) into a frame.
Reader = Callable[[sa.Select[Any], sa.Table | None], pd.DataFrame]

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


def _numbered_records(
    frame: pd.DataFrame, dataset: str, numbers: dict[tuple[str, str, str], int]
) -> pd.DataFrame:
    """The record columns of ``frame`` as the store keeps them, each with the number of
    the submission it was accepted from (by file SHA-256 and sheet)."""
    rows = frame[[*column_specs(dataset), *ORIGIN_COLUMNS]]
    number = np.zeros(len(rows), dtype="int64")
    for sha, sheet in rows[["file_sha256", "sheet"]].drop_duplicates().itertuples(index=False):
        same = (rows["file_sha256"].eq(sha) & rows["sheet"].eq(sheet)).to_numpy()
        number[same] = numbers[(sha, sheet, dataset)]
    return rows.assign(submission_no=number)


def typed_records(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Records read back from SQL with the dtypes the validator produced."""
    typed = empty_records(dataset) if frame.empty else frame.copy()
    for name, spec in column_specs(dataset).items():
        if spec.kind == "date":  # SQLite gives ISO text, PostgreSQL dates
            iso = "ISO8601" if pd.api.types.is_string_dtype(typed[name]) else None
            typed[name] = pd.to_datetime(typed[name], format=iso).astype("datetime64[us]")
        elif spec.kind == "number":
            typed[name] = pd.to_numeric(typed[name]).astype("float64")
        elif spec.kind == "integer":
            typed[name] = pd.to_numeric(typed[name]).astype("Int64")
        elif typed[name].dtype != "str":  # text read back as text stays as it is
            typed[name] = typed[name].astype("str").where(typed[name].notna())
    for name in ORIGIN_COLUMNS:
        if name == "row":
            typed[name] = typed[name].astype("int64")
        elif typed[name].dtype != "str":
            typed[name] = typed[name].astype("str")
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
            origins = read(_ORIGINS, None) if wanted else pd.DataFrame()
            for dataset, table in tables.records.items():
                if dataset not in wanted:
                    found[dataset] = empty_records(dataset)
                    continue
                own = [table.c[name] for name in column_specs(dataset)]
                query = sa.select(*own, *(table.c[name] for name in _PER_RECORD))
                read_back = read(query.where(where(table)), table)
                found[dataset] = typed_records(_with_origin(read_back, origins), dataset)
        return found

    def _sqlite_file(self) -> str | None:
        """The path of the store's SQLite file (None for another database, or in memory)."""
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            return database
        return None

    @contextmanager
    def _transaction(self) -> Iterator[Transaction]:
        """One transaction for a run's write: on an SQLite file through ADBC (rows bound
        from Arrow, several times faster than the driver's ``executemany``), else on a
        SQLAlchemy connection (PostgreSQL loads by ``COPY``)."""
        database = self._sqlite_file()
        if database is not None:
            with sqlite_transaction(database, self.engine.dialect) as adbc:
                yield adbc
            return
        with self.engine.begin() as conn:
            yield AlchemyTransaction(conn)

    @contextmanager
    def _reader(self) -> Iterator[Reader]:
        """Reads a query into a frame: through ADBC (Arrow, about 4× faster on a million
        rows; a large table in two halves at once) for an SQLite file, else through
        SQLAlchemy. Given the query's table, the reader may split it by rowid."""
        database = self._sqlite_file()
        if database is not None:
            with _adbc_reader(database, self.engine.dialect) as read:
                yield read
            return
        with self.engine.connect() as conn:

            def query_frame(query: sa.Select[Any], table: sa.Table | None = None) -> pd.DataFrame:
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
        with self._transaction() as tx:
            run_no = tx.returning(
                tables.runs.insert().values(**run.__dict__).returning(tables.runs.c.run_no)
            )
            numbers: dict[tuple[str, str, str], int] = {}
            for row in submissions:
                number = tx.returning(
                    tables.submissions.insert()
                    .values(run_no=run_no, **row.__dict__)
                    .returning(tables.submissions.c.submission_no)
                )
                if row.status == "accepted":  # the one submission its records come from
                    numbers.setdefault((row.file_sha256, row.sheet, row.dataset), number)
            for agency, dataset in replaced:
                table = tables.records[dataset]
                tx.execute(
                    table.update()
                    .where(
                        (table.c.agency == agency)
                        & (table.c.submission_period == run.period)
                        & table.c.retired_run.is_(None)
                    )
                    .values(retired_run=run_no)
                )
            for dataset, frame in current.items():
                if not frame.empty:
                    rows = _numbered_records(frame, dataset, numbers)
                    tx.load(tables.records[dataset], rows)
            if not values.empty:
                published = keyed(values)[list(INDICATOR_COLUMNS)]
                published["note"] = published["note"].fillna("").astype(str)
                published["run_no"] = run_no
                tx.load(tables.published_values, published)
            checkpoint("before-store-commit")
        return int(run_no)


#: A table with more rows than this is read in two halves at once (two connections, two
#: threads: the ADBC driver converts rows to Arrow without holding the GIL).
SPLIT_ROWS = 200_000
_HALVES = 2


@contextmanager
def _adbc_reader(database: str, dialect: sa.Dialect) -> Iterator[Reader]:
    """Queries of the SQLite file ``database`` read through ADBC into frames."""
    import adbc_driver_sqlite.dbapi as adbc

    def compiled(query: sa.Select[Any]) -> str:
        return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    def on_own_connection(query: sa.Select[Any]) -> pd.DataFrame:
        with adbc.connect(database) as own:
            return pd.read_sql(compiled(query), own)  # type: ignore[call-overload]

    with adbc.connect(database) as conn:

        def query_frame(query: sa.Select[Any], table: sa.Table | None = None) -> pd.DataFrame:
            bounds = _rowid_bounds(conn, table, compiled) if table is not None else None
            if bounds is None or bounds[1] - bounds[0] < SPLIT_ROWS:
                return pd.read_sql(compiled(query), conn)  # type: ignore[call-overload]
            rowid: sa.ColumnClause[Any] = sa.literal_column("rowid")
            cut = (bounds[0] + bounds[1]) // 2
            halves = [query.where(rowid <= cut), query.where(rowid > cut)]
            with ThreadPoolExecutor(_HALVES) as pool:
                frames = list(pool.map(on_own_connection, halves))
            return pd.concat(frames, ignore_index=True)

        yield query_frame


def _rowid_bounds(
    conn: Any, table: sa.Table, compiled: Callable[[sa.Select[Any]], str]
) -> tuple[int, int] | None:
    """The smallest and largest rowid of ``table`` (None when it is empty)."""
    rowid: sa.ColumnClause[Any] = sa.literal_column("rowid")
    bounds = sa.select(sa.func.min(rowid), sa.func.max(rowid)).select_from(table)
    with conn.cursor() as cursor:
        cursor.execute(compiled(bounds))
        low, high = cursor.fetchone()
    return None if low is None else (int(low), int(high))


def _add_retired_run(engine: sa.Engine) -> None:
    """Give a store made before records were retired (not deleted) its ``retired_run``
    column; nothing happens to a store that has it."""
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in tables.records.values():
            if "retired_run" not in {c["name"] for c in inspector.get_columns(table.name)}:
                conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN retired_run INTEGER"))


#: What a record's origin holds of its own; the rest (agency, period, file, its SHA-256,
#: sheet) is its submission's, read once per submission instead of once per record — a
#: million copies of the same file name and hash are most of what reading them costs.
_PER_RECORD = ("submission_no", "record_period", "row")
_SUBMITTED = ("agency", "submission_period", "file", "file_sha256", "sheet")
_ORIGINS = sa.select(
    tables.submissions.c.submission_no,
    tables.submissions.c.agency,
    tables.submissions.c.period.label("submission_period"),
    tables.submissions.c.file,
    tables.submissions.c.file_sha256,
    tables.submissions.c.sheet,
)


def _with_origin(frame: pd.DataFrame, origins: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (records with their submission number) with their submission's origin
    columns, in the order of the store: period, agency, file, sheet, then row."""
    keys = ["submission_period", "agency", "file", "sheet", "submission_no"]
    ranked = origins.sort_values(keys, kind="stable").set_index("submission_no")
    at = ranked.index.get_indexer(pd.Index(frame["submission_no"]))
    if (at < 0).any():
        raise KeyError("records name a submission the store does not hold")
    order = np.lexsort((frame["row"].to_numpy(), at))
    frame = frame.iloc[order].reset_index(drop=True)
    taken = at[order]
    for name in _SUBMITTED:  # a take of the text array: no per-record Python strings
        frame[name] = pd.Series(ranked[name].astype("str").array.take(taken))
    return frame.drop(columns="submission_no")


def open_store(settings: Settings, out_dir: Path) -> Store:
    """The store for ``out_dir`` (created when missing); use it in a ``with`` block, which
    closes its connections at the end."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return Store(sa.create_engine(store_url(settings, out_dir)))
