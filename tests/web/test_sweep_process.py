"""A sweep started from the browser runs in a process of its own (`auditor sweep run --key`),
so the end of the web worker that started it does not end it; a cancel still reaches it."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.urls import reverse

from auditor.web import sweep_start, sweep_views
from results.models import ProbeRun, Sweep
from tests.web.conftest import login, make_participant

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# The web worker: starts the sweep the way the view does, says the command's pid, then waits
# (for the signal that ends it, as a restart of the workers would).
WORKER = """
import sys, time, django
django.setup()
from auditor.web.sweep_start import start_in_background
from results.models import Sweep
process = start_in_background(Sweep.objects.get(pk=int(sys.argv[1])))
print(process.pid, flush=True)
time.sleep(600)
"""


def wait_until_finished(sweep: Sweep, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sweep.refresh_from_db()
        if sweep.status == Sweep.Status.DONE:
            return
        time.sleep(0.5)
    raise AssertionError(f"przebieg #{sweep.pk} nie zakończył się: {sweep.status}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped) counts as ended.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def unreachable(transactional_db, world):
    """Participant A's site is a closed loopback port: its website probe ends in seconds."""
    world["a"].website = "http://127.0.0.1:9/"
    world["a"].save()
    return world


def test_the_sweep_outlives_the_web_worker_that_started_it(client, unreachable):
    world = unreachable
    login(client, world["organiser"])
    from auditor.web.sweep_start import start_sweep

    sweep, runs = start_sweep(world["edition"], "website", [world["a"].pk], "web:org")
    assert runs == 1
    env = {
        **os.environ,
        "DATABASE_URL": sweep_start._database_url(),
        "AUDITOR_DATA_DIR": str(settings.AUDITOR.data_dir),
        "DJANGO_SETTINGS_MODULE": "auditor.settings",
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(sweep.pk)],
        stdout=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own group, so the whole group can be killed
    )
    try:
        command_pid = int(worker.stdout.readline())
        # The command is a process of its own, in a session of its own.
        with open(f"/proc/{command_pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
        assert b"sweep" in argv and sweep.key.encode() in argv
        assert os.getsid(command_pid) == command_pid != os.getsid(worker.pid)
        # A restart of the web workers: the worker's whole process group is killed at once.
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        assert alive(command_pid) or Sweep.objects.get(pk=sweep.pk).status == "done"
        wait_until_finished(sweep)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    run = sweep.runs.get()
    assert run.status in (ProbeRun.Status.FAILED, ProbeRun.Status.DONE)
    log = sweep_start.log_path(sweep).read_text(encoding="utf-8")
    assert f"przebieg #{sweep.pk}" in log.lower()


def test_the_status_page_follows_the_process_and_cancel_reaches_it(
    client, unreachable, monkeypatch
):
    world = unreachable
    # Four sites on the same closed port: one host, so the command runs them one by one.
    world["b"].website = "http://127.0.0.1:9/"
    world["b"].save()
    for n in (3, 4):
        world["edition"].participants.add(make_participant(n, website="http://127.0.0.1:9/"))
    started = []

    def start(sweep):
        started.append(sweep_start.start_in_background(sweep))
        return started[-1]

    monkeypatch.setattr(sweep_views, "start_in_background", start)
    login(client, world["organiser"])
    client.post(reverse("web:sweep_start"), {"edition": "2027", "only": "website"})
    sweep = Sweep.objects.get()
    assert sweep.runs.count() == 4
    # Wait for the command to be at work, then cancel from the page.
    deadline = time.monotonic() + 60
    while not sweep.runs.exclude(status=ProbeRun.Status.PENDING).exists():
        assert time.monotonic() < deadline, "the command never started a run"
        time.sleep(0.2)
    page = client.get(reverse("web:sweep", args=[sweep.pk])).content.decode()
    assert "Anuluj przebieg" in page
    client.post(reverse("web:sweep_cancel", args=[sweep.pk]))
    wait_until_finished(sweep)
    assert started[0].wait(timeout=60) == 0  # the command saw the end and exited cleanly
    runs = list(sweep.runs.all())
    cancelled = [r for r in runs if r.error_kind == "cancelled"]
    # Cancelled ones were never run by the command; the rest ran to an end.
    assert cancelled and all(r.status == ProbeRun.Status.NOT_MEASURED for r in cancelled)
    assert all(r.attempts == 0 for r in cancelled)
    assert all(r.status != ProbeRun.Status.PENDING for r in runs)
    page = client.get(reverse("web:sweep", args=[sweep.pk])).content.decode()
    assert "(zakończony)" in page and "Zakończone sondy: 4 z 4" in page
