"""The scoring engine: evidence + rubric -> criterion results -> category scores -> points.

Pure: no network, no disk, no wall clock. The engine decides uniformly, from the rubric
file and the evidence, what no single criterion should decide on its own:
- not_applicable: the criterion does not apply to the participant's kind;
- not_measured: the channel's evidence is missing or the probe failed on our side
  (website outcome "not_measured", no e-mail artifact, no implementation in this build);
- fail with proof: the website is down on their side (outcome "site_failure").
Only then is the criterion's registered function called.

Arithmetic (combine): criterion weights are re-normalised within a category over the
criteria that apply and were measured; category weights over the categories with anything
measured. Sums use math.fsum (exactly rounded, independent of order); only the final
points are rounded, to 2 decimal places, half up, via Decimal of the float's shortest
repr, so the same input always gives the same output.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from probes.failures import failure_text
from rubrics.implementations import load_implementations
from rubrics.kinds import KIND_BY_CODE, kind_group
from rubrics.outcome import (
    FAIL,
    NOT_APPLICABLE,
    NOT_MEASURED,
    PARTIAL,
    PASS,
    SCORED_STATUSES,
    CategoryScore,
    CriterionResult,
    ParticipantScore,
)
from rubrics.registry import CRITERIA
from rubrics.rubric import CONDITION_LABELS, Criterion, Rubric

# A score at or above this is a pass, above 0 partial, 0 a fail (jurors and graded criteria).
PASS_AT = 0.75
WEBSITE_CHANNELS = ("website", "accessibility")

# Polish texts of the engine's own verdicts, in one place.
TEXTS = {
    "not_applicable": "Kryterium nie dotyczy rodzaju uczestnika „{kind}”.",
    "not_applicable_status": "Kryterium nie dotyczy uczestnika ze względu na jego status prawny "
    "w rejestrze ({status}).",
    "status_unknown": "Nie wiadomo, czy kryterium dotyczy uczestnika: w rejestrze brak wartości "
    "„{field}” — uzupełnij rejestr; nie mierzono.",
    "no_website": "Strona nie została zbadana (brak danych z sondy) — nie mierzono.",
    # {failure}: the catalogue's text of the failure's kind (probes.failures.failure_text).
    "website_ours": "Badanie strony nie powiodło się z naszej strony — nie mierzono. {failure}",
    "site_failure": "Strona uczestnika była niedostępna podczas badania. {failure}",
    "no_email": "Nie wysłano jeszcze zapytań e-mail — nie mierzono.",
    "no_implementation": "Ta wersja programu nie ocenia jeszcze tego kryterium — nie mierzono.",
    "crashed": "Błąd programu podczas oceny (po naszej stronie) — nie mierzono.",
    "no_result": "Brak wyniku dla tego kryterium — nie mierzono.",
    "no_scores": "Brak ocen jurorów — nie mierzono.",
    "jurors": "Mediana ocen ({n} {who}): {median:g} na {scale:g} możliwych{spread}.",
}


def status_for(score: float) -> str:
    """The status of a graded 0..1 score: pass ≥ 0.75, partial > 0, fail at 0."""
    if score >= PASS_AT:
        return PASS
    return PARTIAL if score > 0 else FAIL


def _not_measured(criterion: Criterion, text: str, **details: Any) -> CriterionResult:
    return CriterionResult(criterion.id, NOT_MEASURED, None, text, (), dict(details))


def _evidence_time(evidence: Mapping[str, Any]) -> datetime | None:
    """When the evidence was gathered: the latest artifact finish time (never the wall clock)."""
    stamps: list[datetime] = []
    website = evidence.get("website")
    if website and website.get("finished_at"):
        stamps.append(_parse_time(website["finished_at"]))
    for artifact in evidence.get("email") or ():
        for key in ("gathered_at", "finished_at"):
            if artifact.get(key):
                stamps.append(_parse_time(artifact[key]))
                break
    return max(stamps) if stamps else None


def _parse_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _channel_gate(criterion: Criterion, evidence: Mapping[str, Any]) -> CriterionResult | None:
    """The engine's verdict when the channel's evidence decides alone; None to call the criterion."""
    if criterion.channel in WEBSITE_CHANNELS:
        website = evidence.get("website")
        if not website:
            return _not_measured(criterion, TEXTS["no_website"])
        outcome = website.get("outcome")
        failure = website.get("failure") or {}
        text = failure_text(failure.get("kind"), failure.get("detail"))
        if outcome == "site_failure":
            proof = {
                "type": "site_failure",
                "url": website.get("start_url"),
                "kind": failure.get("kind"),
                "detail": failure.get("detail"),
                "at": website.get("finished_at") or website.get("started_at"),
            }
            return CriterionResult(
                criterion.id,
                FAIL,
                0.0,
                TEXTS["site_failure"].format(failure=text),
                (proof,),
                {"failure": dict(failure)},
            )
        if outcome != "ok":
            return _not_measured(
                criterion,
                TEXTS["website_ours"].format(failure=text if failure else "").strip(),
                failure=dict(failure),
            )
        return None
    if criterion.channel == "email":
        if not evidence.get("email"):
            return _not_measured(criterion, TEXTS["no_email"])
        return None
    raise ValueError(f"{criterion.id}: channel {criterion.channel!r} is not judged by machine")


def _status_text(status: Mapping[str, Any] | None) -> str:
    status = status or {}
    parts = []
    for name in ("public_body", "online_consumer_services"):
        value = status.get(name)
        shown = "nie wiadomo" if value is None else ("tak" if value else "nie")
        parts.append(f"{CONDITION_LABELS[name]}: {shown}")
    if status.get("employees") is not None:
        parts.append(f"{CONDITION_LABELS['employees']}: {status['employees']}")
    return ", ".join(parts)


def _applicability_gate(
    criterion: Criterion, kind: str, status: Mapping[str, Any] | None
) -> CriterionResult | None:
    """not_applicable by kind or legal status; not_measured when the status is not known."""
    verdict = criterion.applicability(kind, status)
    if verdict is True:
        return None
    if verdict is False:
        if not criterion.conditions or not criterion.applies(kind):
            return not_applicable(criterion, kind)
        return CriterionResult(
            criterion.id,
            NOT_APPLICABLE,
            None,
            TEXTS["not_applicable_status"].format(status=_status_text(status)),
        )
    return _not_measured(
        criterion,
        TEXTS["status_unknown"].format(field=CONDITION_LABELS.get(verdict, verdict)),
        unknown=verdict,
    )


def evaluate(
    rubric: Rubric,
    kind: str,
    evidence: Mapping[str, Any],
    ctx_extra: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
    status: Mapping[str, Any] | None = None,
) -> list[CriterionResult]:
    """Judge every machine criterion of `rubric` for a participant of `kind`, in rubric order.

    `evidence` = {"website": hydrated website artifact | None, "email": [email artifacts]}.
    `ctx_extra` is merged into each criterion's ctx (e.g. {"now": ...} to override the
    evidence time). A criterion function that raises is our failure: not_measured with
    the error in details (or re-raised with strict=True, for tests). `status` is the
    participant's legal status from the registry (`public_body`, `online_consumer_services`,
    `employees`; None: not known), read by criteria whose applies_to states conditions.
    """
    if kind not in KIND_BY_CODE:
        raise ValueError(f"unknown participant kind {kind!r}")
    load_implementations()
    base_ctx: dict[str, Any] = {
        "kind": kind,
        "group": kind_group(kind),
        "now": _evidence_time(evidence),
        # Every criterion's parameters, for rules one criterion owns and others read (the
        # e-mail scoring calendar is EML-LAT's: rubrics/email/latency.py scoring_calendar).
        "rubric_params": {c.id: dict(c.params) for c in rubric.machine_criteria},
    }
    base_ctx.update(ctx_extra or {})
    if base_ctx["now"] is not None:
        base_ctx["now"] = _parse_time(base_ctx["now"])  # naive or ISO text: taken as UTC
    results: list[CriterionResult] = []
    for criterion in rubric.machine_criteria:
        gate = _applicability_gate(criterion, kind, status)
        if gate is not None:
            results.append(gate)
            continue
        gated = _channel_gate(criterion, evidence)
        if gated is not None:
            results.append(gated)
            continue
        fn = CRITERIA.get(criterion.id)
        if fn is None:
            results.append(_not_measured(criterion, TEXTS["no_implementation"]))
            continue
        ctx = dict(base_ctx, params=dict(criterion.params))
        try:
            result = fn(evidence, ctx)
            if not isinstance(result, CriterionResult):
                raise TypeError(
                    f"{criterion.id} returned {type(result).__name__}, not CriterionResult"
                )
        except Exception as exc:
            if strict:
                raise
            results.append(
                _not_measured(criterion, TEXTS["crashed"], error=f"{type(exc).__name__}: {exc}")
            )
            continue
        if result.id != criterion.id:
            result = replace(result, id=criterion.id)
        results.append(result)
    return results


def not_applicable(criterion: Criterion, kind: str) -> CriterionResult:
    return CriterionResult(
        criterion.id,
        NOT_APPLICABLE,
        None,
        TEXTS["not_applicable"].format(kind=KIND_BY_CODE[kind].label),
    )


def human_result(criterion: Criterion, scores: Iterable[float]) -> CriterionResult:
    """Jurors' scores on the criterion's 0..scale_max scale -> one result (median, 0..1)."""
    if criterion.scale_max is None:
        raise ValueError(f"{criterion.id} is not scored by jurors")
    values = [float(s) for s in scores]
    for v in values:
        if not 0 <= v <= criterion.scale_max:
            raise ValueError(f"{criterion.id}: score {v:g} outside 0..{criterion.scale_max:g}")
    if not values:
        return CriterionResult(criterion.id, NOT_MEASURED, None, TEXTS["no_scores"])
    median = statistics.median(values)
    score = median / criterion.scale_max
    spread = max(values) - min(values)
    n = len(values)
    who = "juror" if n == 1 else "jurorów"
    text = TEXTS["jurors"].format(
        n=n,
        who=who,
        median=median,
        scale=criterion.scale_max,
        spread=f", rozrzut {spread:g}" if n > 1 else "",
    )
    details = {"scores": sorted(values), "median": median, "spread": spread, "jurors": n}
    return CriterionResult(criterion.id, status_for(score), score, text, (), details)


def _round_points(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _awaits_juror(result: CriterionResult) -> bool:
    """A machine result that may block only once a juror's correction confirms it (EML-Q4,
    review domain-2026-12 §2.4 F36): until then it scores but does not block."""
    details = result.details or {}
    return bool(details.get("blocking_needs_juror")) and "override" not in details


def combine(
    rubric: Rubric,
    kind: str,
    results: Iterable[CriterionResult],
    status: Mapping[str, Any] | None = None,
) -> ParticipantScore:
    """Criterion results (machine and human, any order) -> the participant's score.

    Every rubric criterion appears in the output, in rubric order: one that does not apply
    to `kind` (or, by its conditions, to the legal `status`) is not_applicable whatever was
    passed, one whose conditions the status leaves undecided not_measured; one with no
    result is not_measured.
    """
    if kind not in KIND_BY_CODE:
        raise ValueError(f"unknown participant kind {kind!r}")
    by_id: dict[str, CriterionResult] = {}
    for r in results:
        if r.id in by_id:
            raise ValueError(f"two results for criterion {r.id}")
        by_id[r.id] = r
    unknown = set(by_id) - {c.id for c in rubric.criteria}
    if unknown:
        raise ValueError(f"results for criteria not in rubric {rubric.version}: {sorted(unknown)}")

    ordered: dict[str, CriterionResult] = {}
    for c in rubric.criteria:
        gate = _applicability_gate(c, kind, status)
        if gate is not None:
            ordered[c.id] = gate
        elif c.id in by_id:
            ordered[c.id] = by_id[c.id]
        else:
            ordered[c.id] = _not_measured(c, TEXTS["no_result"])

    categories: list[CategoryScore] = []
    weighted: list[float] = []
    measured_category_weights: list[float] = []
    for cat in rubric.categories:
        members = [rubric.criterion(cid) for cid in cat.criteria]
        applicable = [c for c in members if ordered[c.id].status != NOT_APPLICABLE]
        scored = [c for c in applicable if ordered[c.id].status in SCORED_STATUSES]
        applicable_weight = math.fsum(c.weight for c in applicable)
        scored_weight = math.fsum(c.weight for c in scored)
        if scored and scored_weight > 0:
            score = math.fsum(c.weight * ordered[c.id].score for c in scored) / scored_weight
            score = min(1.0, max(0.0, score))
            weighted.append(cat.weight * score)
            measured_category_weights.append(cat.weight)
        else:
            score = None
        measured_share = scored_weight / applicable_weight if applicable_weight > 0 else 0.0
        categories.append(CategoryScore(cat.id, cat.name, cat.weight, score, measured_share))

    total_weight = math.fsum(measured_category_weights)
    points = _round_points(100.0 * math.fsum(weighted) / total_weight) if total_weight > 0 else None
    criteria = tuple(ordered.values())
    return ParticipantScore(
        points=points,
        categories=tuple(categories),
        criteria=criteria,
        blocking_failed=tuple(
            r.id
            for r in criteria
            if r.status == FAIL and rubric.criterion(r.id).blocking and not _awaits_juror(r)
        ),
        not_measured=tuple(r.id for r in criteria if r.status == NOT_MEASURED),
    )
