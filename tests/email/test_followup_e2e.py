"""The persona's one clarification through the real local Postfix and Dovecot: the enquiry goes
out, the clerk asks for the address, the watcher records the persona's prepared answer, the
one sender sends it once (office hours and the lease as for any enquiry), the clerk answers
the follow-up, and the rubric scores both clocks as docs/email.md ("Doprecyzowanie") says."""

from __future__ import annotations

import email
import email.policy
import smtplib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from imapclient import IMAPClient

from probes.email.templates import load_templates
from results.email_models import Followup, IncomingMessage
from results.evidence_store import EvidenceStore
from results.polish import evidence_fields
from rubrics.engine import evaluate
from rubrics.rubric import load_rubric
from scheduler.email import artifacts, send, watch
from tests.email.conftest import IMAP, PASSWORD, SMTP, imap_count, wait_for

pytestmark = [pytest.mark.mail, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ODPADY = load_templates()["gmina.odpady.harmonogram"]
ASK = (
    "Dzień dobry,\n\nuprzejmie prosimy o podanie adresu nieruchomości — harmonogram zależy od "
    "rejonu.\n\nZ poważaniem\nJan Nowak\nReferat Gospodarki Komunalnej"
)
ANSWER = (
    "Szanowna Pani,\n\ndziękujemy za informację. Ulica Polna należy do rejonu 3: odpady "
    "zmieszane odbieramy we wtorki co dwa tygodnie, segregowane w czwartki. Harmonogram jest "
    "dostępny na stronie https://gmina-rejonowa.test/odpady.\n\nZ poważaniem\nJan Nowak"
)


@pytest.fixture
def store(tmp_path):
    return EvidenceStore(tmp_path / "evidence")


@pytest.fixture
def sent(send_one):
    return send_one(("odpady", "gmina-rejonowa.test"), ODPADY, seed="f")


def clerk_writes(persona, office: str, text: str, in_reply_to: str, references: str = "") -> str:
    msg = EmailMessage()
    msg["From"] = f"Jan Nowak <{office}>"
    msg["To"] = persona.address
    msg["Subject"] = "Re: Harmonogram odbioru odpadów"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=office.rpartition("@")[2])
    msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    msg.set_content(text)
    with smtplib.SMTP(*SMTP, timeout=30) as smtp:
        smtp.send_message(msg)
    return str(msg["Message-ID"])


def read_all(persona, store, count: int) -> None:
    def got():
        watch.poll_all_once([persona], store=store)
        return IncomingMessage.objects.filter(persona=persona).count() >= count

    wait_for(got, timeout=20)


def office_inbox(address: str) -> list[email.message.EmailMessage]:
    with IMAPClient(*IMAP, ssl=False, timeout=30) as c:
        c.login(address, PASSWORD)
        c.select_folder("INBOX", readonly=True)
        fetched = c.fetch(c.search("ALL"), ["BODY.PEEK[]"])
    return [
        email.message_from_bytes(m[b"BODY[]"], policy=email.policy.default)
        for m in fetched.values()
    ]


def test_clerk_asks_persona_answers_once_clerk_answers_and_both_clocks_are_scored(
    sent, store, edition
):
    persona, enquiry, office = sent
    clerk_id = clerk_writes(persona, office, ASK, enquiry.message_id, enquiry.message_id)
    read_all(persona, store, 1)
    followup = Followup.objects.get(enquiry=enquiry)
    assert (followup.state, followup.details, followup.to) == ("pending", ["address"], [office])
    assert followup.in_reply_to == clerk_id and "ulicy Polnej" in followup.body

    # The one sender's rules hold for it: on a Saturday it is re-planned to office hours.
    saturday = datetime(2027, 3, 6, 10, 0, tzinfo=UTC)
    followup.planned_at = saturday - timedelta(minutes=1)
    followup.save()
    assert send.send_due(edition, now=saturday)["replanned"] == 1
    followup.refresh_from_db()
    assert followup.state == "pending" and followup.planned_at.weekday() < 5

    Followup.objects.filter(pk=followup.pk).update(planned_at=datetime.now(UTC))
    assert send.send_due(edition, immediately=True) == {
        "uncertain_recovered": 0,
        "followup_sent": 1,
    }
    wait_for(lambda: imap_count(office) >= 2)
    msgs = office_inbox(office)
    answer = next(m for m in msgs if m["Message-ID"] == followup.message_id)
    assert (
        answer["In-Reply-To"] == clerk_id and answer["Subject"] == "Re: Harmonogram odbioru odpadów"
    )
    assert enquiry.message_id in answer["References"]
    body = answer.get_body(("plain",)).get_content()
    assert "ulicy Polnej" in body and "> uprzejmie prosimy o podanie adresu" in body
    assert not [k for k in answer.keys() if k.lower().startswith("x-")]

    # Nothing more goes out: not again, and not for the clerk's second request either.
    assert send.send_due(edition, immediately=True).get("followup_sent") is None
    clerk_writes(persona, office, ASK.replace("adresu", "dokładnego adresu"), followup.message_id)
    read_all(persona, store, 2)
    assert Followup.objects.filter(enquiry=enquiry).count() == 1
    assert send.send_due(edition, immediately=True).get("followup_sent") is None

    # The clerk answers the follow-up (In-Reply-To only: matched through our follow-up's id).
    clerk_writes(persona, office, ANSWER, followup.message_id)
    read_all(persona, store, 3)
    final = IncomingMessage.objects.filter(persona=persona).order_by("-internaldate", "-uid")[0]
    assert (final.enquiry_id, final.matched_by) == (enquiry.id, "in_reply_to")
    assert imap_count(office) == 2  # the enquiry and the one follow-up

    enquiry.refresh_from_db()
    artifact = artifacts.enquiry_artifact(enquiry)
    assert artifact["followup"]["state"] == "sent" and artifact["followup"]["trigger_uid"]
    results = {
        r.id: r
        for r in evaluate(
            load_rubric("2027.2"), "gmina_wiejska", {"email": [artifact]}, strict=True
        )
    }
    lat = results["EML-LAT"]
    details = lat.details["enquiries"][0]
    first_msg = IncomingMessage.objects.filter(persona=persona).order_by("internaldate", "uid")[0]
    sent_at = enquiry.sent_at
    # First response: the clock stopped at the clerk's request (class H), to the second.
    assert details["first"]["class"] == "H"
    assert details["first"]["wall_seconds"] == pytest.approx(
        (first_msg.internaldate - sent_at).total_seconds(), abs=1
    )
    # Resolution: from sending the enquiry to the answer after the clarification, the
    # persona's time included.
    assert details["resolution"]["class"] == "A"
    assert details["resolution"]["wall_seconds"] == pytest.approx(
        (final.internaldate - sent_at).total_seconds(), abs=1
    )
    assert details["followup"]["state"] == "sent"
    assert "poprosił o doprecyzowanie (adres" in lat.explanation
    assert "termin ustawowy 14 dni" in lat.explanation
    proof = next(e for e in lat.evidence if e["type"] == "followup")
    shown = evidence_fields(proof)
    assert shown["type"].startswith("doprecyzowanie persony")
    assert {f["label"] for f in shown["fields"]} >= {
        "o co poprosił urzędnik",
        "fragment",
        "wysłano",
    }
    # Quality is judged on the answer after the clarification.
    assert results["EML-Q4"].score == 1.0
