"""A worker's result comes back exactly as it was: every value, type, dtype and index."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from sdg18.validation.handoff import dumps, loads
from tests.validation.test_isolation import assert_same_frame

#: One value of each type a sheet's cells are read as, and the blanks told apart.
AS_READ = [
    None,
    "LR-0001",
    "",
    "Laçın",
    39424.3,
    float("nan"),
    3,
    -(2**63),
    True,
    False,
    dt.date(2026, 2, 10),
    dt.datetime(2026, 2, 10, 9, 30, 0, 123456),
    dt.time(9, 30),
    dt.timedelta(days=1, microseconds=5),
]


def _round_trip(frame: pd.DataFrame) -> pd.DataFrame:
    back: pd.DataFrame = loads(dumps(frame))
    return back


def test_mixed_values_as_read_come_back_with_their_types() -> None:
    count = len(AS_READ)
    frame = pd.DataFrame(
        {
            "mixed": AS_READ,
            "text": [f"T-{i}" if i % 3 else None for i in range(count)],
            "empty": [None] * count,
        },
        index=pd.RangeIndex(2, 2 + count),  # Excel's row numbers
        dtype=object,
    )

    back = _round_trip(frame)

    assert_same_frame(back, frame)
    assert back.loc[2, "mixed"] is None
    assert np.isnan(back.loc[7, "mixed"])


@pytest.mark.parametrize(
    "odd",
    [
        pd.Timestamp("2026-02-10"),
        dt.datetime(2026, 2, 10, tzinfo=dt.UTC),
        2**70,
        b"bytes",
        np.float64(1.5),
        {"a": 1},
        np.str_("text"),
    ],
    ids=["Timestamp", "aware datetime", "big int", "bytes", "numpy float", "dict", "numpy str"],
)
def test_a_value_arrow_cannot_carry_exactly_is_pickled(odd: object) -> None:
    frame = pd.DataFrame({"values": pd.Series(["x", odd, None], dtype=object)})
    text = pd.DataFrame({"values": pd.Series(["x", odd], dtype=object)})  # one type: text?

    back = _round_trip(frame)

    assert_same_frame(back, frame)
    assert type(back["values"].iloc[1]) is type(odd)
    assert type(_round_trip(text)["values"].iloc[1]) is type(odd)


def test_typed_frames_keep_dtypes_index_categories_and_attrs() -> None:
    frame = pd.DataFrame(
        {
            "code": pd.Categorical(["a", "b", None], categories=["b", "a"]),
            "text": pd.array(["x", None, "z"], dtype="str"),
            "count": pd.array([1, None, 3], dtype="Int64"),
            "area": [1.5, np.nan, 3.0],
            "date": pd.to_datetime(["2026-01-01", None, "2026-03-31"]).as_unit("us"),
            "ok": [True, False, True],
            "raw": pd.Series([1.0, "1,5", dt.date(2026, 1, 1)], dtype=object),
        },
        index=pd.Index([7, 3, 12], name="row"),
    )
    frame.attrs["sheet"] = "returns"

    back = _round_trip(frame)

    assert_same_frame(back, frame)
    assert back["code"].cat.categories.tolist() == ["b", "a"]


def test_a_block_of_several_columns_and_an_empty_frame_come_back() -> None:
    values = np.array(["LR-0001", 1.5, dt.date(2026, 1, 1), None] * 5_000, dtype=object)
    frame = pd.DataFrame({"a": values, "b": values[::-1].copy(), "c": values.astype(str)})
    frame["c"] = frame["c"].astype(object)  # one block of three object columns

    assert_same_frame(_round_trip(frame), frame)
    assert_same_frame(_round_trip(frame.iloc[:0]), frame.iloc[:0])


def test_a_repeated_text_comes_back_as_one_shared_string() -> None:
    """Each distinct text is made once in the run's process (a sheet repeats its
    districts and codes): equal values, one object, in a text column and in a mixed one."""
    districts = ["Ağdam", "Füzuli", None, "Ağdam", "Füzuli", "Ağdam"]
    frame = pd.DataFrame(
        {"district": districts, "mixed": ["Ağdam", 1.5, "Ağdam", None, "x", "Ağdam"]},
        dtype=object,
    )

    back = _round_trip(frame)

    assert_same_frame(back, frame)
    text, mixed = back["district"].to_numpy(), back["mixed"].to_numpy()
    assert text[0] is text[3] is text[5]
    assert text[1] is text[4]
    assert text[2] is None
    assert mixed[3] is None
    assert mixed[0] is mixed[2] is mixed[5]
    assert mixed[1] == 1.5
