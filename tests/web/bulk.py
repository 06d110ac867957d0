"""Many participants at once, with probe-status links, for query-count tests and the bench."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone

from results.models import Edition, EvidenceBlob, Participant, ParticipantEvidence
from results.web_models import EVIDENCE_EMAIL_ARTIFACT, EVIDENCE_WEBSITE_ARTIFACT

KINDS = ["gmina_wiejska", "gmina_miejska", "spoldzielnia_mieszkaniowa", "powiat"]
REGIONS = ["mazowieckie", "slaskie", "malopolskie", "pomorskie", "lubelskie"]
OUTCOMES = ["ok", "ok", "ok", "site_failure", "not_measured"]


def create_participants(count: int, edition: Edition | None = None) -> list[Participant]:
    participants = Participant.objects.bulk_create(
        Participant(
            identity_key=f"host:bulk{n}.example.pl",
            name=f"Uczestnik {n:05d}",
            kind=KINDS[n % len(KINDS)],
            employees=10 + n % 400,
            website=f"http://bulk{n}.example.pl/",
            emails=[f"ug@bulk{n}.example.pl"],
            region=REGIONS[n % len(REGIONS)],
        )
        for n in range(count)
    )
    participants = list(Participant.objects.filter(identity_key__startswith="host:bulk"))
    if edition is not None:
        edition.participants.add(*participants)
    blobs, links = [], []
    now = timezone.now()
    for n, p in enumerate(participants):
        if n % 7 == 6:
            continue  # some were never probed
        for role, outcome in (
            (EVIDENCE_WEBSITE_ARTIFACT, OUTCOMES[n % len(OUTCOMES)]),
            (EVIDENCE_EMAIL_ARTIFACT, "answered" if n % 2 else "unanswered"),
        ):
            sha = hashlib.sha256(f"{p.pk}-{role}".encode()).hexdigest()
            blobs.append(
                EvidenceBlob(sha256=sha, media_type="application/json", size=1, producer="bulk")
            )
            links.append(
                ParticipantEvidence(
                    participant=p,
                    edition=edition,
                    blob_id=sha,
                    role=role,
                    outcome=outcome,
                    gathered_at=now - datetime.timedelta(minutes=n),
                )
            )
    EvidenceBlob.objects.bulk_create(blobs, batch_size=500)
    ParticipantEvidence.objects.bulk_create(links, batch_size=500)
    return participants
