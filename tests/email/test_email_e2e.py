"""End to end through the real local Postfix and Dovecot: enquiries go out over SMTP, the
demo clerks (or Postfix, or Sieve) answer, the watcher reads the persona's mailbox."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from demo.clerks.answers import topic_of
from demo.clerks.clerks import handle_mailbox
from results.email_models import Enquiry, IncomingMessage, MailboxState
from results.evidence_store import EvidenceStore
from rubrics.calendar import statutory_deadline
from scheduler.email import artifacts, plan, send, watch
from tests.email.conftest import (
    IMAP,
    PASSWORD,
    SMTP,
    VACATION_USER,
    imap_count,
    new_mailbox,
    wait_for,
)

pytestmark = [pytest.mark.mail, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CLERK_CFG = {"smtp": f"{SMTP[0]}:{SMTP[1]}", "imap": f"{IMAP[0]}:{IMAP[1]}"}


@pytest.fixture
def store(tmp_path):
    return EvidenceStore(tmp_path / "evidence")


def send_enquiry(edition, persona, participant) -> tuple[Enquiry, datetime, datetime]:
    plan.plan_enquiries(edition, datetime.now(UTC), immediately=True, seed="t", per_participant=1)
    enquiry = Enquiry.objects.get(participant=participant)
    t0 = datetime.now(UTC)
    assert send.send_due(edition, immediately=True).get(Enquiry.SENT) == 1
    t1 = datetime.now(UTC)
    enquiry.refresh_from_db()
    return enquiry, t0, t1


def clerk_answers(clerk: dict, expect: int = 1) -> tuple[datetime, datetime]:
    """Let a clerk answer as soon as the enquiry is in their inbox; returns the time span
    in which the answer was handed to Postfix."""
    wait_for(lambda: imap_count(clerk["mailbox"]) >= 1)
    r0 = datetime.now(UTC)
    assert handle_mailbox(CLERK_CFG, clerk, PASSWORD, time.time() + 3600) == expect
    r1 = datetime.now(UTC)
    return r0, r1


def poll_until(persona, store, n: int) -> list[IncomingMessage]:
    def got():
        watch.poll_all_once([persona], store=store)
        return IncomingMessage.objects.filter(persona=persona).count() >= n

    wait_for(got, timeout=20)
    return list(IncomingMessage.objects.filter(persona=persona).order_by("internaldate", "uid"))


@pytest.fixture
def one_reply(edition, make_persona, make_participant, store):
    """Anna Kowalska asks a clerk at `mailbox` (a fresh box, the participant's only address),
    the clerk answers as `clerk` says, the watcher reads: returns the enquiry and the one
    message it read."""

    def ask(mailbox: tuple[str, str], kind: str, **clerk) -> tuple[Enquiry, IncomingMessage]:
        persona = make_persona()
        clerk_box = new_mailbox(*mailbox)
        enquiry, *_ = send_enquiry(edition, persona, make_participant(clerk_box, kind=kind))
        clerk_answers({"mailbox": clerk_box, **clerk})
        (message,) = poll_until(persona, store, 1)
        return enquiry, message

    return ask


def test_enquiry_answered_matched_classified_and_latency_measured(
    edition, make_persona, make_participant, store
):
    persona = make_persona()
    clerk_box = new_mailbox("sekretariat", "gmina-przykladowo.test")
    participant = make_participant(clerk_box, kind="gmina_wiejska")
    enquiry, t0, t1 = send_enquiry(edition, persona, participant)

    # Our clock at the 250, nothing else.
    assert t0 <= enquiry.sent_at <= t1
    assert enquiry.smtp_response.startswith("250 ")
    # The deadline: the end of the 14th day in Polish time, moved past non-working days.
    assert enquiry.deadline_at == statutory_deadline(enquiry.sent_at)
    assert enquiry.deadline_at >= enquiry.sent_at + timedelta(days=14)
    # A copy sits in the persona's Sent folder, as a mail client leaves it.
    assert imap_count(persona.address, "Sent") == 1

    time.sleep(1.5)  # a measurable latency
    clerk = {
        "mailbox": clerk_box,
        "name": "Jan Nowak",
        "position": "podinspektor",
        "institution": "Urząd Gminy Przykładowo",
        "manner": "exemplary",
        "client": "thunderbird",
    }
    r0, r1 = clerk_answers(clerk)
    (reply,) = poll_until(persona, store, 1)

    assert reply.enquiry_id == enquiry.id and reply.matched_by == "in_reply_to"
    assert reply.kind == "human_reply"
    assert reply.new_text.startswith("Szanowna Pani,") and "W dniu" not in reply.new_text
    assert reply.signature.startswith("Z poważaniem\nJan Nowak")
    assert "Anna Kowalska" in reply.quoted_text
    assert store.read(reply.raw_blob).startswith(b"Return-Path:")
    enquiry.refresh_from_db()
    assert enquiry.state == Enquiry.ANSWERED

    # Latency = INTERNALDATE − our 250 time; INTERNALDATE has whole seconds.
    measured = (reply.internaldate - enquiry.sent_at).total_seconds()
    true_low = (r0 - t1).total_seconds()
    true_high = (r1 - t0).total_seconds()
    assert true_low - 1.0 <= measured <= true_high + 1.0
    assert measured >= 0.5  # slept 1.5 s; INTERNALDATE drops the fraction of a second

    artifact = artifacts.enquiry_artifact(enquiry)
    assert artifact["schema"] == "email/1"
    assert artifact["enquiry"]["state"] == "answered"
    assert artifact["enquiry"]["persona"] == {"name": "Anna Kowalska", "gender": "f"}
    assert (
        artifact["enquiry"]["sent_at"].endswith("Z") and artifact["enquiry"]["answer_key"]["facts"]
    )
    (m,) = artifact["messages"]
    assert (
        m["kind"] == "human_reply"
        and m["raw_blob"] == reply.raw_blob
        and m["received_at"].endswith("Z")
    )

    # Incremental: nothing new means nothing fetched, and the state remembers the last UID.
    assert watch.poll_all_once([persona], store=store) == 0
    state = MailboxState.objects.get(persona=persona, folder="INBOX")
    assert state.last_uid == reply.uid and state.uidvalidity == reply.uidvalidity


def test_real_postfix_bounce_fails_the_enquiry_and_is_no_answer(
    edition, make_persona, make_participant, store
):
    persona = make_persona()
    participant = make_participant("nie-ma-takiego@gmina-bez-skrzynki.test")
    enquiry, *_ = send_enquiry(edition, persona, participant)
    (bounce,) = poll_until(persona, store, 1)
    assert (
        bounce.kind == "bounce" and bounce.matched_by == "dsn" and bounce.enquiry_id == enquiry.id
    )
    assert bounce.bounce["permanent"] is True and bounce.bounce["status"] == "5.1.1"
    assert bounce.bounce["recipients"] == ["nie-ma-takiego@gmina-bez-skrzynki.test"]
    enquiry.refresh_from_db()
    assert enquiry.state == Enquiry.FAILED


def test_sieve_vacation_reply_is_automatic_and_no_answer(
    edition, make_persona, make_participant, store
):
    persona = make_persona()
    participant = make_participant(VACATION_USER)
    enquiry, *_ = send_enquiry(edition, persona, participant)
    (auto,) = poll_until(persona, store, 1)
    assert auto.kind == "auto_reply" and auto.enquiry_id == enquiry.id
    enquiry.refresh_from_db()
    assert enquiry.state == Enquiry.SENT


def test_read_receipt_then_holding_reply_in_windows_1250(
    edition, make_persona, make_participant, store
):
    persona = make_persona("Piotr", "Nowak", "m")
    clerk_box = new_mailbox("urzad", "gmina-zielonka.test")
    participant = make_participant(clerk_box, kind="gmina_miejska")
    enquiry, *_ = send_enquiry(edition, persona, participant)
    clerk = {
        "mailbox": clerk_box,
        "name": "Maria Wiśniewska",
        "manner": "holding_then_answer",
        "client": "outlook",
        "charset": "windows-1250",
        "read_receipt": True,
        "delay_seconds": 3600,
    }
    # First pass: the receipt and the holding reply, no answer yet.
    clerk_answers(clerk, expect=2)
    receipt, holding = poll_until(persona, store, 2)
    assert receipt.kind == "read_receipt" and receipt.enquiry_id == enquiry.id
    assert holding.kind == "human_reply"
    assert "przekazana do właściwego referatu" in holding.new_text
    assert holding.quoted_text.startswith("Od: Piotr Nowak")
    enquiry.refresh_from_db()
    # The holding reply is a human first response (the rubric tells it from a resolution).
    assert enquiry.state == Enquiry.ANSWERED
    # Later the substantive answer follows in the same thread.
    assert handle_mailbox(CLERK_CFG, clerk, PASSWORD, time.time() + 3 * 3600) == 1
    *_, answer = poll_until(persona, store, 3)
    assert answer.kind == "human_reply" and answer.enquiry_id == enquiry.id
    assert topic_of(enquiry.body)[1][:60] in answer.new_text
    assert answer.new_text.startswith("Szanowny Panie,")


def test_read_receipt_alone_is_no_answer(one_reply):
    box = ("biuro", "sm-jutrzenka.test")
    enquiry, receipt = one_reply(
        box, "spoldzielnia_mieszkaniowa", manner="never", read_receipt=True
    )
    assert receipt.kind == "read_receipt" and receipt.matched_by == "dsn"
    enquiry.refresh_from_db()
    assert enquiry.state == Enquiry.SENT


@pytest.mark.parametrize("charset", ["iso-8859-2", "windows-1250", "cp1250-as-iso-8859-2"])
def test_polish_charsets_survive(one_reply, charset):
    clerk = {"name": "Zbigniew Kowal", "manner": "exemplary", "client": "gmail"}
    box = ("bok", "wodociagi-rzeczne.test")
    enquiry, reply = one_reply(box, "spolka_komunalna", charset=charset, **clerk)
    assert reply.kind == "human_reply"
    # The clerk's answer to whichever topic the company was asked about, letter for letter.
    _, right, _ = topic_of(enquiry.body)
    polish = [w for w in right.split() if set("ąćęłńóśźż") & set(w.lower())]
    assert polish and all(w in reply.new_text for w in polish)
    assert reply.subject.endswith(enquiry.subject.replace("–", "-"))
    assert "ą" in reply.quoted_text or "ę" in reply.quoted_text
    assert reply.charset_repaired is (charset == "cp1250-as-iso-8859-2")


def test_clerk_writing_from_own_address_without_threading_still_matches(one_reply):
    clerk = {"name": "Piotr Lis", "manner": "terse", "client": "outlook", "threading": False}
    box = ("kancelaria", "starostwo-lesne.test")
    enquiry, reply = one_reply(box, "powiat", reply_from="p.lis@wk.starostwo-lesne.test", **clerk)
    assert reply.from_addr == "p.lis@wk.starostwo-lesne.test"
    assert reply.enquiry_id == enquiry.id and reply.matched_by == "fallback"
    assert reply.kind == "human_reply"


def test_5xx_at_smtp_is_the_participants_failure_with_the_servers_words(
    edition, make_persona, make_participant
):
    make_persona()
    participant = make_participant("sekretariat@gmina.example.pl")  # not *.test: refused
    plan.plan_enquiries(edition, datetime.now(UTC), immediately=True, seed="t", per_participant=1)
    enquiry = Enquiry.objects.get(participant=participant)
    assert send.send_due(edition, immediately=True).get(Enquiry.FAILED) == 1
    enquiry.refresh_from_db()
    assert (
        enquiry.smtp_response.startswith("554 5.7.1")
        and "Relay access denied" in enquiry.smtp_response
    )
    assert enquiry.sent_at is None


def test_watcher_wakes_on_idle_and_survives_a_server_restart(
    edition, make_persona, make_participant, store, mailworld
):
    import subprocess

    from tests.email.conftest import MAILWORLD

    persona = make_persona()
    participant = make_participant(VACATION_USER)
    stop = threading.Event()
    polls = []
    thread = threading.Thread(
        target=watch.watch_persona,
        args=(persona, stop),
        kwargs={"idle_seconds": 600, "on_poll": lambda p, n: polls.append(n), "store": store},
        daemon=True,
    )
    thread.start()
    try:
        wait_for(lambda: polls)  # first poll done, now waiting in IDLE for up to 10 minutes
        enquiry, *_ = send_enquiry(edition, persona, participant)
        # The vacation reply arrives; IDLE rings the doorbell long before the 10 minutes.
        wait_for(lambda: IncomingMessage.objects.filter(persona=persona).count() == 1, timeout=10)

        subprocess.run(
            ["bash", str(MAILWORLD), "restart"], check=True, stdout=subprocess.DEVNULL, timeout=120
        )
        # After the restart, a new message must still be seen (the watcher reconnected).
        Enquiry.objects.filter(pk=enquiry.pk).update(state=Enquiry.SENT)
        import smtplib

        from probes.email.compose import compose_enquiry

        msg = compose_enquiry(
            persona_name="Gmina",
            persona_address=VACATION_USER,
            to=[persona.address],
            subject="Re: " + enquiry.subject,
            body="Dzień dobry, odpowiadamy.",
            message_id="<po-restarcie@gmina-urlopowo.test>",
            date=datetime.now(UTC),
        )
        msg["In-Reply-To"] = enquiry.message_id
        with smtplib.SMTP(*SMTP, timeout=30) as smtp:
            smtp.send_message(msg)
        wait_for(lambda: IncomingMessage.objects.filter(persona=persona).count() == 2, timeout=90)
        latest = IncomingMessage.objects.filter(persona=persona).latest("uid")
        assert latest.kind == "human_reply" and latest.enquiry_id == enquiry.id
    finally:
        stop.set()
        thread.join(timeout=5)


def test_4xx_is_retried_later_never_failed_at_once(edition, make_persona, make_participant):
    make_persona()
    participant = make_participant("pelna-skrzynka@gmina-pelna.test")  # Postfix answers 452
    plan.plan_enquiries(edition, datetime.now(UTC), immediately=True, seed="t", per_participant=1)
    enquiry = Enquiry.objects.get(participant=participant)
    before = datetime.now(UTC)
    assert send.send_due(edition, immediately=True).get(Enquiry.PENDING) == 1
    enquiry.refresh_from_db()
    assert enquiry.smtp_response.startswith("452 4.2.2")
    assert enquiry.attempts == 1 and enquiry.sent_at is None
    assert enquiry.planned_at >= before + timedelta(minutes=5)
    # Not due yet: a send run now leaves it alone.
    assert send.send_due(edition, immediately=True).get("pending", 0) == 0


def test_office_hours_and_rate_limit_per_institution_domain(
    edition, make_persona, make_participant
):
    from probes.email import schedule

    make_persona()
    first = make_participant(new_mailbox("sekretariat", "gmina-limit.test"))
    second = make_participant(new_mailbox("podatki", "gmina-limit.test"))
    plan.plan_enquiries(edition, datetime.now(UTC), immediately=True, seed="t", per_participant=1)
    # A Sunday: nothing goes out, both are moved into the next office hours.
    sunday = datetime(2027, 3, 7, 11, 0, tzinfo=schedule.WARSAW)
    assert send.send_due(edition, now=sunday) == {"uncertain_recovered": 0, "replanned": 2}
    for e in Enquiry.objects.filter(edition=edition):
        assert e.state == Enquiry.PENDING
        assert e.planned_at.astimezone(schedule.WARSAW).date() == datetime(2027, 3, 8).date()
        assert schedule.in_office_hours(e.planned_at, e.office_hours)
    # At a working-day moment both are due, but one domain gets one message per interval.
    Enquiry.objects.update(planned_at=datetime.now(UTC) - timedelta(minutes=1))
    monday = datetime(2027, 3, 8, 10, 0, tzinfo=schedule.WARSAW)
    counts = send.send_due(edition, now=monday, domain_interval=timedelta(days=400))
    assert counts["sent"] == 1 and counts["rate_limited"] == 1
    states = sorted(
        Enquiry.objects.filter(participant__in=[first, second]).values_list("state", flat=True)
    )
    assert states == [Enquiry.PENDING, Enquiry.SENT]
