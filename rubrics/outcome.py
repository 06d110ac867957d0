"""What judging produces: criterion results, category scores and a participant's points.

The contract between rubrics (which compute these) and results (which store, rank and
export them). Statuses follow axe-core's honesty: "not_measured" (our failure) and
"not_applicable" (the criterion does not apply to this kind) leave the denominator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASS = "pass"
PARTIAL = "partial"
FAIL = "fail"
NOT_APPLICABLE = "not_applicable"
NOT_MEASURED = "not_measured"
STATUSES = (PASS, PARTIAL, FAIL, NOT_APPLICABLE, NOT_MEASURED)
# Statuses that count in the denominator of a score.
SCORED_STATUSES = (PASS, PARTIAL, FAIL)


@dataclass(frozen=True)
class CriterionResult:
    """One criterion judged for one participant.

    `score` is 0..1 for pass/partial/fail and None otherwise. `evidence` is a list of
    proof pointers (plain dicts), e.g. {"type": "page", "url": ..., "snippet": ...,
    "depth": 1, "screenshot": "<sha256>"} or {"type": "pages_searched", "urls": [...]}
    or {"type": "message", "message_id": ..., "snippet": ...}.
    """

    id: str
    status: str
    score: float | None
    explanation: str
    evidence: tuple[dict[str, Any], ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status in SCORED_STATUSES:
            if self.score is None or not 0.0 <= self.score <= 1.0:
                raise ValueError(f"{self.id}: a {self.status} result needs a score in 0..1")
        elif self.score is not None:
            raise ValueError(f"{self.id}: a {self.status} result has no score")


@dataclass(frozen=True)
class CategoryScore:
    id: str
    name: str
    weight: float
    score: float | None  # 0..1 over the measured, applicable criteria; None if none
    measured_weight: float  # the share of the category's weight that was measured


@dataclass(frozen=True)
class ParticipantScore:
    points: float | None  # 0..100 ranking points; None when nothing could be measured
    categories: tuple[CategoryScore, ...]
    criteria: tuple[CriterionResult, ...]
    blocking_failed: tuple[str, ...] = ()
    not_measured: tuple[str, ...] = ()
