"""The participants list on 2,500 participants: a fixed, small number of queries."""

import pytest
from django.urls import reverse

from auditor.web.demo_evidence import create_bulk_participants as create_participants
from results.models import JurorAssignment, ParticipantScoreRecord, ScoreRun
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


@pytest.fixture
def crowd(world):
    participants = create_participants(2500, world["edition"])
    JurorAssignment.objects.bulk_create(
        JurorAssignment(juror=world["juror"], participant=p, edition=world["edition"])
        for p in participants[:120]
    )
    run = ScoreRun.objects.create(
        edition=world["edition"],
        rubric_version="2027.1",
        input_digest="0" * 64,
        threshold=70.0,
        statuettes_per_category=3,
    )
    ParticipantScoreRecord.objects.bulk_create(
        ParticipantScoreRecord(run=run, participant=p, points=None if n % 10 == 0 else n % 97)
        for n, p in enumerate(participants)
    )
    return participants


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "status"},
        {"status": "ok", "kind": "gmina_miejska", "strona": "3"},
        {"q": "Uczestnik 01", "region": "slaskie", "edition": "2027", "sort": "-employees"},
        {"status": "none"},
        {"sort": "-points", "strona": "2"},
    ],
)
def test_organiser_list_query_count(client, world, crowd, django_assert_max_num_queries, params):
    login(client, world["organiser"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("web:participants"), params)
    assert response.status_code == 200
    if not params:
        assert "Znaleziono: 2502" in response.content.decode()
        assert response.content.decode().count("<tr>") == 51  # header + one page


def test_juror_list_query_count(client, world, crowd, django_assert_max_num_queries):
    login(client, world["juror"])
    # One more than the organiser's: the progress column (editions, own scores) takes two.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("web:participants"), {"sort": "status"})
    body = response.content.decode()
    assert "Znaleziono: 121" in body
    assert body.count("do oceny</span>") == 50  # the progress column, for a whole page


def test_status_counts_match_links(client, world, crowd):
    login(client, world["organiser"])
    body = client.get(reverse("web:participants"), {"status": "none"}).content.decode()
    # Every 7th bulk participant was never probed: 2500 // 7 = 357.
    assert "Znaleziono: 357" in body


def test_points_shown_and_sorted(client, world, crowd):
    login(client, world["organiser"])
    body = client.get(reverse("web:participants"), {"sort": "-points"}).content.decode()
    assert "Punkty (rubryka 2027.1)" in body
    # The highest points first (96), participants without points last.
    first_row = body.split("<tbody>")[1].split("</tr>")[0]
    assert "96,00" in first_row
    last_page = client.get(reverse("web:participants"), {"sort": "-points", "strona": "51"})
    assert "—</td>" in last_page.content.decode().split("<tbody>")[1]
