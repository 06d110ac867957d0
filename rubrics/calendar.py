"""The one calendar: working days, office hours and the statutory deadline, in Europe/Warsaw.

Pure (no I/O). Shared by the latency scoring (rubrics/email/), the send window
(probes/email/schedule.py, which keeps its own send hours) and the jurors' view.

- Working days: Monday–Friday that are not Polish public holidays (the `holidays` package,
  ustawa o dniach wolnych od pracy), not 24 December from 2025 (Wigilia, added by the act of
  2024; listed here whatever the library version knows) and not a substitute day off the
  organiser declared for the edition (`Edition.days_off`: Kodeks pracy art. 130 § 2 — a day
  off for each holiday falling on a Saturday, which each office announces itself).
- Latency is counted in ONE uniform calendar for every participant, `SCORING_HOURS`
  (Monday–Friday 8:00–16:00), never in the participant's published hours: narrow published
  hours must not turn a slow reply into a fast one (domain review F31), and "one business
  day" must mean the same for every kind (F32). A rubric may set another uniform calendar
  (EML-LAT `office_hours_default`); it is still the same for everyone.
- The statutory deadline (UDIP art. 13 ust. 1: "nie później niż w terminie 14 dni") ends at
  the end of its last day in Europe/Warsaw and, by analogy with KPA art. 57 § 4, moves to the
  next working day when that day is a Saturday, a Sunday, a holiday or a declared day off.
  Assumption (written down): the substitute days off count as non-working for this move,
  as the office is closed on them.
- The send window (`is_send_day`) is stricter than the working days: no sending on 27–31
  December, 2 January or a bridge day between a holiday and a weekend, when offices are
  mostly closed; these days still count as working days for latency and the deadline.
- Wigilia: ustawa z 6 grudnia 2024 r. o zmianie ustawy o dniach wolnych od pracy oraz
  niektórych innych ustaw (in force 1 February 2025) added 24 December to art. 1 of the act
  of 18 January 1951; `holidays` 0.109 lists it for 2025 onwards, and it is added here anyway.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from rubrics.kinds import KIND_BY_CODE, kind_group

WARSAW = ZoneInfo("Europe/Warsaw")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OfficeHoursSpec = dict[str, list[list[str]]]

# The uniform scoring calendar (the one place its hours are written).
SCORING_HOURS: OfficeHoursSpec = {d: [["08:00", "16:00"]] for d in DAY_KEYS[:5]} | {
    "sat": [],
    "sun": [],
}

STATUTORY_DAYS = 14
UDIP, NO_REGIME = "udip", "none"
REGIME_TEXTS = {
    UDIP: "termin ustawowy 14 dni (UDIP art. 13)",
    NO_REGIME: "bez terminu ustawowego",
}
# Without a regime recorded with the enquiry: public bodies and municipal companies answer
# requests for public information (UDIP art. 4); cooperatives, communities, others do not.
DEFAULT_REGIME_BY_GROUP = {"J": UDIP, "A": UDIP, "K": UDIP, "S": NO_REGIME, "W": NO_REGIME}


@functools.lru_cache(maxsize=64)
def _polish_holidays(year: int) -> frozenset[date]:
    days = set(holidays.Poland(years=year))
    if year >= 2025:
        days.add(date(year, 12, 24))  # Wigilia, a public holiday from 2025
    return frozenset(days)


def is_public_holiday(day: date) -> bool:
    return day in _polish_holidays(day.year)


def parse_days_off(values: Iterable[Any] | None) -> frozenset[date]:
    """Declared days off from ISO texts or dates; ValueError (Polish) for a bad one."""
    result = set()
    for value in values or ():
        if isinstance(value, date):
            result.add(value)
            continue
        try:
            result.add(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise ValueError(
                f"niepoprawna data dnia wolnego: {value!r} (oczekiwano RRRR-MM-DD)"
            ) from None
    return frozenset(result)


def is_working_day(day: date, days_off: frozenset[date] = frozenset()) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day) and day not in days_off


# The send window only: working days on which offices are mostly closed or thinly staffed
# (staff on leave between Christmas and Epiphany, bridge days between a holiday and a
# weekend — domain review F30). They stay working days for the scoring calendar (the law
# counts them), but a resident's enquiry on them would meet an empty office, so none is sent.
QUIET_DATES = ((12, 27), (12, 28), (12, 29), (12, 30), (12, 31), (1, 2))


def is_bridge_day(day: date, days_off: frozenset[date] = frozenset()) -> bool:
    """A working day between two non-working days (Friday after Corpus Christi, Monday
    before a Tuesday holiday, 2 May between 1 May and a weekend…)."""
    return (
        is_working_day(day, days_off)
        and not is_working_day(day - timedelta(days=1), days_off)
        and not is_working_day(day + timedelta(days=1), days_off)
    )


def is_send_day(day: date, days_off: frozenset[date] = frozenset()) -> bool:
    """May an enquiry (or the persona's follow-up) go out on `day`: a working day of this
    calendar (holidays, Wigilia, declared days off) that is neither a quiet date nor a bridge."""
    return (
        is_working_day(day, days_off)
        and (day.month, day.day) not in QUIET_DATES
        and not is_bridge_day(day, days_off)
    )


@dataclass(frozen=True)
class OfficeHours:
    """Opening intervals per weekday (0 = Monday), local wall-clock times."""

    week: tuple[tuple[tuple[time, time], ...], ...]

    @classmethod
    def parse(cls, spec: dict[str, Any] | None) -> OfficeHours:
        """From {"mon": [["08:00", "16:00"]], …}; None = SCORING_HOURS.

        Raises ValueError for a malformed spec (days missing from it are closed).
        """
        spec = SCORING_HOURS if spec is None else spec
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

    def is_working_day(self, day: date, days_off: frozenset[date] = frozenset()) -> bool:
        return bool(self.week[day.weekday()]) and not is_public_holiday(day) and day not in days_off


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def business_seconds(
    start: datetime,
    end: datetime,
    hours: OfficeHours | None = None,
    days_off: frozenset[date] = frozenset(),
) -> float:
    """Seconds of [start, end] within office hours on working days (aware datetimes).

    Each interval becomes an aware datetime with zoneinfo and is compared in UTC, so days on
    which the clocks change are measured in real elapsed time.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("business_seconds needs aware datetimes")
    if end <= start:
        return 0.0
    hours = hours or OfficeHours.parse(None)
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    total = 0.0
    day = start.astimezone(WARSAW).date()
    last = end.astimezone(WARSAW).date()
    while day <= last:
        if hours.is_working_day(day, days_off):
            for open_t, close_t in hours.week[day.weekday()]:
                lo = datetime.combine(day, open_t, tzinfo=WARSAW).astimezone(UTC)
                hi = datetime.combine(day, close_t, tzinfo=WARSAW).astimezone(UTC)
                overlap = (min(hi, end_utc) - max(lo, start_utc)).total_seconds()
                if overlap > 0:
                    total += overlap
        day += timedelta(days=1)
    return total


def business_days(
    start: datetime,
    end: datetime,
    hours: OfficeHours | None = None,
    days_off: frozenset[date] = frozenset(),
) -> float:
    """Business time in business days (average working day length)."""
    hours = hours or OfficeHours.parse(None)
    return business_seconds(start, end, hours, days_off) / hours.business_day_seconds


def statutory_deadline(
    sent_at: datetime, days: int = STATUTORY_DAYS, days_off: frozenset[date] = frozenset()
) -> datetime:
    """The end (23:59:59.999999 Europe/Warsaw) of the `days`-th day after sending, moved
    past Saturdays, Sundays, holidays and declared days off; in UTC."""
    last = sent_at.astimezone(WARSAW).date() + timedelta(days=days)
    while not is_working_day(last, days_off):
        last += timedelta(days=1)
    return datetime.combine(last, time.max, tzinfo=WARSAW).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """The day `months` later; the month's last day when it has no such day (by analogy with
    KPA art. 57 § 3: a term in months ends on the corresponding day of the last month, or on
    its last day when there is none)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


def end_of_day(day: date, days_off: frozenset[date] = frozenset(), move: bool = True) -> datetime:
    """The end of `day` in Europe/Warsaw (in UTC), moved past non-working days if `move`."""
    while move and not is_working_day(day, days_off):
        day += timedelta(days=1)
    return datetime.combine(day, time.max, tzinfo=WARSAW).astimezone(UTC)


EXTENSION_MONTHS = 2  # UDIP art. 13 ust. 2: "nie dłuższym jednak niż 2 miesiące"


def extension_limit(sent_at: datetime, days_off: frozenset[date] = frozenset()) -> datetime:
    """The latest lawful extended deadline: the end of the day 2 months after the request
    (UDIP art. 13 ust. 2), moved past non-working days like the 14-day deadline."""
    return end_of_day(add_months(sent_at.astimezone(WARSAW).date(), EXTENSION_MONTHS), days_off)


def legal_regime(declared: Any, kind: str | None) -> tuple[str, bool]:
    """The enquiry's regime and whether it was assumed from the kind (none recorded)."""
    if declared in (UDIP, NO_REGIME):
        return declared, False
    group = kind_group(kind) if kind in KIND_BY_CODE else ""
    return DEFAULT_REGIME_BY_GROUP.get(group, NO_REGIME), True


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
