"""Random draws shared by the generators: seeded streams, days, weighted picks.

Every stream is derived from the seed and a few labels with a stable hash, so a
dataset's draws never depend on the order in which other datasets are generated.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np

from sdg18.core.periods import Period

T = TypeVar("T")


def stream(seed: int, *labels: str | int | Period) -> np.random.Generator:
    """A generator determined only by ``seed`` and ``labels`` (stable across runs)."""
    words = [seed & 0xFFFFFFFF]
    for label in labels:
        words.append(zlib.crc32(str(label).encode("utf-8")))
    return np.random.default_rng(words)


def random_day(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    """A day drawn uniformly from ``first`` to ``last``, both included."""
    span = (last - first).days
    if span <= 0:
        return first
    return first + dt.timedelta(days=int(rng.integers(0, span + 1)))


def random_days(rng: np.random.Generator, first: dt.date, last: dt.date, n: int) -> list[dt.date]:
    """``n`` days drawn uniformly from ``first`` to ``last``, both included."""
    span = max((last - first).days, 0)
    offsets = rng.integers(0, span + 1, size=n)
    return [first + dt.timedelta(days=int(k)) for k in offsets]


def pick(rng: np.random.Generator, weights: Mapping[str, float], n: int) -> list[str]:
    """``n`` keys of ``weights`` drawn with probability proportional to their weight."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    idx = rng.choice(len(keys), size=n, p=p / p.sum())
    return [keys[i] for i in idx]


def pick_one(rng: np.random.Generator, weights: Mapping[str, float]) -> str:
    """One key of ``weights`` drawn with probability proportional to its weight."""
    return pick(rng, weights, 1)[0]


def choose(rng: np.random.Generator, items: Sequence[T]) -> T:
    """One item of a non-empty sequence, uniformly."""
    return items[int(rng.integers(0, len(items)))]


def scaled_count(base: float, scale: float) -> int:
    """``base × scale`` rounded, never below 1."""
    return max(1, round(base * scale))


def bernoulli_round(rng: np.random.Generator, expected: float) -> int:
    """An integer with mean ``expected``: its floor, plus one with the fractional chance."""
    whole = int(np.floor(expected))
    return whole + int(rng.random() < expected - whole)
