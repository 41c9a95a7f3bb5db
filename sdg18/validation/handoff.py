"""A file's result from the reading worker to the run, as bytes that are cheap to copy.

A :class:`~sdg18.validation.files.FileResult` is pickled whole, except the arrays of
Python objects inside its DataFrames (a sheet's values as read: text, numbers and dates
mixed in one column). Pickle writes those one value at a time, which cost more than the
reading itself; here each array goes as one Arrow IPC stream instead, a column of text
as an Arrow string column and any other as a dense union with one child per Python
type, so that every value comes back as the same type and value it was (each distinct
text as one string object, shared by the cells that repeat it). Everything
else (dtypes, index, column order, ``attrs``, findings) is pandas' and Python's own
pickling, so the parent rebuilds exactly the same result. An array holding
a value of any other type (a ``Timestamp``, a timezone-aware time, an integer beyond
64 bits, a subclass of ``str``) is pickled as before.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
from typing import Any

import numpy as np
import pyarrow as pa

#: The Python types sent as Arrow, by union type code: (type, Arrow type).
_KINDS: tuple[tuple[type, pa.DataType], ...] = (
    (type(None), pa.null()),
    (str, pa.string()),
    (float, pa.float64()),
    (int, pa.int64()),
    (bool, pa.bool_()),
    (dt.date, pa.date32()),
    (dt.datetime, pa.timestamp("us")),
    (dt.time, pa.time64("us")),
    (dt.timedelta, pa.duration("us")),
)
_CODE = {kind: code for code, (kind, _) in enumerate(_KINDS)}
_NAIVE = (dt.datetime, dt.time)
_TEXT = frozenset({str, type(None)})


def dumps(result: object) -> bytes:
    """``result`` pickled, with its arrays of Python objects as Arrow IPC streams."""
    buffer = io.BytesIO()
    _ArrowPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    """The object :func:`dumps` wrote."""
    return pickle.loads(data)


class _ArrowPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is np.ndarray and obj.dtype == object and obj.size and obj.ndim in (1, 2):
            stream = _arrow_stream(obj.reshape(-1, obj.shape[-1]))
            if stream is not None:
                return _objects, (stream, obj.shape)
        return NotImplemented


def _arrow_stream(rows: np.ndarray) -> bytes | None:
    """Each row of ``rows`` (a DataFrame block: one row per column) as one column of an
    Arrow IPC stream; None if a value cannot go as Arrow (see :func:`_union`)."""
    columns = []
    for values in rows:
        try:  # a column of text (and None) alone: as Arrow infers it, in one pass
            column = pa.array(values, from_pandas=False)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            column = None
        # Arrow takes a subclass of str (numpy's str_) as text too: only str stays text.
        if column is None or column.type != pa.string() or set(map(type, values)) - _TEXT:
            column = _union(values)
            if column is None:
                return None
        columns.append(column)
    batch = pa.record_batch(columns, names=[str(i) for i in range(len(columns))])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return bytes(sink.getvalue().to_pybytes())


def _union(values: np.ndarray) -> pa.UnionArray | None:
    """``values`` as a dense union with one child per type of ``_KINDS``; None if a value
    is of another type or does not fit its Arrow type."""
    try:
        codes = np.fromiter(map(_CODE.__getitem__, map(type, values)), np.int8, len(values))
    except KeyError:
        return None
    offsets = np.zeros(len(values), dtype=np.int32)
    children = []
    for code, (kind, arrow_type) in enumerate(_KINDS):
        where = np.flatnonzero(codes == code)
        offsets[where] = np.arange(len(where), dtype=np.int32)
        chosen = values[where]
        if kind in _NAIVE and any(v.tzinfo is not None or v.fold for v in chosen):
            return None
        try:
            child = pa.array(chosen, type=arrow_type, from_pandas=False)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            return None  # e.g. an integer beyond 64 bits
        if not isinstance(child, pa.Array):  # a ChunkedArray: over 2 GB of text
            return None
        children.append(child)
    return pa.UnionArray.from_dense(
        pa.array(codes, type=pa.int8()),
        pa.array(offsets, type=pa.int32()),
        children,
        [str(code) for code in range(len(_KINDS))],
    )


def _objects(stream: bytes, shape: tuple[int, ...]) -> np.ndarray:
    """The array of Python objects :func:`_arrow_stream` wrote (an unpickling function)."""
    batch = pa.ipc.open_stream(stream).read_next_batch()
    rows = np.empty((batch.num_columns, batch.num_rows), dtype=object)
    for values, column in zip(rows, batch.columns, strict=True):
        if isinstance(column, pa.UnionArray):
            _fill(values, column)
        else:
            values[:] = _python(column)
    return rows.reshape(shape)


def _python(column: pa.Array) -> np.ndarray:
    """``column``'s values as Python objects; each distinct text is made once and shared
    by the cells that hold it (a sheet repeats its districts, codes and names: one string
    object each instead of one a cell, which is most of a large result's memory)."""
    if not pa.types.is_string(column.type):
        return column.to_numpy(zero_copy_only=False)
    encoded = column.dictionary_encode()
    texts = encoded.dictionary.to_numpy(zero_copy_only=False)
    distinct = np.concatenate([texts, np.array([None], dtype=object)])
    return distinct[encoded.indices.fill_null(len(distinct) - 1).to_numpy()]


def _fill(values: np.ndarray, union: pa.UnionArray) -> None:
    codes = union.type_codes.to_numpy()
    for code, (kind, _) in enumerate(_KINDS):
        child = union.field(code)
        if kind is type(None) or not len(child):
            continue  # np.empty(dtype=object) is already all None
        # numpy turns its numbers, datetime64 and timedelta64 into Python objects here,
        # much faster than ``to_pylist``.
        values[np.flatnonzero(codes == code)] = _python(child)
