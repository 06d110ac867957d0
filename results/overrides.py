"""Corrections of machine results by a juror or organiser: always with a reason, never lost.

A correction supersedes the previous one for the same criterion (which stays, inactive);
the machine's own result stays in the score run beside the corrected one. Every change is
written to the audit log. Corrections count from the next `auditor rescore`.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from rubrics.outcome import SCORED_STATUSES, STATUSES, CriterionResult

STATUS_LABELS = {
    "pass": "spełnione",
    "partial": "częściowo",
    "fail": "niespełnione",
    "not_applicable": "nie dotyczy",
    "not_measured": "niezmierzone",
}


class OverrideError(ValueError):
    """An invalid correction; the message is in Polish."""


def add_override(
    edition,
    participant,
    criterion_id: str,
    status: str,
    score: float | None,
    reason: str,
    actor: str,
):
    """Record a correction, deactivating the previous one, and log it."""
    from results.models import AuditLogEntry, Override

    if status not in STATUSES:
        raise OverrideError(f"nieznany status {status!r} (dozwolone: {', '.join(STATUSES)})")
    if status == "pass" and score is None:
        score = 1.0
    if status == "fail" and score is None:
        score = 0.0
    if status in SCORED_STATUSES:
        if score is None or not 0.0 <= score <= 1.0:
            raise OverrideError("status z oceną wymaga wyniku od 0 do 1")
    elif score is not None:
        raise OverrideError(f"status {status!r} nie ma wyniku")
    if not reason.strip():
        raise OverrideError("korekta wymaga uzasadnienia")
    if not actor.strip():
        raise OverrideError("korekta wymaga podania osoby (juror lub organizator)")

    with transaction.atomic():
        previous = list(
            Override.objects.select_for_update().filter(
                edition=edition, participant=participant, criterion_id=criterion_id, active=True
            )
        )
        for old in previous:
            old.active = False
            old.save(update_fields=["active"])
        override = Override.objects.create(
            edition=edition,
            participant=participant,
            criterion_id=criterion_id,
            status=status,
            score=score,
            reason=reason.strip(),
            actor=actor.strip(),
        )
        AuditLogEntry.objects.log(
            override.actor,
            AuditLogEntry.Action.OVERRIDE_ADD,
            ("Override", override.pk),
            edition=edition.year,
            participant=participant.pk,
            criterion=criterion_id,
            status=status,
            score=score,
            reason=override.reason,
            supersedes=[o.pk for o in previous],
        )
    return override


def revoke_override(override, actor: str, reason: str) -> None:
    """Withdraw a correction (the machine result counts again); logged, never deleted."""
    from results.models import AuditLogEntry

    with transaction.atomic():
        override.active = False
        override.save(update_fields=["active"])
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.OVERRIDE_WITHDRAW,
            override,
            reason=reason,
            criterion=override.criterion_id,
        )


def active_overrides(edition) -> dict[tuple[int, str], object]:
    """{(participant id, criterion id): the correction in force}."""
    from results.models import Override

    rows = Override.objects.filter(edition=edition, active=True).order_by(
        "participant_id", "criterion_id", "-created_at", "-id"
    )
    found: dict[tuple[int, str], object] = {}
    for row in rows:
        found.setdefault((row.participant_id, row.criterion_id), row)
    return found


def apply_override(result: CriterionResult, override) -> CriterionResult:
    """The corrected result; the machine's proof stays attached to it."""
    label = STATUS_LABELS.get(override.status, override.status)
    return replace(
        result,
        status=override.status,
        score=override.score,
        explanation=f"Korekta ({override.actor}): {label}. Uzasadnienie: {override.reason}",
        details={
            **result.details,
            "override": {"id": override.pk, "actor": override.actor, "reason": override.reason},
        },
    )
