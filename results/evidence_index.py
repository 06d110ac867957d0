"""Which stored evidence a participant is judged on in an edition.

The newest website artifact and every e-mail artifact (one per enquiry) recorded for the
participant, hydrated. Reads the database and the evidence store only: no network.
"""

from __future__ import annotations

from typing import Any

from results.evidence_store import EvidenceStore
from results.hydrate import hydrate_email, hydrate_website, load_artifact


def evidence_records(edition, participant) -> dict[str, Any]:
    """The artifact records scoring uses: {"website": record|None, "email": [records]}."""
    from results.models import ArtifactRecord

    rows = ArtifactRecord.objects.filter(edition=edition, participant=participant)
    website = rows.filter(channel="website").order_by("-gathered_at", "-id").first()
    # E-mail artifacts in a fixed order so that re-scoring is byte-identical.
    email = list(rows.filter(channel="email").order_by("gathered_at", "blob_sha256", "id"))
    return {"website": website, "email": email}


def latest_evidence(edition, participant, store: EvidenceStore | None = None) -> dict[str, Any]:
    """{"website": hydrated artifact | None, "email": [hydrated artifacts]} (registry.Evidence)."""
    store = store or EvidenceStore()
    records = evidence_records(edition, participant)
    website = None
    if records["website"] is not None and store.exists(records["website"].blob_sha256):
        website = hydrate_website(load_artifact(store, records["website"].blob_sha256), store)
    email = [
        hydrate_email(load_artifact(store, r.blob_sha256), store)
        for r in records["email"]
        if store.exists(r.blob_sha256)
    ]
    return {"website": website, "email": email}
