"""Licence certificates: issued from a score run's ranking to the licensed participants,
numbered per edition, each with a verification code that the public page and
`auditor certificate verify` confirm without login.

The code is random (80 bits, Crockford's base32 in groups), never derived from the
participant: it cannot be guessed or forged, and a wrong one simply finds nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_GROUPS = 4
GROUP_LEN = 4


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_GROUPS * GROUP_LEN))
    return "-".join(raw[i : i + GROUP_LEN] for i in range(0, len(raw), GROUP_LEN))


def normalise_code(text: str) -> str:
    """What a person types, as stored: case, spaces and look-alike letters forgiven."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_GROUPS * GROUP_LEN:
        return ""
    return "-".join(cleaned[i : i + GROUP_LEN] for i in range(0, len(cleaned), GROUP_LEN))


def default_valid_until(edition) -> dt.date:
    """Until the end of the year after the edition's (the next edition's gala); an assumption
    of ours until the organiser's terms say otherwise (docs/ranking.md)."""
    return dt.date(edition.year + 1, 12, 31)


@dataclass(frozen=True)
class Issued:
    certificate: object
    created: bool


def issue_certificates(
    edition, run, ranking, *, actor: str, valid_until: dt.date | None = None, only=None
) -> list[Issued]:
    """One certificate per licensed participant of `ranking` (the run's); issuing again
    keeps the number and the code. `only`: participant ids to limit to."""
    from results.models import AuditLogEntry, Certificate, Participant

    until = valid_until or default_valid_until(edition)
    today = timezone.localdate()
    issued: list[Issued] = []
    with transaction.atomic():
        taken = Certificate.objects.select_for_update().filter(edition=edition).count()
        for entry in ranking.entries:
            pid = entry.entrant.participant_id
            if not entry.licence or (only is not None and pid not in only):
                continue
            existing = Certificate.objects.filter(edition=edition, participant_id=pid).first()
            if existing is not None:
                issued.append(Issued(existing, False))
                continue
            taken += 1
            certificate = Certificate.objects.create(
                number=f"LZM/{edition.year}/{taken:04d}",
                code=new_code(),
                edition=edition,
                participant=Participant.objects.get(pk=pid),
                name=entry.entrant.name,
                valid_from=today,
                valid_until=until,
                points=Decimal(str(round(entry.entrant.points or 0, 2))),
                score_run=run,
                issued_by=actor,
            )
            AuditLogEntry.objects.log(
                actor,
                AuditLogEntry.Action.CERTIFICATE_ISSUE,
                ("certyfikat", certificate.number),
                participant=pid,
                edition=edition.year,
                run=run.pk,
            )
            issued.append(Issued(certificate, True))
    return issued


def verify(code: str):
    """The certificate with this code, or None (a forged or mistyped code finds nothing)."""
    from results.models import Certificate

    normalised = normalise_code(code)
    if not normalised:
        return None
    return Certificate.objects.select_related("edition").filter(code=normalised).first()


def status_of(certificate, today: dt.date | None = None) -> str:
    """ "ważny", "wygasł", "unieważniony" or "jeszcze nieważny"."""
    today = today or timezone.localdate()
    if certificate.revoked_at:
        return "unieważniony"
    if today < certificate.valid_from:
        return "jeszcze nieważny"
    if today > certificate.valid_until:
        return "wygasł"
    return "ważny"


def public_facts(certificate) -> dict:
    """What anyone may learn from a code: the name, the edition, the validity. Nothing else."""
    return {
        "number": certificate.number,
        "name": certificate.name,
        "edition": certificate.edition.year,
        "valid_from": certificate.valid_from.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "status": status_of(certificate),
    }


def render_certificate(certificate, verify_url: str) -> str:
    """The certificate as a one-page A4 HTML document (printed to PDF by auditor.pdf)."""
    return render_to_string(
        "results/certificate.html",
        {"c": certificate, "verify_url": verify_url, "status": status_of(certificate)},
    )
