"""Awards by the competition's Experts: statuettes and special distinctions.

The ranking proposes nominations (results.ranking: the first N licensed participants of
each kind, every one tied with the N-th included); only an expert's decision makes a
statuette or a Wyróżnienie Nadzwyczajne. A decision names the expert, the reason and the
time; it is written to the audit log. A new decision on the same award replaces the one in
force (kept, marked superseded); a revocation ends it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from results.award_models import AwardDecision
from results.ranking import (
    AWARD_LABELS,
    DECISION_LABELS,
    GRANTED,
    SPECIAL,
    STATUETTE,
    Decision,
)

# What users type (CLI, forms) -> the stored code.
AWARD_WORDS = {"statuetka": STATUETTE, "statuette": STATUETTE, "wyroznienie": SPECIAL}
AWARD_WORDS |= {"wyróżnienie": SPECIAL, "special": SPECIAL}
DECISION_WORDS = {"przyznana": GRANTED, "granted": GRANTED, "tak": GRANTED}
DECISION_WORDS |= {"nieprzyznana": "refused", "odmowa": "refused", "refused": "refused"}


class AwardError(ValueError):
    """A decision that cannot be recorded; the message is Polish."""


def _decision(row: AwardDecision) -> Decision:
    return Decision(
        row.pk,
        row.award,
        row.decision,
        row.reason,
        row.decided_by,
        row.decided_at.isoformat(timespec="seconds"),
    )


def decisions_in_force(edition) -> dict[tuple[int, str], Decision]:
    """{(participant id, award): the decision in force} of the edition."""
    rows = AwardDecision.objects.filter(edition=edition, active=True).order_by("decided_at", "id")
    return {(row.participant_id, row.award): _decision(row) for row in rows}


def decisions_version(edition) -> tuple:
    """Changes whenever a decision is made or ended: part of a cached ranking's key."""
    rows = AwardDecision.objects.filter(edition=edition)
    last = rows.order_by("-id").values_list("id", flat=True).first()
    ended = rows.filter(active=False).count()
    return (last, ended)


def parse_award(word: str) -> str:
    code = AWARD_WORDS.get(word.strip().casefold())
    if code is None:
        raise AwardError(f"Nieznane wyróżnienie „{word}” (dozwolone: statuetka, wyroznienie).")
    return code


def parse_decision(word: str) -> str:
    code = DECISION_WORDS.get(word.strip().casefold())
    if code is None:
        raise AwardError(f"Nieznana decyzja „{word}” (dozwolone: przyznana, nieprzyznana).")
    return code


def decide(
    edition, participant, award: str, decision: str, reason: str, expert: str, licensed: bool
) -> AwardDecision:
    """Record an expert's decision; it replaces the decision in force on the same award.

    A statuette goes only to a licensed participant (`licensed`: in the edition's latest
    score run); a Wyróżnienie Nadzwyczajne to any participant.
    """
    from results.models import AuditLogEntry

    if award not in AWARD_LABELS:
        raise AwardError(f"Nieznane wyróżnienie „{award}”.")
    if decision not in DECISION_LABELS:
        raise AwardError(f"Nieznana decyzja „{decision}”.")
    if not reason.strip():
        raise AwardError("Decyzja ekspertów wymaga uzasadnienia.")
    if not expert.strip():
        raise AwardError("Decyzja ekspertów wymaga wskazania eksperta.")
    if award == STATUETTE and decision == GRANTED and not licensed:
        raise AwardError(
            f"{participant.name} nie ma licencji w ostatnim przeliczeniu edycji {edition.year}: "
            "statuetkę można przyznać tylko uczestnikowi z licencją."
        )
    with transaction.atomic():
        previous = list(
            AwardDecision.objects.select_for_update().filter(
                edition=edition, participant=participant, award=award, active=True
            )
        )
        now = timezone.now()
        for row in previous:
            row.active, row.ended_at, row.ended_by = False, now, expert
            row.end_reason = "zastąpiona nową decyzją"
            row.save(update_fields=["active", "ended_at", "ended_by", "end_reason"])
        row = AwardDecision.objects.create(
            edition=edition,
            participant=participant,
            award=award,
            decision=decision,
            reason=reason.strip(),
            decided_by=expert.strip(),
        )
        AuditLogEntry.objects.log(
            expert.strip(),
            AuditLogEntry.Action.AWARD_DECIDE,
            row,
            edition=edition.year,
            participant=participant.pk,
            award=award,
            decision=decision,
            reason=row.reason,
            supersedes=[p.pk for p in previous],
        )
    return row


def revoke(decision_id: int, reason: str, expert: str) -> AwardDecision:
    """End a decision in force (the award returns to "nomination only")."""
    from results.models import AuditLogEntry

    if not reason.strip():
        raise AwardError("Cofnięcie decyzji wymaga uzasadnienia.")
    with transaction.atomic():
        row = AwardDecision.objects.select_for_update().filter(pk=decision_id, active=True).first()
        if row is None:
            raise AwardError(f"Nie ma obowiązującej decyzji ekspertów #{decision_id}.")
        row.active, row.ended_at, row.ended_by = False, timezone.now(), expert.strip()
        row.end_reason = reason.strip()
        row.save(update_fields=["active", "ended_at", "ended_by", "end_reason"])
        AuditLogEntry.objects.log(
            expert.strip(),
            AuditLogEntry.Action.AWARD_REVOKE,
            row,
            edition=row.edition.year,
            participant=row.participant_id,
            award=row.award,
            reason=row.end_reason,
        )
    return row
