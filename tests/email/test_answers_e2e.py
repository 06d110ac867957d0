"""Answers that do not thread, through the real local Postfix and Dovecot: the enquiry goes out
over SMTP, an official answers the way offices do (a new message from another address of the
institution, a colleague's forward, a PDF letter from the document system, a reply that only
restates the question), the watcher reads the persona's mailbox, and the rubric scores the
enquiry as a juror would. A message the matcher cannot place waits in the jurors' queue."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from probes.email.templates import load_templates
from results.email_models import Enquiry, IncomingMessage
from results.evidence_store import EvidenceStore
from rubrics.engine import evaluate
from rubrics.rubric import load_rubric
from scheduler.email import artifacts, review, watch
from tests.email.conftest import SMTP, wait_for

pytestmark = [pytest.mark.mail, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ANSWERS = Path(__file__).parent / "fixtures" / "answers"
PIES = load_templates()["gmina.pies.rejestracja"]
ASKED = (
    "Dzień dobry,\n\nniedawno przygarnęłam psa ze schroniska i chciałabym zapytać, czy muszę go "
    "zgłosić w urzędzie. Jeśli tak, jakie dokumenty są potrzebne i czy obowiązuje opłata od "
    "posiadania psa?\n\nZ poważaniem\nAnna Kowalska"
)
SUBJECT = "Rejestracja psa"
ANSWER = (
    "Szanowna Pani,\n\ndziękuję za wiadomość. Psa należy zgłosić w Biurze Obsługi Mieszkańców "
    "(pok. 12, parter) w ciągu 14 dni. Potrzebna jest książeczka szczepień psa. Opłata od "
    "posiadania psa wynosi 60 zł rocznie, płatna do 15 marca.\n\nZ poważaniem\n"
    "Jan Nowak\nPodinspektor\nReferat Rolnictwa\nUrząd Gminy Przykładowo\ntel. 12 345 67 89"
)


@pytest.fixture
def store(tmp_path):
    return EvidenceStore(tmp_path / "evidence")


@pytest.fixture
def sent(send_one):
    """The dog enquiry sent by Anna Kowalska to a gmina's registered address."""
    # The dog template, worded as the review's example, so the answers below fit it.
    office = ("sekretariat", "gmina-psia.test")
    persona, enquiry, address = send_one(office, PIES, subject=SUBJECT, body=ASKED)
    return persona, enquiry, address.rpartition("@")[2]


def deliver(msg: EmailMessage, to: str) -> None:
    msg["To"] = to
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=msg["From"].addresses[0].domain)
    with smtplib.SMTP(*SMTP, timeout=30) as smtp:
        smtp.send_message(msg, from_addr=msg["From"].addresses[0].addr_spec, to_addrs=[to])


def received(persona, store) -> IncomingMessage:
    def got():
        watch.poll_all_once([persona], store=store)
        return IncomingMessage.objects.filter(persona=persona).exists()

    wait_for(got, timeout=20)
    return IncomingMessage.objects.get(persona=persona)


def judged(enquiry: Enquiry) -> dict:
    enquiry.refresh_from_db()
    artifact = artifacts.enquiry_artifact(enquiry)
    artifact["enquiry"]["state"] = "unanswered" if enquiry.state == "sent" else enquiry.state
    results = evaluate(load_rubric("2027.2"), "gmina_wiejska", {"email": [artifact]}, strict=True)
    return {r.id: r for r in results} | {"artifact": artifact}


def test_new_message_from_another_address_of_the_institution(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"Jan Nowak <j.nowak@rolnictwo.{domain}>"
    msg["Subject"] = "Zgłoszenie psa – odpowiedź"  # a new message, subject rewritten
    msg.set_content(ANSWER.replace("Szanowna Pani,", "Szanowna Pani Anno Kowalska,"))
    deliver(msg, persona.address)
    m = received(persona, store)
    assert (m.enquiry_id, m.matched_by, m.kind) == (enquiry.id, "fallback", "human_reply")
    reasons = " | ".join(m.match_evidence["reasons"])
    assert f"z domeny instytucji ({domain})" in reasons and "Anno Kowalska" in reasons
    r = judged(enquiry)
    assert r["artifact"]["messages"][0]["match"]["how"] == "fallback"
    assert r["EML-Q4"].score == 1.0 and r["EML-LAT"].score > 0


def test_forwarded_answer_by_a_colleague(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"Ewa Lis <e.lis@{domain}>"
    msg["Subject"] = f"PD: {SUBJECT}"
    quoted = "\n".join(f"> {line}" for line in ASKED.splitlines())
    msg.set_content(
        f"{ANSWER}\n\n-----Wiadomość oryginalna-----\nOd: Anna Kowalska <{persona.address}>\n"
        f"Wysłano: poniedziałek\nDo: sekretariat@{domain}\nTemat: {SUBJECT}\n\n{quoted}\n"
    )
    deliver(msg, persona.address)
    m = received(persona, store)
    assert (m.enquiry_id, m.matched_by, m.kind) == (enquiry.id, "fallback", "human_reply")
    assert any("cytuje treść zapytania" in r for r in m.match_evidence["reasons"])
    r = judged(enquiry)
    assert r["EML-Q4"].score == 1.0


def test_answer_as_a_pdf_letter_from_the_document_system(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"EZD <ezd@um.{domain}>"
    msg["Subject"] = "Odpowiedź na pismo - znak sprawy OR.1431.12.2027"
    msg.set_content("Szanowna Pani Anno Kowalska,\nw załączeniu przesyłamy odpowiedź.\n")
    msg.add_attachment(
        (ANSWERS / "ezd_letter.pdf").read_bytes(),
        maintype="application",
        subtype="pdf",
        filename="OR.1431.12.2027.pdf",
    )
    deliver(msg, persona.address)
    m = received(persona, store)
    assert (m.enquiry_id, m.matched_by, m.kind) == (enquiry.id, "fallback", "human_reply")
    (attachment,) = m.attachments
    assert attachment["text_status"] == "ok" and "60 zł" in attachment["text"]
    r = judged(enquiry)
    assert r["EML-Q4"].score == 1.0
    assert r["EML-Q4"].details["enquiries"][0]["from_attachments"] is True


def test_restated_question_is_matched_but_no_answer(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"Sekretariat <sekretariat@{domain}>"
    msg["Subject"] = f"Odp: {SUBJECT}"
    msg.set_content(
        "Szanowna Pani,\n\nw odpowiedzi na zapytanie dotyczące rejestracji psa, wymaganych "
        "dokumentów oraz opłaty od posiadania psa uprzejmie informuję, że w tej sprawie prosimy "
        "o kontakt telefoniczny.\n\nZ poważaniem\nSekretariat"
    )
    deliver(msg, persona.address)
    m = received(persona, store)
    assert m.enquiry_id == enquiry.id and m.kind == "human_reply"
    r = judged(enquiry)
    q4 = r["EML-Q4"]
    assert q4.score == 0.0 and "powtórzenie pytania" in q4.explanation
    # 2027.2 makes Q4 blocking; the machine's zero waits for a juror before it blocks.
    assert q4.details["blocking_needs_juror"] is True


def test_unplaceable_message_waits_for_a_juror_who_assigns_it(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"Kancelaria <kancelaria@{domain}>"
    msg["Subject"] = "Informacja"
    msg.set_content(ANSWER)
    deliver(msg, persona.address)
    m = received(persona, store)
    assert m.enquiry_id is None and m.matched_by == "ambiguous"
    assert list(review.pending()) == [m]
    assert review.candidate_ids(m) == [enquiry.id]
    review.assign(m, enquiry, "Jan Juror", "odpowiedź na pytanie o psa", store=store)
    m.refresh_from_db()
    assert (m.enquiry_id, m.matched_by, m.kind) == (enquiry.id, "juror", "human_reply")
    assert list(review.pending()) == []
    assert judged(enquiry)["EML-Q4"].score == 1.0


def test_answer_marked_automatic_by_the_document_system_goes_to_the_jurors(sent, store):
    persona, enquiry, domain = sent
    msg = EmailMessage()
    msg["From"] = f"EZD <ezd@um.{domain}>"
    msg["Subject"] = f"Odp: {SUBJECT}"
    msg["In-Reply-To"] = enquiry.message_id
    msg["Auto-Submitted"] = "auto-generated"  # some EZD systems mark every letter so
    msg.set_content(ANSWER)
    deliver(msg, persona.address)
    m = received(persona, store)
    assert m.enquiry_id == enquiry.id and m.matched_by == "in_reply_to"
    # The classifier reads it as an answer but is unsure: a juror confirms it.
    assert m.kind == "human_reply" and m.match_evidence["classification_review"]
    assert list(review.pending()) == [m]
    review.assign(m, enquiry, "Jan Juror", "pismo z EZD", store=store)
    m.refresh_from_db()
    assert (m.review_decision, m.kind) == ("assigned", "human_reply")
    assert judged(enquiry)["EML-Q4"].score == 1.0
