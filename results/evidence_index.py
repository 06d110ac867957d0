"""Which stored evidence a participant is judged on in an edition.

The newest website artifact and every e-mail artifact (one per enquiry) recorded for the
participant, hydrated. Reads the database and the evidence store only: no network.
"""

from __future__ import annotations

from typing import Any

from results.evidence_store import EvidenceStore
from results.hydrate import hydrate_email, hydrate_website, load_artifact


def _pick(rows) -> dict[str, Any]:
    """The newest website record and every e-mail record, in a fixed order."""
    websites = [r for r in rows if r.channel == "website"]
    website = max(websites, key=lambda r: (r.gathered_at, r.id)) if websites else None
    # E-mail artifacts in a fixed order so that re-scoring is byte-identical.
    email = sorted(
        (r for r in rows if r.channel == "email"),
        key=lambda r: (r.gathered_at, r.blob_sha256, r.id),
    )
    return {"website": website, "email": email}


def evidence_records(edition, participant) -> dict[str, Any]:
    """The artifact records scoring uses: {"website": record|None, "email": [records]}."""
    from results.models import ArtifactRecord

    return _pick(list(ArtifactRecord.objects.filter(edition=edition, participant=participant)))


def edition_evidence_records(edition) -> dict[int, dict[str, Any]]:
    """`evidence_records` for every participant of the edition, in one query."""
    from results.models import ArtifactRecord

    rows: dict[int, list] = {}
    for record in ArtifactRecord.objects.filter(edition=edition).iterator(chunk_size=5000):
        rows.setdefault(record.participant_id, []).append(record)
    return {participant_id: _pick(found) for participant_id, found in rows.items()}


def latest_evidence(edition, participant, store: EvidenceStore | None = None) -> dict[str, Any]:
    """{"website": hydrated artifact | None, "email": [hydrated artifacts]} (registry.Evidence)."""
    return hydrate_records(evidence_records(edition, participant), store or EvidenceStore())


def hydrate_records(records: dict[str, Any], store: EvidenceStore) -> dict[str, Any]:
    """The evidence behind `evidence_records`, read from the store and hydrated."""
    website = None
    if records["website"] is not None and store.exists(records["website"].blob_sha256):
        website = hydrate_website(load_artifact(store, records["website"].blob_sha256), store)
    email = [
        hydrate_email(load_artifact(store, r.blob_sha256), store)
        for r in records["email"]
        if store.exists(r.blob_sha256)
    ]
    return {"website": website, "email": email}


def record_artifact(
    edition,
    participant_id: int,
    channel: str,
    sha256: str,
    gathered_at,
    source: str = "",
    store: EvidenceStore | None = None,
):
    """Record a finished probe's artifact: the one write path for evidence.

    In one transaction: the record scoring reads (ArtifactRecord; an artifact with a
    `source`, e.g. "enquiry:17", replaces its older self) and the links the UI and the
    evidence file ACL read (ParticipantEvidence, results.evidence_links).
    """
    from django.db import transaction

    from results.evidence_links import link_record
    from results.models import ArtifactRecord

    store = store or EvidenceStore()
    with transaction.atomic():
        replaced, record = "", None
        if source:
            record = (
                ArtifactRecord.objects.select_for_update()
                .filter(
                    edition=edition, participant_id=participant_id, channel=channel, source=source
                )
                .first()
            )
        if record is None:
            record = ArtifactRecord.objects.create(
                edition=edition,
                participant_id=participant_id,
                channel=channel,
                source=source,
                blob_sha256=sha256,
                gathered_at=gathered_at,
            )
        else:
            replaced = record.blob_sha256
            record.blob_sha256, record.gathered_at = sha256, gathered_at
            record.save(update_fields=["blob_sha256", "gathered_at"])
        link_record(record, store, replaced=replaced)
    return record
