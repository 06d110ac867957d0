"""The jurors' queue of messages the matcher could not place with certainty.

A message whose evidence is weak or tied (probes.email.match, `ambiguous`) is kept with its
candidates and reasons and waits here; it is never dropped. A juror assigns it to one of the
enquiries — it is then classified again as a matched message and counts like any reply — or
dismisses it as unrelated. Every decision is written to the audit log.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from probes.email import schedule
from probes.email.analyse import analyse
from probes.email.match import AMBIGUOUS
from results.email_models import Enquiry, IncomingMessage
from results.evidence_store import EvidenceStore
from results.models import AuditLogEntry

JUROR = "juror"  # matched_by of a message a juror assigned
ASSIGNED = "assigned"
DISMISSED = "dismissed"


class ReviewError(ValueError):
    """A decision that cannot be taken; the message is in Polish."""


def pending(participant_ids: set[int] | None = None) -> QuerySet[IncomingMessage]:
    """Messages waiting for a juror; only those whose candidates include one of the given
    participants' enquiries when `participant_ids` is given (a juror's own participants)."""
    queue = IncomingMessage.objects.filter(matched_by=AMBIGUOUS, review_decision="").order_by(
        "internaldate", "id"
    )
    if participant_ids is None:
        return queue
    allowed = set(
        Enquiry.objects.filter(participant_id__in=participant_ids).values_list("id", flat=True)
    )
    ids = [m.id for m in queue if allowed & set(candidate_ids(m))]
    return queue.filter(id__in=ids)


def candidate_ids(message: IncomingMessage) -> list[int]:
    return [int(c["enquiry_id"]) for c in (message.match_evidence or {}).get("candidates", [])]


def _decide(message: IncomingMessage, actor: str, note: str) -> None:
    if message.matched_by != AMBIGUOUS or message.review_decision:
        raise ReviewError("ta wiadomość nie czeka na decyzję")
    if not actor.strip():
        raise ReviewError("decyzja wymaga podania osoby")


def assign(
    message: IncomingMessage,
    enquiry: Enquiry,
    actor: str,
    note: str = "",
    store: EvidenceStore | None = None,
) -> IncomingMessage:
    """The juror says: this message answers `enquiry`. Classified again as matched."""
    from scheduler.email.watch import _update_enquiry_state

    _decide(message, actor, note)
    if enquiry.id not in candidate_ids(message) and not note.strip():
        raise ReviewError("przypisanie do zapytania spoza kandydatów wymaga uzasadnienia")
    store = store or EvidenceStore()
    analysis = analyse(store.read(message.raw_blob), matched=True)
    c = analysis.classification
    with transaction.atomic():
        message.enquiry = enquiry
        message.matched_by = JUROR
        message.kind = c.kind
        message.bounce = c.bounce
        message.review_decision = ASSIGNED
        message.review_by = actor.strip()
        message.review_note = note.strip()
        message.reviewed_at = schedule.utc_now()
        message.match_evidence = {**(message.match_evidence or {}), "decided_by": JUROR}
        message.save()
        _update_enquiry_state(enquiry.id, c.kind, c.bounce)
        AuditLogEntry.objects.create(
            actor=actor.strip(),
            action="email.match_assigned",
            object_type="IncomingMessage",
            object_id=str(message.pk),
            details={"enquiry": enquiry.id, "kind": c.kind, "note": note.strip()},
        )
    return message


def dismiss(message: IncomingMessage, actor: str, note: str = "") -> IncomingMessage:
    """The juror says: this message answers none of our enquiries."""
    _decide(message, actor, note)
    with transaction.atomic():
        message.review_decision = DISMISSED
        message.review_by = actor.strip()
        message.review_note = note.strip()
        message.reviewed_at = schedule.utc_now()
        message.save()
        AuditLogEntry.objects.create(
            actor=actor.strip(),
            action="email.match_dismissed",
            object_type="IncomingMessage",
            object_id=str(message.pk),
            details={"note": note.strip()},
        )
    return message
