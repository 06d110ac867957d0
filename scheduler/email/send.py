"""Sending exactly once, through one path.

Every enquiry — from a sweep (scheduler/probes.py), the scheduler's send job or
`auditor email send` — and every persona's follow-up to a clerk's request for a detail
(results.Followup, recorded by the watcher) goes out through `send_due`, which checks office hours and holidays,
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
from probes.email.compose import compose_enquiry, compose_followup
from probes.email.imap import Mailbox
from probes.email.match import institution_domain
from probes.email.smtp import ACCEPTED, NOT_SENT, REJECTED, TEMPORARY, MailboxSettings, send_message
from results.email_models import Enquiry, Followup, Persona
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


# What the one sender sends: an enquiry or a persona's follow-up. Both have the same sending
# fields and states (pending → sending → sent | uncertain | failed), so one path sends both.
Outgoing = Enquiry | Followup
OUTGOING = (Enquiry, Followup)


def recover_interrupted() -> int:
    """Enquiries and follow-ups left "sending" by a crashed run become "uncertain" (never re-sent)."""
    return sum(
        model.objects.filter(state=model.SENDING).update(
            state=model.UNCERTAIN,
            resolution_note="Wysyłka przerwana między zapisem a potwierdzeniem serwera (250): "
            "nie wiadomo, czy wiadomość wyszła. Nie zostanie wysłana ponownie.",
        )
        for model in OUTGOING
    )


def _claim(row: Outgoing) -> bool:
    # A conditional update is atomic on every database: only one run can claim it.
    model = type(row)
    with transaction.atomic():
        claimed = model.objects.filter(pk=row.pk, state=model.PENDING).update(
            state=model.SENDING, attempts=F("attempts") + 1
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


def _mark_sent(row: Outgoing, accepted_at: datetime, response: str, note: str) -> None:
    # The answer deadline runs from the enquiry; a follow-up does not move it (docs/email.md).
    deadline = {"deadline_at": deadline_for(row, accepted_at)} if isinstance(row, Enquiry) else {}
    type(row).objects.filter(pk=row.pk).update(
        state=row.SENT,
        sent_at=accepted_at,
        smtp_response=response,
        resolution_note=note,
        **deadline,
    )


def _compose(row: Outgoing, persona: Persona, date: datetime):
    # The message's own fields, under the names the composers take.
    common = {name: getattr(row, name) for name in ("to", "subject", "body", "message_id")}
    common.update(persona_name=persona.full_name, persona_address=persona.address, date=date)
    if isinstance(row, Followup):
        return compose_followup(**common, in_reply_to=row.in_reply_to, references=row.references)
    return compose_enquiry(**common)


def _send_one(row: Outgoing, now: datetime | None = None) -> str:
    """Send one pending enquiry or follow-up; returns its new state. Only `send_due` calls this."""
    model = type(row)
    if not _claim(row):
        return model.objects.get(pk=row.pk).state
    row.refresh_from_db()
    persona = row.persona
    try:
        mailbox = mailbox_settings(persona)
    except EmailConfigError as exc:
        model.objects.filter(pk=row.pk).update(state=model.PENDING, resolution_note=str(exc))
        raise
    msg = _compose(row, persona, now or schedule.utc_now())
    outcome = asyncio.run(send_message(mailbox, persona.address, row.to, msg))
    if outcome.status == ACCEPTED:
        assert outcome.accepted_at is not None
        note = _save_sent_copy(persona, mailbox, msg.as_bytes(), outcome.accepted_at)
        _mark_sent(row, outcome.accepted_at, outcome.response, note)
        return model.SENT
    if outcome.status in (NOT_SENT, TEMPORARY):
        # Not accepted: safe to try again later. Our own failures (NOT_SENT) never count
        # against the participant; repeated 4xx from their side end as failed.
        failures = row.attempts
        if outcome.status == TEMPORARY and failures > MAX_TEMPORARY_FAILURES:
            model.objects.filter(pk=row.pk).update(
                state=model.FAILED, smtp_response=outcome.response
            )
            return model.FAILED
        delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1]
        model.objects.filter(pk=row.pk).update(
            state=model.PENDING,
            planned_at=(now or schedule.utc_now()) + delay,
            smtp_response=outcome.response,
        )
        return model.PENDING
    if outcome.status == REJECTED:
        model.objects.filter(pk=row.pk).update(state=model.FAILED, smtp_response=outcome.response)
        return model.FAILED
    model.objects.filter(pk=row.pk).update(
        state=model.UNCERTAIN,
        smtp_response=outcome.response,
        resolution_note="Połączenie przerwane w trakcie przekazywania treści: wiadomość mogła "
        "dotrzeć. Nie zostanie wysłana ponownie.",
    )
    return model.UNCERTAIN


def _last_sent_to(domain: str) -> datetime | None:
    # Domains are few per edition; the address list is JSON, so compare in Python. Follow-ups
    # count too: the interval is per institution, whatever we wrote.
    latest = None
    for model in OUTGOING:
        for to, sent_at in model.objects.filter(sent_at__isnull=False).values_list("to", "sent_at"):
            if any(institution_domain(a) == domain for a in to) and (
                latest is None or sent_at > latest
            ):
                latest = sent_at
    return latest


def _due(edition: Edition | None, participant: int | None, now: datetime) -> list[Outgoing]:
    """Pending enquiries and follow-ups whose moment has come, by moment."""
    enquiries = Enquiry.objects.filter(state=Enquiry.PENDING, planned_at__lte=now)
    followups = Followup.objects.filter(state=Followup.PENDING, planned_at__lte=now)
    if edition is not None:
        enquiries = enquiries.filter(edition=edition)
        followups = followups.filter(enquiry__edition=edition)
    if participant is not None:
        enquiries = enquiries.filter(participant_id=participant)
        followups = followups.filter(enquiry__participant_id=participant)
    rows: list[Outgoing] = [
        *enquiries.select_related("persona", "participant", "edition"),
        *followups.select_related("enquiry__persona", "enquiry__participant", "enquiry__edition"),
    ]
    # Enquiries before follow-ups planned at the same moment; then by id.
    return sorted(rows, key=lambda r: (r.planned_at, isinstance(r, Followup), r.pk))


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
            for row in _due(edition, participant, now):
                if not lease.renew():
                    break  # lost the lease (we stalled past its expiry): stop, send nothing
                verdict = _hold_back(row, now, domain_interval) if not immediately else None
                if verdict is None:
                    verdict = _send_one(row)
                    if isinstance(row, Followup):
                        verdict = f"followup_{verdict}"
                    now = max(now, schedule.utc_now())  # time passes while sending
                counts[verdict] = counts.get(verdict, 0) + 1
    except LeaseBusy as exc:
        raise SenderBusy(f"inna wysyłka już trwa ({exc})") from None
    return counts


def _hold_back(row: Outgoing, now: datetime, domain_interval: timedelta) -> str | None:
    """Re-plan an enquiry or follow-up that may not go now; its reason ("replanned",
    "rate_limited"). Send days and hours are the one calendar's (probes/email/schedule.py)."""
    hours = row.office_hours or office_hours_for(row.participant)
    days_off = parse_days_off(row.edition.days_off)
    if not schedule.in_office_hours(now, hours, days_off):
        rng = random.Random(row.message_id)
        row.planned_at = schedule.next_send_moment(now, hours, rng, days_off=days_off)
        row.save(update_fields=["planned_at"])
        return "replanned"
    domain = institution_domain(row.to[0])
    allowed = schedule.rate_limited_until(_last_sent_to(domain), now, domain_interval)
    if allowed is None:
        return None
    jitter = min(300.0, domain_interval.total_seconds() / 4)
    row.planned_at = allowed + timedelta(seconds=random.uniform(0, jitter))
    row.save(update_fields=["planned_at"])
    return "rate_limited"


def resolve_uncertain(enquiry_id: int | None = None) -> dict[int, str]:
    """Look for each uncertain enquiry's copy (and its follow-up's) in the persona's Sent
    folder, by Message-ID. Returns the enquiries' new states."""
    result = {}
    qs = Enquiry.objects.filter(state=Enquiry.UNCERTAIN).select_related("persona")
    followups = Followup.objects.filter(state=Followup.UNCERTAIN).select_related("enquiry__persona")
    if enquiry_id is not None:
        qs = qs.filter(pk=enquiry_id)
        followups = followups.filter(enquiry_id=enquiry_id)
    for row in [*qs, *followups]:
        with Mailbox(mailbox_settings(row.persona)) as box:
            found = box.find_in_sent(row.message_id)
        if isinstance(row, Followup):
            if found is not None:
                Followup.objects.filter(pk=row.pk, state=Followup.UNCERTAIN).update(
                    state=Followup.SENT,
                    sent_at=found,
                    resolution_note="Kopia odnaleziona w folderze Wysłane; czas wysłania = czas "
                    "zapisania kopii.",
                )
            continue
        if found is None:
            result[row.id] = Enquiry.UNCERTAIN
            continue
        Enquiry.objects.filter(pk=row.pk, state=Enquiry.UNCERTAIN).update(
            state=Enquiry.SENT,
            sent_at=found,
            deadline_at=deadline_for(row, found),
            smtp_response=row.smtp_response or "(odtworzone z folderu Wysłane)",
            resolution_note="Kopia odnaleziona w folderze Wysłane; czas wysłania = czas zapisania kopii.",
        )
        result[row.id] = Enquiry.SENT
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
