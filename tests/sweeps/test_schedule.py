"""The persistent schedule: explicit ids, no doubling, Warsaw time across DST, one scheduler."""

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.date import DateTrigger

from results.models import Edition
from scheduler.schedule import (
    SingleSchedulerLock,
    install,
    make_scheduler,
    plan_edition,
    weekly_sweep_dates,
)
from tests.factories import make_participant

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_matrix]
WARSAW = ZoneInfo("Europe/Warsaw")
UTC = dt.UTC


@pytest.fixture
def edition():
    return Edition.objects.create(
        year=2027, window_start=dt.date(2027, 3, 1), window_end=dt.date(2027, 5, 31)
    )


def test_plan_is_deterministic_weekly_and_on_working_days(edition):
    import random

    first = weekly_sweep_dates(edition, random.Random("x"))
    assert first == weekly_sweep_dates(edition, random.Random("x"))
    assert len(first) == 14  # 13 full weeks and the window's last Monday
    assert all(m.weekday() < 5 and 8 <= m.hour < 14 for m in first)
    ids = [j.id for j in plan_edition(edition)]
    assert len(ids) == len(set(ids))


def test_planning_twice_replaces_and_persists(edition):
    scheduler = make_scheduler(blocking=False)
    scheduler.start(paused=True)
    try:
        install(scheduler, edition)
        install(scheduler, edition)
        assert len(scheduler.get_jobs()) == len(plan_edition(edition)) + 2  # + e-mail send and poll
    finally:
        scheduler.shutdown(wait=False)
    # A new scheduler process finds the same jobs in the database.
    again = make_scheduler(blocking=False)
    again.start(paused=True)
    try:
        assert {j.id for j in again.get_jobs()} == {j.id for j in plan_edition(edition)} | {
            "email-send:2027",
            "email-poll",
        }
        job = again.get_jobs()[0]
        assert job.misfire_grace_time == 6 * 3600 and job.coalesce
    finally:
        again.shutdown(wait=False)


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        (dt.datetime(2027, 3, 26, 10, 0), 9),  # Friday before the change: CET, UTC+1
        (dt.datetime(2027, 3, 29, 10, 0), 8),  # Monday after: CEST, UTC+2
        (dt.datetime(2027, 10, 29, 10, 0), 8),  # Friday before the autumn change: CEST
        (dt.datetime(2027, 11, 1, 10, 0), 9),  # Monday after: CET
    ],
)
def test_warsaw_time_survives_daylight_saving(local, utc_hour):
    trigger = DateTrigger(run_date=local, timezone=WARSAW)
    fire = trigger.get_next_fire_time(None, dt.datetime(2027, 1, 1, tzinfo=UTC))
    assert fire.astimezone(UTC).hour == utc_hour
    assert fire.astimezone(WARSAW).hour == 10


def test_only_one_scheduler_process(edition, tmp_path):
    lock = SingleSchedulerLock()
    assert lock.acquire()
    try:
        other = subprocess.run(
            [sys.executable, "-m", "auditor", "scheduler", "--plan-only"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if lock._fh is not None:  # SQLite: the other process shares our data directory
            assert other.returncode == 4
            assert "Inny proces harmonogramu" in other.stderr
    finally:
        lock.release()


def test_a_sweep_left_running_is_resumed_by_its_key(edition):
    from scheduler.schedule import resume_unfinished
    from scheduler.sweeps import create_sweep

    p = make_participant(edition, host="a.test", name="A", kind="powiat", employees=1)
    sweep, _ = create_sweep(edition, ["website"], key="schedule:website:2027:2027-03-03")
    scheduler = make_scheduler(blocking=False)
    scheduler.start(paused=True)
    try:
        assert resume_unfinished(scheduler) == [sweep.key]
        job = scheduler.get_job(f"resume:{sweep.key}")
        assert job.kwargs["key"] == sweep.key and job.kwargs["participants"] == [p.pk]
    finally:
        scheduler.remove_all_jobs()
        scheduler.shutdown(wait=True)
