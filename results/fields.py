"""The links most records share, written once: to an edition, a participant, a score run,
a juror's account. Each helper returns the same field the models spelt out before (the
schema is unchanged); a model names only its reverse accessor and what differs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def _link(to: str, verbose_name: str, related_name: str, on_delete, **options):
    return models.ForeignKey(
        to, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name, **options
    )


def edition_fk(related_name: str, *, on_delete=models.CASCADE, **options) -> models.ForeignKey:
    return _link("results.Edition", "edycja", related_name, on_delete, **options)


def participant_fk(related_name: str, *, on_delete=models.CASCADE, **options):
    return _link("results.Participant", "uczestnik", related_name, on_delete, **options)


def score_run_fk(related_name: str) -> models.ForeignKey:
    return _link("results.ScoreRun", "przeliczenie", related_name, models.PROTECT)


def juror_account_fk(related_name: str) -> models.ForeignKey:
    """The juror's login, when the record was made by one (kept if the account goes)."""
    return _link(
        settings.AUTH_USER_MODEL,
        "konto jurora",
        related_name,
        models.SET_NULL,
        null=True,
        blank=True,
    )


def unique(name: str, *fields: str) -> models.UniqueConstraint:
    """One row per combination of `fields`, under the constraint's `name` (the same constraint
    the models spelt out before, so the schema does not change)."""
    return models.UniqueConstraint(fields=list(fields), name=name)


def meta(verbose_name: str, verbose_name_plural: str, **options) -> type:
    """A model's `Meta`: its Polish names and any other options (ordering, constraints…), the
    same options a nested `class Meta` would hold."""
    return type(
        "Meta",
        (),
        {"verbose_name": verbose_name, "verbose_name_plural": verbose_name_plural, **options},
    )
