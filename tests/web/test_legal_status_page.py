"""The participant page shows the legal status that decides which duties are scored."""

from django.urls import reverse

from tests.web.conftest import login


def test_participant_page_shows_legal_status(client, world):
    a = world["a"]
    a.public_body = False
    a.save()
    login(client, world["organiser"])
    html = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "<dt>Podmiot publiczny</dt><dd>nie</dd>" in html
    assert "<dt>Usługi dla konsumentów online (EAA)</dt><dd>nie wiadomo</dd>" in html
