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
from django.utils.dateparse import parse_datetime

from results.evidence_store import EvidenceStore
from results.models import Edition, EvidenceBlob, Participant
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
