"""The participants list on 2,500 participants: a fixed, small number of queries."""

import pytest
from django.urls import reverse

from auditor.web.demo_evidence import create_bulk_participants as create_participants
from results.models import JurorAssignment
from tests.web.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(world):
    participants = create_participants(2500, world["edition"])
    JurorAssignment.objects.bulk_create(
        JurorAssignment(juror=world["juror"], participant=p, edition=world["edition"])
        for p in participants[:120]
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
    ],
)
def test_organiser_list_query_count(client, world, crowd, django_assert_max_num_queries, params):
    login(client, world["organiser"])
    with django_assert_max_num_queries(7):
        response = client.get(reverse("web:participants"), params)
    assert response.status_code == 200
    if not params:
        assert "Znaleziono: 2502" in response.content.decode()
        assert response.content.decode().count("<tr>") == 51  # header + one page


def test_juror_list_query_count(client, world, crowd, django_assert_max_num_queries):
    login(client, world["juror"])
    with django_assert_max_num_queries(7):
        response = client.get(reverse("web:participants"), {"sort": "status"})
    body = response.content.decode()
    assert "Znaleziono: 121" in body


def test_status_counts_match_links(client, world, crowd):
    login(client, world["organiser"])
    body = client.get(reverse("web:participants"), {"status": "none"}).content.decode()
    # Every 7th bulk participant was never probed: 2500 // 7 = 357.
    assert "Znaleziono: 357" in body
