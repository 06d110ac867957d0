"""The links most records share, written once: to an edition, a participant, a score run,
a juror's account. Each helper returns the same field the models spelt out before (the
schema is unchanged); a model names only its reverse accessor and what differs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def edition_fk(related_name: str, *, on_delete=models.CASCADE, **options) -> models.ForeignKey:
    return models.ForeignKey(
        "results.Edition",
        on_delete=on_delete,
        related_name=related_name,
        verbose_name="edycja",
        **options,
    )


def participant_fk(related_name: str, *, on_delete=models.CASCADE, **options) -> models.ForeignKey:
    return models.ForeignKey(
        "results.Participant",
        on_delete=on_delete,
        related_name=related_name,
        verbose_name="uczestnik",
        **options,
    )


def score_run_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "results.ScoreRun",
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name="przeliczenie",
    )


def juror_account_fk(related_name: str) -> models.ForeignKey:
    """The juror's login, when the record was made by one (kept if the account goes)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name="konto jurora",
    )
