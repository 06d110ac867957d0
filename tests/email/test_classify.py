"""The classifier and text splitter on saved messages (fixtures made by the real test world
— Postfix bounces, Sieve vacation replies, the demo clerks' replies — and hand-written
ones for mail systems we cannot run here: Exchange, Gmail)."""

import json

import pytest
from django.core.management import call_command

from probes.email.analyse import analyse
from tests.email.conftest import FIXTURES

EXPECTED_KIND = {
    "postfix_bounce_unknown_user.eml": "bounce",
    "postfix_delayed_dsn.eml": "bounce",
    "exchange_ndr_polish.eml": "bounce",
    "sieve_vacation.eml": "auto_reply",
    "header_auto_reply.eml": "auto_reply",
    "exchange_out_of_office.eml": "auto_reply",
    "outlook_read_receipt.eml": "read_receipt",
    "thunderbird_reply.eml": "human_reply",
    "gmail_reply_iso88592.eml": "human_reply",
    "gmail_wrong_answer.eml": "human_reply",
    "gmail_two_line_header_no_signature.eml": "human_reply",
    "outlook_holding_cp1250.eml": "human_reply",
    "outlook_answer_cp1250.eml": "human_reply",
    "outlook_cp1250_labelled_iso88592.eml": "human_reply",
    "html_only_reply.eml": "human_reply",
    "newsletter_other.eml": "other",
}


def load(name: str):
    return analyse((FIXTURES / name).read_bytes())


def test_every_fixture_has_an_expected_kind():
    assert {p.name for p in FIXTURES.glob("*.eml")} == set(EXPECTED_KIND)


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED_KIND.items()))
def test_kind(name, kind):
    assert load(name).classification.kind == kind


def test_postfix_bounce_gives_status_recipient_and_original_message_id():
    a = load("postfix_bounce_unknown_user.eml")
    bounce = a.classification.bounce
    assert bounce["action"] == "failed" and bounce["permanent"] is True
    assert bounce["status"] == "5.1.1"
    assert bounce["recipients"] == ["nikt@sm-jutrzenka.test"]
    assert "User doesn't exist" in bounce["diagnostic"]
    assert a.classification.original_message_id.endswith("@poczta-mieszkanca.test>")


def test_delayed_dsn_is_not_a_failure_yet():
    bounce = load("postfix_delayed_dsn.eml").classification.bounce
    assert bounce == {
        "action": "delayed",
        "status": "4.4.1",
        "permanent": False,
        "recipients": ["sekretariat@gmina-opoznienie.test"],
        "diagnostic": "connect to mx.gmina-opoznienie.test[192.0.2.7]:25: Connection timed out",
    }
    assert (
        load("postfix_delayed_dsn.eml").classification.original_message_id
        == "<opoznione.1@poczta-mieszkanca.test>"
    )


def test_exchange_ndr_in_polish():
    a = load("exchange_ndr_polish.eml")
    assert a.classification.bounce["status"] == "5.1.10"
    assert a.classification.bounce["recipients"] == ["podatki@gmina-exchange.test"]
    assert a.classification.original_message_id == "<podatek.7@poczta-mieszkanca.test>"


def test_vacation_reply_is_threaded_but_still_automatic():
    a = load("sieve_vacation.eml")
    assert a.parsed.in_reply_to, "Sieve vacation replies carry In-Reply-To"
    assert a.classification.reason.startswith("Auto-Submitted: auto-replied")


def test_read_receipt_names_the_original():
    a = load("outlook_read_receipt.eml")
    assert a.classification.original_message_id.endswith("@poczta-mieszkanca.test>")


def test_thunderbird_quote_and_signature_are_separated():
    a = load("thunderbird_reply.eml")
    assert a.parts.new_text.startswith("Szanowna Pani,")
    assert "KROPiK" in a.parts.new_text
    assert "pisze:" not in a.parts.new_text and ">" not in a.parts.new_text
    assert a.parts.quoted_text.startswith("W dniu ")
    assert a.parts.signature.startswith("Z poważaniem\nJan Nowak\npodinspektor")


def test_gmail_header_wrapped_on_two_lines_without_signature():
    a = load("gmail_two_line_header_no_signature.eml")
    assert a.parts.new_text == (
        "Dzień dobry,\nodpady zmieszane odbieramy we wtorki, harmonogram jest na stronie gminy."
    )
    assert a.parts.quoted_text.startswith("pon., 3 lis 2026 o 10:15 Anna Kowalska")
    assert "chciałabym zapytać" in a.parts.quoted_text


def test_outlook_header_block_is_quoted_text():
    a = load("outlook_answer_cp1250.eml")
    assert "15 marca, 15 maja, 15 września i 15 listopada" in a.parts.new_text
    assert "Od:" not in a.parts.new_text
    assert a.parts.quoted_text.startswith("Od: Anna Kowalska")
    assert "Temat: Podatek od nieruchomości" in a.parts.quoted_text


def test_windows_1250_and_iso_8859_2_decode_correctly():
    cp = load("outlook_answer_cp1250.eml")
    assert "uprzejmie informuję" in cp.parts.new_text and not cp.parsed.charset_repaired
    iso = load("gmail_reply_iso88592.eml")
    assert "zużycia wody odbywa się co pół roku" in iso.parts.new_text
    assert not iso.parsed.charset_repaired


def test_windows_1250_labelled_iso_8859_2_is_repaired():
    a = load("outlook_cp1250_labelled_iso88592.eml")
    assert a.parsed.charset_repaired
    assert a.parsed.subject == "RE: Pytanie o przyłączenie domu do wodociągu"
    assert "poszukać" in a.parts.new_text
    assert "podłączyć go do sieci wodociągowej" in a.parts.quoted_text
    assert not any("\u0080" <= ch <= "\u009f" or ch in "šľ" for ch in a.parsed.text)


def test_html_only_reply_in_windows_1250():
    a = load("html_only_reply.eml")
    assert a.parts.new_text == "Dzień dobry,\nzaświadczenie wydajemy bezpłatnie w ciągu 3 dni."
    assert a.parsed.subject == "Odp.: Zaświadczenie o niezaleganiu"


def test_unmatched_unthreaded_message_is_other():
    from probes.email.analyse import reclassify

    a = load("gmail_wrong_answer.eml")
    assert reclassify(a, matched=False).classification.kind == "other"
    assert reclassify(a, matched=True).classification.kind == "human_reply"


def test_classify_command_prints_one_json_object_per_file(capsys):
    files = [str(FIXTURES / n) for n in ("sieve_vacation.eml", "thunderbird_reply.eml")]
    call_command("email", "classify", "--json", *files)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    assert [r["file"] for r in rows] == files
    assert [r["kind"] for r in rows] == ["auto_reply", "human_reply"]
    assert rows[1]["new_text"].startswith("Szanowna Pani,")


# Forms the corpus of real messages lacks (Polish providers, EZD systems): written here after
# the providers' documented wording, so they check the rules, not the rules' accuracy.
def _msg(headers: str, body: str) -> bytes:
    return (headers.strip() + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


@pytest.mark.parametrize(
    ("headers", "body", "kind", "action"),
    [
        (
            "From: MAILER-DAEMON@wp.pl\r\nSubject: Wiadomość niedostarczona",
            "Twoja wiadomość nie została dostarczona do adresata sekretariat@gmina.pl.\r\n"
            "Adres nie został znaleziony.",
            "bounce",
            "failed",
        ),
        (
            "From: Administrator poczty <postmaster@onet.pl>\r\nSubject: Zwrot wiadomości",
            "Nie udało się dostarczyć wiadomości: skrzynka odbiorcy jest pełna.",
            "bounce",
            "failed",
        ),
        (
            "From: postmaster@home.pl\r\nSubject: Opóźnienie w dostarczeniu wiadomości",
            "Wiadomość nie została jeszcze dostarczona, serwer nadal próbuje ją wysłać.",
            "bounce",
            "delayed",
        ),
        (
            "From: Jan Nowak <j.nowak@gmina.pl>\r\nSubject: Automatyczna odpowiedź: Pytanie",
            "Jestem nieobecny do 15 listopada.",
            "auto_reply",
            None,
        ),
        (
            "From: Jan Nowak <j.nowak@gmina.pl>\r\nSubject: RE: Pytanie o podatek",
            "Dzień dobry, przebywam na urlopie do 15.11, w pilnych sprawach proszę dzwonić.",
            "auto_reply",
            None,
        ),
        (
            "From: ezd@gmina.pl\r\nSubject: Potwierdzenie wpływu pisma",
            "Potwierdzamy otrzymanie wiadomości. Nadano numer sprawy OR.1431.5.2026.",
            "auto_reply",
            None,
        ),
        (
            "From: Anna <a@gmina.pl>\r\nSubject: Przeczytano: Pytanie o podatek",
            "Wiadomość została przeczytana.",
            "read_receipt",
            None,
        ),
    ],
)
def test_polish_forms(headers, body, kind, action):
    c = analyse(_msg(headers, body)).classification
    assert c.kind == kind
    if action:
        assert c.bounce["action"] == action


def test_automatic_header_on_an_answer_goes_to_review():
    raw = _msg(
        "From: ezd@gmina.pl\r\nSubject: Odpowiedź na wniosek OR.1431.5.2026\r\n"
        "Auto-Submitted: auto-generated\r\nIn-Reply-To: <zapytanie.1@poczta-mieszkanca.test>",
        "Szanowna Pani,\r\nw odpowiedzi na wniosek uprzejmie informuję, że opłata wynosi "
        "25 zł i należy ją wnieść do 31 marca.\r\nZ poważaniem\r\nJan Nowak",
    )
    c = analyse(raw).classification
    assert (c.kind, c.review) == ("human_reply", True)
    assert c.reason.startswith("Auto-Submitted: auto-generated")


def test_answer_sent_as_a_new_message_is_a_reply_for_review():
    raw = _msg(
        "From: sekretariat@gmina.pl\r\nSubject: Informacja OR.1431.5.2026",
        "Dzień dobry,\r\nw odpowiedzi na Pani zapytanie informuję, że harmonogram jest na "
        "stronie gminy.\r\nZ poważaniem\r\nAnna Kowalska",
    )
    c = analyse(raw).classification
    assert (c.kind, c.review) == ("human_reply", True)


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        # the enquiry's own subject holds a word out-of-office notes use
        (
            "From: kadry@gmina.pl\r\nSubject: Odp: Pytanie o urlop wychowawczy\r\n"
            "In-Reply-To: <zapytanie.2@poczta-mieszkanca.test>",
            "Dzień dobry,\r\nwniosek o urlop wychowawczy składa się na 21 dni przed jego "
            "rozpoczęciem.\r\nZ poważaniem\r\nAnna Nowak",
        ),
        # a person's answer that mentions a failed delivery
        (
            "From: it@gmina.pl\r\nSubject: RE: Poczta\r\nIn-Reply-To: <zapytanie.3@poczta-mieszkanca.test>",
            "Dzień dobry,\r\nsprawdziliśmy: Pani wiadomość z 3 listopada nie została "
            "dostarczona, bo skrzynka była pełna. Teraz działa.\r\nPozdrawiam\r\nJan Kowalski",
        ),
    ],
)
def test_replies_using_the_words_of_machines_stay_replies(headers, body):
    assert analyse(_msg(headers, body)).classification.kind == "human_reply"


def test_out_of_office_words_in_a_long_answer_go_to_review():
    body = (
        "Dzień dobry,\r\nw odpowiedzi na Pani zapytanie informuję, że I am currently out of "
        "the office in the sense that the office moved. "
        + "Harmonogram odbioru odpadów jest dostępny na stronie gminy i w BIP. " * 20
        + "\r\nZ poważaniem\r\nJan Nowak"
    )
    c = analyse(
        _msg("From: j.nowak@gmina.pl\r\nSubject: Re: Odpady\r\nIn-Reply-To: <z.4@p.test>", body)
    ).classification
    assert (c.kind, c.review) == ("human_reply", True)
