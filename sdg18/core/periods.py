"""Reporting periods: calendar quarters written ``YYYYQn``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_PERIOD = re.compile(r"^(\d{4})Q([1-4])$")
#: The time zone of the statistician's calendar (the schedule, the manifest's and the
#: audit site's local times).
LOCAL_ZONE = ZoneInfo("Asia/Baku")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar quarter; ``str(Period(2026, 3)) == "2026Q3"``."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYYQn`` (case-insensitive, trimmed); ValueError otherwise."""
        match = _PERIOD.match(str(text).strip().upper())
        if not match:
            raise ValueError(f"'{text}' is not a period; write it as YYYYQn, e.g. 2026Q3")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def last_completed(cls, today: dt.date | None = None) -> Period:
        """The most recent quarter that has ended before ``today``."""
        return cls.containing(today or dt.date.today()).previous()

    @property
    def start(self) -> dt.date:
        """First day of the quarter."""
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the quarter."""
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> Period:
        """The following quarter."""
        return Period(self.year + self.quarter // 4, self.quarter % 4 + 1)

    def previous(self) -> Period:
        """The preceding quarter."""
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"


def period_range(first: Period, last: Period) -> list[Period]:
    """Every quarter from ``first`` to ``last``, both included."""
    periods: list[Period] = []
    current = first
    while current <= last:
        periods.append(current)
        current = current.next()
    return periods
