"""Which blobs of the evidence store belong to which participant (the evidence file ACL).

The evidence file view serves a blob to a juror only through a link to a participant assigned
to them (see results.web_models.ParticipantEvidence). The links are written by
`results.evidence_index.record_artifact`, in the same transaction as the record scoring reads,
so the UI and scoring always agree; nothing else writes them (`relink` backfills old data).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from results.evidence_store import EvidenceStore
from results.models import ArtifactRecord, EvidenceBlob
from results.web_models import (
    EVIDENCE_BLOB,
    EVIDENCE_EMAIL_ARTIFACT,
    EVIDENCE_WEBSITE_ARTIFACT,
    ParticipantEvidence,
)

log = logging.getLogger(__name__)

_PAGE_BLOB_KEYS = ("html_blob", "text_blob", "screenshot_desktop", "screenshot_mobile", "axe_blob")
ARTIFACT_ROLES = {"website": EVIDENCE_WEBSITE_ARTIFACT, "email": EVIDENCE_EMAIL_ARTIFACT}


def referenced_blobs(artifact: dict[str, Any]) -> Iterator[str]:
    """Every blob hash an artifact (website/1 or email/1) points at."""
    schema = artifact.get("schema", "")
    if schema.startswith("website/"):
        robots = (artifact.get("site") or {}).get("robots_txt") or {}
        if robots.get("blob"):
            yield robots["blob"]
        for page in artifact.get("pages") or []:
            for key in _PAGE_BLOB_KEYS:
                if page.get(key):
                    yield page[key]
    elif schema.startswith("email/"):
        for message in artifact.get("messages") or []:
            if message.get("raw_blob"):
                yield message["raw_blob"]


def _gathered_at(artifact: dict[str, Any]) -> datetime | None:
    enquiry = artifact.get("enquiry") or {}
    stamp = artifact.get("finished_at") or enquiry.get("sent_at") or artifact.get("started_at")
    return parse_datetime(stamp) if isinstance(stamp, str) else None


def _outcome(channel: str, artifact: dict[str, Any]) -> str:
    """What the participants list shows: the website outcome or the enquiry's state."""
    if channel == "email":
        return str((artifact.get("enquiry") or {}).get("state", ""))
    return str(artifact.get("outcome", ""))


def link_record(record: ArtifactRecord, store: EvidenceStore, replaced: str = "") -> None:
    """Link a recorded artifact and every blob it references to the record's participant.

    `replaced`: the blob this record pointed at before (an enquiry's older snapshot); its
    artifact link goes, so the participants list counts each enquiry once. Called inside
    record_artifact's transaction.
    """
    role = ARTIFACT_ROLES[record.channel]
    participant_id = record.participant_id
    if replaced and replaced != record.blob_sha256:
        still_recorded = ArtifactRecord.objects.filter(
            participant_id=participant_id, channel=record.channel, blob_sha256=replaced
        ).exists()
        if not still_recorded:
            ParticipantEvidence.objects.filter(
                participant_id=participant_id, blob_id=replaced, role=role
            ).delete()
    if not EvidenceBlob.objects.filter(sha256=record.blob_sha256).exists():
        log.warning("artefakt %s nie jest w magazynie dowodów: brak powiązania", record.blob_sha256)
        return
    try:
        artifact = json.loads(store.read(record.blob_sha256))
    except (FileNotFoundError, ValueError):
        artifact = {}
    if not isinstance(artifact, dict):
        artifact = {}
    ParticipantEvidence.objects.update_or_create(
        participant_id=participant_id,
        blob_id=record.blob_sha256,
        role=role,
        defaults={
            "edition_id": record.edition_id,
            "outcome": _outcome(record.channel, artifact),
            "gathered_at": _gathered_at(artifact) or record.gathered_at,
        },
    )
    shas = set(referenced_blobs(artifact))
    known = EvidenceBlob.objects.filter(sha256__in=shas).values_list("sha256", flat=True)
    for sha in sorted(known):
        ParticipantEvidence.objects.get_or_create(
            participant_id=participant_id,
            blob_id=sha,
            role=EVIDENCE_BLOB,
            defaults={"edition_id": record.edition_id},
        )


@transaction.atomic
def relink(store: EvidenceStore | None = None) -> int:
    """Backfill the links of every recorded artifact (data written before links were kept
    in step with the records); drop artifact links no record points at. Returns the number
    of records linked. Running it twice changes nothing."""
    store = store or EvidenceStore()
    records = ArtifactRecord.objects.all()
    recorded = {(r.participant_id, ARTIFACT_ROLES[r.channel], r.blob_sha256) for r in records}
    stale = [
        link.pk
        for link in ParticipantEvidence.objects.filter(role__in=list(ARTIFACT_ROLES.values())).only(
            "pk", "participant_id", "role", "blob_id"
        )
        if (link.participant_id, link.role, link.blob_id) not in recorded
    ]
    ParticipantEvidence.objects.filter(pk__in=stale).delete()
    count = 0
    for record in records.order_by("id"):
        link_record(record, store)
        count += 1
    return count
