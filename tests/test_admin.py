import pytest
from django.contrib.auth.models import User

from results.models import Participant

pytestmark = pytest.mark.django_db


def test_admin_pages_are_polish(client):
    User.objects.create_superuser("org", "org@example.test", "haslo-bardzo-tajne")
    client.login(username="org", password="haslo-bardzo-tajne")
    Participant.objects.create(
        identity_key="host:gmina.pl",
        name="Gmina Próbna",
        kind="gmina_wiejska",
        employees=21,
        website="https://gmina.pl/",
        emails=["ug@gmina.pl"],
        region="mazowieckie",
    )
    page = client.get("/admin/results/participant/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "uczestnicy" in body.lower() and "Gmina Próbna" in body and "4 700" in body
    assert "Wyloguj" in body  # Django's own Polish translation
    assert client.get("/admin/results/edition/add/").status_code == 200
