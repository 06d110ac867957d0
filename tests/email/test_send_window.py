"""The send window uses the one calendar's working days, including the edition's declared
days off: an office closed on a substitute day is not written to."""

from __future__ import annotations

import random
from datetime import date, datetime

from probes.email import schedule
from rubrics.calendar import WARSAW, parse_days_off

HOURS = schedule.DEFAULT_OFFICE_HOURS["J"]
DAY_OFF = parse_days_off(["2026-08-14"])  # Friday, for Saturday 15 August 2026


def test_no_sending_on_a_declared_day_off():
    friday_noon = datetime(2026, 8, 14, 12, 0, tzinfo=WARSAW)
    assert schedule.in_office_hours(friday_noon, HOURS)
    assert not schedule.in_office_hours(friday_noon, HOURS, DAY_OFF)
    moment = schedule.next_send_moment(friday_noon, HOURS, random.Random(1), days_off=DAY_OFF)
    assert moment.astimezone(WARSAW).date() == date(2026, 8, 17)  # Monday
    # Holidays and Wigilia come from the same calendar.
    assert not schedule.is_working_day(date(2026, 12, 24))


def test_planned_moments_avoid_the_day_off():
    rng = random.Random(7)
    start = datetime(2026, 8, 13, 0, 0, tzinfo=WARSAW)
    for _ in range(200):
        moment = schedule.moment_within(
            date(2026, 8, 13), date(2026, 8, 17), start, HOURS, rng, DAY_OFF
        )
        assert moment.astimezone(WARSAW).date() in (date(2026, 8, 13), date(2026, 8, 17))


def test_no_sending_when_offices_are_mostly_closed():
    """Wigilia (a holiday from 2025), 27–31 December, 2 January and bridge days: the send
    window skips them, while the scoring calendar still counts the non-holidays as working."""
    from rubrics.calendar import is_bridge_day, is_send_day, is_working_day

    assert not is_send_day(date(2026, 12, 24)) and not is_working_day(date(2026, 12, 24))
    for day in (date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 4 - 2)):
        assert is_working_day(day) or day == date(2027, 1, 2)  # 2 Jan 2027 is a Saturday
        assert not is_send_day(day)
    # Corpus Christi 2026 is Thursday 4 June: Friday 5 June is a bridge day.
    assert is_bridge_day(date(2026, 6, 5)) and not is_send_day(date(2026, 6, 5))
    assert is_working_day(date(2026, 6, 5))  # still a working day for latency
    assert is_send_day(date(2026, 6, 8)) and is_send_day(date(2026, 6, 3))
    # The planner and the sender read the same days: after 23 Dec 2026 (Wednesday) the next
    # send moment is Monday 4 January 2027 (24–26 holidays, 27 Sunday, 28–31 quiet, 1 Jan
    # holiday, 2–3 weekend).
    evening = datetime(2026, 12, 23, 16, 0, tzinfo=WARSAW)
    moment = schedule.next_send_moment(evening, HOURS, random.Random(3))
    assert moment.astimezone(WARSAW).date() == date(2027, 1, 4)
    assert not schedule.in_office_hours(datetime(2026, 6, 5, 10, 0, tzinfo=WARSAW), HOURS)
    # A declared day off makes its neighbour a bridge as well (Monday 17 Aug 2026 is not:
    # Tuesday is a working day).
    assert is_send_day(date(2026, 8, 17), DAY_OFF)
