"""The e-mail probe's Django side: planning, sending exactly once, watching, artifacts.

The probe's pure parts (probes/email/) know nothing of the database; this module connects
them to the records. Sending is exactly-once: an enquiry is claimed ("sending") in a
committed transaction before the SMTP dialogue and marked sent at the server's 250; a crash
in between leaves it "sending", which the next run turns into "uncertain" — resolved by
finding our copy in the Sent folder or by the organiser, never by sending again.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
import random
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from probes.email import schedule
from probes.email.analyse import analyse, reclassify
from probes.email.artifact import build_email_artifact
from probes.email.classify import AUTO_REPLY, BOUNCE, HUMAN_REPLY, READ_RECEIPT
from probes.email.compose import compose_enquiry, new_message_id
from probes.email.imap import Mailbox
from probes.email.match import EnquiryRef, institution_domain, match_enquiry
from probes.email.smtp import ACCEPTED, NOT_SENT, REJECTED, TEMPORARY, MailboxSettings, send_message
from probes.email.templates import (
    Choice,
    PersonaText,
    choose_wordings,
    load_templates,
    render,
    text_fingerprint,
)
from results.email_models import Enquiry, IncomingMessage, MailboxState, Persona
from results.evidence_store import EvidenceStore
from results.models import AuditLogEntry, Edition
from rubrics.kinds import kind_group

log = logging.getLogger("auditor.email")

DEADLINE = timedelta(days=14)
DOMAIN_INTERVAL = timedelta(minutes=20)  # at most one enquiry per institution domain per 20 min
RETRY_DELAYS = [timedelta(minutes=m) for m in (5, 15, 30, 60, 120, 240, 480)]
MAX_TEMPORARY_FAILURES = len(RETRY_DELAYS)
PRODUCER = "email"


class EmailConfigError(Exception):
    """A persona's mailbox cannot be used as configured (message in Polish, no secrets)."""


# --- secrets -------------------------------------------------------------------------


def resolve_password(ref: str) -> str:
    """The password a persona's `password_ref` names: an environment variable, else a key of
    the secrets file named by AUDITOR_SECRETS_FILE (YAML or JSON mapping)."""
    if not ref:
        raise EmailConfigError("persona nie ma odwołania do hasła (password_ref)")
    if ref in os.environ:
        return os.environ[ref]
    path = os.environ.get("AUDITOR_SECRETS_FILE", "").strip()
    if path:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise EmailConfigError(
                f"nie można odczytać pliku sekretów {path}: {exc.strerror}"
            ) from None
        if isinstance(data, dict) and ref in data:
            return str(data[ref])
    raise EmailConfigError(
        f"nie znaleziono hasła {ref!r} ani w zmiennych środowiskowych, ani w pliku sekretów"
    )


def mailbox_settings(persona: Persona) -> MailboxSettings:
    return MailboxSettings(
        smtp_host=persona.smtp_host,
        smtp_port=persona.smtp_port,
        smtp_tls=persona.smtp_tls,
        imap_host=persona.imap_host,
        imap_port=persona.imap_port,
        imap_tls=persona.imap_tls,
        user=persona.user,
        password=resolve_password(persona.password_ref),
    )


def persona_text(persona: Persona) -> PersonaText:
    return PersonaText(persona.full_name, persona.gender, persona.signature)


def office_hours_for(participant) -> dict:
    return schedule.DEFAULT_OFFICE_HOURS[kind_group(participant.kind)]


# --- planning ------------------------------------------------------------------------


DEFAULT_ENQUIRIES_PER_PARTICIPANT = 2  # DOMAIN.md §5(c): a median over at least 2 probes


def enquiries_per_participant() -> int:
    """N, the enquiries each participant gets per edition (AUDITOR_ENQUIRIES_PER_PARTICIPANT)."""
    raw = os.environ.get("AUDITOR_ENQUIRIES_PER_PARTICIPANT", "").strip()
    if not raw:
        return DEFAULT_ENQUIRIES_PER_PARTICIPANT
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise EmailConfigError(
            f"AUDITOR_ENQUIRIES_PER_PARTICIPANT musi być liczbą całkowitą ≥ 1, jest {raw!r}"
        )
    return n


def planned_moment(
    edition: Edition, sequence: int, n: int, now: datetime, hours: dict, rng: random.Random
) -> datetime:
    """The k-th enquiry's moment: random office time in the k-th part of the audit window.

    Planned late (the part already over), it goes at the next office-hours moment instead.
    """
    first, last = schedule.window_part(edition.window_start, edition.window_end, sequence, n)
    start = max(now, datetime.combine(first, datetime.min.time(), schedule.WARSAW))
    return schedule.moment_within(first, last, start, hours, rng) or schedule.next_send_moment(
        start, hours, rng
    )


def plan_enquiries(
    edition: Edition,
    now: datetime,
    *,
    immediately: bool = False,
    seed: str | None = None,
    per_participant: int | None = None,
) -> list[Enquiry]:
    """Create the missing enquiries (sequence 1..N) of every participant of the edition.

    Each has its own text (never one seen before in the edition) and its own moment within
    the participant's office hours, the k-th in the k-th part of the audit window. All are
    created in one transaction: two planners at once cannot leave a mixed, duplicated plan
    (the loser gets IntegrityError and finds the winner's plan).
    """
    n = per_participant or enquiries_per_participant()
    personas = {p.id: p for p in Persona.objects.filter(active=True)}
    rows = Enquiry.objects.filter(edition=edition)
    held: dict[int, list] = {}
    existing: set[tuple[int, int]] = set()
    for e in rows.only(
        "participant_id", "sequence", "persona_id", "template_id", "wording", "variant"
    ):
        existing.add((e.participant_id, e.sequence))
        choice = Choice(
            e.template_id,
            e.wording,
            e.variant.get("subject", 0),
            e.variant.get("greeting", 0),
            e.variant.get("closing", 0),
        )
        held.setdefault(e.participant_id, []).append((e.persona_id, choice))
    participants = [p for p in edition.participants.order_by("id") if p.emails]
    todo = [(p, k) for p in participants for k in range(1, n + 1) if (p.id, k) not in existing]
    # Earlier sequences first for everyone: the first enquiries get the freshest wordings.
    todo.sort(key=lambda item: (item[1], item[0].id))
    if not todo:
        return []
    taken = {text_fingerprint(b) for b in rows.values_list("body", flat=True)}
    rng = random.Random(seed if seed is not None else f"{edition.year}-{now.isoformat()}")
    choices = choose_wordings(
        [((p.id, k), p.kind) for p, k in todo],
        {pid: persona_text(p) for pid, p in personas.items()},
        seed=seed if seed is not None else f"{edition.year}-{len(existing)}",
        taken=taken,
        owners={(p.id, k): p.id for p, k in todo},
        held=held,
        subkinds={(p.id, k): p.subkind for p, k in todo},
    )
    templates = load_templates()
    created = []
    with transaction.atomic():
        for participant, sequence in todo:
            persona_id, choice = choices[(participant.id, sequence)]
            persona = personas[persona_id]
            template = templates[choice.template_id]
            subject, body = render(template, choice, persona_text(persona))
            hours = office_hours_for(participant)
            planned = now if immediately else planned_moment(edition, sequence, n, now, hours, rng)
            created.append(
                Enquiry.objects.create(
                    edition=edition,
                    participant=participant,
                    sequence=sequence,
                    persona=persona,
                    template_id=template.id,
                    wording=choice.wording,
                    variant={
                        "subject": choice.subject,
                        "greeting": choice.greeting,
                        "closing": choice.closing,
                    },
                    to=[participant.emails[0]],
                    subject=subject,
                    body=body,
                    message_id=new_message_id(persona.address),
                    planned_at=planned,
                    answer_key=template.answer_key_for(participant.kind),
                    office_hours=hours,
                )
            )
    return created


# --- sending exactly once ------------------------------------------------------------


@contextmanager
def sender_lock():
    """Only one sender at a time: otherwise "sending" could not mean "a crashed run"."""
    path = Path(settings.AUDITOR.data_dir) / "email-send.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise EmailConfigError("inna wysyłka już trwa (plik blokady email-send.lock)") from None
        yield


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
        deadline_at=accepted_at + DEADLINE,
        resolution_note=note,
    )


def send_one(enquiry: Enquiry, now: datetime | None = None) -> str:
    """Send one pending enquiry; returns its new state."""
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
    now: datetime | None = None,
    immediately: bool = False,
    domain_interval: timedelta = DOMAIN_INTERVAL,
) -> dict[str, int]:
    """Send every pending enquiry that is due; re-plan those outside office hours."""
    counts: dict[str, int] = {}
    with sender_lock():
        counts["uncertain_recovered"] = recover_interrupted()
        now = now or schedule.utc_now()
        due = Enquiry.objects.filter(state=Enquiry.PENDING, planned_at__lte=now)
        if edition is not None:
            due = due.filter(edition=edition)
        for enquiry in due.select_related("persona", "participant").order_by("planned_at", "id"):
            hours = enquiry.office_hours or office_hours_for(enquiry.participant)
            if not immediately and not schedule.in_office_hours(now, hours):
                rng = random.Random(enquiry.message_id)
                enquiry.planned_at = schedule.next_send_moment(now, hours, rng)
                enquiry.save(update_fields=["planned_at"])
                counts["replanned"] = counts.get("replanned", 0) + 1
                continue
            domain = institution_domain(enquiry.to[0])
            if not immediately:
                wait = schedule.rate_limited_until(_last_sent_to(domain), now, domain_interval)
                if wait is not None:
                    enquiry.planned_at = wait + timedelta(seconds=random.uniform(0, 300))
                    enquiry.save(update_fields=["planned_at"])
                    counts["rate_limited"] = counts.get("rate_limited", 0) + 1
                    continue
            state = send_one(enquiry)
            counts[state] = counts.get(state, 0) + 1
            now = max(now, schedule.utc_now())  # time passes while sending
    return counts


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
            deadline_at=found + DEADLINE,
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
            enquiry.deadline_at = sent_at + DEADLINE
        enquiry.save()
        AuditLogEntry.objects.create(
            actor=actor,
            action="email.resolve_uncertain",
            object_type="Enquiry",
            object_id=str(enquiry_id),
            details={"state": state, "note": note},
        )


# --- watching ------------------------------------------------------------------------


def _enquiry_refs(persona: Persona) -> list[EnquiryRef]:
    rows = (
        Enquiry.objects.filter(persona=persona)
        .exclude(state__in=[Enquiry.PENDING])
        .values_list("id", "message_id", "to", "subject", "sent_at", "deadline_at")
    )
    return [EnquiryRef(i, m, tuple(t), s, sa, d) for i, m, t, s, sa, d in rows]


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
    enquiry_id, matched_by = match_enquiry(
        in_reply_to=p.in_reply_to,
        references=p.references,
        original_message_id=c.original_message_id,
        from_addr=p.from_addr,
        subject=p.subject,
        received_at=fetched.internaldate,
        enquiries=_enquiry_refs(persona),
    )
    if c.kind not in (BOUNCE, READ_RECEIPT, AUTO_REPLY):
        analysis = reclassify(analysis, matched=enquiry_id is not None)
        c = analysis.classification
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
                attachments=[a.as_dict() for a in p.attachments],
                charset_repaired=p.charset_repaired,
            ),
        )
        if created and enquiry_id is not None:
            _update_enquiry_state(enquiry_id, c.kind, c.bounce)
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


# --- artifacts -----------------------------------------------------------------------


def enquiry_artifact(enquiry: Enquiry) -> dict:
    data = {
        "id": enquiry.id,
        "template_id": enquiry.template_id,
        "wording": enquiry.wording,
        "subject": enquiry.subject,
        "body": enquiry.body,
        "to": enquiry.to,
        "persona_name": enquiry.persona.full_name,
        "persona_gender": enquiry.persona.gender,
        "message_id": enquiry.message_id,
        "state": enquiry.state,
        "sent_at": enquiry.sent_at,
        "smtp_response": enquiry.smtp_response,
        "deadline_at": enquiry.deadline_at,
        "answer_key": enquiry.answer_key,
    }
    messages = [
        {
            "uid": m.uid,
            "raw_blob": m.raw_blob,
            "received_at": m.internaldate,
            "date_header": m.date_header,
            "from": m.from_addr,
            "subject": m.subject,
            "kind": m.kind,
            "bounce": m.bounce,
            "matched_by": m.matched_by,
            "new_text": m.new_text,
            "quoted_text": m.quoted_text,
            "signature": m.signature,
            "attachments": m.attachments,
            "charset_repaired": m.charset_repaired,
        }
        for m in enquiry.messages.order_by("internaldate", "uid")
    ]
    return build_email_artifact(data, messages, enquiry.office_hours)


def store_artifact(enquiry: Enquiry, store: EvidenceStore | None = None) -> str:
    store = store or EvidenceStore()
    payload = json.dumps(enquiry_artifact(enquiry), ensure_ascii=False, sort_keys=True).encode()
    return store.put(payload, "application/json", f"{PRODUCER}.artifact")


def status_counts(edition: Edition | None = None) -> dict[str, int]:
    qs = Enquiry.objects.all()
    if edition is not None:
        qs = qs.filter(edition=edition)
    counts = {s: 0 for s, _ in Enquiry.STATES}
    for state in qs.values_list("state", flat=True):
        counts[state] += 1
    return counts
