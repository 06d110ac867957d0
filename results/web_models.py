"""The web interface's records: who judges whom, which blobs belong to whom, reviews of axe's
"incomplete" results.

Evidence blobs are content-addressed and may be shared (two sites serving the same logo), so
a blob alone says nothing about whose evidence it is. ParticipantEvidence links every blob a
participant's artifacts reference to that participant: the evidence file view serves a blob
to a juror only through such a link to a participant assigned to them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from results.fields import edition_fk, meta, participant_fk, unique

ROLE_ORGANISER = "organiser"
ROLE_JUROR = "juror"
ROLE_OBSERVER = "observer"
ROLE_EXPERT = "expert"  # the competition's Experts: decide statuettes and special distinctions
ROLES = (ROLE_ORGANISER, ROLE_JUROR, ROLE_OBSERVER, ROLE_EXPERT)
ROLE_LABELS = {
    ROLE_ORGANISER: "organizator",
    ROLE_JUROR: "juror",
    ROLE_OBSERVER: "obserwator",
    ROLE_EXPERT: "ekspert",
}


class JurorAssignment(models.Model):
    """A juror judges this participant in this edition."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="juror_assignments",
        verbose_name="juror",
    )
    participant = participant_fk("juror_assignments")
    edition = edition_fk("juror_assignments")
    created_at = models.DateTimeField("przydzielono", auto_now_add=True)

    Meta = meta(
        "przydział jurora",
        "przydziały jurorów",
        ordering=["edition", "juror", "participant"],
        constraints=[unique("one_assignment_per_juror", "juror", "participant", "edition")],
    )

    def __str__(self) -> str:
        return f"{self.juror} → {self.participant_id} ({self.edition_id})"


EVIDENCE_WEBSITE_ARTIFACT = "website_artifact"
EVIDENCE_EMAIL_ARTIFACT = "email_artifact"
EVIDENCE_BLOB = "blob"
EVIDENCE_ROLE_CHOICES = [
    (EVIDENCE_WEBSITE_ARTIFACT, "artefakt strony WWW"),
    (EVIDENCE_EMAIL_ARTIFACT, "artefakt e-maili"),
    (EVIDENCE_BLOB, "plik dowodu"),
]


class ParticipantEvidence(models.Model):
    """A blob of the evidence store that belongs to a participant's evidence."""

    participant = participant_fk("evidence_links")
    edition = edition_fk("evidence_links", null=True, blank=True)
    blob = models.ForeignKey(
        "results.EvidenceBlob",
        on_delete=models.PROTECT,
        related_name="participant_links",
        verbose_name="plik",
    )
    role = models.CharField("rola", max_length=30, choices=EVIDENCE_ROLE_CHOICES)
    # For artifacts: their "outcome" (website) or enquiry "state" (e-mail), so lists can
    # show a probe status without opening blobs.
    outcome = models.CharField("wynik sondy", max_length=30, blank=True)
    gathered_at = models.DateTimeField("zebrano", null=True, blank=True)
    linked_at = models.DateTimeField("powiązano", auto_now_add=True)

    Meta = meta(
        "dowód uczestnika",
        "dowody uczestników",
        ordering=["participant", "role", "-gathered_at", "-id"],
        constraints=[unique("one_link_per_blob_and_role", "participant", "blob", "role")],
        indexes=[models.Index(fields=["participant", "role", "gathered_at"])],
    )

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.role} {self.blob_id[:12]}"


DECISION_VIOLATION = "violation"
DECISION_NOT_VIOLATION = "not_violation"
DECISION_CHOICES = [
    (DECISION_VIOLATION, "naruszenie"),
    (DECISION_NOT_VIOLATION, "brak naruszenia"),
]


class IncompleteReview(models.Model):
    """A person's decision on one of axe's "incomplete" results (one element, one rule)."""

    participant = participant_fk("incomplete_reviews")
    # The axe result blob the item comes from, so a new crawl gets a fresh queue.
    axe_blob = models.CharField("wynik axe (SHA-256)", max_length=64)
    page_url = models.URLField("strona", max_length=2000)
    rule_id = models.CharField("reguła", max_length=100)
    target = models.CharField("element (selektor)", max_length=1000)
    decision = models.CharField("decyzja", max_length=20, choices=DECISION_CHOICES)
    comment = models.TextField("komentarz", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="incomplete_reviews",
        verbose_name="oceniający",
    )
    decided_at = models.DateTimeField("zdecydowano", auto_now=True)

    Meta = meta(
        "ocena wyniku niepewnego axe",
        "oceny wyników niepewnych axe",
        ordering=["participant", "page_url", "rule_id", "target"],
        constraints=[
            unique("one_review_per_incomplete_item", "participant", "axe_blob", "rule_id", "target")
        ],
    )

    def __str__(self) -> str:
        return f"{self.participant_id} {self.rule_id} {self.target}: {self.decision}"


__all__ = [
    "IncompleteReview",
    "JurorAssignment",
    "ParticipantEvidence",
]
