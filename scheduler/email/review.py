"""The jurors' queue of messages the matcher could not place with certainty.

A message whose evidence is weak or tied (probes.email.match, `ambiguous`) is kept with its
candidates and reasons and waits here; it is never dropped. So does a message the classifier
counted as a person's answer but flagged for review (an "automatic" header on a letter, an
answer sent as a new message: `classification_review`). A juror assigns it to an enquiry —
it then counts as a person's answer to it — or dismisses it: unrelated, or (if the matcher
had placed it) not a person's answer, kept as an automatic message that does not count.
Every decision is written to the audit log; decisions count from the next re-scoring.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from probes.email import schedule
from probes.email.analyse import analyse
from probes.email.classify import AUTO_REPLY, HUMAN_REPLY, OTHER
from probes.email.match import AMBIGUOUS
from results.email_models import Enquiry, IncomingMessage
from results.evidence_store import EvidenceStore
from results.models import AuditLogEntry

JUROR = "juror"  # matched_by of a message a juror assigned
ASSIGNED = "assigned"
DISMISSED = "dismissed"


class ReviewError(ValueError):
    """A decision that cannot be taken; the message is in Polish."""


def needs_review(message: IncomingMessage) -> bool:
    if message.review_decision:
        return False
    evidence = message.match_evidence or {}
    return message.matched_by == AMBIGUOUS or bool(evidence.get("classification_review"))


def pending(participant_ids: set[int] | None = None) -> QuerySet[IncomingMessage]:
    """Messages waiting for a juror: not placed by the matcher (`ambiguous`), or placed but
    not surely a person's answer (the classifier's `review`). Only those whose candidates
    include one of the given participants' enquiries when `participant_ids` is given (a
    juror's own participants)."""
    waiting = IncomingMessage.objects.filter(review_decision="").filter(
        Q(matched_by=AMBIGUOUS) | ~Q(match_evidence={})
    )
    ids = [m.id for m in waiting if needs_review(m)]
    queue = IncomingMessage.objects.filter(id__in=ids).order_by("internaldate", "id")
    if participant_ids is None:
        return queue
    allowed = set(
        Enquiry.objects.filter(participant_id__in=participant_ids).values_list("id", flat=True)
    )
    mine = [m.id for m in queue if allowed & set(candidate_ids(m))]
    return queue.filter(id__in=mine)


def candidate_ids(message: IncomingMessage) -> list[int]:
    found = [int(c["enquiry_id"]) for c in (message.match_evidence or {}).get("candidates", [])]
    if message.enquiry_id is not None and message.enquiry_id not in found:
        found.insert(0, message.enquiry_id)
    return found


def _decide(message: IncomingMessage, actor: str, note: str) -> None:
    if not needs_review(message):
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
        if message.enquiry_id != enquiry.id:
            message.enquiry = enquiry
            message.matched_by = JUROR
        message.kind = HUMAN_REPLY if c.kind in (HUMAN_REPLY, AUTO_REPLY, OTHER) else c.kind
        message.bounce = c.bounce
        message.review_decision = ASSIGNED
        message.review_by = actor.strip()
        message.review_note = note.strip()
        message.reviewed_at = schedule.utc_now()
        message.match_evidence = {**(message.match_evidence or {}), "decided_by": JUROR}
        message.save()
        _update_enquiry_state(enquiry.id, message.kind, c.bounce)
        AuditLogEntry.objects.log(
            actor.strip(),
            AuditLogEntry.Action.REPLY_MATCH_ASSIGN,
            ("IncomingMessage", message.pk),
            enquiry=enquiry.id,
            kind=message.kind,
            note=note.strip(),
        )
    return message


def dismiss(message: IncomingMessage, actor: str, note: str = "") -> IncomingMessage:
    """The juror says: this message is no person's answer to any of our enquiries. One the
    matcher placed stays with its enquiry as an automatic message (it no longer counts)."""
    _decide(message, actor, note)
    with transaction.atomic():
        if message.enquiry_id is not None and message.kind == HUMAN_REPLY:
            message.kind = AUTO_REPLY
            others = IncomingMessage.objects.filter(
                enquiry_id=message.enquiry_id, kind=HUMAN_REPLY
            ).exclude(pk=message.pk)
            if not others.exists():
                Enquiry.objects.filter(pk=message.enquiry_id, state=Enquiry.ANSWERED).update(
                    state=Enquiry.SENT
                )
        message.review_decision = DISMISSED
        message.review_by = actor.strip()
        message.review_note = note.strip()
        message.reviewed_at = schedule.utc_now()
        message.save()
        AuditLogEntry.objects.log(
            actor.strip(),
            AuditLogEntry.Action.REPLY_MATCH_DISMISS,
            ("IncomingMessage", message.pk),
            note=note.strip(),
        )
    return message
