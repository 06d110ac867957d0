"""An edition's agreement report: between jurors, and between jurors and the machine.

Scores are put on one 0..1 scale first (a juror's score divided by the criterion's
scale), so criteria with different scales can be pooled.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

from results.agreement import alpha_from_ratings, krippendorff_alpha_interval
from results.criteria_specs import CriterionSpec
from results.jurors import assessments_by_unit
from rubrics.outcome import SCORED_STATUSES


def _alpha(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def juror_agreement(edition, specs: dict[str, CriterionSpec]) -> dict[str, Any]:
    """Alpha between jurors per criterion and pooled (units: participant × criterion)."""
    units = assessments_by_unit(edition)
    normalised: dict[tuple[int, str], dict[str, float]] = {}
    for (participant_id, criterion_id), scores in units.items():
        spec = specs.get(criterion_id)
        scale = (spec.scale_max - spec.scale_min) if spec else 1.0
        low = spec.scale_min if spec else 0.0
        normalised[(participant_id, criterion_id)] = {
            juror: (s - low) / scale if scale else 0.0 for juror, s in scores.items()
        }
    per_criterion = []
    by_criterion: dict[str, dict[tuple, dict[str, float]]] = defaultdict(dict)
    for (participant_id, criterion_id), scores in normalised.items():
        by_criterion[criterion_id][(participant_id,)] = scores
    for criterion_id in sorted(by_criterion):
        ratings = by_criterion[criterion_id]
        result = alpha_from_ratings(ratings)
        spreads = [max(s.values()) - min(s.values()) for s in ratings.values() if len(s) > 1]
        per_criterion.append(
            {
                "criterion": criterion_id,
                "alpha": _alpha(result.alpha),
                "units": result.units,
                "jurors": result.coders,
                "mean_spread": round(statistics.fmean(spreads), 4) if spreads else None,
            }
        )
    pooled = alpha_from_ratings(normalised)
    return {
        "alpha": _alpha(pooled.alpha),
        "units": pooled.units,
        "jurors": pooled.coders,
        "criteria": per_criterion,
    }


def machine_agreement(participants: list[dict[str, Any]], edition, specs) -> dict[str, Any]:
    """Alpha between the jurors' median and the machine on criteria both judged.

    The machine's own result counts (before any correction), so that a correction does not
    hide the disagreement that caused it.
    """
    units = assessments_by_unit(edition)
    machine: dict[tuple[int, str], float] = {}
    for p in participants:
        for c in p["criteria"]:
            original = c["original"]
            status, score, source = c["status"], c["score"], c["source"]
            if original:
                status, score, source = original["status"], original["score"], original["source"]
            if source == "machine" and status in SCORED_STATUSES:
                machine[(p["participant_id"], c["criterion_id"])] = score
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for key, scores in sorted(units.items()):
        if key not in machine:
            continue
        spec = specs.get(key[1])
        low, high = (spec.scale_min, spec.scale_max) if spec else (0.0, 1.0)
        juror = (statistics.median(scores.values()) - low) / ((high - low) or 1.0)
        pairs[key[1]].append((juror, machine[key]))
    per_criterion = []
    for criterion_id in sorted(pairs):
        values = pairs[criterion_id]
        per_criterion.append(
            {
                "criterion": criterion_id,
                "alpha": _alpha(krippendorff_alpha_interval(values).alpha),
                "units": len(values),
                "mean_abs_difference": round(statistics.fmean(abs(a - b) for a, b in values), 4),
            }
        )
    everything = [pair for values in pairs.values() for pair in values]
    return {
        "alpha": _alpha(krippendorff_alpha_interval(everything).alpha),
        "units": len(everything),
        "mean_abs_difference": (
            round(statistics.fmean(abs(a - b) for a, b in everything), 4) if everything else None
        ),
        "criteria": per_criterion,
    }
