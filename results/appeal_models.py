"""Participants' appeals (odwołania) against their results."""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, meta, participant_fk


class Appeal(models.Model):
    """An appeal received from a participant, and the jurors' decision on it. An upheld
    appeal about a criterion becomes an override (results/overrides.py); the next
    recomputation and publication carry it."""

    class Decision(models.TextChoices):
        PENDING = "pending", "czeka na decyzję"
        UPHELD = "upheld", "uwzględnione"
        PARTLY = "partly", "uwzględnione częściowo"
        REJECTED = "rejected", "odrzucone"
        LATE = "late", "wniesione po terminie"

    edition = edition_fk("appeals", on_delete=models.PROTECT)
    participant = participant_fk("appeals", on_delete=models.PROTECT)
    received_on = models.DateField("data wpływu")
    deadline = models.DateField("termin odwołań")
    criterion_id = models.CharField("kryterium", max_length=20, blank=True)
    grounds = models.TextField("uzasadnienie odwołania")
    # Files the participant sent, in the evidence store: [{"sha256", "name"}].
    evidence = models.JSONField("dowody uczestnika", default=list, blank=True)
    decision = models.CharField(
        "decyzja", max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = models.TextField("uzasadnienie decyzji", blank=True)
    decided_by = models.CharField("zdecydował", max_length=200, blank=True)
    decided_at = models.DateTimeField("data decyzji", null=True, blank=True)
    override = models.ForeignKey(
        "results.Override",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name="wynikająca korekta",
    )
    created_by = models.CharField("wpisał", max_length=200)
    created_at = models.DateTimeField("wpisano", auto_now_add=True)

    Meta = meta("odwołanie", "odwołania", ordering=["edition", "received_on", "id"])

    def __str__(self) -> str:
        return f"Odwołanie {self.pk}: {self.participant_id} ({self.get_decision_display()})"
