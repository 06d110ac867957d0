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

Every parameter a rubric file may set for a criterion is declared at registration
(`criterion(id, params=(Param(...), ...))`): its name, its Polish description, its default
(the value the code used before it was a parameter) and a check of its value. The rubric
loader rejects a parameter the criterion does not declare, or a value its check refuses, so
no parameter is ever silently ignored. A criterion reads its parameters with
`param_values(id, ctx)`: the rubric's values over the declared defaults.

The engine calls an implementation only when its channel's evidence was gathered (a
website probe with outcome "ok", at least one e-mail artifact): "not_measured" for our
failures, "fail" for a site that is down, and "not_applicable" by participant kind are
decided by the engine from the rubric file, uniformly, not by each criterion.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rubrics.outcome import CriterionResult

Evidence = dict[str, Any]
Context = dict[str, Any]
CriterionFn = Callable[[Evidence, Context], CriterionResult]

# A check returns None for a good value, or the Polish reason it is refused.
Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Param:
    """One parameter a rubric file may set for a criterion."""

    name: str
    description: str  # Polish, for organisers (docs/rubrics.md lists them)
    default: Any
    check: Check


CRITERIA: dict[str, CriterionFn] = {}
PARAMS: dict[str, dict[str, Param]] = {}


def criterion(
    criterion_id: str, params: tuple[Param, ...] = ()
) -> Callable[[CriterionFn], CriterionFn]:
    """Register `fn` as the implementation of `criterion_id`, accepting `params`."""

    def register(fn: CriterionFn) -> CriterionFn:
        if criterion_id in CRITERIA and CRITERIA[criterion_id] is not fn:
            raise ValueError(f"criterion {criterion_id} registered twice")
        CRITERIA[criterion_id] = fn
        PARAMS[criterion_id] = {p.name: p for p in params}
        return fn

    return register


def param_values(criterion_id: str, ctx: Context) -> dict[str, Any]:
    """The criterion's parameters: the rubric's values over the declared defaults."""
    given = ctx.get("params") or {}
    return {
        name: given.get(name, spec.default) for name, spec in PARAMS.get(criterion_id, {}).items()
    }


# --- checks for parameter values ---------------------------------------------------------


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def number(minimum: float = 0.0, maximum: float | None = None) -> Check:
    """A number in [minimum, maximum]."""

    def check(value: Any) -> str | None:
        if not _is_number(value):
            return f"oczekiwano liczby, jest {value!r}"
        if value < minimum or (maximum is not None and value > maximum):
            top = "∞" if maximum is None else f"{maximum:g}"
            return f"oczekiwano liczby z przedziału {minimum:g}–{top}, jest {value!r}"
        return None

    return check


def share() -> Check:
    """A share: a number from 0 to 1."""
    return number(0.0, 1.0)


def share_param(name: str, description: str, default: float) -> Param:
    """A parameter that is a share (0–1), e.g. the part of pages that must carry a link."""
    return Param(name, description, default, share())


def pass_share(default: float, of: str = "elementów") -> Param:
    """`pass_at`: the share of the named elements found from which the criterion passes."""
    return share_param(
        "pass_at", f"udział znalezionych {of} (0–1), od którego kryterium jest zaliczone", default
    )


def whole(minimum: int = 0) -> Check:
    """A whole number ≥ minimum."""

    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            return f"oczekiwano liczby całkowitej ≥ {minimum}, jest {value!r}"
        return None

    return check


def groups() -> Check:
    """A list of participant group letters (J, A, K, S, W, O)."""
    from rubrics.kinds import GROUPS

    def check(value: Any) -> str | None:
        if not isinstance(value, list) or any(v not in GROUPS for v in value):
            return f"oczekiwano listy grup uczestników ({', '.join(GROUPS)}), jest {value!r}"
        return None

    return check


def flag() -> Check:
    """true or false."""

    def check(value: Any) -> str | None:
        return None if isinstance(value, bool) else f"oczekiwano true lub false, jest {value!r}"

    return check


def choice(*allowed: str) -> Check:
    """One of the given words."""

    def check(value: Any) -> str | None:
        if value not in allowed:
            return f"oczekiwano jednej z wartości: {', '.join(allowed)}; jest {value!r}"
        return None

    return check


def iso_date() -> Check:
    """A date written YYYY-MM-DD (in quotes), or null."""
    from datetime import date

    def check(value: Any) -> str | None:
        if value is None:
            return None
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return f'oczekiwano daty w postaci "RRRR-MM-DD", jest {value!r}'
        return None

    return check


def one_of_each(allowed: tuple[str, ...]) -> Check:
    """A list whose every item is one of `allowed`."""

    def check(value: Any) -> str | None:
        if not isinstance(value, list) or any(v not in allowed for v in value):
            return f"oczekiwano listy wartości spośród: {', '.join(allowed)}; jest {value!r}"
        return None

    return check
