"""Sending exactly once, through one path.

Every enquiry — from a sweep (scheduler/probes.py), the scheduler's send job or
`auditor email send` — goes out through `send_due`, which checks office hours and holidays,
the per-domain interval and exactly-once while holding the sender's lease in the database
(scheduler/lease.py): one sender at a time across processes and machines, so "sending"
found by the holder can only mean a crashed run. An enquiry is claimed ("sending") in a committed transaction before the SMTP dialogue and
marked sent at the server's 250; a crash in between leaves it "sending", which the next run
turns into "uncertain" — resolved by finding our copy in the Sent folder or by the
organiser, never by sending again.
"""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from probes.email import schedule
from probes.email.compose import compose_enquiry
from probes.email.imap import Mailbox
from probes.email.match import institution_domain
from probes.email.smtp import ACCEPTED, NOT_SENT, REJECTED, TEMPORARY, MailboxSettings, send_message
from results.email_models import Enquiry, Persona
from results.models import AuditLogEntry, Edition
from rubrics.calendar import parse_days_off, statutory_deadline
from scheduler.email.plan import office_hours_for
from scheduler.email.secrets import EmailConfigError, mailbox_settings
from scheduler.lease import LeaseBusy, held

DOMAIN_INTERVAL = timedelta(minutes=20)  # at most one enquiry per institution domain per 20 min
RETRY_DELAYS = [timedelta(minutes=m) for m in (5, 15, 30, 60, 120, 240, 480)]
MAX_TEMPORARY_FAILURES = len(RETRY_DELAYS)


SENDER_LEASE = "email-send"
SENDER_LEASE_TTL = timedelta(minutes=5)  # renewed before every enquiry; far above SMTP timeouts


class SenderBusy(EmailConfigError):
    """Another process holds the sender's lease."""


def deadline_for(enquiry: Enquiry, sent_at: datetime) -> datetime:
    """The answer deadline: the one calendar's (14 days, end of the last day in Warsaw, moved
    past non-working days and the edition's declared days off)."""
    days_off = Edition.objects.filter(pk=enquiry.edition_id).values_list("days_off", flat=True)
    return statutory_deadline(sent_at, days_off=parse_days_off(days_off.first() or []))


def recover_interrupted() -> int:
    """Enquiries left "sending" by a crashed run become "uncertain" (never re-sent)."""
    return Enquiry.objects.filter(state=Enquiry.SENDING).update(
        state=Enquiry.UNCERTAIN,
        resolution_note="Wysyłka przerwana między zapisem a potwierdzeniem serwera (250): "
        "nie wiadomo, czy wiadomość wyszła. Nie zostanie wysłana ponownie.",
    )


def _claim(enquiry: Enquiry) -> bool:
    # A conditional update is atomic on every database: only one run can claim it.
    with transaction.atomic():
        claimed = Enquiry.objects.filter(pk=enquiry.pk, state=Enquiry.PENDING).update(
            state=Enquiry.SENDING, attempts=F("attempts") + 1
        )
    return claimed == 1


def _save_sent_copy(persona: Persona, mailbox: MailboxSettings, raw: bytes, when: datetime) -> str:
    """Put a copy in the persona's Sent folder, as a mail client does. Returns a note."""
    try:
        with Mailbox(mailbox) as box:
            box.append_sent(raw, when)
        return ""
    except Exception as exc:  # the enquiry went out; a missing copy is only noted
        return f"Nie zapisano kopii w folderze Wysłane: {type(exc).__name__}"


def _mark_sent(enquiry: Enquiry, accepted_at: datetime, response: str, note: str) -> None:
    Enquiry.objects.filter(pk=enquiry.pk).update(
        state=Enquiry.SENT,
        sent_at=accepted_at,
        smtp_response=response,
        deadline_at=deadline_for(enquiry, accepted_at),
        resolution_note=note,
    )


def _send_one(enquiry: Enquiry, now: datetime | None = None) -> str:
    """Send one pending enquiry; returns its new state. Only `send_due` calls this."""
    if not _claim(enquiry):
        return Enquiry.objects.get(pk=enquiry.pk).state
    enquiry.refresh_from_db()
    persona = enquiry.persona
    try:
        mailbox = mailbox_settings(persona)
    except EmailConfigError as exc:
        Enquiry.objects.filter(pk=enquiry.pk).update(
            state=Enquiry.PENDING, resolution_note=str(exc)
        )
        raise
    msg = compose_enquiry(
        persona_name=persona.full_name,
        persona_address=persona.address,
        to=enquiry.to,
        subject=enquiry.subject,
        body=enquiry.body,
        message_id=enquiry.message_id,
        date=now or schedule.utc_now(),
    )
    outcome = asyncio.run(send_message(mailbox, persona.address, enquiry.to, msg))
    if outcome.status == ACCEPTED:
        assert outcome.accepted_at is not None
        note = _save_sent_copy(persona, mailbox, msg.as_bytes(), outcome.accepted_at)
        _mark_sent(enquiry, outcome.accepted_at, outcome.response, note)
        return Enquiry.SENT
    if outcome.status in (NOT_SENT, TEMPORARY):
        # Not accepted: safe to try again later. Our own failures (NOT_SENT) never count
        # against the participant; repeated 4xx from their side end as failed.
        failures = enquiry.attempts
        if outcome.status == TEMPORARY and failures > MAX_TEMPORARY_FAILURES:
            Enquiry.objects.filter(pk=enquiry.pk).update(
                state=Enquiry.FAILED, smtp_response=outcome.response
            )
            return Enquiry.FAILED
        delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1]
        Enquiry.objects.filter(pk=enquiry.pk).update(
            state=Enquiry.PENDING,
            planned_at=(now or schedule.utc_now()) + delay,
            smtp_response=outcome.response,
        )
        return Enquiry.PENDING
    if outcome.status == REJECTED:
        Enquiry.objects.filter(pk=enquiry.pk).update(
            state=Enquiry.FAILED, smtp_response=outcome.response
        )
        return Enquiry.FAILED
    Enquiry.objects.filter(pk=enquiry.pk).update(
        state=Enquiry.UNCERTAIN,
        smtp_response=outcome.response,
        resolution_note="Połączenie przerwane w trakcie przekazywania treści: wiadomość mogła "
        "dotrzeć. Nie zostanie wysłana ponownie.",
    )
    return Enquiry.UNCERTAIN


def _last_sent_to(domain: str) -> datetime | None:
    # Domains are few per edition; the address list is JSON, so compare in Python.
    latest = None
    for to, sent_at in Enquiry.objects.filter(sent_at__isnull=False).values_list("to", "sent_at"):
        if any(institution_domain(a) == domain for a in to) and (
            latest is None or sent_at > latest
        ):
            latest = sent_at
    return latest


def send_due(
    edition: Edition | None = None,
    *,
    participant: int | None = None,
    now: datetime | None = None,
    immediately: bool = False,
    domain_interval: timedelta = DOMAIN_INTERVAL,
    wait: float = 30.0,
) -> dict[str, int]:
    """Send every pending enquiry that is due (of the edition, of one participant if given);
    re-plan those outside office hours or too soon after the last one to their domain.

    `immediately` (the demo and tests: `--immediately`, `--email-now`) sends what is due
    whatever the office hours and the interval (a retry after a 4xx still waits for its
    moment); the lease and the exactly-once claim hold all the same. Waits up to `wait` seconds for the lease, then
    raises SenderBusy.
    """
    counts: dict[str, int] = {}
    try:
        with held(SENDER_LEASE, ttl=SENDER_LEASE_TTL, wait=wait) as lease:
            counts["uncertain_recovered"] = recover_interrupted()
            now = now or schedule.utc_now()
            due = Enquiry.objects.filter(state=Enquiry.PENDING, planned_at__lte=now)
            if edition is not None:
                due = due.filter(edition=edition)
            if participant is not None:
                due = due.filter(participant_id=participant)
            for enquiry in due.select_related("persona", "participant", "edition").order_by(
                "planned_at", "id"
            ):
                if not lease.renew():
                    break  # lost the lease (we stalled past its expiry): stop, send nothing
                verdict = _hold_back(enquiry, now, domain_interval) if not immediately else None
                if verdict is None:
                    verdict = _send_one(enquiry)
                    now = max(now, schedule.utc_now())  # time passes while sending
                counts[verdict] = counts.get(verdict, 0) + 1
    except LeaseBusy as exc:
        raise SenderBusy(f"inna wysyłka już trwa ({exc})") from None
    return counts


def _hold_back(enquiry: Enquiry, now: datetime, domain_interval: timedelta) -> str | None:
    """Re-plan an enquiry that may not go now; its reason ("replanned", "rate_limited")."""
    hours = enquiry.office_hours or office_hours_for(enquiry.participant)
    days_off = parse_days_off(enquiry.edition.days_off)
    if not schedule.in_office_hours(now, hours, days_off):
        rng = random.Random(enquiry.message_id)
        enquiry.planned_at = schedule.next_send_moment(now, hours, rng, days_off=days_off)
        enquiry.save(update_fields=["planned_at"])
        return "replanned"
    domain = institution_domain(enquiry.to[0])
    allowed = schedule.rate_limited_until(_last_sent_to(domain), now, domain_interval)
    if allowed is None:
        return None
    jitter = min(300.0, domain_interval.total_seconds() / 4)
    enquiry.planned_at = allowed + timedelta(seconds=random.uniform(0, jitter))
    enquiry.save(update_fields=["planned_at"])
    return "rate_limited"


def resolve_uncertain(enquiry_id: int | None = None) -> dict[int, str]:
    """Look for each uncertain enquiry's copy in the persona's Sent folder (by Message-ID)."""
    result = {}
    qs = Enquiry.objects.filter(state=Enquiry.UNCERTAIN).select_related("persona")
    if enquiry_id is not None:
        qs = qs.filter(pk=enquiry_id)
    for enquiry in qs:
        with Mailbox(mailbox_settings(enquiry.persona)) as box:
            found = box.find_in_sent(enquiry.message_id)
        if found is None:
            result[enquiry.id] = Enquiry.UNCERTAIN
            continue
        Enquiry.objects.filter(pk=enquiry.pk, state=Enquiry.UNCERTAIN).update(
            state=Enquiry.SENT,
            sent_at=found,
            deadline_at=deadline_for(enquiry, found),
            smtp_response=enquiry.smtp_response or "(odtworzone z folderu Wysłane)",
            resolution_note="Kopia odnaleziona w folderze Wysłane; czas wysłania = czas zapisania kopii.",
        )
        result[enquiry.id] = Enquiry.SENT
    return result


def resolve_by_organiser(
    enquiry_id: int, state: str, actor: str, note: str, sent_at: datetime | None = None
) -> None:
    """The organiser's decision on an uncertain enquiry (sent or failed); logged."""
    if state not in (Enquiry.SENT, Enquiry.FAILED):
        raise EmailConfigError("niepewne zapytanie można uznać tylko za wysłane albo niedoręczone")
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        if enquiry.state != Enquiry.UNCERTAIN:
            raise EmailConfigError(
                f"zapytanie {enquiry_id} nie jest niepewne (stan: {enquiry.state})"
            )
        enquiry.state = state
        enquiry.resolution_note = f"Rozstrzygnięte przez organizatora: {note}"
        if state == Enquiry.SENT and sent_at is not None:
            enquiry.sent_at = sent_at
            enquiry.deadline_at = deadline_for(enquiry, sent_at)
        enquiry.save()
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.ENQUIRY_RESOLVE,
            ("Enquiry", enquiry_id),
            state=state,
            note=note,
        )
