"""The ranking of an edition's newest score run: per category (participant kind), licence and
statuettes marked, the distribution of points as inline SVG, exports and audit reports."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from auditor.web import roles
from auditor.web.views import actor_of, role_required
from results.charts import distribution
from results.comparisons import previous_points
from results.exports import export_csv, export_json, export_xlsx
from results.models import Edition, ParticipantScoreRecord
from results.ranking import Ranking, format_points
from results.report import render_report
from results.scoring import latest_run, ranking_for, run_participants
from rubrics.kinds import KIND_BY_CODE
from scheduler.rescore import rescore

EXPORTS = {
    "csv": (export_csv, "text/csv; charset=utf-8", "csv"),
    "json": (export_json, "application/json", "json"),
    "xlsx": (
        export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
REPORT_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
)
# Each category's head on the overview; the whole category on its own page.
TOP_ROWS = 25
_INLINE_STYLE = re.compile(r"<style>.*?</style>", re.S)


def _edition(request: HttpRequest) -> Edition | None:
    year = request.GET.get("edycja") or request.POST.get("edycja")
    editions = Edition.objects.order_by("-year")
    if year and year.isdigit():
        return editions.filter(year=int(year)).first()
    return editions.first()


def ranking_rows(run) -> list[dict]:
    """What the ranking needs of each participant, without the criterion results (those are
    120,000 rows for 2,500 participants; exports and reports read them, the page does not)."""
    rows = (
        ParticipantScoreRecord.objects.filter(run=run)
        .order_by("participant_id")
        .values_list(
            "participant_id",
            "participant__name",
            "participant__kind",
            "participant__employees",
            "points",
            "categories",
            "blocking_failed",
            "licence_gaps",
        )
    )
    keys = (
        "participant_id",
        "name",
        "kind",
        "employees",
        "points",
        "categories",
        "blocking_failed",
        "licence_gaps",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


_RANKINGS: dict[tuple, Ranking] = {}


def cached_ranking(run) -> Ranking:
    """A stored score run never changes (its output digest says so): rank it once per process."""
    from results.awards import decisions_version

    # Experts' decisions change the ranking's awards without a new run.
    key = (run.pk, run.output_digest, decisions_version(run.edition))
    if key not in _RANKINGS:
        if len(_RANKINGS) >= 8:
            _RANKINGS.pop(next(iter(_RANKINGS)))
        _RANKINGS[key] = ranking_for(run, ranking_rows(run))
    return _RANKINGS[key]


def chart(points: list[float], threshold: float | None = None) -> str:
    """The histogram, with the licence threshold, without its inline <style> (our CSP allows
    only our stylesheet)."""
    svg = distribution(points, None, threshold=threshold)
    return mark_safe(_INLINE_STYLE.sub("", svg))  # noqa: S308 - our SVG


@role_required(roles.can_see_ranking, "Ranking widzą organizatorzy i obserwatorzy.")
def ranking(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    run = latest_run(edition) if edition else None
    categories = []
    only = request.GET.get("kategoria", "")
    previous = previous_points(edition) if run is not None else {}
    if run is not None:
        result = cached_ranking(run)
        for kind, entries in result.by_kind().items():
            if only and kind != only:
                continue
            shown = entries if only else entries[:TOP_ROWS]
            points = [e.entrant.points for e in entries if e.entrant.points is not None]
            categories.append(
                {
                    "kind": kind,
                    "label": KIND_BY_CODE[kind].label if kind in KIND_BY_CODE else kind,
                    "entries": [
                        {
                            "entry": e,
                            "points": format_points(e.entrant.points),
                            "previous": previous.get(e.entrant.participant_id),
                        }
                        for e in shown
                    ],
                    "total": len(entries),
                    "statuettes": [e.entrant.name for e in entries if e.statuette],
                    "nominations": [e.entrant.name for e in entries if e.nomination],
                    "specials": [e.entrant.name for e in entries if e.special_distinction],
                    "chart": chart(points, run.threshold),
                    "licensed": sum(1 for e in entries if e.licence),
                    "incomplete": sum(1 for e in entries if e.missing),
                }
            )
    return render(
        request,
        "web/ranking.html",
        {
            "edition": edition,
            "editions": Edition.objects.order_by("-year"),
            "run": run,
            "categories": categories,
            "only": only,
            "top_rows": TOP_ROWS,
            "is_organiser": roles.is_organiser(request.user),
            "is_expert": roles.is_expert(request.user),
            "publications": edition.publications.order_by("version") if edition else [],
            "nav": "ranking",
        },
    )


@role_required(roles.can_see_ranking, "Eksport rankingu jest dla organizatorów i obserwatorów.")
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("Nieznany format eksportu.")
    edition = _edition(request)
    run = latest_run(edition) if edition else None
    if run is None:
        raise Http404("Brak przeliczonych wyników.")
    participants = run_participants(run)
    build, content_type, extension = EXPORTS[fmt]
    response = HttpResponse(build(run, ranking_for(run, participants), participants), content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="ranking-{edition.year}-{run.rubric_version}.{extension}"'
    )
    return response


@role_required(roles.can_see_ranking, "Raporty są dla organizatorów i obserwatorów.")
def report(request: HttpRequest, participant_id: int) -> HttpResponse:
    """A participant's audit report (self-contained HTML with embedded screenshots)."""
    edition = _edition(request)
    run = latest_run(edition) if edition else None
    if run is None:
        raise Http404("Brak przeliczonych wyników.")
    participants = run_participants(run)
    if not any(p["participant_id"] == participant_id for p in participants):
        raise Http404("Uczestnika nie ma w tym przeliczeniu.")
    html = render_report(run, ranking_for(run, participants), participants, participant_id)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_POLICY
    return response


@require_http_methods(["GET", "POST"])
@role_required(roles.is_organiser, "Wyniki przeliczają organizatorzy.")
def recompute(request: HttpRequest) -> HttpResponse:
    """GET: what a recomputation would change; POST (the confirmation): recompute."""
    from auditor.web.publish_views import preview_recompute

    edition = _edition(request)
    if edition is None:
        raise Http404("Brak edycji.")
    if request.method == "GET":
        return preview_recompute(request, edition)
    run = rescore(edition, edition.rubric_version, actor=actor_of(request))
    messages.success(request, f"Przeliczono edycję {edition.year} rubryką {run.rubric_version}.")
    return redirect(f"/ranking/?edycja={edition.year}")
