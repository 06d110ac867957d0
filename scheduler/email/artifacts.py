"""The e-mail evidence: one email/1 artifact per enquiry, recorded for scoring."""

from __future__ import annotations

import json

from probes.email.artifact import build_email_artifact
from results.email_models import Enquiry, Followup
from results.evidence_index import record_artifact
from results.evidence_store import EvidenceStore
from results.models import Edition

PRODUCER = "email"


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
            "match": m.match_evidence or None,
        }
        for m in enquiry.messages.order_by("internaldate", "uid")
    ]
    return build_email_artifact(data, messages, enquiry.office_hours, followup_of(enquiry))


def followup_of(enquiry: Enquiry) -> dict | None:
    """The persona's follow-up to a clerk's request for a detail, as the artifact keeps it."""
    try:
        f = enquiry.followup
    except Followup.DoesNotExist:
        return None
    return {
        "state": f.state,
        "details": list(f.details),
        "to": list(f.to),
        "subject": f.subject,
        "body": f.body,
        "message_id": f.message_id,
        "in_reply_to": f.in_reply_to,
        "trigger_uid": f.trigger.uid if f.trigger_id else None,
        "planned_at": f.planned_at,
        "sent_at": f.sent_at,
        "smtp_response": f.smtp_response,
    }


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


def refresh_email_artifacts(edition, store: EvidenceStore | None = None) -> int:
    """Snapshot every sent enquiry of the edition, with the replies it has now, for scoring.

    Reads the database only. The snapshot of an unchanged enquiry has the same SHA-256, so
    refreshing twice changes nothing and re-scoring stays byte-identical.
    """
    store = store or EvidenceStore()
    count = 0
    enquiries = (
        Enquiry.objects.filter(edition=edition)
        .exclude(state__in=[Enquiry.PENDING, Enquiry.SENDING])
        .select_related("persona")
        .prefetch_related("messages")
    )
    for enquiry in enquiries:
        sha = store_artifact(enquiry, store)
        arrivals = [m.internaldate for m in enquiry.messages.all() if m.internaldate]
        gathered = max([enquiry.sent_at or enquiry.created_at, *arrivals])
        record_artifact(
            edition,
            enquiry.participant_id,
            "email",
            sha,
            gathered,
            source=f"enquiry:{enquiry.pk}",
            store=store,
        )
        count += 1
    return count
