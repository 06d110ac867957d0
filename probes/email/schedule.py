"""When an enquiry may go out: working days, office hours, a random moment, per-domain pace.

A real resident writes during office hours on a working day; so does our persona. Send days
(Polish holidays, Wigilia, the edition's declared days off: an office closed on a substitute
day is not written to; nor 27–31 December, 2 January or a bridge day) are the one calendar's
(rubrics/calendar.py is_send_day); the send hours here are the send window's own, kept apart
from the uniform scoring calendar.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from rubrics.calendar import DAY_KEYS, WARSAW, is_send_day
from rubrics.calendar import is_working_day as is_working_day

OfficeHours = dict[str, list[list[str]]]

# Defaults by kind group when a participant's hours are not known.
_WEEKDAYS_0730 = {d: [["07:30", "15:30"]] for d in DAY_KEYS[:5]} | {"sat": [], "sun": []}
_WEEKDAYS_0800 = {d: [["08:00", "15:00"]] for d in DAY_KEYS[:5]} | {"sat": [], "sun": []}
DEFAULT_OFFICE_HOURS: dict[str, OfficeHours] = {
    "J": _WEEKDAYS_0730,
    "A": _WEEKDAYS_0730,
    "K": _WEEKDAYS_0800,
    "S": _WEEKDAYS_0800,
    "W": _WEEKDAYS_0800,
    "O": _WEEKDAYS_0800,
}
# Keep clear of the first and last minutes of the day: a resident does not write at 07:30:00.
MARGIN = timedelta(minutes=15)


def _hm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def windows_on(
    day: date, office_hours: OfficeHours, days_off: frozenset[date] = frozenset()
) -> list[tuple[datetime, datetime]]:
    """The office-hours windows of a day, as aware datetimes (empty on days off, on quiet
    dates and bridge days: rubrics/calendar.py is_send_day)."""
    if not is_send_day(day, days_off):
        return []
    result = []
    for start, end in office_hours.get(DAY_KEYS[day.weekday()], []):
        a = datetime.combine(day, _hm(start), WARSAW) + MARGIN
        b = datetime.combine(day, _hm(end), WARSAW) - MARGIN
        if b > a:
            result.append((a, b))
    return result


def in_office_hours(
    moment: datetime, office_hours: OfficeHours, days_off: frozenset[date] = frozenset()
) -> bool:
    local = moment.astimezone(WARSAW)
    return any(a <= local <= b for a, b in windows_on(local.date(), office_hours, days_off))


def next_send_moment(
    after: datetime,
    office_hours: OfficeHours,
    rng: random.Random,
    horizon_days: int = 60,
    days_off: frozenset[date] = frozenset(),
) -> datetime:
    """A random moment within the first office-hours window left at or after `after` (UTC)."""
    local = after.astimezone(WARSAW)
    for offset in range(horizon_days):
        day = local.date() + timedelta(days=offset)
        for a, b in windows_on(day, office_hours, days_off):
            a = max(a, local)
            if b > a:
                seconds = (b - a).total_seconds()
                return (a + timedelta(seconds=rng.uniform(0, seconds))).astimezone(UTC)
    raise ValueError("brak godzin pracy w najbliższych tygodniach: sprawdź godziny urzędowania")


def window_part(start: date, end: date, k: int, n: int) -> tuple[date, date]:
    """The k-th (1-based) of n consecutive, near-equal parts of the days start..end."""
    days = (end - start).days + 1
    if not 1 <= k <= n or days < 1:
        raise ValueError(f"nie ma części {k} z {n} okresu {start}–{end}")
    first = start + timedelta(days=(k - 1) * days // n)
    last = start + timedelta(days=k * days // n - 1)
    return first, max(first, last)


def moment_within(
    first: date,
    last: date,
    after: datetime,
    office_hours: OfficeHours,
    rng: random.Random,
    days_off: frozenset[date] = frozenset(),
) -> datetime | None:
    """A random moment (UTC) of office time on the working days first..last, not before
    `after`; every second of office time is equally likely. None if there is none left."""
    after_local = after.astimezone(WARSAW)
    spans = []
    day = max(first, after_local.date())
    while day <= last:
        for a, b in windows_on(day, office_hours, days_off):
            a = max(a, after_local)
            if b > a:
                spans.append((a, (b - a).total_seconds()))
        day += timedelta(days=1)
    total = sum(seconds for _, seconds in spans)
    if not spans or total <= 0:
        return None
    pick = rng.uniform(0, total)
    for a, seconds in spans:
        if pick <= seconds:
            return (a + timedelta(seconds=pick)).astimezone(UTC)
        pick -= seconds
    a, seconds = spans[-1]
    return (a + timedelta(seconds=seconds)).astimezone(UTC)


def rate_limited_until(
    last_sent_to_domain: datetime | None, now: datetime, min_interval: timedelta
) -> datetime | None:
    """None if a message may go to the domain now, else the earliest allowed time."""
    if last_sent_to_domain is None:
        return None
    allowed = last_sent_to_domain + min_interval
    return allowed if allowed > now else None


def utc_now() -> datetime:
    return datetime.now(UTC)
