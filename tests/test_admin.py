import pytest
from django.contrib.auth.models import User

from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def test_admin_pages_are_polish(client):
    User.objects.create_superuser("org", "org@example.test", "haslo-bardzo-tajne")
    client.login(username="org", password="haslo-bardzo-tajne")
    make_participant(host="gmina.pl", name="Gmina Próbna", employees=21)
    page = client.get("/admin/results/participant/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "uczestnicy" in body.lower() and "Gmina Próbna" in body and "4 700" in body
    assert "Wyloguj" in body  # Django's own Polish translation
    assert client.get("/admin/results/edition/add/").status_code == 200
