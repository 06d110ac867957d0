"""Linking a probe run's artifact, and every blob it references, to its participant.

The evidence file view checks these links: a blob is served to a juror only when it belongs
to a participant assigned to them (see results.web_models.ParticipantEvidence).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from results.evidence_store import EvidenceStore
from results.models import ArtifactRecord, Edition, EvidenceBlob, Participant
from results.web_models import (
    EVIDENCE_BLOB,
    EVIDENCE_EMAIL_ARTIFACT,
    EVIDENCE_WEBSITE_ARTIFACT,
    ParticipantEvidence,
)

_PAGE_BLOB_KEYS = ("html_blob", "text_blob", "screenshot_desktop", "screenshot_mobile", "axe_blob")


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


@transaction.atomic
def link_artifact(
    participant: Participant,
    artifact_sha: str,
    edition: Edition | None = None,
    store: EvidenceStore | None = None,
) -> ParticipantEvidence:
    """Record that this artifact (already in the store) and its blobs are the participant's."""
    store = store or EvidenceStore()
    artifact = json.loads(store.read(artifact_sha))
    schema = artifact.get("schema", "")
    if schema.startswith("website/"):
        role, outcome = EVIDENCE_WEBSITE_ARTIFACT, artifact.get("outcome", "")
    elif schema.startswith("email/"):
        role, outcome = EVIDENCE_EMAIL_ARTIFACT, (artifact.get("enquiry") or {}).get("state", "")
    else:
        raise ValueError(f"nieznany schemat artefaktu: {schema!r}")
    link, _ = ParticipantEvidence.objects.update_or_create(
        participant=participant,
        blob_id=artifact_sha,
        role=role,
        defaults={"edition": edition, "outcome": outcome, "gathered_at": _gathered_at(artifact)},
    )
    if edition is not None:
        # The record scoring reads (results.scoring_models.ArtifactRecord).
        ArtifactRecord.objects.get_or_create(
            edition=edition,
            participant=participant,
            channel="website" if role == EVIDENCE_WEBSITE_ARTIFACT else "email",
            blob_sha256=artifact_sha,
            defaults={"gathered_at": link.gathered_at or timezone.now()},
        )
    shas = set(referenced_blobs(artifact))
    known = set(EvidenceBlob.objects.filter(sha256__in=shas).values_list("sha256", flat=True))
    for sha in sorted(known):
        ParticipantEvidence.objects.get_or_create(
            participant=participant,
            blob_id=sha,
            role=EVIDENCE_BLOB,
            defaults={"edition": edition},
        )
    return link


def link_recorded_artifacts(participant: Participant, store: EvidenceStore | None = None) -> int:
    """Link the artifacts the sweeps recorded (ArtifactRecord) that are not linked yet."""
    linked = set(
        ParticipantEvidence.objects.filter(
            participant=participant, role__in=[EVIDENCE_WEBSITE_ARTIFACT, EVIDENCE_EMAIL_ARTIFACT]
        ).values_list("blob_id", flat=True)
    )
    records = ArtifactRecord.objects.filter(participant=participant).exclude(blob_sha256__in=linked)
    store = store or EvidenceStore()
    count = 0
    for record in records.select_related("edition"):
        if (
            store.exists(record.blob_sha256)
            and EvidenceBlob.objects.filter(sha256=record.blob_sha256).exists()
        ):
            link_artifact(participant, record.blob_sha256, record.edition, store)
            count += 1
    return count
