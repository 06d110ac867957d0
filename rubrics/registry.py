"""Where criterion implementations register, by the ids of DOMAIN.md §5.

A criterion implementation is a small pure function:

    @criterion("INF-01")
    def contact_data(evidence: Evidence, ctx: Context) -> CriterionResult: ...

`evidence` holds hydrated artifacts (see docs/artifacts.md):
    {"website": <website artifact> | None, "email": [<email artifact>, ...]}
`ctx` holds what the judgement may depend on besides evidence:
    {"kind": "gmina_wiejska", "group": "J", "now": <aware datetime: when the evidence
     was gathered, never the wall clock, so re-scoring is deterministic>, "params": {...
     the criterion's parameters from the rubric file ...}}

The engine calls an implementation only when its channel's evidence was gathered (a
website probe with outcome "ok", at least one e-mail artifact): "not_measured" for our
failures, "fail" for a site that is down, and "not_applicable" by participant kind are
decided by the engine from the rubric file, uniformly, not by each criterion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rubrics.outcome import CriterionResult

Evidence = dict[str, Any]
Context = dict[str, Any]
CriterionFn = Callable[[Evidence, Context], CriterionResult]

CRITERIA: dict[str, CriterionFn] = {}


def criterion(criterion_id: str) -> Callable[[CriterionFn], CriterionFn]:
    """Register `fn` as the implementation of `criterion_id`."""

    def register(fn: CriterionFn) -> CriterionFn:
        if criterion_id in CRITERIA and CRITERIA[criterion_id] is not fn:
            raise ValueError(f"criterion {criterion_id} registered twice")
        CRITERIA[criterion_id] = fn
        return fn

    return register
