"""Template context for every page: which menu entries the user's roles open."""

from __future__ import annotations

from django.http import HttpRequest

from auditor.web import roles
from results.web_models import ROLE_LABELS


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    own = roles.roles_of(user)
    return {
        "perms_nav": {
            "participants": roles.can_see_participants(user),
            "ranking": roles.can_see_ranking(user),
            "audit_log": roles.is_organiser(user),
            "sweeps": roles.is_organiser(user),
            "is_juror": roles.is_juror(user),
            "is_expert": roles.is_expert(user),
            "role_label": ", ".join(ROLE_LABELS[r] for r in sorted(own)) or "bez roli",
        }
    }
