"""Criterion metadata (Lighthouse's `meta` + `UIStrings`) and the shared result builders.

Every website criterion declares its id, its Polish wording for pass and for fail, what it
detects and its legal basis in one `CriterionMeta`, next to its function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rubrics.outcome import FAIL, PARTIAL, PASS, CriterionResult
from rubrics.registry import Context, Evidence, Param, criterion, param_values
from rubrics.website import site
from rubrics.website.detectors import Finding, SignalSet
from rubrics.website.site import Artifact, Page


@dataclass(frozen=True)
class CriterionMeta:
    id: str
    title: str  # Polish, when it passes
    failure_title: str  # Polish, when it fails
    detects: str  # Polish: what is looked for
    legal: str = ""  # legal basis or method reference
    thresholds: str = ""  # Polish: how pass / partial / fail are decided
    params: tuple[Param, ...] = ()  # what a rubric file may set (rubrics.registry.Param)

    def values(self, ctx: Context) -> dict[str, Any]:
        """The criterion's parameters: the rubric's values over the declared defaults."""
        return param_values(self.id, ctx)


META: dict[str, CriterionMeta] = {}


def website_criterion(meta: CriterionMeta) -> Callable:
    """Register a website criterion in the rubric registry and keep its metadata."""

    def register(fn: Callable[[Evidence, Context], CriterionResult]) -> Callable:
        META[meta.id] = meta
        fn.meta = meta  # type: ignore[attr-defined]
        return criterion(meta.id, meta.params)(fn)

    return register


def artifact_of(evidence: Evidence) -> Artifact:
    return evidence["website"]


def status_for(score: float, pass_at: float, partial_at: float = 1e-9) -> str:
    if score >= pass_at - 1e-9:
        return PASS
    if score >= partial_at:
        return PARTIAL
    return FAIL


def result(
    meta: CriterionMeta,
    status: str,
    score: float | None,
    explanation: str,
    evidence: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
    details: dict[str, Any] | None = None,
) -> CriterionResult:
    if score is not None:
        score = round(min(1.0, max(0.0, score)), 4)
    return CriterionResult(meta.id, status, score, explanation, tuple(evidence), details or {})


def labelled(finding: Finding, label: str) -> dict[str, Any]:
    ev = finding.evidence()
    ev["signal"] = label
    return ev


def graded(
    meta: CriterionMeta,
    signals: SignalSet,
    searched: list[Page],
    weights: dict[str, float],
    pass_at: float = 1.0,
    details: dict[str, Any] | None = None,
) -> CriterionResult:
    """A result from named signals: score = weighted share found; proof for each found."""
    total = sum(weights.values())
    score = sum(w for name, w in weights.items() if name in signals.found) / total if total else 0.0
    status = status_for(score, pass_at)
    found = [n for n in weights if n in signals.found]
    missing = [n for n in weights if n not in signals.found]
    evidence = [labelled(signals.found[n], n) for n in found]
    if missing:
        evidence.append(site.pages_searched(searched))
    return result(
        meta,
        status,
        score,
        found_explanation(meta, status, found, missing, searched),
        evidence,
        {"found": found, "missing": missing, **(details or {})},
    )


def found_explanation(
    meta: CriterionMeta, status: str, found: list[str], missing: list[str], searched: list[Page]
) -> str:
    """What a result from named elements says: what was found and what is missing, or how
    many pages were searched in vain."""
    if status == PASS:
        return f"{meta.title}: {', '.join(found)}."
    if status == PARTIAL:
        return f"Częściowo — znaleziono: {', '.join(found) or 'nic'}; brak: {', '.join(missing) or '—'}."
    return f"{meta.failure_title} (przeszukano {len(searched)} stron)."


def missing_result(
    meta: CriterionMeta, searched: list[Page], details: dict[str, Any] | None = None
) -> CriterionResult:
    return result(
        meta,
        FAIL,
        0.0,
        f"{meta.failure_title} (przeszukano {len(searched)} stron).",
        [site.pages_searched(searched)],
        details,
    )
