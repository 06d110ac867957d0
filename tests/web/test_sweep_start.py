"""Sweeps from the browser: organisers start one (all or some participants, one probe or
both) through the command's path in the background, watch it refresh itself with a time
estimate, and cancel it; everything in the audit log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from auditor.web import sweep_start
from results.models import AuditLogEntry, ProbeRun, Sweep
from scheduler.sweeps import create_sweep, progress
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def started(monkeypatch):
    calls = []
    monkeypatch.setattr(sweep_start, "start_in_background", lambda sweep: calls.append(sweep.pk))
    from auditor.web import sweep_views

    monkeypatch.setattr(sweep_views, "start_in_background", lambda sweep: calls.append(sweep.pk))
    return calls


def test_organiser_starts_a_website_sweep_of_one_participant(client, world, started):
    login(client, world["organiser"])
    page = client.get(reverse("web:sweeps")).content.decode()
    assert "Uruchom przebieg" in page
    response = client.post(
        reverse("web:sweep_start"),
        {"edition": "2027", "only": "website", "participants": str(world["a"].pk)},
    )
    sweep = Sweep.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:sweep", args=[sweep.pk]
    )
    assert started == [sweep.pk]
    assert sweep.probes == ["website"] and sweep.key.startswith("web:org:")
    assert list(sweep.runs.values_list("participant_id", "probe")) == [(world["a"].pk, "website")]
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.SWEEP_START)
    assert entry.actor == "web:org" and entry.details["runs"] == 1
    page = client.get(response["Location"]).content.decode()
    assert "Uruchomiono przebieg" in page and "Anuluj przebieg" in page
    # The self-refresh is the user's choice (WCAG 2.2.1, axe's meta-refresh): offered, not on.
    assert 'http-equiv="refresh"' not in page
    assert '<a href="?odswiezaj=1">Odświeżaj co 10 s</a>' in page
    live = client.get(response["Location"] + "?odswiezaj=1").content.decode()
    assert '<meta http-equiv="refresh" content="10">' in live
    assert f'<a href="{response["Location"]}">Wyłącz odświeżanie</a>' in live
    for path in (reverse("web:sweeps"),):
        assert 'http-equiv="refresh"' not in client.get(path).content.decode()
        listed = client.get(path + "?odswiezaj=1").content.decode()
        assert '<meta http-equiv="refresh" content="10">' in listed


def test_all_participants_both_probes(client, world, started):
    login(client, world["organiser"])
    client.post(reverse("web:sweep_start"), {"edition": "2027", "only": "", "participants": ""})
    assert Sweep.objects.get().runs.count() == 4


def test_bad_input_is_said_in_polish_and_starts_nothing(client, world, started):
    login(client, world["organiser"])
    response = client.post(
        reverse("web:sweep_start"), {"edition": "2027", "participants": "trzy"}, follow=True
    )
    assert "Podaj numery ID uczestników" in response.content.decode()
    response = client.post(
        reverse("web:sweep_start"), {"edition": "2027", "participants": "99999"}, follow=True
    )
    assert "w edycji nie ma takich uczestników" in response.content.decode()
    assert not Sweep.objects.exists() and started == []


@pytest.mark.parametrize("who", ["juror", "observer"])
def test_only_organisers_start_or_cancel(client, world, started, who):
    login(client, world[who])
    assert client.post(reverse("web:sweep_start"), {"edition": "2027"}).status_code == 403
    sweep, _ = create_sweep(world["edition"], key="t")
    assert client.post(reverse("web:sweep_cancel", args=[sweep.pk])).status_code == 403
    assert not sweep.runs.exclude(status=ProbeRun.Status.PENDING).exists()


def test_cancel_marks_pending_runs_not_measured_and_lets_running_ones_finish(client, world):
    sweep, _ = create_sweep(world["edition"], key="t")
    running = sweep.runs.first()
    running.status = ProbeRun.Status.RUNNING
    running.save()
    login(client, world["organiser"])
    client.post(reverse("web:sweep_cancel", args=[sweep.pk]))
    statuses = dict(sweep.runs.values_list("pk", "status"))
    assert statuses.pop(running.pk) == ProbeRun.Status.RUNNING
    assert set(statuses.values()) == {ProbeRun.Status.NOT_MEASURED}
    assert set(sweep.runs.exclude(pk=running.pk).values_list("error_kind", flat=True)) == {
        "cancelled"
    }
    sweep.refresh_from_db()
    assert sweep.status == Sweep.Status.RUNNING  # the running probe finishes first
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.SWEEP_CANCEL)
    assert entry.details["cancelled"] == 3
    page = client.get(reverse("web:sweep", args=[sweep.pk])).content.decode()
    assert "Organizator anulował przebieg" in page


def test_cancel_of_a_sweep_with_nothing_running_closes_it(client, world):
    sweep, _ = create_sweep(world["edition"], key="t")
    login(client, world["organiser"])
    client.post(reverse("web:sweep_cancel", args=[sweep.pk]))
    sweep.refresh_from_db()
    assert sweep.status == Sweep.Status.DONE
    page = client.get(reverse("web:sweep", args=[sweep.pk]) + "?odswiezaj=1").content.decode()
    assert 'http-equiv="refresh"' not in page and "Anuluj przebieg" not in page
    assert "Odświeżaj co" not in page  # a finished sweep has nothing to watch


def test_time_left_from_the_pace_so_far(world):
    sweep, _ = create_sweep(world["edition"], key="t")
    Sweep.objects.filter(pk=sweep.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    sweep.refresh_from_db()
    assert sweep_start.time_left(sweep, progress(sweep)) is None  # nothing finished yet
    sweep.runs.filter(pk=sweep.runs.first().pk).update(status=ProbeRun.Status.DONE)
    # 1 of 4 in 10 minutes: 30 minutes left.
    assert sweep_start.time_left(sweep, progress(sweep)) == "30 min"
