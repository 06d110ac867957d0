"""A juror confirms a machine result in place (issue 13): recorded as a correction with the
machine's own status and score, from the newest score run, never from the form."""

import pytest
from django.urls import reverse

from results.models import CriterionResultRecord, Override

from .conftest import login

pytestmark = pytest.mark.django_db


def test_a_juror_confirms_a_machine_result_as_it_stands(client, world):
    login(client, world["organiser"])
    client.post(reverse("web:recompute"), {"edycja": "2027"})
    client.logout()
    row = (
        CriterionResultRecord.objects.filter(
            score_record__participant=world["a"],
            status__in=("pass", "partial", "fail"),
            criterion_id__startswith="INF",
        )
        .order_by("criterion_id")
        .first()
    )
    login(client, world["juror"])
    page = client.get(reverse("web:participant", args=[world["a"].pk])).content.decode()
    assert "Potwierdź wynik" in page
    response = client.post(
        reverse("web:override", args=[world["a"].pk]),
        {
            "criterion_id": row.criterion_id,
            "potwierdz": "1",
            "status": "fail",
            "score": "0",
            "wroc": f"kryterium-{row.criterion_id}",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"#kryterium-{row.criterion_id}"
    )
    override = Override.objects.get(participant=world["a"], criterion_id=row.criterion_id)
    # The machine's own verdict, whatever the form said.
    assert (override.status, override.score) == (row.status, row.score)
    assert "potwierdził" in override.reason and override.actor == "web:juror"


def test_a_juror_cannot_confirm_for_a_participant_not_assigned(client, world):
    login(client, world["juror"])
    response = client.post(
        reverse("web:override", args=[world["b"].pk]), {"criterion_id": "INF-01", "potwierdz": "1"}
    )
    assert response.status_code == 403
    assert not Override.objects.exists()
