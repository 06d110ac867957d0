"""Watching the personas' mailboxes: fetch, keep, analyse, match and record each message."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from django.db import connection, transaction

from probes.email import schedule
from probes.email.analyse import analyse, reclassify
from probes.email.classify import AUTO_REPLY, BOUNCE, HUMAN_REPLY, READ_RECEIPT
from probes.email.imap import Mailbox
from probes.email.match import (
    AMBIGUOUS,
    FALLBACK,
    FORWARDED,
    EnquiryRef,
    attached_message_ids,
    match_message,
)
from results.email_models import Enquiry, Followup, IncomingMessage, MailboxState, Persona
from results.evidence_store import EvidenceStore
from rubrics.calendar import extension_limit
from scheduler.email.artifacts import PRODUCER
from scheduler.email.followup import schedule_followup
from scheduler.email.secrets import EmailConfigError, mailbox_settings

log = logging.getLogger("auditor.email")


def _enquiry_refs(persona: Persona) -> list[EnquiryRef]:
    """What the matcher knows of each enquiry the persona sent: the participant's registered
    addresses and website (its institution), our words, the persona's name and address."""
    rows = (
        Enquiry.objects.filter(persona=persona)
        .exclude(state__in=[Enquiry.PENDING])
        .select_related("participant", "followup")
    )
    return [
        EnquiryRef(
            e.id,
            e.message_id,
            tuple(e.to),
            e.subject,
            e.sent_at,
            _match_deadline(e),
            body=e.body,
            persona_name=persona.full_name,
            persona_address=persona.address,
            participant_addresses=tuple(e.participant.emails or ()),
            participant_domains=(e.participant.website,) if e.participant.website else (),
            thread_ids=_followup_ids(e),
        )
        for e in rows
    ]


def _match_deadline(enquiry: Enquiry):
    """The end of the matcher's window (plus its margin): the deadline, or — once the body has
    answered something (a notice extending the deadline, UDIP art. 13 ust. 2) — the latest
    lawful extended deadline, so a late final answer without threading is still placed."""
    if enquiry.state == Enquiry.ANSWERED and enquiry.sent_at and enquiry.deadline_at:
        return max(enquiry.deadline_at, extension_limit(enquiry.sent_at))
    return enquiry.deadline_at


def _followup_ids(enquiry: Enquiry) -> tuple[str, ...]:
    try:
        followup = enquiry.followup
    except Followup.DoesNotExist:
        return ()
    return (followup.message_id,) if followup.state != Followup.PENDING else ()


def process_incoming(
    persona: Persona, folder: str, fetched, store: EvidenceStore
) -> IncomingMessage | None:
    """Keep, analyse, match and record one fetched message; advance the mailbox state."""
    sha = store.put(fetched.raw, "message/rfc822", f"{PRODUCER}.watch")
    try:
        analysis = analyse(fetched.raw)
    except Exception as exc:  # one malformed message must not stop the mailbox
        log.warning(
            "wiadomość UID %s nie dała się przeanalizować: %s", fetched.uid, type(exc).__name__
        )
        analysis = analyse(b"Subject: (nieczytelna wiadomosc)\r\n\r\n")
    p, c = analysis.parsed, analysis.classification
    match = match_message(
        in_reply_to=p.in_reply_to,
        references=p.references,
        original_message_id=c.original_message_id,
        from_addr=p.from_addr,
        subject=p.subject,
        received_at=fetched.internaldate,
        enquiries=_enquiry_refs(persona),
        text=p.text,
        attached_message_ids=attached_message_ids(p.msg),
    )
    enquiry_id, matched_by = match.enquiry_id, match.how
    if c.kind not in (BOUNCE, READ_RECEIPT, AUTO_REPLY) and matched_by != AMBIGUOUS:
        # An ambiguous message keeps its own classification until a juror decides.
        analysis = reclassify(analysis, matched=enquiry_id is not None)
        c = analysis.classification
    if matched_by == AMBIGUOUS and c.kind in (BOUNCE, READ_RECEIPT):
        matched_by = None  # system messages naming no enquiry of ours: nothing to review
    evidence = match.evidence() if matched_by in (AMBIGUOUS, FALLBACK, FORWARDED) else {}
    if getattr(c, "review", False):
        # The classifier is unsure it is a person's answer (an "automatic" header on a letter,
        # an answer sent as a new message): a juror confirms it (scheduler/email/review.py).
        evidence = {**(evidence or {"how": matched_by, "enquiry_id": enquiry_id})}
        evidence["classification_review"] = c.reason
    with transaction.atomic():
        message, created = IncomingMessage.objects.get_or_create(
            persona=persona,
            folder=folder,
            uidvalidity=fetched.uidvalidity,
            uid=fetched.uid,
            defaults=dict(
                enquiry_id=enquiry_id,
                raw_blob=sha,
                internaldate=fetched.internaldate,
                date_header=p.date_header,
                message_id=p.message_id or "",
                from_addr=p.from_addr,
                subject=p.subject[:1000],
                kind=c.kind,
                bounce=c.bounce,
                matched_by=matched_by or "",
                new_text=analysis.parts.new_text,
                quoted_text=analysis.parts.quoted_text,
                signature=analysis.parts.signature,
                attachments=analysis.attachments(),
                charset_repaired=p.charset_repaired,
                match_evidence=evidence,
            ),
        )
        if created and enquiry_id is not None:
            _update_enquiry_state(enquiry_id, c.kind, c.bounce)
            if (
                c.kind == HUMAN_REPLY
                and matched_by != AMBIGUOUS
                and "classification_review" not in evidence
            ):
                # A clerk asking for a detail: the persona's one answer, recorded with the
                # message (intent first) and sent by the one sender (scheduler/email/followup.py).
                schedule_followup(message, schedule.utc_now())
        MailboxState.objects.filter(persona=persona, folder=folder).update(
            last_uid=fetched.uid, uidvalidity=fetched.uidvalidity
        )
    return message


def _update_enquiry_state(enquiry_id: int, kind: str, bounce: dict | None) -> None:
    if kind == HUMAN_REPLY:
        Enquiry.objects.filter(
            pk=enquiry_id, state__in=[Enquiry.SENT, Enquiry.UNANSWERED, Enquiry.UNCERTAIN]
        ).update(state=Enquiry.ANSWERED)
    elif kind == BOUNCE and bounce and bounce.get("permanent"):
        # A permanent bounce: the participant's address does not work.
        Enquiry.objects.filter(pk=enquiry_id, state__in=[Enquiry.SENT, Enquiry.UNCERTAIN]).update(
            state=Enquiry.FAILED
        )


def poll(persona: Persona, box: Mailbox, store: EvidenceStore) -> int:
    """Fetch and record what is new in the selected folder; returns how many."""
    state, _ = MailboxState.objects.get_or_create(persona=persona, folder=box.folder)
    if state.uidvalidity != box.uidvalidity:
        # A new UIDVALIDITY means old UIDs mean nothing: read the folder again from the start
        # (messages already recorded under the old UIDVALIDITY are kept as they were).
        state.uidvalidity = box.uidvalidity
        state.last_uid = 0
        state.save(update_fields=["uidvalidity", "last_uid"])
    count = 0
    uids = box.new_uids(state.last_uid)
    for fetched in box.fetch(uids):
        process_incoming(persona, box.folder, fetched, store)
        count += 1
    MailboxState.objects.filter(pk=state.pk).update(polled_at=schedule.utc_now())
    return count


def close_overdue(now: datetime | None = None) -> int:
    """Enquiries past their deadline with no human reply become unanswered."""
    now = now or schedule.utc_now()
    return Enquiry.objects.filter(state=Enquiry.SENT, deadline_at__lt=now).update(
        state=Enquiry.UNANSWERED
    )


def watch_persona(
    persona: Persona,
    stop: threading.Event,
    *,
    idle_seconds: float = 60.0,
    on_poll=None,
    store: EvidenceStore | None = None,
) -> None:
    """Long-running: poll, then wait on IDLE, until `stop` is set. Survives dropped
    connections and server restarts (reconnects with backoff)."""
    store = store or EvidenceStore()
    backoff = 1.0
    try:
        while not stop.is_set():
            try:
                with Mailbox(mailbox_settings(persona)) as box:
                    backoff = 1.0
                    while not stop.is_set():
                        n = poll(persona, box, store)
                        close_overdue()
                        if on_poll is not None:
                            on_poll(persona, n)
                        box.wait_for_change(idle_seconds, stop)
            except EmailConfigError:
                raise
            except Exception as exc:  # network, server restart, protocol: reconnect
                log.warning(
                    "skrzynka %s: %s; ponowne połączenie za %.0f s",
                    persona.address,
                    type(exc).__name__,
                    backoff,
                )
                stop.wait(backoff)
                backoff = min(backoff * 2, 60.0)
    finally:
        connection.close()


def watch(
    personas: list[Persona], stop: threading.Event, idle_seconds: float = 60.0, on_poll=None
) -> None:
    """Watch several personas' mailboxes at once (a thread each) until `stop` is set."""
    threads = [
        threading.Thread(
            target=watch_persona,
            args=(p, stop),
            kwargs={"idle_seconds": idle_seconds, "on_poll": on_poll},
            name=f"watch-{p.address}",
            daemon=True,
        )
        for p in personas
    ]
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            for t in threads:
                t.join(timeout=0.5)
    finally:
        stop.set()


def poll_all_once(personas: list[Persona] | None = None, store: EvidenceStore | None = None) -> int:
    store = store or EvidenceStore()
    total = 0
    for persona in personas or Persona.objects.filter(active=True):
        with Mailbox(mailbox_settings(persona)) as box:
            total += poll(persona, box, store)
    close_overdue()
    return total
