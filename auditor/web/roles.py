"""Roles (Django groups) and what each may see.

organiser: everything; juror: the participants assigned to them; observer: the ranking only;
expert: the ranking, and the decisions on statuettes and special distinctions (only experts).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from results.models import JurorAssignment, Participant
from results.web_models import ROLE_EXPERT, ROLE_JUROR, ROLE_OBSERVER, ROLE_ORGANISER, ROLES

AnyUser = AbstractBaseUser | AnonymousUser


def roles_of(user: AnyUser) -> set[str]:
    """The user's roles; cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_auditor_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ROLE_ORGANISER)
        user._auditor_roles = cached
    return cached


def is_organiser(user: AnyUser) -> bool:
    return ROLE_ORGANISER in roles_of(user)


def is_juror(user: AnyUser) -> bool:
    return ROLE_JUROR in roles_of(user)


def is_expert(user: AnyUser) -> bool:
    """Only the competition's Experts decide statuettes and special distinctions."""
    return ROLE_EXPERT in roles_of(user)


def can_see_ranking(user: AnyUser) -> bool:
    return bool(roles_of(user) & {ROLE_ORGANISER, ROLE_OBSERVER, ROLE_EXPERT})


def can_see_participants(user: AnyUser) -> bool:
    return bool(roles_of(user) & {ROLE_ORGANISER, ROLE_JUROR})


def visible_participants(user: AnyUser) -> QuerySet[Participant]:
    """Participants whose evidence this user may open."""
    if is_organiser(user):
        return Participant.objects.all()
    if is_juror(user):
        return Participant.objects.filter(
            pk__in=JurorAssignment.objects.filter(juror=user).values("participant_id")
        )
    return Participant.objects.none()


def may_open_participant(user: AnyUser, participant_id: int) -> bool:
    if is_organiser(user):
        return True
    if is_juror(user):
        return JurorAssignment.objects.filter(juror=user, participant_id=participant_id).exists()
    return False
