"""Jurors' assessments, overrides, recomputing, the ranking page and its exports."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from results.models import AuditLogEntry, CriterionResultRecord, JurorAssessment, Override
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


def assess(client, participant, **scores):
    data = {}
    for cid, (score, comment) in scores.items():
        data[f"{cid}-score"] = score
        data[f"{cid}-comment"] = comment
    return client.post(reverse("web:assess", args=[participant.pk]), data)


def test_others_scores_hidden_until_own_is_given(client, world):
    a = world["a"]
    login(client, world["juror2"])
    assert assess(client, a, **{"HUM-VISIT": ("4", "Uprzejma obsługa")}).status_code == 302
    client.logout()
    login(client, world["juror"])
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "ukryte (1) do zapisania Twojej oceny" in page
    assert "Uprzejma obsługa" not in page
    response = assess(client, a, **{"HUM-VISIT": ("3.5", "Długa kolejka")})
    assert response.status_code == 302
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "juror2: 4,0 — Uprzejma obsługa" in page
    row = JurorAssessment.objects.get(juror="juror", criterion_id="HUM-VISIT")
    assert (row.score, row.channel, row.juror_user) == (3.5, "visit", world["juror"])
    # Other criteria stay hidden: juror2 judged none of them, juror has not either.
    entries = AuditLogEntry.objects.filter(action="assessment.save")
    assert entries.count() == 2
    # Unchanged scores write nothing new.
    assess(client, a, **{"HUM-VISIT": ("3.5", "Długa kolejka")})
    assert AuditLogEntry.objects.filter(action="assessment.save").count() == 2
    # Organisers see every score without judging.
    client.logout()
    login(client, world["organiser"])
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "juror2: 4,0" in page and "juror: 3,5" in page


def test_assessment_out_of_scale_is_rejected(client, world):
    login(client, world["juror"])
    assert assess(client, world["a"], **{"HUM-PHONE": ("7", "")}).status_code == 400
    assert not JurorAssessment.objects.exists()


def test_only_assigned_jurors_assess(client, world):
    login(client, world["juror"])
    assert assess(client, world["b"], **{"HUM-VISIT": ("4", "")}).status_code == 403
    client.logout()
    login(client, world["organiser"])
    assert assess(client, world["a"], **{"HUM-VISIT": ("4", "")}).status_code == 403
    client.logout()
    login(client, world["observer"])
    assert assess(client, world["a"], **{"HUM-VISIT": ("4", "")}).status_code == 403
    assert not JurorAssessment.objects.exists()


def test_override_is_logged_and_reaches_the_ranking(client, world):
    a = world["a"]
    login(client, world["juror"])
    url = reverse("web:override", args=[a.pk])
    assert (
        client.post(url, {"criterion_id": "INF-01", "status": "pass", "reason": ""}).status_code
        == 400
    )
    response = client.post(
        url,
        {"criterion_id": "INF-01", "status": "pass", "reason": "Dane kontaktowe są w stopce."},
    )
    assert response.status_code == 302
    override = Override.objects.get()
    assert (override.actor, override.status, override.score) == ("web:juror", "pass", 1.0)
    # A juror cannot correct a participant not assigned to them.
    assert (
        client.post(
            reverse("web:override", args=[world["b"].pk]),
            {"criterion_id": "INF-01", "status": "pass", "reason": "x"},
        ).status_code
        == 403
    )
    client.logout()
    login(client, world["organiser"])
    log = client.get(reverse("web:audit_log")).content.decode()
    assert "korekta wyniku" in log and "Dane kontaktowe są w stopce." in log
    assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 302
    result = CriterionResultRecord.objects.get(score_record__participant=a, criterion_id="INF-01")
    assert (result.status, result.source) == ("pass", "override")
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "źródło: korekta" in page
    ranking = client.get(reverse("web:ranking")).content.decode()
    assert a.name in ranking and "Gmina wiejska" in ranking and "<svg" in ranking


def test_recompute_is_for_organisers_only(client, world):
    for user in (world["juror"], world["observer"]):
        login(client, user)
        assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 403
        client.logout()


@pytest.fixture
def scored(client, world):
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    client.logout()
    return world


def test_exports_and_reports(client, scored):
    world = scored
    login(client, world["observer"])
    csv_body = client.get(reverse("web:export", args=["csv"])).content.decode("utf-8-sig")
    assert world["a"].name in csv_body and "Licencja" in csv_body
    document = json.loads(client.get(reverse("web:export", args=["json"])).content)
    assert {p["participant_id"] for p in document["participants"]} >= {world["a"].pk}
    xlsx = client.get(reverse("web:export", args=["xlsx"]))
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert client.get(reverse("web:export", args=["pdf"])).status_code == 404
    report = client.get(reverse("web:report", args=[world["a"].pk]))
    assert report.status_code == 200
    assert report["Content-Security-Policy"].startswith("default-src 'none'")
    assert world["a"].name in report.content.decode()
    # Jurors neither export nor open reports.
    client.logout()
    login(client, world["juror"])
    assert client.get(reverse("web:export", args=["csv"])).status_code == 403
    assert client.get(reverse("web:report", args=[world["a"].pk])).status_code == 403


def test_jurors_median_hidden_in_results_until_own_score(client, world):
    a = world["a"]
    login(client, world["juror2"])
    assess(client, a, **{"HUM-PHONE": ("2", "Nikt nie odebrał za pierwszym razem")})
    client.logout()
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    assert "HUM-PHONE" in client.get(reverse("web:participant", args=[a.pk])).content.decode()
    client.logout()
    login(client, world["juror"])
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    row = page.split('<span class="rule-id">HUM-PHONE</span>')[1].split("</tr>")[0]
    assert "Wynik jurorów ukryty do zapisania Twojej oceny tego kryterium." in row
    assess(client, a, **{"HUM-PHONE": ("3", "")})
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    row = page.split('<span class="rule-id">HUM-PHONE</span>')[1].split("</tr>")[0]
    assert "ukryty" not in row
    assert "40,0%" in row  # the stored run's median of juror2's 2/5


def test_the_juror_form_shows_the_anchors_of_rubric_2027_3(client, world):
    edition = world["edition"]
    edition.rubric_version = "2027.3"
    edition.save()
    login(client, world["juror"])
    page = client.get(reverse("web:participant", args=[world["a"].pk])).content.decode()
    assert "Co oznacza każda ocena (HUM-PHONE)" in page
    assert "Nikt nie odebrał w trzech próbach w godzinach pracy" in page
