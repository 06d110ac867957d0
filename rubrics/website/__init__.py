"""Website criteria (DOMAIN.md §5(a) INF-01…INF-21 and §5(b) TEC-01…TEC-12).

Importing this package registers every website criterion in `rubrics.registry.CRITERIA`.
`extract_office_hours` gives the office hours the e-mail latency counts business time in;
`clear_cache` frees the parsed pages kept between the criteria of one participant;
`judge_website` runs them all on one artifact (for `auditor probe website`; the scoring engine
applies applicability by kind and the site-failure rules itself).
"""

from __future__ import annotations

from typing import Any

from rubrics.outcome import CriterionResult
from rubrics.registry import CRITERIA
from rubrics.website import criteria_info, criteria_law, criteria_tech  # noqa: F401  (registers)
from rubrics.website.hours import extract_office_hours
from rubrics.website.meta import META
from rubrics.website.site import clear_cache


def judge_website(artifact: dict[str, Any], ctx: dict[str, Any]) -> list[CriterionResult]:
    """Every website criterion on one hydrated artifact whose outcome is "ok", in id order."""
    evidence = {"website": artifact, "email": []}
    try:
        return [CRITERIA[cid](evidence, ctx) for cid in sorted(META)]
    finally:
        clear_cache()


__all__ = ["META", "clear_cache", "extract_office_hours", "judge_website"]
