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
