"""The appeal workflow: a participant's appeal is recorded with its date and the edition's
deadline (late ones are recorded as late, never lost), the jurors decide with reasons, and an
upheld appeal about a criterion becomes an override. Every step is in the audit log; the
next `auditor rescore` and `auditor publish ranking` make the version after appeals."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from results.overrides import OverrideError, add_override


class AppealError(ValueError):
    """The appeal or the decision cannot be recorded; the message is in Polish."""


def appeal_deadline(edition) -> dt.date:
    """The edition's deadline, or the end of its audit window plus AUDITOR_APPEAL_PERIOD_DAYS."""
    if edition.appeal_deadline:
        return edition.appeal_deadline
    days = getattr(settings.AUDITOR, "appeal_period_days", 60)
    return edition.window_end + dt.timedelta(days=days)


def file_appeal(
    edition,
    participant,
    *,
    received_on: dt.date,
    grounds: str,
    actor: str,
    criterion_id: str = "",
    evidence: list[dict] | None = None,
):
    from results.models import Appeal, AuditLogEntry

    if not grounds.strip():
        raise AppealError("odwołanie wymaga uzasadnienia")
    if not edition.participants.filter(pk=participant.pk).exists():
        raise AppealError(f"uczestnik {participant.pk} nie bierze udziału w edycji {edition.year}")
    deadline = appeal_deadline(edition)
    late = received_on > deadline
    with transaction.atomic():
        appeal = Appeal.objects.create(
            edition=edition,
            participant=participant,
            received_on=received_on,
            deadline=deadline,
            criterion_id=criterion_id.strip().upper(),
            grounds=grounds.strip(),
            evidence=evidence or [],
            decision=Appeal.Decision.LATE if late else Appeal.Decision.PENDING,
            decision_reason="wniesione po terminie odwołań" if late else "",
            decided_by="system" if late else "",
            decided_at=timezone.now() if late else None,
            created_by=actor,
        )
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.APPEAL_FILE,
            ("odwołanie", appeal.pk),
            participant=participant.pk,
            edition=edition.year,
            received_on=received_on.isoformat(),
            deadline=deadline.isoformat(),
            late=late,
            criterion=appeal.criterion_id,
        )
    return appeal


def decide_appeal(
    appeal,
    *,
    decision: str,
    reason: str,
    actor: str,
    status: str | None = None,
    score: float | None = None,
):
    """Record the jurors' decision. Upheld (fully or partly) with a criterion and a status:
    the criterion's result is overridden, with the decision as its reason."""
    from results.models import Appeal, AuditLogEntry

    if decision not in (Appeal.Decision.UPHELD, Appeal.Decision.PARTLY, Appeal.Decision.REJECTED):
        raise AppealError("decyzja: upheld (uwzględnione), partly (częściowo) albo rejected")
    if appeal.decision != Appeal.Decision.PENDING:
        raise AppealError(f"odwołanie {appeal.pk} ma już decyzję: {appeal.get_decision_display()}")
    if not reason.strip():
        raise AppealError("decyzja wymaga uzasadnienia")
    override = None
    with transaction.atomic():
        if decision != Appeal.Decision.REJECTED and status:
            if not appeal.criterion_id:
                raise AppealError("korekta wymaga kryterium: odwołanie nie wskazuje kryterium")
            try:
                override = add_override(
                    appeal.edition,
                    appeal.participant,
                    appeal.criterion_id,
                    status,
                    score,
                    f"Odwołanie nr {appeal.pk}: {reason.strip()}",
                    actor,
                )
            except OverrideError as exc:
                raise AppealError(str(exc)) from exc
        appeal.decision = decision
        appeal.decision_reason = reason.strip()
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.override = override
        appeal.save()
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.APPEAL_DECIDE,
            ("odwołanie", appeal.pk),
            decision=decision,
            reason=appeal.decision_reason,
            override=override.pk if override else None,
            criterion=appeal.criterion_id,
            status=status,
        )
    return appeal
