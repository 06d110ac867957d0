"""The experts' awards page: nominations proposed by the ranking and the decisions in force.

Organisers, observers and experts see it; only experts decide or revoke (results.awards),
each decision with its reason, written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from auditor.web import roles
from auditor.web.ranking_views import _edition, cached_ranking
from auditor.web.views import role_required
from results.awards import AwardError, parse_award, parse_decision
from results.awards import decide as record_decision
from results.awards import revoke as revoke_decision
from results.models import Edition, Participant
from results.ranking import AWARD_LABELS, DECISION_LABELS
from results.scoring import latest_run
from rubrics.kinds import KIND_BY_CODE

ONLY_EXPERTS = "O statuetkach i wyróżnieniach decydują Eksperci Konkursu (rola „ekspert”)."


def _back(edition: Edition | None) -> HttpResponse:
    url = reverse("web:awards")
    return redirect(f"{url}?edycja={edition.year}" if edition else url)


@role_required(roles.can_see_ranking, "Nagrody widzą organizatorzy, obserwatorzy i eksperci.")
def awards(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    run = latest_run(edition) if edition else None
    kinds = []
    if run is not None:
        for kind, entries in cached_ranking(run).by_kind().items():
            shown = [
                e for e in entries if e.nomination or e.statuette_decision or e.special_decision
            ]
            kinds.append(
                {
                    "label": KIND_BY_CODE[kind].label if kind in KIND_BY_CODE else kind,
                    "entries": shown,
                    "total": len(entries),
                }
            )
    return render(
        request,
        "web/awards.html",
        {
            "edition": edition,
            "run": run,
            "kinds": kinds,
            "is_expert": roles.is_expert(request.user),
            "award_labels": AWARD_LABELS,
            "decision_labels": DECISION_LABELS,
            "nav": "awards",
        },
    )


@require_POST
@role_required(roles.is_expert, ONLY_EXPERTS)
def decide(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    run = latest_run(edition) if edition else None
    if run is None:
        messages.error(request, "Brak przeliczonych wyników edycji.")
        return _back(edition)
    participant = get_object_or_404(Participant, pk=request.POST.get("uczestnik") or 0)
    entry = next(
        (e for e in cached_ranking(run).entries if e.entrant.participant_id == participant.pk),
        None,
    )
    try:
        row = record_decision(
            edition,
            participant,
            parse_award(request.POST.get("nagroda", "")),
            parse_decision(request.POST.get("decyzja", "")),
            request.POST.get("uzasadnienie", ""),
            request.user.get_username(),
            licensed=bool(entry and entry.licence),
        )
    except AwardError as exc:
        messages.error(request, str(exc))
        return _back(edition)
    messages.success(
        request,
        f"Zapisano decyzję #{row.pk}: {participant.name} — {row.get_award_display()} "
        f"{row.get_decision_display()}.",
    )
    return _back(edition)


@require_POST
@role_required(roles.is_expert, ONLY_EXPERTS)
def revoke(request: HttpRequest, decision_id: int) -> HttpResponse:
    edition = _edition(request)
    try:
        revoke_decision(
            decision_id, request.POST.get("uzasadnienie", ""), request.user.get_username()
        )
    except AwardError as exc:
        messages.error(request, str(exc))
        return _back(edition)
    messages.success(request, f"Cofnięto decyzję #{decision_id}.")
    return _back(edition)
