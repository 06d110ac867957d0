"""The edition's schedule in APScheduler 3.11, kept in the project's own database.

One scheduler process (`auditor scheduler`) holds a lock so a second one refuses to start.
Jobs have explicit ids and are added with replace_existing, so planning an edition again
updates its schedule instead of doubling it; coalescing and a misfire grace time turn a
scheduler that was down for a while into one catch-up run, not a burst. Times are
Europe/Warsaw, so a sweep planned for 10:00 stays at 10:00 across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.date import DateTrigger
from django.conf import settings
from sqlalchemy.pool import NullPool

from results.models import Edition

WARSAW = ZoneInfo("Europe/Warsaw")
JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": 6 * 3600, "max_instances": 1}
# Website sweeps start inside this local-time window on their day.
SWEEP_HOURS = (8, 14)

_scheduler: BaseScheduler | None = None


def sqlalchemy_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    if db["ENGINE"].endswith("postgresql"):
        port = f":{db['PORT']}" if db.get("PORT") else ""
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgresql+psycopg://{db['USER']}{password}@{db['HOST']}{port}/{db['NAME']}"
    raise RuntimeError(f"nieobsługiwana baza dla harmonogramu: {db['ENGINE']}")


def make_scheduler(blocking: bool = True) -> BaseScheduler:
    from apscheduler.schedulers.background import BackgroundScheduler

    cls = BlockingScheduler if blocking else BackgroundScheduler
    return cls(
        jobstores={
            # NullPool: the scheduler wakes rarely; holding connections open buys nothing.
            "default": SQLAlchemyJobStore(
                url=sqlalchemy_url(),
                tablename="auditor_schedule",
                engine_options={"poolclass": NullPool},
            )
        },
        job_defaults=JOB_DEFAULTS,
        timezone=WARSAW,
    )


@dataclass(frozen=True)
class PlannedJob:
    id: str
    func: Callable
    run_date: dt.datetime  # aware, Europe/Warsaw
    kwargs: dict


def weekly_sweep_dates(edition: Edition, rng: random.Random) -> list[dt.datetime]:
    """One moment per week of the window, on a working day, at a random local time."""
    moments = []
    week_start = edition.window_start
    while week_start <= edition.window_end:
        days = [week_start + dt.timedelta(days=i) for i in range(7)]
        days = [d for d in days if d.weekday() < 5 and d <= edition.window_end]
        if days:
            day = rng.choice(days)
            minute = rng.randrange(SWEEP_HOURS[0] * 60, SWEEP_HOURS[1] * 60)
            moments.append(
                dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=WARSAW)
            )
        week_start += dt.timedelta(days=7)
    return moments


def plan_edition(edition: Edition) -> list[PlannedJob]:
    """The edition's jobs: weekly website sweeps and the e-mail sweep. Deterministic per edition."""
    from scheduler.jobs import run_sweep_job

    rng = random.Random(f"auditor-{edition.year}")
    jobs = []
    for moment in weekly_sweep_dates(edition, rng):
        key = f"schedule:website:{edition.year}:{moment.date().isoformat()}"
        jobs.append(
            PlannedJob(
                key,
                run_sweep_job,
                moment,
                {"year": edition.year, "probes": ["website"], "key": key},
            )
        )
    # The e-mail probe plans each participant's N enquiries, the k-th at a random moment
    # within office hours in the k-th part of the window; the sweep that hands them out runs
    # once, on the window's first working morning, and the send job below sends each when due.
    first = edition.window_start
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    key = f"schedule:email:{edition.year}"
    jobs.append(
        PlannedJob(
            key,
            run_sweep_job,
            dt.datetime.combine(first, dt.time(7, 0), tzinfo=WARSAW),
            {"year": edition.year, "probes": ["email"], "key": key},
        )
    )
    return jobs


def install(scheduler: BaseScheduler, edition: Edition) -> list[PlannedJob]:
    jobs = plan_edition(edition)
    for job in jobs:
        scheduler.add_job(
            job.func,
            DateTrigger(run_date=job.run_date, timezone=WARSAW),
            id=job.id,
            kwargs=job.kwargs,
            replace_existing=True,
        )
    from apscheduler.triggers.interval import IntervalTrigger

    from scheduler.jobs import poll_replies, send_due_enquiries

    start = dt.datetime.combine(edition.window_start, dt.time(0, 0), tzinfo=WARSAW)
    end = dt.datetime.combine(
        edition.window_end + dt.timedelta(days=15), dt.time(0, 0), tzinfo=WARSAW
    )
    # Enquiries go out at their own planned moments within office hours: a frequent job
    # sends those that are due. Replies are read, and overdue enquiries closed, until the
    # last deadline has passed.
    every_5_min = {"minutes": 5, "start_date": start, "end_date": end, "timezone": WARSAW}
    scheduler.add_job(
        send_due_enquiries,
        IntervalTrigger(**every_5_min),
        id=f"email-send:{edition.year}",
        kwargs={"year": edition.year},
        replace_existing=True,
    )
    scheduler.add_job(
        poll_replies, IntervalTrigger(**every_5_min), id="email-poll", replace_existing=True
    )
    return jobs


def add_one_off(func: Callable, job_id: str, when: dt.datetime, kwargs: dict) -> None:
    """Add a job from inside a running job (e.g. re-checking a site found down)."""
    if _scheduler is None:
        return
    _scheduler.add_job(
        func, DateTrigger(run_date=when), id=job_id, kwargs=kwargs, replace_existing=True
    )


class SingleSchedulerLock:
    """Only one scheduler process per database: a file lock (SQLite) or an advisory lock."""

    def __init__(self) -> None:
        self._fh = None
        self._conn = None

    def acquire(self) -> bool:
        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            path = Path(settings.AUDITOR.data_dir) / "scheduler.lock"
            self._fh = path.open("w")
            try:
                fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True
        import psycopg

        self._conn = psycopg.connect(
            host=db["HOST"],
            port=db.get("PORT") or None,
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            dbname=db["NAME"],
            autocommit=True,
        )
        return bool(self._conn.execute("SELECT pg_try_advisory_lock(7027001)").fetchone()[0])

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
        if self._conn is not None:
            self._conn.close()


def set_running(scheduler: BaseScheduler | None) -> None:
    global _scheduler
    _scheduler = scheduler


def resume_unfinished(scheduler: BaseScheduler) -> list[str]:
    """Sweeps a killed scheduler left running: resume each (by its key) right away.

    A date job is gone from the store once it fired, so a sweep interrupted mid-way would
    otherwise wait forever; its key makes resuming find the same sweep, never a second one.
    """
    from results.models import Sweep
    from scheduler.jobs import run_sweep_job

    resumed = []
    for sweep in Sweep.objects.filter(status=Sweep.Status.RUNNING).select_related("edition"):
        participants = sorted(set(sweep.runs.values_list("participant_id", flat=True)))
        scheduler.add_job(
            run_sweep_job,
            DateTrigger(run_date=dt.datetime.now(WARSAW)),
            id=f"resume:{sweep.key}",
            kwargs={
                "year": sweep.edition.year,
                "probes": sweep.probes,
                "key": sweep.key,
                "participants": participants,
            },
            replace_existing=True,
        )
        resumed.append(sweep.key)
    return resumed
