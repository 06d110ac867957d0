"""How long a reply took: wall-clock and business hours (office hours, Polish holidays)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WARSAW = ZoneInfo("Europe/Warsaw")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Used when the participant published no office hours: a Polish office's usual day.
DEFAULT_OFFICE_HOURS: dict[str, list[list[str]]] = {
    **{d: [["08:00", "16:00"]] for d in DAY_KEYS[:5]},
    "sat": [],
    "sun": [],
}


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("PL", years=year)


def _parse(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


def business_seconds(
    start: datetime, end: datetime, office_hours: dict[str, list[list[str]]] | None = None
) -> float:
    """Seconds of office time between two moments (local Warsaw time, holidays off)."""
    if end <= start:
        return 0.0
    hours = office_hours or DEFAULT_OFFICE_HOURS
    start, end = start.astimezone(WARSAW), end.astimezone(WARSAW)
    total = 0.0
    day: date = start.date()
    while day <= end.date():
        if day not in _holidays(day.year):
            for opens, closes in hours.get(DAY_KEYS[day.weekday()], []):
                lo = datetime.combine(day, _parse(opens), WARSAW)
                hi = datetime.combine(day, _parse(closes), WARSAW)
                lo, hi = max(lo, start), min(hi, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
        day += timedelta(days=1)
    return total


def format_duration(seconds: float) -> str:
    """Polish, short: "2 dni 3 godz. 5 min", "45 min"."""
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} {'dzień' if days == 1 else 'dni'}")
    if hours:
        parts.append(f"{hours} godz.")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)
