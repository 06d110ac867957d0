"""Recompute with a preview and publish from the web (issue 19): the preview changes
nothing until confirmed; publishing freezes the files, served byte for byte afterwards."""

import pytest
from django.urls import reverse

from results.models import CriterionResultRecord, Override, RankingPublication, ScoreRun
from tests.factories import make_edition, make_score_run

from .conftest import login

pytestmark = pytest.mark.django_db


def _flip_one_criterion(world):
    """An override that changes participant A's result: a scored criterion turned around."""
    row = (
        CriterionResultRecord.objects.filter(
            score_record__participant=world["a"], status__in=("pass", "fail"), weight__gt=0
        )
        .order_by("-score_record__run_id", "criterion_id")
        .first()
    )
    status, score = ("fail", 0.0) if row.status == "pass" else ("pass", 1.0)
    Override.objects.create(
        edition=world["edition"],
        participant=world["a"],
        criterion_id=row.criterion_id,
        status=status,
        score=score,
        reason="Juror sprawdził na stronie.",
        actor="web:org",
    )


def test_recompute_shows_the_changes_first_and_applies_only_on_confirmation(client, world):
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    runs = ScoreRun.objects.count()
    _flip_one_criterion(world)
    preview = client.get(reverse("web:recompute"), {"edycja": "2027"})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "podgląd" in body and "Gmina Przykładowa 1: punkty" in body
    assert ScoreRun.objects.count() == runs  # nothing was stored
    assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 302
    assert ScoreRun.objects.count() == runs + 1


def test_publish_freezes_and_serves_the_files_byte_for_byte(client, world):
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    page = client.get(reverse("web:publish"), {"edycja": "2027"})
    assert page.status_code == 200 and "Pierwsza publikacja" in page.content.decode()
    response = client.post(reverse("web:publish"), {"edycja": "2027", "uwagi": "gala"})
    assert response.status_code == 302
    publication = RankingPublication.objects.get()
    url = reverse("web:published", args=[1, "csv"]) + "?edycja=2027"
    first = client.get(url).content
    assert first
    _flip_one_criterion(world)
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    assert client.get(url).content == first
    ranking = client.get(reverse("web:ranking"), {"edycja": "2027"}).content.decode()
    assert "wersja 1" in ranking and "gala" in ranking
    assert publication.note == "gala"


def test_only_organisers_publish_and_recompute(client, world):
    for user in (world["juror"], world["observer"]):
        login(client, user)
        assert client.get(reverse("web:recompute"), {"edycja": "2027"}).status_code == 403
        assert client.post(reverse("web:publish"), {"edycja": "2027"}).status_code == 403
        client.logout()


def test_the_ranking_page_shows_the_previous_edition_and_the_threshold(client, world):
    from results.models import ParticipantScoreRecord

    old_run = make_score_run(make_edition(2026), input_digest="1" * 64)
    ParticipantScoreRecord.objects.create(run=old_run, participant=world["a"], points=64.5)
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    page = client.get(reverse("web:ranking"), {"edycja": "2027"}).content.decode()
    assert "2026: 64,50" in page
    assert "próg licencji" in page
