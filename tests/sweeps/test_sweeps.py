"""Sweep mechanics: one probe run per (sweep, participant, probe), claimed once, retried fairly."""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command

from results.models import Edition, Participant, ProbeRun
from scheduler import execute as execute_module
from scheduler.execute import SKIPPED, claim, execute
from scheduler.executors import EXECUTORS, ProbeOutcome
from scheduler.pool import run_sweep_blocking
from scheduler.sweeps import create_sweep, progress

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_matrix]


@pytest.fixture
def edition():
    e = Edition.objects.create(year=2027, window_start="2027-03-01", window_end="2027-05-31")
    for i in range(4):
        p = Participant.objects.create(
            identity_key=f"host:gmina{i}.test",
            name=f"Gmina {i}",
            kind="gmina_wiejska",
            employees=10 * i,
            website=f"https://gmina{i}.test/",
            emails=[f"ug@gmina{i}.test"],
            region="mazowieckie",
        )
        e.participants.add(p)
    return e


@pytest.fixture
def calls(monkeypatch):
    """A website executor that gathers a tiny artifact and counts its calls per participant."""
    seen: Counter = Counter()
    lock = threading.Lock()
    behaviour: dict[str, str] = {}

    def executor(task, sink):
        with lock:
            seen[task.participant["id"]] += 1
        mode = behaviour.get(task.participant["website"], "ok")
        if mode == "crash":
            raise RuntimeError("przeglądarka uległa awarii")
        sink.put(f"<html>{task.participant['name']}</html>".encode(), "text/html", "test")
        return ProbeOutcome(
            artifact={
                "schema": "website/1",
                "outcome": mode,
                "start_url": task.participant["website"],
            },
            outcome=mode,
        )

    monkeypatch.setitem(EXECUTORS, "website", executor)
    monkeypatch.setattr(execute_module, "BACKOFF_SECONDS", (0,))
    seen.behaviour = behaviour
    return seen


def test_a_trigger_makes_one_sweep(edition):
    first, created = create_sweep(edition, ["website", "email"], key="schedule:website:2027-03-08")
    again, created_again = create_sweep(
        edition, ["website", "email"], key="schedule:website:2027-03-08"
    )
    assert created and not created_again and first.pk == again.pk
    assert ProbeRun.objects.count() == 8


def test_every_run_executes_exactly_once(edition, calls):
    sweep, _ = create_sweep(edition, ["website"], key="k1")
    final = run_sweep_blocking(sweep, concurrency=2, poll_seconds=0.05)
    assert final.done == 4 and final.total == 4
    assert set(calls.values()) == {1}
    sweep.refresh_from_db()
    assert sweep.status == "done"
    assert all(len(r.artifact_sha256) == 64 for r in sweep.runs.all())
    # Running it again does nothing: every run is final.
    run_sweep_blocking(sweep, concurrency=2, poll_seconds=0.05)
    assert set(calls.values()) == {1}


def test_our_failure_is_retried_then_not_measured(edition, calls):
    calls.behaviour["https://gmina1.test/"] = "crash"
    calls.behaviour["https://gmina2.test/"] = "site_failure"
    sweep, _ = create_sweep(edition, ["website"], key="k2")
    final = run_sweep_blocking(sweep, concurrency=2, poll_seconds=0.05)
    assert (final.done, final.failed, final.not_measured) == (2, 1, 1)
    crashed = sweep.runs.get(participant__website="https://gmina1.test/")
    assert crashed.status == "not_measured" and crashed.attempts == settings.AUDITOR.max_attempts
    assert "awarii" in crashed.error and len(crashed.history) == settings.AUDITOR.max_attempts
    down = sweep.runs.get(participant__website="https://gmina2.test/")
    assert down.status == "failed" and down.attempts == 1  # their failure: evidence, not retried


def test_only_one_of_many_claimers_wins(edition):
    sweep, _ = create_sweep(edition, ["website"], key="k3")
    run = sweep.runs.first()
    winners = []

    def grab(i):
        from django.db import connection

        if claim(run.pk, f"w{i}") is not None:
            winners.append(i)
        connection.close()

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1


def test_a_dead_workers_lapsed_lease_is_taken_over(edition, calls):
    sweep, _ = create_sweep(edition, ["website"], key="k4")
    run = sweep.runs.first()
    assert claim(run.pk, "dead-worker") is not None
    assert execute(run.pk, "second") == SKIPPED  # the lease still holds
    ProbeRun.objects.filter(pk=run.pk).update(lease_until="2000-01-01T00:00:00Z")
    assert execute(run.pk, "second") == "done"
    run.refresh_from_db()
    assert run.attempts == 2 and run.claimed_by == "second"
    assert sum(calls.values()) == 1


def test_sweep_status_json(edition, calls, capsys):
    sweep, _ = create_sweep(edition, ["website"], key="k5")
    run_sweep_blocking(sweep, concurrency=1, poll_seconds=0.05)
    call_command("sweep", "status", "--json")
    import json

    [row] = json.loads(capsys.readouterr().out)
    assert row["key"] == "k5" and row["done"] == 4 and row["total"] == 4
    assert progress(sweep).finished == 4
