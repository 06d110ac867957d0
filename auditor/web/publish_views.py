"""Recomputing with a preview, and publishing a ranking version (organisers only).

A recomputation first shows what it would change (places, licences crossing the threshold,
nominations, points) and is applied only when the organiser confirms. Publishing freezes
the newest run's files as the edition's next version; published files are served from the
evidence store byte for byte.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from auditor.web import roles
from auditor.web.views import actor_of, role_required
from results.publishing import (
    MEDIA,
    latest_publication,
    publication_ranking,
    publish,
    published_file,
    ranking_changes,
)
from results.scoring import latest_run, ranking_for
from scheduler.rescore import rescore


class _Preview(Exception):
    """Raised inside the transaction to undo the trial recomputation."""


def preview_recompute(request: HttpRequest, edition) -> HttpResponse:
    """What a recomputation would change, computed and rolled back."""
    current = latest_run(edition)
    before = ranking_for(current) if current else None
    try:
        with transaction.atomic():
            trial = rescore(edition, edition.rubric_version, actor=actor_of(request))
            changes = ranking_changes(before, ranking_for(trial))
            raise _Preview
    except _Preview:
        pass
    return render(
        request,
        "web/recompute_preview.html",
        {"nav": "ranking", "edition": edition, "changes": changes, "has_run": current is not None},
    )


@role_required(roles.is_organiser, "Ranking publikują organizatorzy.")
def publish_ranking(request: HttpRequest) -> HttpResponse:
    from auditor.web.ranking_views import _edition

    edition = _edition(request)
    run = latest_run(edition) if edition else None
    if run is None:
        raise Http404("Brak przeliczonych wyników.")
    previous = latest_publication(edition)
    if request.method == "POST":
        if previous is not None and previous.score_run_id == run.pk:
            messages.info(
                request, f"To przeliczenie jest już opublikowane (wersja {previous.version})."
            )
        else:
            publication = publish(
                edition, run, actor=actor_of(request), note=request.POST.get("uwagi", "")
            )
            messages.success(
                request,
                f"Opublikowano ranking {edition.year}, wersja {publication.version}: pliki są zamrożone.",
            )
        return redirect(f"/ranking/?edycja={edition.year}")
    changes = ranking_changes(publication_ranking(previous), ranking_for(run))
    return render(
        request,
        "web/publish_preview.html",
        {
            "nav": "ranking",
            "edition": edition,
            "run": run,
            "previous": previous,
            "changes": changes,
            "already": previous is not None and previous.score_run_id == run.pk,
        },
    )


@require_GET
@role_required(roles.can_see_ranking, "Ranking jest dla organizatorów, obserwatorów i ekspertów.")
def published(request: HttpRequest, version: int, fmt: str) -> HttpResponse:
    from auditor.web.ranking_views import _edition

    edition = _edition(request)
    if edition is None or fmt not in MEDIA:
        raise Http404("Nie ma takiej publikacji.")
    publication = edition.publications.filter(version=version).first()
    if publication is None:
        raise Http404("Nie ma takiej publikacji.")
    response = HttpResponse(published_file(publication, fmt), content_type=MEDIA[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="ranking-{edition.year}-wersja-{version}.{fmt}"'
    )
    return response
