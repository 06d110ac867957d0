"""The non-threaded matcher on realistic messages: a document system's answer with a case
number, a colleague's forward from another address of the institution, a forward as an
attachment, and messages that must not be matched (or must go to the jurors)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from probes.email.match import (
    AMBIGUOUS,
    FALLBACK,
    FORWARDED,
    EnquiryRef,
    attached_message_ids,
    core_subject,
    match_message,
    subject_similarity,
)
from probes.email.message import parse_message

SENT = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
PIES_BODY = (
    "Dzień dobry,\n\nniedawno przygarnęłam psa ze schroniska i chciałabym zapytać, czy muszę go "
    "zgłosić w urzędzie. Jeśli tak, jakie dokumenty są potrzebne i czy obowiązuje opłata od "
    "posiadania psa?\n\nZ poważaniem\nAnna Kowalska"
)
WODA_BODY = (
    "Dzień dobry,\n\nchciałabym zapytać, jak rozliczana jest woda w lokalach bez wodomierza "
    "i kiedy przypada najbliższe rozliczenie.\n\nPozdrawiam\nAnna Kowalska"
)
PERSONA_ADDRESS = "anna.kowalska@poczta-mieszkanca.test"


def sent_by_anna(number: int, local: str, to: str, subject: str, body: str, **known) -> EnquiryRef:
    """An enquiry Anna Kowalska sent at SENT (Message-ID <LOCAL@poczta-mieszkanca.test>) with
    the usual 14 days to answer; `known` is what else the matcher knows of both sides."""
    deadline = SENT + timedelta(days=14)
    message_id = f"<{local}@poczta-mieszkanca.test>"
    return EnquiryRef(
        number,
        message_id,
        (to,),
        subject,
        SENT,
        deadline,
        body=body,
        persona_name="Anna Kowalska",
        **known,
    )


PIES = sent_by_anna(
    1,
    "a1",
    "sekretariat@gmina-a.test",
    "Rejestracja psa",
    PIES_BODY,
    persona_address=PERSONA_ADDRESS,
    participant_addresses=("sekretariat@gmina-a.test", "ug@gmina-a.test"),
    participant_domains=("www.gmina-a.test",),
)
WODA = sent_by_anna(
    2,
    "b2",
    "biuro@sm-b.test",
    "Rozliczenie wody",
    WODA_BODY,
    persona_address=PERSONA_ADDRESS,
    participant_addresses=("biuro@sm-b.test",),
)
FREEMAIL_GMINA = sent_by_anna(
    3,
    "c3",
    "gmina.c@wp.pl",
    "Harmonogram odbioru odpadów",
    "Dzień dobry, w jakie dni odbierane są odpady zmieszane? Anna Kowalska",
)
ENQUIRIES = [PIES, WODA, FREEMAIL_GMINA]

EZD_ANSWER = b"""From: "Elektroniczne Zarzadzanie Dokumentacja" <ezd@um.gmina-a.test>
To: anna.kowalska@poczta-mieszkanca.test
Subject: =?utf-8?q?Odpowied=C5=BA_na_pismo_-_znak_sprawy_OR=2E1431=2E12=2E2027?=
Date: Thu, 04 Mar 2027 11:02:13 +0100
Message-ID: <ezd-77123@um.gmina-a.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Szanowna Pani Anno Kowalska,

w za\xc5\x82\xc4\x85czeniu przesy\xc5\x82amy odpowied\xc5\xba na Pani wiadomo\xc5\x9b\xc4\x87 z dnia 2 marca 2027 r.

Wiadomo\xc5\x9b\xc4\x87 wygenerowana z systemu EZD RP.
"""

COLLEAGUE_FORWARD = """From: Jan Nowak <j.nowak@gmina-a.test>
To: anna.kowalska@poczta-mieszkanca.test
Subject: PD: Rejestracja psa
Date: Wed, 03 Mar 2027 08:15:00 +0100
Message-ID: <fw-1@gmina-a.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Dzień dobry,

sprawy psów prowadzi nasz referat. Psa należy zgłosić w pok. 12 (ul. Główna 1) z książeczką szczepień; opłata od posiadania psa wynosi 50 zł rocznie, płatna do 15 marca.

Jan Nowak
Referat Rolnictwa

-----Wiadomość oryginalna-----
Od: Sekretariat <sekretariat@gmina-a.test>
Wysłano: wtorek, 2 marca 2027 10:30
Do: j.nowak@gmina-a.test
Temat: PD: Rejestracja psa

> Dzień dobry,
> niedawno przygarnęłam psa ze schroniska i chciałabym zapytać, czy muszę go zgłosić w urzędzie.
> Jeśli tak, jakie dokumenty są potrzebne i czy obowiązuje opłata od posiadania psa?
""".encode()


def match(message: bytes, received_at=SENT + timedelta(days=1), enquiries=ENQUIRIES):
    p = parse_message(message)
    return match_message(
        in_reply_to=p.in_reply_to,
        references=p.references,
        original_message_id=None,
        from_addr=p.from_addr,
        subject=p.subject,
        received_at=received_at,
        enquiries=enquiries,
        text=p.text,
        attached_message_ids=attached_message_ids(p.msg),
    )


def to_anna(sender: str, subject: str, message_id: str, body: str) -> bytes:
    """A plain UTF-8 message from `sender` to the persona."""
    return (
        f"From: {sender}\r\nTo: {PERSONA_ADDRESS}\r\nSubject: {subject}\r\n"
        f"Message-ID: <{message_id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def test_document_system_answer_with_a_case_number_matches_by_name_and_domain():
    r = match(EZD_ANSWER)
    assert (r.enquiry_id, r.how) == (1, FALLBACK)
    reasons = " | ".join(r.reasons)
    assert "z domeny instytucji (gmina-a.test)" in reasons
    assert "zwraca się do persony" in reasons and "Anno Kowalska" in reasons
    evidence = r.evidence()
    assert evidence["how"] == "fallback" and evidence["candidates"][0]["enquiry_id"] == 1


def test_colleagues_forward_from_another_address_matches_with_quote_and_subject():
    r = match(COLLEAGUE_FORWARD)
    assert (r.enquiry_id, r.how) == (1, FALLBACK)
    reasons = " | ".join(r.reasons)
    assert "temat zgodny" in reasons and "cytuje treść zapytania" in reasons


def test_forward_as_attachment_matches_by_the_attached_message_id():
    raw = (
        "From: Jan Nowak <j.nowak@zgk-inny.test>\r\nTo: anna.kowalska@poczta-mieszkanca.test\r\n"
        "Subject: Fw: zgłoszenie\r\nMessage-ID: <fw-2@zgk-inny.test>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\nW załączeniu.\r\n--b\r\n"
        "Content-Type: message/rfc822\r\n\r\n"
        "From: anna.kowalska@poczta-mieszkanca.test\r\nTo: sekretariat@gmina-a.test\r\n"
        "Subject: Rejestracja psa\r\nMessage-ID: <a1@poczta-mieszkanca.test>\r\n\r\n"
        "Dzień dobry\r\n--b--\r\n"
    ).encode()
    r = match(raw)
    assert (r.enquiry_id, r.how) == (1, FORWARDED)


def test_same_institution_without_any_link_to_the_enquiry_goes_to_the_jurors():
    body = "Dzień dobry, harmonogram jest na stronie."
    r = match(to_anna("kadry@gmina-a.test", "Informacja", "x@gmina-a.test", body))
    assert r.enquiry_id is None and r.how == AMBIGUOUS
    assert r.candidates[0].enquiry_id == 1


def test_an_unrelated_sender_quoting_the_enquiry_goes_to_the_jurors_not_matched():
    # The gmina forwarded the enquiry to a company with its own domain, which answers.
    subject = "Fwd: Rejestracja psa"
    r = match(to_anna("biuro@zgk-inny.test", subject, "y@zgk-inny.test", "Dzień dobry Pani Anno,"))
    assert r.enquiry_id is None and r.how == AMBIGUOUS


def test_free_mail_domain_is_not_an_institution():
    # A stranger on wp.pl is not the gmina that also uses wp.pl.
    raw = (
        b"From: ktos@wp.pl\r\nTo: anna.kowalska@poczta-mieszkanca.test\r\n"
        b"Subject: Promocja\r\nMessage-ID: <z@wp.pl>\r\n\r\nTanie kredyty.\r\n"
    )
    r = match(raw)
    assert r.enquiry_id is None and r.how is None
    # …but the gmina's own wp.pl address is the participant's address.
    raw = raw.replace(b"ktos@wp.pl", b"gmina.c@wp.pl").replace(
        b"Promocja", b"Odp: Harmonogram odbioru odpad\xc3\xb3w"
    )
    r = match(raw.replace(b"\r\n\r\n", b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n", 1))
    assert (r.enquiry_id, r.how) == (3, FALLBACK)


def test_time_window_is_a_hard_limit():
    assert match(COLLEAGUE_FORWARD, received_at=SENT - timedelta(hours=1)).how is None
    assert match(COLLEAGUE_FORWARD, received_at=SENT + timedelta(days=60)).how is None


def test_two_enquiries_to_one_institution_tie_and_go_to_the_jurors():
    twin = EnquiryRef(**{**PIES.__dict__, "id": 9, "message_id": "<a9@x>", "body": WODA_BODY})
    r = match(EZD_ANSWER, enquiries=[PIES, twin])
    assert r.how == AMBIGUOUS and {c.enquiry_id for c in r.candidates} == {1, 9}


def test_subject_normalisation():
    assert core_subject("Fwd: RE: [EZD] Odp: Rejestracja psa") == "rejestracja psa"
    assert core_subject("Odpowiedź na zapytanie - znak sprawy OR.1431.12.2027") == ""
    assert core_subject("Rejestracja psa (sprawa nr 12/2027)") == "rejestracja psa"
    assert core_subject("PD: Zgłoszenie psa – jakie dokumenty") == "zgłoszenie psa jakie dokumenty"
    assert subject_similarity("Pytanie w sprawie zgłoszenia psa", "Zgłoszenie psa") == 1.0
    assert subject_similarity("Rejestracja psa", "Odpady") == 0.0


def test_same_institution_by_domain_containment_not_by_a_shared_parent():
    from probes.email.match import same_institution

    assert same_institution("j.nowak@um.gmina-a.test", "sekretariat@gmina-a.test")
    assert same_institution("ezd@bip.gmina-a.test", "https://www.gmina-a.test/")
    assert same_institution("a@um.gmina-a.test", "b@bip.gmina-a.test")  # sibling units
    # krakow.pl is a regional public suffix: any firm may own x.krakow.pl.
    assert not same_institution("a@um.krakow.pl", "b@firma.krakow.pl")
    assert not same_institution("ifg@bsi.bund.de", "poststelle@baua.bund.de")
    assert not same_institution("a@ugpsary.gov.pl", "b@uwlodz.gov.pl")
    assert not same_institution("a@gmina-a.test", "")
