"""A juror's progress: how many of the rubric's human criteria they have scored for each of
their participants (in the participant's newest edition, as on the participant's page), and
the next participant they have not finished."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from auditor.web.judging import rubric_specs
from results.models import Edition, JurorAssessment, JurorAssignment, Participant
from results.polish import plural


@dataclass(frozen=True)
class Progress:
    scored: int
    total: int

    @property
    def done(self) -> bool:
        return self.scored >= self.total

    @property
    def label(self) -> str:
        """ "3 z 5"; the screen reader's fuller text is `spoken`."""
        return f"{self.scored} z {self.total}"

    @property
    def spoken(self) -> str:
        criteria = plural(self.total, "kryterium,kryteriów,kryteriów").split(" ", 1)[1]
        return f"ocenione {self.scored} z {self.total} {criteria}"


def juror_progress(user: AbstractBaseUser, participants: list[Participant]) -> dict[int, Progress]:
    """Each participant's progress for this juror, in two queries whatever their number."""
    ids = [p.pk for p in participants]
    newest: dict[int, Edition] = {}
    links = (
        Edition.participants.through.objects.filter(participant_id__in=ids)
        .select_related("edition")
        .order_by("edition__year")
    )
    for link in links:
        newest[link.participant_id] = link.edition  # the newest year wins
    fallback = None
    if len(newest) < len(ids):
        fallback = Edition.objects.order_by("-year").first()
    scored: dict[tuple[int, int], set[str]] = defaultdict(set)
    rows = JurorAssessment.objects.filter(
        juror=user.get_username(), participant_id__in=ids
    ).values_list("participant_id", "edition_id", "criterion_id")
    for participant_id, edition_id, criterion_id in rows:
        scored[(participant_id, edition_id)].add(criterion_id)
    found = {}
    for p in participants:
        edition = newest.get(p.pk) or fallback
        if edition is None:
            found[p.pk] = Progress(0, 0)
            continue
        human = {s.id for s in rubric_specs(edition).values() if s.human and s.applies_to(p.kind)}
        found[p.pk] = Progress(len(human & scored[(p.pk, edition.pk)]), len(human))
    return found


def assigned(user: AbstractBaseUser) -> list[Participant]:
    """The juror's own participants in the list's default order (name, then id)."""
    ids = JurorAssignment.objects.filter(juror=user).values("participant_id")
    return list(Participant.objects.filter(pk__in=ids).order_by("name", "id"))


def next_unfinished(user: AbstractBaseUser, current: Participant | None) -> Participant | None:
    """The first participant after `current` (in list order, wrapping round) whose human
    criteria this juror has not all scored; None when every other one is done."""
    ordered = assigned(user)
    progress = juror_progress(user, ordered)
    at = next((i for i, p in enumerate(ordered) if current and p.pk == current.pk), -1)
    for p in ordered[at + 1 :] + ordered[: max(at, 0)]:
        if not progress[p.pk].done:
            return p
    return None
