"""Where an indicator value comes from: the records behind each number, and how they combine.

While :func:`tracing` is on, the measures of :mod:`sdg18.indicators.rows` return
a :class:`Traced` number instead of a plain float: the same value, carrying a
:class:`Trace` — the records that make it (by dataset and position in the
records handed to the indicator), each with its contribution and role, and the
arithmetic that turns their totals into the value (a sum, a scaled sum, a
ratio). Arithmetic on traced numbers keeps the trace, so ``share = remaining /
area * 100`` is traced as the sum of its records, divided by the constant, times
100. :meth:`Trace.recompute` replays the same operations, in the same order, on
the contributions (sums are exact: :func:`exact_sum`): it gives the value to the last
digit.

Off (the default, as in every run), nothing is traced and nothing costs more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from schemas import dataset_metadata

#: What a record does for a value: adds to it, to a ratio's numerator or denominator,
#: is a row of the stock it was read from, or — among records of one counted unit or
#: copies of one entry — is the one counted, or not.
Role = Literal["value", "numerator", "denominator", "snapshot", "counted", "not_counted"]
_TRACING: ContextVar[bool] = ContextVar("sdg18_tracing", default=False)
#: The breakdowns whose values are traced (None: all of them; see :func:`tracing`).
_TRACED_BREAKDOWNS: ContextVar[frozenset[str] | None] = ContextVar(
    "sdg18_traced_breakdowns", default=None
)
#: The column of a prepared records frame naming its dataset (in ``DataFrame.attrs``).
DATASET_ATTR = "sdg18_dataset"


def is_tracing() -> bool:
    """Whether measures return :class:`Traced` numbers now."""
    return _TRACING.get()


def traces_breakdown(breakdown: str) -> bool:
    """Whether the values of ``breakdown`` are traced now (tracing on, and ``breakdown``
    among those :func:`tracing` was given, if it was given any)."""
    wanted = _TRACED_BREAKDOWNS.get()
    return is_tracing() and (wanted is None or breakdown in wanted)


@contextmanager
def tracing(breakdowns: Iterable[str] | None = None) -> Iterator[None]:
    """Trace every measure taken in the body (this thread and context only).

    With ``breakdowns``, a measure taken per value of a breakdown not among them is not
    traced (its values are the same, without traces): ``sdg18 trace`` of a headline need
    not trace every district's value too."""
    token = _TRACING.set(True)
    focus = _TRACED_BREAKDOWNS.set(None if breakdowns is None else frozenset(breakdowns))
    try:
        yield
    finally:
        _TRACED_BREAKDOWNS.reset(focus)
        _TRACING.reset(token)


@dataclass(frozen=True)
class Part:
    """Records of one dataset with one role: positions in that dataset's records and what
    each contributes."""

    role: Role
    dataset: str
    positions: np.ndarray
    contributions: np.ndarray


@dataclass(frozen=True)
class Leaf:
    """A measure of records: the sum of its parts' contributions."""

    parts: tuple[Part, ...]

    def recompute(self) -> float:
        """The measure again: the exact sum of the contributions of the records counted
        (``not_counted`` ones add nothing)."""
        counted = [p.contributions for p in self.parts if p.role != "not_counted"]
        return exact_sum(np.concatenate(counted)) if counted else 0.0


def exact_sum(values: object) -> float:
    """The correctly rounded sum of ``values`` (blanks left out): the same whatever their
    order, so a value recomputed from its records matches to the last digit."""
    array = np.asarray(values, dtype="float64")
    array = array[~np.isnan(array)]
    if np.abs(array).sum() < _EXACT_LIMIT and np.array_equal(array, np.trunc(array)):
        return float(array.sum())  # whole numbers below 2**53: every partial sum is exact
    return math.fsum(array.tolist())


#: Below this, a sum of whole float64 numbers is exact in any order.
_EXACT_LIMIT = 2.0**53


@dataclass(frozen=True)
class Constant:
    """A number that comes from no record (an area, a scale)."""

    value: float

    def recompute(self) -> float:
        """The number itself."""
        return self.value


Operator = Literal["+", "-", "*", "/"]


@dataclass(frozen=True)
class Operation:
    """``left <operator> right``, replayed as written."""

    operator: Operator
    left: Trace
    right: Trace

    def recompute(self) -> float:
        """The operation on the recomputed operands (a zero divisor gives NaN)."""
        left, right = self.left.recompute(), self.right.recompute()
        if self.operator == "+":
            return left + right
        if self.operator == "-":
            return left - right
        if self.operator == "*":
            return left * right
        return left / right if right else float("nan")


Trace = Leaf | Constant | Operation


def leaves(trace: Trace) -> list[tuple[Leaf, str]]:
    """Every leaf of ``trace`` with its place: ``value``, ``numerator`` or ``denominator``
    (the right operand of the last division is the denominator)."""
    if isinstance(trace, Leaf):
        return [(trace, "value")]
    if isinstance(trace, Constant):
        return []
    if trace.operator == "/":
        found = [(leaf, "numerator") for leaf, _ in leaves(trace.left)]
        return found + [(leaf, "denominator") for leaf, _ in leaves(trace.right)]
    return leaves(trace.left) + leaves(trace.right)


def _trace_of(value: float) -> Trace:
    return value.trace if isinstance(value, Traced) else Constant(float(value))


class Traced(float):
    """A float that knows the records it was measured from (see the module's docstring)."""

    trace: Trace

    def __new__(cls, value: float, trace: Trace) -> Traced:
        made = super().__new__(cls, value)
        made.trace = trace
        return made

    def _apply(self, operator: Operator, other: float, result: float, swap: bool) -> Traced:
        mine, theirs = self.trace, _trace_of(other)
        left, right = (theirs, mine) if swap else (mine, theirs)
        return Traced(result, Operation(operator, left, right))

    def __add__(self, other: float) -> Traced:
        return self._apply("+", other, float(self) + float(other), swap=False)

    def __radd__(self, other: float) -> Traced:
        return self._apply("+", other, float(other) + float(self), swap=True)

    def __sub__(self, other: float) -> Traced:
        return self._apply("-", other, float(self) - float(other), swap=False)

    def __mul__(self, other: float) -> Traced:
        return self._apply("*", other, float(self) * float(other), swap=False)

    def __rmul__(self, other: float) -> Traced:
        return self._apply("*", other, float(other) * float(self), swap=True)

    def __truediv__(self, other: float) -> Traced:
        return self._apply("/", other, float(self) / float(other), swap=False)

    def __rtruediv__(self, other: float) -> Traced:
        return self._apply("/", other, float(other) / float(self), swap=True)


def dataset_of(frame: pd.DataFrame) -> str:
    """The dataset a prepared records frame holds ("" when it was not prepared)."""
    return str(frame.attrs.get(DATASET_ATTR, ""))


def positions(frame: pd.DataFrame) -> np.ndarray:
    """The positions of ``frame``'s records in their dataset's records (its index)."""
    return frame.index.to_numpy(dtype="int64")


def measured(value: float, *parts: Part) -> float:
    """``value`` as a :class:`Traced` number of ``parts`` while tracing; else ``value``."""
    if not is_tracing():
        return value
    return Traced(value, Leaf(tuple(p for p in parts if len(p.positions))))


def undefined_ratio(numerator: float, denominator: float, scale: float) -> float:
    """A ratio whose denominator is 0: NaN, traced (its parts say why) while tracing."""
    if not (isinstance(numerator, Traced) or isinstance(denominator, Traced)):
        return float("nan")
    division = Operation("/", _trace_of(numerator), _trace_of(denominator))
    return Traced(float("nan"), Operation("*", division, Constant(scale)))


#: The ``attrs`` key of a deduplicated frame's copies that were not counted:
#: (key column, positions, keys) of the dropped records.
COPIES_ATTR = "sdg18_copies"


def keep_copies(frame: pd.DataFrame, dropped: pd.DataFrame, key: str) -> pd.DataFrame:
    """``frame`` (one record per ``key``) remembering, while tracing, the records of
    ``dropped`` — the other copies of the same keys — so traces can name them."""
    if is_tracing():
        frame.attrs[COPIES_ATTR] = (key, positions(dropped), dropped[key].to_numpy())
    return frame


@dataclass(frozen=True)
class MeasuredRows:
    """The records a measure reads, as arrays: their dataset, positions, the column's
    values, and for a deduplicated frame its entry keys and the copies left out."""

    dataset: str
    positions: np.ndarray
    values: np.ndarray
    keys: np.ndarray | None = None
    #: (positions, keys) of the copies deduplication left out
    copies: tuple[np.ndarray, np.ndarray] | None = None

    def subset(self, mask: np.ndarray) -> MeasuredRows:
        """The records where ``mask`` is true (or at the positions ``mask`` lists)."""
        keys = None if self.keys is None else self.keys[mask]
        return MeasuredRows(
            self.dataset, self.positions[mask], self.values[mask], keys, self.copies
        )


def measured_rows(frame: pd.DataFrame, column: str, numeric: bool) -> MeasuredRows:
    """``frame``'s records and ``column`` (as numbers when ``numeric``; none when "")."""
    if not column:
        values = np.ones(len(frame))
    elif numeric:
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
    else:
        values = frame[column].to_numpy(dtype=object)
    copies = frame.attrs.get(COPIES_ATTR)
    if copies is None:
        return MeasuredRows(dataset_of(frame), positions(frame), values)
    key, dropped, dropped_keys = copies
    keys = frame[key].to_numpy(dtype=object)
    return MeasuredRows(dataset_of(frame), positions(frame), values, keys, (dropped, dropped_keys))


def sum_parts(rows: MeasuredRows, role: Role) -> tuple[Part, ...]:
    """The records of a sum and their amounts; for a deduplicated frame, the copy of each
    entry that counted (``counted``) and the copies that did not (``not_counted``)."""
    if rows.copies is None or rows.keys is None:
        return (Part(role, rows.dataset, rows.positions, rows.values),)
    dropped, dropped_keys = rows.copies
    has_copy = np.isin(rows.keys, dropped_keys)
    found = dropped[np.isin(dropped_keys, rows.keys)]
    return (
        Part(role, rows.dataset, rows.positions[~has_copy], rows.values[~has_copy]),
        Part("counted", rows.dataset, rows.positions[has_copy], rows.values[has_copy]),
        Part("not_counted", rows.dataset, found, np.zeros(len(found))),
    )


def distinct_parts(rows: MeasuredRows) -> tuple[Part, ...]:
    """The first record of each distinct value counts 1, the others 0 (blanks count 0)."""
    first = (~pd.isna(rows.values)) & ~pd.Series(rows.values).duplicated().to_numpy()
    return (
        Part("counted", rows.dataset, rows.positions[first], np.ones(int(first.sum()))),
        Part("not_counted", rows.dataset, rows.positions[~first], np.zeros(int((~first).sum()))),
    )


def _is_plain(index: pd.Index) -> bool:
    """Whether ``index`` is 0, 1, 2, …: its labels are positions (the store's records)."""
    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def _at(source: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """The records of ``source`` with these index labels, renumbered from 0 (a plain take
    for a plain index, a lookup otherwise)."""
    chosen = source.take(labels) if _is_plain(source.index) else source.loc[labels]
    return chosen.reset_index(drop=True)


#: The first columns of a trace table; the records' own columns follow.
TRACE_COLUMNS = (
    "file",
    "file_sha256",
    "sheet",
    "row",
    "dataset",
    "record_key",
    "role",
    "contribution",
)
_ORIGIN = ("file", "file_sha256", "sheet", "row")


def _role(part_role: Role, place: str) -> str:
    """A record's role in the value: its place in a ratio, unless it is a row of a stock
    or a copy not counted."""
    if part_role in ("snapshot", "not_counted") or place == "value":
        return part_role
    return place


def trace_table(trace: Trace | None, records: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per record of ``trace`` (numerator before denominator, each part in record
    order; none for a value no record makes): its origin (the file relative to the inbox:
    ``<period>/<agency>/<name>``), dataset, key, role and contribution, then its own columns.
    :class:`TraceCounter` counts and lists many traces' rows without the frames."""
    frames = []
    for leaf, place in leaves(trace) if trace is not None else []:
        for found in leaf.parts:
            source = records[found.dataset]
            chosen = _at(source, found.positions)
            key = dataset_metadata(found.dataset)["key"]
            head = pd.DataFrame(
                {
                    **{c: chosen[c] for c in _ORIGIN},
                    "file": chosen["submission_period"].astype(str) + "/" + chosen["file"],
                    "dataset": found.dataset,
                    "record_key": chosen[key].astype("str") if key else "",
                    "role": _role(found.role, place),
                    "contribution": found.contributions,
                }
            )
            own = chosen.drop(columns=[c for c in chosen.columns if c in TRACE_COLUMNS])
            frames.append(pd.concat([head, own], axis=1))
    if not frames:
        return pd.DataFrame(columns=list(TRACE_COLUMNS))
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class _Origins:
    """Where a dataset's records come from, for :class:`TraceCounter`: the file
    (``<period>/<name>``), its SHA-256 and the sheet as codes into their distinct values
    (one text made per file, not per record), the rows, and the key column as stored,
    made text only for the records listed."""

    coded: Mapping[str, tuple[np.ndarray, np.ndarray]]
    rows: np.ndarray
    keys: pd.Series | None

    @classmethod
    def of(cls, records: pd.DataFrame, dataset: str) -> _Origins:
        frame = records.reset_index(drop=True)
        periods, period_names = pd.factorize(frame["submission_period"], use_na_sentinel=False)
        names, file_names = pd.factorize(frame["file"], use_na_sentinel=False)
        pairs, pair_codes = pd.factorize(periods * len(file_names) + names)
        first = pd.Series(period_names.take(pair_codes // len(file_names)))
        files = first.astype(str) + "/" + pd.Series(file_names.take(pair_codes % len(file_names)))
        coded = {"file": (pairs, files.to_numpy(dtype=object))}
        for column in ("file_sha256", "sheet"):
            codes, values = pd.factorize(frame[column], use_na_sentinel=False)
            coded[column] = (codes, np.asarray(values, dtype=object))
        key = dataset_metadata(dataset)["key"]
        rows = frame["row"].to_numpy(dtype="int64")
        return cls(coded, rows, frame[key] if key else None)

    def take(self, column: str, at: np.ndarray) -> list[object]:
        """``column`` (a name of :data:`_ORIGIN`, or ``record_key``) of the records at
        positions ``at``."""
        if column == "row":
            return list(self.rows[at].tolist())
        if column == "record_key":
            if self.keys is None:
                return [""] * len(at)
            return list(self.keys.take(at).astype("str").to_numpy(dtype=object).tolist())
        codes, values = self.coded[column]
        return list(values[codes[at]].tolist())

    def files_of(self, at: np.ndarray) -> list[object]:
        """The distinct SHA-256 of the files of the records at positions ``at``."""
        codes, values = self.coded["file_sha256"]
        return list(values[np.unique(codes[at])].tolist())


class TraceCounter:
    """Counts and lists the records of many traces over one set of records, with NumPy
    (each dataset's origin columns taken out of its frame once): what the audit site
    needs of every value of a period, without a DataFrame per value."""

    def __init__(self, records: Mapping[str, pd.DataFrame]) -> None:
        self.records = records
        self._columns: dict[str, _Origins] = {}

    def _of(self, dataset: str) -> _Origins:
        """The dataset's origin columns, taken out of its frame once."""
        if dataset not in self._columns:
            self._columns[dataset] = _Origins.of(self.records[dataset], dataset)
        return self._columns[dataset]

    def _positions(self, dataset: str, labels: np.ndarray) -> np.ndarray:
        index = self.records[dataset].index
        return labels if _is_plain(index) else index.get_indexer(pd.Index(labels))

    def size(self, trace: Trace | None) -> tuple[int, int]:
        """(rows, files) of :func:`trace_table` of ``trace``."""
        rows, files = 0, set[object]()
        for leaf, _ in leaves(trace) if trace is not None else []:
            for found in leaf.parts:
                rows += len(found.positions)
                at = self._positions(found.dataset, found.positions)
                files.update(self._of(found.dataset).files_of(at))
        return rows, len(files)

    def listing(self, trace: Trace | None, limit: int) -> dict[str, list[object]]:
        """The first ``limit`` rows of :func:`trace_table` of ``trace`` (its columns
        :data:`TRACE_COLUMNS` only), column by column."""
        listed: dict[str, list[object]] = {c: [] for c in TRACE_COLUMNS}
        left = limit
        for leaf, place in leaves(trace) if trace is not None else []:
            for found in leaf.parts:
                if left <= 0:
                    return listed
                at = self._positions(found.dataset, found.positions[:left])
                left -= len(at)
                origins = self._of(found.dataset)
                for name in ("file", "file_sha256", "sheet", "row", "record_key"):
                    listed[name] += origins.take(name, at)
                listed["dataset"] += [found.dataset] * len(at)
                listed["role"] += [_role(found.role, place)] * len(at)
                listed["contribution"] += found.contributions[: len(at)].tolist()
        return listed
