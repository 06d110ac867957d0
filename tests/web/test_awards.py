"""The experts' awards page: everyone who sees the ranking sees it; only experts decide."""

import pytest
from django.urls import reverse

from results.models import AuditLogEntry, AwardDecision, ParticipantScoreRecord, ScoreRun
from tests.web.conftest import login, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


@pytest.fixture
def scored(world):
    run = ScoreRun.objects.create(
        edition=world["edition"],
        rubric_version=world["edition"].rubric_version,
        input_digest="0" * 64,
        output_digest="a" * 64,  # its own: the page caches rankings by run and digest
        threshold=70.0,
        statuettes_per_category=3,
    )
    ParticipantScoreRecord.objects.create(
        run=run, participant=world["a"], points=88.0, licence_gaps=[]
    )
    ParticipantScoreRecord.objects.create(
        run=run, participant=world["b"], points=91.0, licence_gaps=["nie zmierzono kanału: e-mail"]
    )
    return {**world, "expert": make_user("ekspert", "expert")}


def post_decision(client, participant, award="statuetka", decision="przyznana"):
    return client.post(
        reverse("web:award_decide"),
        {
            "edycja": "2027",
            "uczestnik": participant.pk,
            "nagroda": award,
            "decyzja": decision,
            "uzasadnienie": "Najlepsza obsługa w rodzaju.",
        },
    )


@pytest.mark.parametrize("role", ["organiser", "juror", "observer"])
def test_only_experts_decide(client, scored, role):
    login(client, scored[role])
    assert post_decision(client, scored["a"]).status_code == 403
    assert not AwardDecision.objects.exists()


def test_an_expert_decides_and_everyone_with_the_ranking_sees_it(client, scored):
    login(client, scored["expert"])
    page = client.get(reverse("web:awards")).content.decode()
    assert "Nowa decyzja eksperta" in page and "nominacja" in page
    assert post_decision(client, scored["a"]).status_code == 302
    # A statuette for a participant without a licence is refused, with a Polish message.
    response = post_decision(client, scored["b"])
    assert response.status_code == 302
    assert AwardDecision.objects.count() == 1
    row = AwardDecision.objects.get()
    assert (row.participant, row.decided_by, row.decision) == (scored["a"], "ekspert", "granted")
    assert AuditLogEntry.objects.filter(action="award.decide", actor="ekspert").exists()
    page = client.get(reverse("web:awards")).content.decode()
    assert "statuetką można" not in page
    assert "przyznana — Najlepsza obsługa w rodzaju." in page
    client.logout()

    login(client, scored["observer"])
    page = client.get(reverse("web:awards")).content.decode()
    assert "przyznana — Najlepsza obsługa w rodzaju." in page
    assert "Nowa decyzja eksperta" not in page
    ranking = client.get(reverse("web:ranking")).content.decode()
    assert "★ statuetka" in ranking and "Statuetki (decyzja Ekspertów): Gmina" in ranking
    client.logout()

    login(client, scored["expert"])
    revoke = client.post(
        reverse("web:award_revoke", args=[row.pk]), {"edycja": "2027", "uzasadnienie": "Pomyłka."}
    )
    assert revoke.status_code == 302 and not AwardDecision.objects.get().active
    assert "★ statuetka" not in client.get(reverse("web:ranking")).content.decode()
