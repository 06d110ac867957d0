"""Business time in Europe/Warsaw: weekends, public holidays (24 Dec from 2025), DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rubrics.calendar import (
    WARSAW,
    OfficeHours,
    business_days,
    business_seconds,
    is_public_holiday,
)
from rubrics.email.latency import band_points

DEFAULT = OfficeHours.parse(None)
H = 3600


def local(*args):
    return datetime(*args, tzinfo=WARSAW)


def test_same_day_and_outside_hours():
    assert business_seconds(local(2027, 3, 1, 10, 0), local(2027, 3, 1, 12, 30), DEFAULT) == 2.5 * H
    # Before opening to after closing: the whole 8-hour day, no more.
    assert business_seconds(local(2027, 3, 1, 6, 0), local(2027, 3, 1, 18, 0), DEFAULT) == 8 * H
    assert business_seconds(local(2027, 3, 1, 16, 0), local(2027, 3, 2, 7, 0), DEFAULT) == 0
    assert business_seconds(local(2027, 3, 2, 9, 0), local(2027, 3, 1, 9, 0), DEFAULT) == 0


def test_across_a_weekend():
    # Friday 14:00 -> Monday 9:00: 1.5 h on Friday, 1.5 h on Monday.
    assert business_seconds(local(2027, 2, 26, 14, 0), local(2027, 3, 1, 9, 0), DEFAULT) == 3 * H


def test_across_a_public_holiday():
    # Friday 30 April -> Tuesday 4 May 2027: 3 May (Monday) is a public holiday.
    assert is_public_holiday(date(2027, 5, 3))
    assert business_seconds(local(2027, 4, 30, 14, 0), local(2027, 5, 4, 9, 0), DEFAULT) == 3 * H


def test_christmas_eve_is_a_holiday_from_2025():
    assert is_public_holiday(date(2026, 12, 24)) and is_public_holiday(date(2025, 12, 24))
    assert not is_public_holiday(date(2024, 12, 24))
    # Wednesday 23 Dec 2026 14:00 -> Monday 28 Dec 9:00: 24, 25 Dec holidays, then the weekend.
    assert business_seconds(local(2026, 12, 23, 14, 0), local(2026, 12, 28, 9, 0), DEFAULT) == 3 * H
    # Two years earlier 24 Dec (Tuesday) was a working day.
    assert (
        business_seconds(local(2024, 12, 23, 14, 0), local(2024, 12, 27, 9, 0), DEFAULT)
        == (1.5 + 8 + 1.5) * H
    )


def test_dst_spring_forward():
    # Friday 27 March 2026 14:30 CET -> Monday 30 March 06:00 UTC, which is 08:00 CEST.
    sent = datetime(2026, 3, 27, 13, 30, tzinfo=UTC)
    reply = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
    assert sent.astimezone(WARSAW).hour == 14 and reply.astimezone(WARSAW).hour == 8
    assert business_seconds(sent, reply, DEFAULT) == 1.5 * H  # 1 h Friday + 0.5 h Monday
    # Office hours through the night of the change: 00:00–06:00 local lasts 5 real hours.
    night = OfficeHours.parse({"sun": [["00:00", "06:00"]]})
    assert business_seconds(local(2026, 3, 28, 12, 0), local(2026, 3, 30, 0, 0), night) == 5 * H


def test_dst_fall_back():
    # Friday 23 Oct 2026 14:30 CEST (12:30 UTC) -> Monday 26 Oct 07:00 UTC = 08:00 CET.
    sent = datetime(2026, 10, 23, 12, 30, tzinfo=UTC)
    reply = datetime(2026, 10, 26, 7, 0, tzinfo=UTC)
    assert business_seconds(sent, reply, DEFAULT) == 1.5 * H
    night = OfficeHours.parse({"sun": [["00:00", "06:00"]]})
    assert business_seconds(local(2026, 10, 24, 12, 0), local(2026, 10, 26, 0, 0), night) == 7 * H


def test_office_hours_from_the_artifact():
    hours = OfficeHours.parse(
        {
            "mon": [["08:00", "16:00"]],
            "tue": [["08:00", "12:00"], ["13:00", "17:00"]],
            "fri": [["08:00", "12:00"]],
        }
    )
    assert hours.business_day_seconds == (8 + 8 + 4) / 3 * H
    # Tuesday's lunch break does not count; Wednesday and Thursday are closed.
    assert (
        business_seconds(local(2027, 3, 2, 11, 0), local(2027, 3, 5, 9, 0), hours)
        == (1 + 4 + 1) * H
    )
    assert business_days(local(2027, 3, 1, 7, 0), local(2027, 3, 1, 16, 0), DEFAULT) == 1.0
    for bad in (
        {"mon": [["16:00", "08:00"]]},
        {"pon": [["08:00", "16:00"]]},
        {"mon": []},
        {"mon": [["8"]]},
    ):
        with pytest.raises(ValueError):
            OfficeHours.parse(bad)


def test_naive_datetimes_rejected():
    with pytest.raises(ValueError):
        business_seconds(datetime(2027, 3, 1, 9), datetime(2027, 3, 1, 10), DEFAULT)


@pytest.mark.parametrize(
    ("business_hours", "wall_days", "points"),
    [
        (4, 0.2, 100),
        (4.01, 0.2, 90),
        (8, 1, 90),
        (16, 2, 75),
        (24, 5, 60),
        (24.5, 5, 45),
        (40, 7, 45),
        (80, 14, 25),
        (80.5, 14, 10),
        (81, 14.01, 0),
    ],
)
def test_latency_bands(business_hours, wall_days, points):
    assert band_points(business_hours * H, timedelta(days=wall_days), 8 * H) == points
