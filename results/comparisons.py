"""How a participant compares: with its own previous edition (the same registry entry —
identified by NIP, else REGON, else the website's host — in an earlier edition's newest
score run), and with anonymised groups of this edition (its kind, size band and region:
count, quartiles and median, never names)."""

from __future__ import annotations

import statistics
from typing import Any

from results.fees import size_band
from results.ranking import format_points
from rubrics.kinds import KIND_BY_CODE

MIN_GROUP = 3  # smaller groups would let a reader identify the others


def previous_result(edition, participant_id: int) -> dict[str, Any] | None:
    """The participant's points and place in the newest earlier edition it was scored in."""
    from results.models import ParticipantScoreRecord
    from results.scoring import latest_run, ranking_for

    record = (
        ParticipantScoreRecord.objects.filter(
            participant_id=participant_id, run__edition__year__lt=edition.year
        )
        .select_related("run__edition")
        .order_by("-run__edition__year", "-run__created_at")
        .first()
    )
    if record is None:
        return None
    earlier = record.run.edition
    run = latest_run(earlier, record.run.rubric_version)
    ranking = ranking_for(run)
    entry = next((e for e in ranking.entries if e.entrant.participant_id == participant_id), None)
    if entry is None:
        return None
    return {
        "year": earlier.year,
        "points": entry.entrant.points,
        "points_display": format_points(entry.entrant.points),
        "place": entry.overall.label,
        "of": len(ranking.entries),
        "licence": entry.licence,
        "rubric_version": run.rubric_version,
    }


def previous_points(edition) -> dict[int, dict[str, Any]]:
    """For a whole ranking: each participant's points in the newest earlier edition that has
    a score run ({participant id: {"year", "points"}}); one run read, not one per row."""
    from results.models import ParticipantScoreRecord, ScoreRun

    run = (
        ScoreRun.objects.filter(edition__year__lt=edition.year)
        .order_by("-edition__year", "-created_at", "-id")
        .select_related("edition")
        .first()
    )
    if run is None:
        return {}
    return {
        pid: {"year": run.edition.year, "points": points}
        for pid, points in ParticipantScoreRecord.objects.filter(run=run).values_list(
            "participant_id", "points"
        )
    }


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def benchmarks(participants: list[dict[str, Any]], own: dict[str, Any]) -> list[dict[str, Any]]:
    """Median and quartiles of points in the participant's kind, size band and region."""
    groups = [
        (
            f"rodzaj: {KIND_BY_CODE[own['kind']].label if own['kind'] in KIND_BY_CODE else own['kind']}",
            lambda p: p["kind"] == own["kind"],
        ),
        (
            f"przedział wielkości: {size_band(own['employees'])} pracowników",
            lambda p: size_band(p["employees"]) == size_band(own["employees"]),
        ),
        (
            f"województwo: {own.get('region') or '—'}",
            lambda p: p.get("region") == own.get("region"),
        ),
        ("wszyscy uczestnicy", lambda p: True),
    ]
    rows = []
    for label, member in groups:
        values = sorted(p["points"] for p in participants if member(p) and p["points"] is not None)
        if len(values) < MIN_GROUP:
            rows.append({"label": label, "n": len(values), "hidden": True})
            continue
        q1, median, q3 = _quartiles(values)
        rows.append(
            {
                "label": label,
                "n": len(values),
                "hidden": False,
                "q1": format_points(q1),
                "median": format_points(median),
                "q3": format_points(q3),
            }
        )
    return rows
