"""The jurors' queue of replies the matcher could not place (scheduler/email/review.py).

An organiser sees every waiting message; a juror those whose candidate enquiries belong to
their participants. Assigning or dismissing needs a POST, a reason is kept in the audit log.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from auditor.web import roles
from auditor.web.views import actor_of, forbidden, role_required
from results.email_models import Enquiry, IncomingMessage
from scheduler.email import review


def _visible(user) -> set[int] | None:
    if roles.is_organiser(user):
        return None
    return set(roles.visible_participants(user).values_list("pk", flat=True))


@role_required(roles.can_see_participants)
def queue(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    messages = list(review.pending(_visible(request.user))[:200])
    enquiries = {
        e.id: e
        for e in Enquiry.objects.filter(
            id__in={i for m in messages for i in review.candidate_ids(m)}
        ).select_related("participant")
    }
    items = []
    for m in messages:
        candidates = [
            {**c, "enquiry": enquiries.get(int(c["enquiry_id"]))}
            for c in (m.match_evidence or {}).get("candidates", [])
        ]
        if m.enquiry_id is not None and not any(
            c["enquiry_id"] == m.enquiry_id for c in candidates
        ):
            candidates.insert(
                0,
                {
                    "enquiry_id": m.enquiry_id,
                    "score": "—",
                    "reasons": [m.matched_by],
                    "enquiry": enquiries.get(m.enquiry_id),
                },
            )
        why = (m.match_evidence or {}).get("classification_review", "")
        items.append(
            {"message": m, "candidates": candidates, "placed": m.enquiry_id is not None, "why": why}
        )
    context = {"items": items, "done": request.GET.get("ok"), "error": error, "nav": "mail_review"}
    return render(request, "web/mail_review.html", context, status=status)


@require_POST
@role_required(roles.can_see_participants)
def decide(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(IncomingMessage, pk=message_id)
    visible = _visible(request.user)
    allowed = review.pending(visible).filter(pk=message.pk).exists()
    if not allowed:
        return forbidden(request, "Ta wiadomość nie czeka na Twoją decyzję.")
    note = request.POST.get("note", "")
    choice = request.POST.get("enquiry", "")
    try:
        if choice == "none":
            review.dismiss(message, actor_of(request), note)
        elif not choice.isdigit():
            return _page(request, "Nie zapisano: wybierz zapytanie albo „żadne”.", 400)
        else:
            enquiry = get_object_or_404(Enquiry, pk=int(choice))
            if visible is not None and enquiry.participant_id not in visible:
                return forbidden(request, "To zapytanie nie należy do Twoich uczestników.")
            review.assign(message, enquiry, actor_of(request), note)
    except review.ReviewError as exc:
        return _page(request, f"Nie zapisano: {exc}.", 400)
    return redirect(reverse("web:mail_review") + "?ok=1")
