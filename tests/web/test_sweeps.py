"""The sweep status page: who may see it, what it counts, and the second try of what we could
not measure (a new sweep; the old runs and their history untouched)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from auditor.web.run_errors import explain_error
from auditor.web.sweep_retry import KEY_MAX, retry_key
from results.models import AuditLogEntry, Edition, ProbeRun, Sweep
from scheduler.sweeps import create_sweep
from tests.web.conftest import login, make_participant, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]

TIMEOUT = "TimeoutError: page.goto: Timeout 30000ms exceeded"


@pytest.fixture
def edition(db):
    return Edition.objects.create(
        year=2027, window_start=datetime.date(2027, 3, 1), window_end=datetime.date(2027, 4, 30)
    )


@pytest.fixture
def people(db):
    return {
        role: make_user(name, role)
        for name, role in (("org", "organiser"), ("juror", "juror"), ("obs", "observer"))
    } | {"none": make_user("nobody", None)}


def set_status(run: ProbeRun, status: str, attempts: int = 1, error: str = "", outcome: str = ""):
    run.status = status
    run.attempts = attempts
    run.error = error
    run.outcome = outcome
    run.history = [{"attempt": n + 1, "status": status, "error": error} for n in range(attempts)]
    run.save()


@pytest.fixture
def swept(edition):
    """Five participants × two probes: 3 done, 2 theirs, 2 ours, 1 running, 2 pending."""
    parts = [make_participant(n) for n in range(1, 6)]
    edition.participants.add(*parts)
    sweep, _ = create_sweep(edition, key="schedule:all:2027-03-08")
    runs = {(r.participant_id, r.probe): r for r in sweep.runs.all()}
    p = [x.pk for x in parts]
    set_status(runs[(p[0], "website")], "done")
    set_status(runs[(p[0], "email")], "done")
    set_status(runs[(p[1], "website")], "done")
    set_status(runs[(p[1], "email")], "failed", outcome="site_failure")
    set_status(runs[(p[2], "website")], "failed", outcome="site_failure")
    set_status(runs[(p[2], "email")], "not_measured", 3, "zapytanie nieprzyjęte: 451 4.3.0")
    set_status(runs[(p[3], "website")], "not_measured", 3, TIMEOUT)
    set_status(runs[(p[3], "email")], "running")
    return {"sweep": sweep, "parts": parts, "runs": runs}


def urls(sweep):
    return [reverse("web:sweeps"), reverse("web:sweep", args=[sweep.pk])]


def test_login_required(client, swept):
    for url in urls(swept["sweep"]):
        response = client.get(url)
        assert response.status_code == 302 and "/logowanie/" in response["Location"]
    response = client.post(reverse("web:sweep_retry", args=[swept["sweep"].pk]))
    assert response.status_code == 302 and "/logowanie/" in response["Location"]
    assert Sweep.objects.count() == 1


@pytest.mark.parametrize("role", ["juror", "observer", "none"])
def test_only_organisers(client, swept, people, role):
    login(client, people[role])
    for url in urls(swept["sweep"]):
        response = client.get(url)
        assert response.status_code == 403
        assert "tylko organizatorzy" in response.content.decode()
    response = client.post(reverse("web:sweep_retry", args=[swept["sweep"].pk]))
    assert response.status_code == 403
    assert Sweep.objects.count() == 1
    assert not AuditLogEntry.objects.exists()


def test_navigation_link_for_organisers_only(client, swept, people):
    login(client, people["organiser"])
    page = client.get(reverse("web:sweeps")).content.decode()
    assert 'href="/przebiegi/" aria-current="page">Przebiegi badania<' in page
    client.logout()
    login(client, people["juror"])
    assert "Przebiegi badania" not in client.get(reverse("web:participants")).content.decode()
    client.logout()
    login(client, people["observer"])
    assert "Przebiegi badania" not in client.get(reverse("web:ranking")).content.decode()


def counts_of(html: str, anchor: str) -> dict[str, str]:
    section = html.split(anchor, 1)[1].split('class="facts sweep-counts"', 1)[1]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>(\d+)</dd>", section.split("</dl>")[0]))


def test_counts_progress_and_problems(client, swept, people):
    login(client, people["organiser"])
    sweep = swept["sweep"]
    html = client.get(reverse("web:sweeps")).content.decode()
    expected = {
        "Zmierzono": "3",
        "Błąd po stronie uczestnika": "2",
        "Nie zmierzono (nasz błąd)": "2",
        "W toku": "1",
        "Oczekuje": "2",
    }
    assert counts_of(html, f'id="przebieg-{sweep.pk}"') == expected
    assert f'<progress id="postep-{sweep.pk}" max="10" value="7">70%</progress>' in html
    assert f'<label for="postep-{sweep.pk}">Zakończone sondy: 7 z 10 (70%)</label>' in html
    # The problems: ours (with the error in Polish and the raw text) before theirs.
    assert "Przekroczono czas oczekiwania po naszej stronie." in html
    assert "Nasz serwer poczty nie przyjął zapytania do wysłania." in html
    assert html.count("Błąd po stronie uczestnika: awaria strony uczestnika.") == 2
    assert html.index("Przekroczono czas") < html.index("Błąd po stronie uczestnika: awaria")
    for p in swept["parts"][1:4]:
        assert f'href="{reverse("web:participant", args=[p.pk])}"' in html
    assert reverse("web:participant", args=[swept["parts"][4].pk]) not in html  # all pending
    assert "Zbadaj ponownie" in html
    assert "auditor sweep run --edition 2027 --key schedule:all:2027-03-08" in html

    detail = client.get(reverse("web:sweep", args=[sweep.pk])).content.decode()
    assert counts_of(detail, "<h1>") == expected
    assert "razem 4" in detail and TIMEOUT in detail


def test_running_sweeps_first(client, swept, people, edition):
    old = swept["sweep"]
    done, _ = create_sweep(edition, key="later-but-done")
    Sweep.objects.filter(pk=done.pk).update(status=Sweep.Status.DONE)
    login(client, people["organiser"])
    html = client.get(reverse("web:sweeps")).content.decode()
    assert html.index(f'id="przebieg-{old.pk}"') < html.index(f'id="przebieg-{done.pk}"')
    assert "Zbadaj ponownie" not in html.split(f'id="przebieg-{done.pk}"', 1)[1]


def test_retry_makes_a_new_sweep_of_the_not_measured_only(client, swept, people):
    old = swept["sweep"]
    before = list(old.runs.order_by("pk").values())
    login(client, people["organiser"])
    response = client.post(reverse("web:sweep_retry", args=[old.pk]), follow=True)
    assert response.status_code == 200

    new = Sweep.objects.exclude(pk=old.pk).get()
    assert new.key.startswith("retry:schedule:all:2027-03-08:")
    assert new.options["retry_of"] == old.pk and new.edition_id == old.edition_id
    p = [x.pk for x in swept["parts"]]
    assert set(new.runs.values_list("participant_id", "probe", "status", "attempts")) == {
        (p[2], "email", "pending", 0),
        (p[3], "website", "pending", 0),
    }
    # The old sweep is evidence: nothing of it changed.
    assert list(old.runs.order_by("pk").values()) == before

    entry = AuditLogEntry.objects.get()
    assert entry.actor == "web:org" and entry.action == "sweep.retry"
    assert entry.object_type == "Sweep" and entry.object_id == str(new.pk)
    assert entry.details["retry_of"] == old.pk and entry.details["runs"] == 2
    assert sorted(entry.details["pairs"]) == sorted([f"{p[2]}:email", f"{p[3]}:website"])

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("web:sweep", args=[new.pk])
    assert f"Utworzono przebieg #{new.pk}" in html
    assert f"auditor sweep run --edition 2027 --key {new.key}" in html
    # `sweep run --key` resumes by key: create_sweep finds this sweep, it does not make one.
    again, created = create_sweep(old.edition, key=new.key)
    assert (again.pk, created) == (new.pk, False)
    # The old sweep's page links its retry.
    detail = client.get(reverse("web:sweep", args=[old.pk])).content.decode()
    assert f'href="{reverse("web:sweep", args=[new.pk])}">#{new.pk}</a>' in detail


def test_retry_with_nothing_not_measured(client, swept, people):
    old = swept["sweep"]
    old.runs.filter(status="not_measured").update(status="done")
    login(client, people["organiser"])
    response = client.post(reverse("web:sweep_retry", args=[old.pk]), follow=True)
    assert "nie ma sond „nie zmierzono”" in response.content.decode()
    assert Sweep.objects.count() == 1 and not AuditLogEntry.objects.exists()


def test_retry_needs_post_and_csrf(swept, people):
    old = swept["sweep"]
    url = reverse("web:sweep_retry", args=[old.pk])
    client = Client(enforce_csrf_checks=True)
    login(client, people["organiser"])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert Sweep.objects.count() == 1
    page = client.get(reverse("web:sweeps")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Sweep.objects.count() == 2


def test_retry_key_fits_the_column():
    now = datetime.datetime(2027, 3, 9, 12, 0, 5, tzinfo=datetime.UTC)
    assert retry_key("schedule:x", now) == "retry:schedule:x:2027-03-09T12:00:05"
    long_key = retry_key("retry:" * 60, now)
    assert len(long_key) == KEY_MAX and long_key.endswith(":2027-03-09T12:00:05")


def test_errors_in_polish():
    assert explain_error(TIMEOUT) == "Przekroczono czas oczekiwania po naszej stronie."
    assert "Przeglądarka" in explain_error("Target page, context or browser has been closed")
    assert "strona kontrolna" in explain_error("kontrola nie powiodła się po: dns")
    assert explain_error("") == "Brak opisu błędu."
    assert explain_error("ValueError: x").startswith("Błąd po naszej stronie")


def test_query_count_bounded(client, edition, people, django_assert_max_num_queries):
    """Many sweeps and thousands of runs: the same handful of queries."""
    parts = [make_participant(n) for n in range(1, 401)]
    edition.participants.add(*parts)
    for k in range(12):
        sweep, _ = create_sweep(edition, key=f"sweep-{k}")
        ids = list(sweep.runs.order_by("pk").values_list("pk", flat=True))
        ProbeRun.objects.filter(pk__in=ids[0::4]).update(status="done", attempts=1)
        ProbeRun.objects.filter(pk__in=ids[1::4]).update(
            status="failed", attempts=1, outcome="site_failure"
        )
        ProbeRun.objects.filter(pk__in=ids[2::4]).update(
            status="not_measured", attempts=3, error=TIMEOUT
        )
    create_sweep(edition, key="retry:sweep-11:2027", options={"retry_of": sweep.pk})
    login(client, people["organiser"])
    with django_assert_max_num_queries(8):  # +1: the editions of the start form
        html = client.get(reverse("web:sweeps")).content.decode()
    assert html.count("<section") == 10
    # 10 problem rows shown of each sweep's 400, and the way to all of them
    # the newest (the retry, nothing failed yet) first, then nine of the twelve
    assert html.count("Przekroczono czas oczekiwania") == 9 * 10
    assert "Wszystkie błędy przebiegu" in html
    with django_assert_max_num_queries(9):  # +1: the last finished run
        detail = client.get(reverse("web:sweep", args=[sweep.pk]) + "?strona=3").content.decode()
    assert "Strona 3 z 4" in detail and "razem 400" in detail


@pytest.mark.slow  # needs the Redis of scripts/services/redis.sh (started by scripts/test.sh)
def test_retry_is_queued_when_a_broker_is_configured(client, swept, people, settings):
    import dataclasses
    import subprocess
    from pathlib import Path

    import redis

    script = Path(__file__).resolve().parents[2] / "scripts/services/redis.sh"
    started = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip().rsplit("/", 1)[0] + "/4"
    redis.Redis.from_url(url).flushdb()
    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, broker_url=url)

    from scheduler.distributed import configure

    broker = configure(url)
    login(client, people["organiser"])
    response = client.post(reverse("web:sweep_retry", args=[swept["sweep"].pk]), follow=True)
    html = response.content.decode()
    new = Sweep.objects.exclude(pk=swept["sweep"].pk).get()
    assert "Przekazano do kolejki sondy: 2." in html
    assert f"--key {new.key}" in html
    import json

    queued = broker.client.hvals(f"{broker.namespace}:probes.msgs")
    assert sorted(json.loads(m)["args"][0] for m in queued) == sorted(
        new.runs.values_list("pk", flat=True)
    )
