"""The participant page shows the sub-kind that decides which questions the body is asked."""

from django.urls import reverse

from tests.web.conftest import login


def test_participant_page_shows_the_subkind(client, world):
    a = world["a"]
    login(client, world["organiser"])
    html = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "<dt>Podrodzaj</dt><dd>nie podano</dd>" in html
    a.kind, a.subkind = "spolka_komunalna", "odpady"
    a.save()
    html = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "<dt>Podrodzaj</dt><dd>Odbiór i zagospodarowanie odpadów</dd>" in html
