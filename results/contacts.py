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
    user,  # the juror's account, or their name (a string) for an imported contact
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
    name = user if isinstance(user, str) else user.get_username()
    account = None if isinstance(user, str) else user
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
            juror_user=account,
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


IMPORT_HEADERS = {
    "juror": "juror",
    "uczestnik": "participant",
    "participant": "participant",
    "kanał": "channel",
    "kanal": "channel",
    "channel": "channel",
    "kiedy": "occurred_at",
    "data_godzina": "occurred_at",
    "occurred_at": "occurred_at",
    "oczekiwanie_min": "waiting_minutes",
    "waiting_minutes": "waiting_minutes",
    "kto_obsłużył": "answered_by",
    "kto_obsluzyl": "answered_by",
    "answered_by": "answered_by",
    "notatki": "notes",
    "notes": "notes",
}
CHANNEL_WORDS = {**{c: c for c in CHANNEL_LABELS}, **{v: k for k, v in CHANNEL_LABELS.items()}}


def import_contacts(path, edition, dry_run: bool = False) -> dict:
    """Contacts from CSV/XLSX, one a line (docs/ranking.md); photos are added in the web form.

    Every line is checked; rejected lines are reported with their number (header = 1) and
    the field, the others are stored. Returns {"created": n, "rejected": [...]}.
    """
    from django.utils import timezone

    from results.models import Participant
    from results.tabular import BrokenRow, read_rows

    rows, _encoding = read_rows(path)
    header = None
    created, rejected = 0, []
    for line, cells in rows:
        if isinstance(cells, BrokenRow):
            rejected.append({"line": line, "field": "wiersz", "reason": "uszkodzony wiersz"})
            continue
        if header is None:
            header = [IMPORT_HEADERS.get(str(c or "").strip().casefold()) for c in cells]
            missing = {"juror", "participant", "channel", "occurred_at"} - set(header)
            if missing:
                raise ContactError(f"Brak kolumn: {', '.join(sorted(missing))}.")
            continue
        row = {k: str(v or "").strip() for k, v in zip(header, cells, strict=False) if k}

        def reject(field: str, reason: str, line=line) -> None:
            rejected.append({"line": line, "field": field, "reason": reason})

        participant = (
            Participant.objects.filter(pk=int(row["participant"])).first()
            if row.get("participant", "").isdigit()
            else None
        )
        if participant is None:
            reject("uczestnik", f"nie ma uczestnika „{row.get('participant', '')}”")
            continue
        channel = CHANNEL_WORDS.get(row.get("channel", "").casefold())
        if channel is None:
            reject("kanał", f"nieznany kanał „{row.get('channel', '')}”")
            continue
        try:
            when = dt.datetime.fromisoformat(row.get("occurred_at", ""))
        except ValueError:
            reject("kiedy", "oczekiwano daty i godziny RRRR-MM-DD GG:MM")
            continue
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        waiting = row.get("waiting_minutes", "")
        if waiting and not waiting.isdigit():
            reject("oczekiwanie_min", "oczekiwano liczby minut")
            continue
        if not row.get("juror"):
            reject("juror", "brak jurora")
            continue
        if dry_run:
            created += 1
            continue
        record_contact(
            edition,
            participant,
            row["juror"],
            channel,
            when,
            int(waiting) if waiting else None,
            row.get("answered_by", ""),
            row.get("notes", ""),
            [],
        )
        created += 1
    return {"created": created, "rejected": rejected}


def visible_contacts(edition, participant, user, organiser: bool) -> list[JurorContact]:
    """Organisers see every contact; a juror only their own (blind to the others)."""
    rows = JurorContact.objects.filter(edition=edition, participant=participant)
    if not organiser:
        rows = rows.filter(juror=user.get_username())
    return list(rows.order_by("-occurred_at", "-id"))
