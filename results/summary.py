"""The whole edition's summary: per kind, the ranking, statuses and the distribution of
points with the licence threshold; printed to PDF like the reports (auditor report --summary)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from results.charts import distribution
from results.ranking import Ranking, format_points
from rubrics.kinds import KIND_BY_CODE


def render_summary(run, ranking: Ranking) -> str:
    categories = []
    for kind, entries in ranking.by_kind().items():
        points = [e.entrant.points for e in entries if e.entrant.points is not None]
        categories.append(
            {
                "label": KIND_BY_CODE[kind].label if kind in KIND_BY_CODE else kind,
                "chart": mark_safe(distribution(points, None, threshold=run.threshold)),
                "rows": [
                    {
                        "place": e.in_kind.label,
                        "name": e.entrant.name,
                        "points": format_points(e.entrant.points),
                        "status": e.status,
                        "award": "statuetka"
                        if e.statuette
                        else ("nominacja" if e.nomination else ""),
                    }
                    for e in entries
                ],
            }
        )
    return render_to_string(
        "results/summary.html",
        {
            "run": run,
            "edition": run.edition.year,
            "threshold": format_points(run.threshold),
            "total": len(ranking.entries),
            "licensed": sum(1 for e in ranking.entries if e.licence),
            "incomplete": sum(1 for e in ranking.entries if e.missing),
            "nominated": sum(1 for e in ranking.entries if e.nomination),
            "categories": categories,
        },
    )
