"""One clarification: a clerk asks for an address or a phone number, the persona answers once
with a prepared, non-identifying detail, threaded as a mail client threads a reply.

The clerks' sentences below are written for this test (no public corpus of Polish officials
asking a resident for details was found); they follow the usual phrasings of replies."""

from datetime import UTC, datetime

import pytest

from probes.email.clarify import clarification_body, clarification_for, details_asked
from probes.email.compose import compose_followup, reply_subject
from probes.email.templates import load_templates
from tests.email.test_template_lint import lint

ASKS = [
    (
        "Uprzejmie prosimy o podanie adresu nieruchomości, harmonogram zależy od rejonu.",
        ("address",),
    ),
    ("Proszę wskazać dokładny adres, wtedy prześlemy właściwy harmonogram.", ("address",)),
    ("Z jakiej ulicy Pani pyta? Gmina jest podzielona na sektory.", ("address",)),
    ("Proszę doprecyzować, o jaką nieruchomość chodzi.", ("address",)),
    ("O którą działkę chodzi? Bez tego nie możemy odpowiedzieć.", ("address",)),
    ("Proszę o podanie numeru telefonu do kontaktu, oddzwonimy.", ("phone",)),
    ("Prosimy o kontakt telefoniczny z referatem.", ("phone",)),
    ("Proszę podać adres i numer telefonu kontaktowego.", ("address", "phone")),
]
NOT_ASKS = [
    "Harmonogram jest dostępny na stronie https://gmina.example.pl/odpady (adres strony podany wyżej).",
    "Nasz adres: ul. Polna 1, 00-001 Lipno. Zapraszamy od 7:30.",
    "Numer telefonu do biura: 22 555 01 02.",
    "Odpady odbieramy co dwa tygodnie we wtorki.",
    "Proszę podać numer PESEL, wtedy sprawdzimy.",  # never answered by the persona
]


@pytest.mark.parametrize(("text", "details"), ASKS)
def test_a_clerks_request_for_a_detail_is_recognised(text, details):
    assert details_asked(text) == details


@pytest.mark.parametrize("text", NOT_ASKS)
def test_an_answer_or_a_request_for_identity_is_not_a_request_for_a_prepared_detail(text):
    assert details_asked(text) == ()


def test_the_persona_answers_once_with_the_prepared_detail():
    template = load_templates()["gmina.odpady.harmonogram"]
    asked = "Prosimy o podanie adresu nieruchomości."
    her = clarification_for(template, asked, "f", already_clarified=False)
    assert her.details == ("address",) and her.text.startswith("Chodzi o zabudowę")
    assert "ulicy Polnej" in her.text and not any(c.isdigit() for c in her.text)
    assert clarification_for(template, asked, "f", already_clarified=True) is None
    phone = clarification_for(template, "Proszę o kontakt telefoniczny.", "m", False)
    assert phone.text.startswith("Wolałbym kontakt mailowy")
    # No prepared detail for the question asked, or nothing asked: nothing to send.
    assert clarification_for(load_templates()["gmina.pies.rejestracja"], asked, "f", False) is None
    assert clarification_for(template, "Odbiór jest we wtorki.", "f", False) is None


def test_the_follow_up_is_a_plain_threaded_reply():
    template = load_templates()["gmina.odpady.harmonogram"]
    clerk = "Dzień dobry,\nprosimy o podanie adresu nieruchomości.\nReferat Gospodarki Komunalnej"
    answer = clarification_for(template, clerk, "f", already_clarified=False)
    body = clarification_body(
        answer, "Anna Kowalska", "W dniu 11.03.2027 o 10:15, Referat pisze:", clerk
    )
    assert body.startswith("Dzień dobry,\n\ndziękuję za odpowiedź. Chodzi o zabudowę")
    assert "Anna Kowalska\n\nW dniu 11.03.2027 o 10:15, Referat pisze:\n> Dzień dobry," in body
    assert not lint(body.split("W dniu")[0])  # the persona claims nothing checkable
    msg = compose_followup(
        persona_name="Anna Kowalska",
        persona_address="anna.kowalska@poczta.example.pl",
        to=["odpady@gmina.example.pl"],
        subject="Re: Harmonogram odbioru odpadów",
        body=body,
        message_id="<b@poczta.example.pl>",
        in_reply_to="<clerk-1@gmina.example.pl>",
        references=["<a@poczta.example.pl>"],
        date=datetime(2027, 3, 11, 12, 0, tzinfo=UTC),
    )
    assert msg["Subject"] == "Re: Harmonogram odbioru odpadów"  # never "Re: Re:"
    assert msg["In-Reply-To"] == "<clerk-1@gmina.example.pl>"
    assert msg["References"] == "<a@poczta.example.pl> <clerk-1@gmina.example.pl>"
    assert not [h for h in msg.keys() if h.lower().startswith("x-") or h == "User-Agent"]
    assert reply_subject("Odp: Pytanie") == "Odp: Pytanie"
    assert reply_subject("Pytanie") == "Re: Pytanie"
