"""Planning the enquiries: N per participant, each its own text and moment in office hours."""

from __future__ import annotations

import os
import random
from datetime import datetime

from django.db import transaction

from probes.email import schedule
from probes.email.compose import new_message_id
from probes.email.templates import (
    Choice,
    PersonaText,
    choose_wordings,
    load_templates,
    render,
    text_fingerprint,
)
from results.email_models import Enquiry, Persona
from results.models import Edition
from rubrics.calendar import parse_days_off
from rubrics.kinds import kind_group
from scheduler.email.secrets import EmailConfigError


def persona_text(persona: Persona) -> PersonaText:
    return PersonaText(persona.full_name, persona.gender, persona.signature)


def office_hours_for(participant) -> dict:
    return schedule.DEFAULT_OFFICE_HOURS[kind_group(participant.kind)]


DEFAULT_ENQUIRIES_PER_PARTICIPANT = 2  # DOMAIN.md §5(c): a median over at least 2 probes


def enquiries_per_participant() -> int:
    """N, the enquiries each participant gets per edition (AUDITOR_ENQUIRIES_PER_PARTICIPANT)."""
    raw = os.environ.get("AUDITOR_ENQUIRIES_PER_PARTICIPANT", "").strip()
    if not raw:
        return DEFAULT_ENQUIRIES_PER_PARTICIPANT
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise EmailConfigError(
            f"AUDITOR_ENQUIRIES_PER_PARTICIPANT musi być liczbą całkowitą ≥ 1, jest {raw!r}"
        )
    return n


def planned_moment(
    edition: Edition, sequence: int, n: int, now: datetime, hours: dict, rng: random.Random
) -> datetime:
    """The k-th enquiry's moment: random office time in the k-th part of the audit window.

    Planned late (the part already over), it goes at the next office-hours moment instead.
    """
    first, last = schedule.window_part(edition.window_start, edition.window_end, sequence, n)
    start = max(now, datetime.combine(first, datetime.min.time(), schedule.WARSAW))
    days_off = parse_days_off(edition.days_off)
    return schedule.moment_within(
        first, last, start, hours, rng, days_off
    ) or schedule.next_send_moment(start, hours, rng, days_off=days_off)


def plan_enquiries(
    edition: Edition,
    now: datetime,
    *,
    immediately: bool = False,
    seed: str | None = None,
    per_participant: int | None = None,
) -> list[Enquiry]:
    """Create the missing enquiries (sequence 1..N) of every participant of the edition.

    Each has its own text (never one seen before in the edition) and its own moment within
    the participant's office hours, the k-th in the k-th part of the audit window. All are
    created in one transaction: two planners at once cannot leave a mixed, duplicated plan
    (the loser gets IntegrityError and finds the winner's plan).
    """
    n = per_participant or enquiries_per_participant()
    personas = {p.id: p for p in Persona.objects.filter(active=True)}
    rows = Enquiry.objects.filter(edition=edition)
    held: dict[int, list] = {}
    existing: set[tuple[int, int]] = set()
    for e in rows.only(
        "participant_id", "sequence", "persona_id", "template_id", "wording", "variant"
    ):
        existing.add((e.participant_id, e.sequence))
        choice = Choice(
            e.template_id,
            e.wording,
            e.variant.get("subject", 0),
            e.variant.get("greeting", 0),
            e.variant.get("closing", 0),
        )
        held.setdefault(e.participant_id, []).append((e.persona_id, choice))
    participants = [p for p in edition.participants.order_by("id") if p.emails]
    todo = [(p, k) for p in participants for k in range(1, n + 1) if (p.id, k) not in existing]
    # Earlier sequences first for everyone: the first enquiries get the freshest wordings.
    todo.sort(key=lambda item: (item[1], item[0].id))
    if not todo:
        return []
    taken = {text_fingerprint(b) for b in rows.values_list("body", flat=True)}
    rng = random.Random(seed if seed is not None else f"{edition.year}-{now.isoformat()}")
    choices = choose_wordings(
        [((p.id, k), p.kind) for p, k in todo],
        {pid: persona_text(p) for pid, p in personas.items()},
        seed=seed if seed is not None else f"{edition.year}-{len(existing)}",
        taken=taken,
        owners={(p.id, k): p.id for p, k in todo},
        held=held,
        subkinds={(p.id, k): p.subkind for p, k in todo},
    )
    templates = load_templates()
    created = []
    with transaction.atomic():
        for participant, sequence in todo:
            persona_id, choice = choices[(participant.id, sequence)]
            persona = personas[persona_id]
            template = templates[choice.template_id]
            subject, body = render(template, choice, persona_text(persona))
            hours = office_hours_for(participant)
            planned = now if immediately else planned_moment(edition, sequence, n, now, hours, rng)
            created.append(
                Enquiry.objects.create(
                    edition=edition,
                    participant=participant,
                    sequence=sequence,
                    persona=persona,
                    template_id=template.id,
                    wording=choice.wording,
                    variant={
                        "subject": choice.subject,
                        "greeting": choice.greeting,
                        "closing": choice.closing,
                    },
                    to=[participant.emails[0]],
                    subject=subject,
                    body=body,
                    message_id=new_message_id(persona.address),
                    planned_at=planned,
                    answer_key=template.answer_key_for(participant.kind),
                    office_hours=hours,
                )
            )
    return created
