"""Business time: how much of an interval fell within a participant's office hours.

Office hours are local to Europe/Warsaw; each working interval is turned into an aware
datetime with zoneinfo and compared in UTC, so days on which the clocks change (last
Sunday of March and of October) are measured in real elapsed time. Working days are the
weekdays with office hours that are not Polish public holidays (the `holidays` package,
which lists 24 December from 2025).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

WARSAW = ZoneInfo("Europe/Warsaw")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS: dict[str, list[list[str]]] = {
    day: [["07:30", "15:30"]] for day in ("mon", "tue", "wed", "thu", "fri")
}


@functools.lru_cache(maxsize=64)
def _polish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Poland(years=year))


def is_public_holiday(day: date) -> bool:
    return day in _polish_holidays(day.year)


@dataclass(frozen=True)
class OfficeHours:
    """Opening intervals per weekday (0 = Monday), local wall-clock times."""

    week: tuple[tuple[tuple[time, time], ...], ...]

    @classmethod
    def parse(cls, spec: dict[str, Any] | None) -> OfficeHours:
        """From the artifact's `office_hours` ({"mon": [["07:30", "15:30"]], …}); None = default.

        Raises ValueError for a malformed spec (days missing from it are closed).
        """
        spec = DEFAULT_HOURS if spec is None else spec
        unknown = set(spec) - set(DAY_KEYS)
        if unknown:
            raise ValueError(f"unknown day keys {sorted(unknown)}")
        week = []
        for key in DAY_KEYS:
            intervals = []
            for pair in spec.get(key) or ():
                if not isinstance(pair, list | tuple) or len(pair) != 2:
                    raise ValueError(f"{key}: bad interval {pair!r}")
                start, end = time.fromisoformat(str(pair[0])), time.fromisoformat(str(pair[1]))
                if end <= start:
                    raise ValueError(f"{key}: bad interval {pair!r}")
                intervals.append((start, end))
            week.append(tuple(sorted(intervals)))
        if not any(week):
            raise ValueError("no office hours on any day")
        return cls(tuple(week))

    @property
    def business_day_seconds(self) -> float:
        """The length of an average working day: what "1 business day" means for latency bands."""
        lengths = [
            sum(_seconds(end) - _seconds(start) for start, end in day) for day in self.week if day
        ]
        return sum(lengths) / len(lengths)

    def is_working_day(self, day: date) -> bool:
        return bool(self.week[day.weekday()]) and not is_public_holiday(day)


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def business_seconds(start: datetime, end: datetime, hours: OfficeHours) -> float:
    """Seconds of [start, end] within office hours on working days (aware datetimes)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("business_seconds needs aware datetimes")
    if end <= start:
        return 0.0
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    total = 0.0
    day = start.astimezone(WARSAW).date()
    last = end.astimezone(WARSAW).date()
    while day <= last:
        if hours.is_working_day(day):
            for open_t, close_t in hours.week[day.weekday()]:
                lo = datetime.combine(day, open_t, tzinfo=WARSAW).astimezone(UTC)
                hi = datetime.combine(day, close_t, tzinfo=WARSAW).astimezone(UTC)
                overlap = (min(hi, end_utc) - max(lo, start_utc)).total_seconds()
                if overlap > 0:
                    total += overlap
        day += timedelta(days=1)
    return total


def business_days(start: datetime, end: datetime, hours: OfficeHours) -> float:
    """Business time in business days (average working day length)."""
    return business_seconds(start, end, hours) / hours.business_day_seconds
