"""Experts' decisions on statuettes and special distinctions (Wyróżnienia Nadzwyczajne).

The ranking only proposes nominations; a statuette or a distinction exists only when an
expert decides it. Every decision keeps who, when and why; a later decision on the same
award replaces the earlier one (which stays, marked superseded), a revocation ends it.
"""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, meta, participant_fk
from results.ranking import AWARD_LABELS, DECISION_LABELS

AWARD_CHOICES = list(AWARD_LABELS.items())
DECISION_CHOICES = list(DECISION_LABELS.items())


class AwardDecision(models.Model):
    edition = edition_fk("award_decisions")
    participant = participant_fk("award_decisions")
    award = models.CharField("wyróżnienie", max_length=20, choices=AWARD_CHOICES)
    decision = models.CharField("decyzja", max_length=20, choices=DECISION_CHOICES)
    reason = models.TextField("uzasadnienie")
    decided_by = models.CharField("ekspert", max_length=200)
    decided_at = models.DateTimeField("zdecydowano", auto_now_add=True)
    active = models.BooleanField("obowiązuje", default=True)
    ended_at = models.DateTimeField("przestała obowiązywać", null=True, blank=True)
    ended_by = models.CharField("kto zakończył", max_length=200, blank=True)
    end_reason = models.TextField("powód zakończenia", blank=True)

    Meta = meta(
        "decyzja ekspertów",
        "decyzje ekspertów",
        ordering=["edition", "participant", "award", "-decided_at", "-id"],
        indexes=[models.Index(fields=["edition", "active"])],
    )

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_award_display()}: {self.get_decision_display()}"
