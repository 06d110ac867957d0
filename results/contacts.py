"""Recording jurors' own mystery-client contacts, with photos into the evidence store.

A juror sees only their own contacts (blind to other jurors, as with scores); organisers
see all. Files are stored content-addressed and linked to the participant's evidence, so
the evidence file view serves them to whoever may open the participant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from results.contact_models import CONTACT_CHANNELS, JurorContact
from results.evidence_store import EvidenceStore

CHANNEL_LABELS = dict(CONTACT_CHANNELS)
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


class ContactError(ValueError):
    """A contact that cannot be recorded; the message is Polish."""


@dataclass(frozen=True)
class ContactFile:
    name: str
    data: bytes
    media_type: str


def record_contact(
    edition,
    participant,
    user,
    channel: str,
    occurred_at: dt.datetime,
    waiting_minutes: int | None,
    answered_by: str,
    notes: str,
    files: list[ContactFile],
    store: EvidenceStore | None = None,
) -> JurorContact:
    from results.models import AuditLogEntry, EvidenceBlob, ParticipantEvidence
    from results.web_models import EVIDENCE_BLOB

    if channel not in CHANNEL_LABELS:
        raise ContactError(f"Nieznany kanał „{channel}” (dozwolone: {', '.join(CHANNEL_LABELS)}).")
    if waiting_minutes is not None and waiting_minutes < 0:
        raise ContactError("Czas oczekiwania nie może być ujemny.")
    for f in files:
        if f.media_type not in FILE_TYPES:
            raise ContactError(f"Plik „{f.name}”: dozwolone są zdjęcia JPEG/PNG/WebP i PDF.")
        if len(f.data) > MAX_FILE_BYTES:
            raise ContactError(f"Plik „{f.name}” jest większy niż 10 MB.")
    store = store or EvidenceStore()
    name = user.get_username()
    with transaction.atomic():
        stored = []
        for f in files:
            sha = store.put(f.data, f.media_type, f"juror:{name}")
            ParticipantEvidence.objects.get_or_create(
                participant=participant,
                blob=EvidenceBlob.objects.get(sha256=sha),
                role=EVIDENCE_BLOB,
                defaults={"edition": edition},
            )
            stored.append({"sha256": sha, "name": f.name, "media_type": f.media_type})
        contact = JurorContact.objects.create(
            edition=edition,
            participant=participant,
            juror_user=user,
            juror=name,
            channel=channel,
            occurred_at=occurred_at,
            waiting_minutes=waiting_minutes,
            answered_by=answered_by.strip(),
            notes=notes.strip(),
            files=stored,
        )
        AuditLogEntry.objects.log(
            f"web:{name}",
            AuditLogEntry.Action.CONTACT_RECORD,
            contact,
            participant=participant.pk,
            channel=channel,
            files=[f["sha256"] for f in stored],
        )
    return contact


def visible_contacts(edition, participant, user, organiser: bool) -> list[JurorContact]:
    """Organisers see every contact; a juror only their own (blind to the others)."""
    rows = JurorContact.objects.filter(edition=edition, participant=participant)
    if not organiser:
        rows = rows.filter(juror=user.get_username())
    return list(rows.order_by("-occurred_at", "-id"))
