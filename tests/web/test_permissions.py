"""Who may open what: every view and every evidence file URL, for every role."""

import json

import pytest
from django.urls import reverse

from results.models import ParticipantEvidence
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


def page_urls(world):
    a = world["a"].pk
    hashes = world["hashes_a"]
    store_link = ParticipantEvidence.objects.filter(participant=world["a"], role="blob")
    some_blob = store_link.first().blob_id
    return {
        "participants": reverse("web:participants"),
        "participant": reverse("web:participant", args=[a]),
        "file": reverse("web:evidence_file", args=[a, some_blob]),
        "artifact": reverse("web:evidence_file", args=[a, hashes["website"]]),
        "audit_log": reverse("web:audit_log"),
        "ranking": reverse("web:ranking"),
        # Before any score run: the role check answers first (403), then "nothing yet" (404).
        "export": reverse("web:export", args=["csv"]),
        "report": reverse("web:report", args=[a]),
    }


def post_urls(world):
    a = world["a"].pk
    return [
        reverse("web:review_incomplete", args=[a]),
        reverse("web:assess", args=[a]),
        reverse("web:override", args=[a]),
        reverse("web:recompute"),
    ]


def test_every_page_needs_a_login(client, world):
    for name, url in page_urls(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("web:login")), name
    for url in post_urls(world):
        response = client.post(url, {})
        assert response.status_code == 302 and "/logowanie/" in response["Location"], url


def test_post_views_refuse_get(client, world):
    login(client, world["organiser"])
    # The recomputation answers GET with a preview of its changes (tests/web/test_publish_web.py).
    for url in post_urls(world)[:-1]:
        assert client.get(url).status_code == 405, url


def test_forms_need_the_csrf_token(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    login(strict, world["juror"])
    response = strict.post(reverse("web:assess", args=[world["a"].pk]), {"HUM-VISIT-score": "3"})
    assert response.status_code == 403


# role -> page -> expected status
EXPECTED = {
    "organiser": {
        "participants": 200,
        "participant": 200,
        "file": 200,
        "artifact": 200,
        "audit_log": 200,
        "ranking": 200,
        "export": 404,
        "report": 404,
    },
    "juror": {
        "participants": 200,
        "participant": 200,
        "file": 200,
        "artifact": 200,
        "audit_log": 403,
        "ranking": 403,
        "export": 403,
        "report": 403,
    },
    "observer": {
        "participants": 403,
        "participant": 403,
        "file": 403,
        "artifact": 403,
        "audit_log": 403,
        "ranking": 200,
        "export": 404,
        "report": 404,
    },
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_role_matrix(client, world, role):
    user = {
        "organiser": world["organiser"],
        "juror": world["juror"],
        "observer": world["observer"],
    }[role]
    login(client, user)
    for name, url in page_urls(world).items():
        assert client.get(url).status_code == EXPECTED[role][name], (role, name)


def test_user_without_role_sees_nothing(client, world, django_user_model):
    django_user_model.objects.create_user("nobody", password="Haslo-Jurora-2027!")
    client.login(username="nobody", password="Haslo-Jurora-2027!")
    for name, url in page_urls(world).items():
        assert client.get(url).status_code == 403, name


def test_juror_cannot_open_a_participant_not_assigned_nor_its_files(client, world):
    login(client, world["juror"])
    b = world["b"]
    assert client.get(reverse("web:participant", args=[b.pk])).status_code == 403
    for link in ParticipantEvidence.objects.filter(participant=b):
        # Through B's URL: forbidden.
        assert (
            client.get(reverse("web:evidence_file", args=[b.pk, link.blob_id])).status_code == 403
        )
        assert client.get(reverse("web:snapshot", args=[b.pk, link.blob_id])).status_code == 403
        assert (
            client.get(reverse("web:snapshot_content", args=[b.pk, link.blob_id])).status_code
            == 403
        )
    # Through A's URL (assigned), a blob only B's evidence holds: not found.
    only_b = set(
        ParticipantEvidence.objects.filter(participant=b).values_list("blob_id", flat=True)
    ) - set(
        ParticipantEvidence.objects.filter(participant=world["a"]).values_list("blob_id", flat=True)
    )
    assert only_b
    for sha in only_b:
        url = reverse("web:evidence_file", args=[world["a"].pk, sha])
        assert client.get(url).status_code == 404
    # Not listed either.
    listing = client.get(reverse("web:participants")).content.decode()
    assert world["a"].name in listing and world["b"].name not in listing


def test_juror_cannot_review_for_a_participant_not_assigned(client, world):
    login(client, world["juror"])
    url = reverse("web:review_incomplete", args=[world["b"].pk])
    response = client.post(url, {"decision": "violation"})
    assert response.status_code == 403


def test_review_rejects_an_axe_blob_of_another_participant(client, world, store):
    login(client, world["organiser"])
    b_axe = json.loads(store.read(world["hashes_b"]["website"]))["pages"][0]["axe_blob"]
    response = client.post(
        reverse("web:review_incomplete", args=[world["a"].pk]),
        {
            "prefix": "i0",
            "i0-axe_blob": b_axe,
            "i0-page_url": "http://gmina2.example.pl/",
            "i0-rule_id": "color-contrast",
            "i0-target": "#hero-0 h2",
            "i0-decision": "violation",
        },
    )
    assert response.status_code == 403


def test_logout_needs_post_and_ends_the_session(client, world):
    login(client, world["organiser"])
    assert client.post(reverse("web:logout")).status_code == 302
    assert client.get(reverse("web:participants")).status_code == 302


def test_unknown_blob_is_404_for_organiser(client, world):
    login(client, world["organiser"])
    url = reverse("web:evidence_file", args=[world["a"].pk, "0" * 64])
    assert client.get(url).status_code == 404
