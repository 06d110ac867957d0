"""From per-enquiry verdicts to one criterion result: the median over the judged enquiries.

Every e-mail criterion judges each enquiry of the participant alone, then takes the median
of the enquiries that could be judged (DOMAIN.md §5(c)). Enquiries that could not be judged
(ours, or still waiting) are listed and leave the median; their failures (refused address,
bounce, no reply) are judged enquiries scored 0, with proof.
"""

from __future__ import annotations

import statistics
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rubrics.calendar import WARSAW, parse_days_off
from rubrics.email.timeline import (
    BOUNCED,
    CLOSED,
    NOT_SENT,
    OPEN,
    REFUSED,
    Timeline,
    build_timeline,
)
from rubrics.engine import status_for
from rubrics.outcome import NOT_MEASURED, CriterionResult

TEXTS = {
    NOT_SENT: "zapytanie nie zostało wysłane albo jego wysłanie jest niepewne (po naszej stronie)",
    OPEN: "czekamy na odpowiedź — termin {deadline} jeszcze nie minął",
    REFUSED: "serwer uczestnika odrzucił wiadomość (adres nie działa): {smtp}",
    BOUNCED: "wiadomość wróciła jako niedoręczona ({reason}), odpowiedzi brak",
    "no_reply": "brak odpowiedzi do upływu terminu {deadline}",
    "none_measured": "Nie oceniono żadnego zapytania: {why}.",
    "one": "{text}",
    "many": "Mediana z {n} zapytań: {median:.0%}. {parts}",
}


@dataclass(frozen=True)
class Verdict:
    """One enquiry judged by one criterion; score None = not measured."""

    enquiry_id: Any
    score: float | None
    explanation: str
    evidence: tuple[dict[str, Any], ...] = ()
    details: dict[str, Any] = field(default_factory=dict)


def _date(dt: Any) -> str:
    """A deadline as jurors read it: the end of its day, in Polish time."""
    return dt.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M") if dt is not None else "?"


def gate(timeline: Timeline) -> Verdict | None:
    """The verdict shared by all criteria when the enquiry's state decides alone; None to judge."""
    t = timeline
    if t.state == NOT_SENT:
        return Verdict(t.enquiry_id, None, TEXTS[NOT_SENT])
    if t.state == OPEN:
        return Verdict(t.enquiry_id, None, TEXTS[OPEN].format(deadline=_date(t.deadline_at)))
    if t.state == REFUSED:
        smtp = t.enquiry.get("smtp_response") or "brak odpowiedzi serwera"
        return Verdict(t.enquiry_id, 0.0, TEXTS[REFUSED].format(smtp=smtp), (t.enquiry_proof(),))
    if t.state == BOUNCED:
        proof = t.bounce.proof(
            t.enquiry_id, snippet=(t.bounce.message.get("bounce") or {}).get("status")
        )
        return Verdict(
            t.enquiry_id,
            0.0,
            TEXTS[BOUNCED].format(reason=t.bounce.cls.reason),
            (t.enquiry_proof(), proof),
        )
    assert t.state == CLOSED
    return None


def no_reply(timeline: Timeline) -> Verdict:
    return Verdict(
        timeline.enquiry_id,
        0.0,
        TEXTS["no_reply"].format(deadline=_date(timeline.deadline_at)),
        (timeline.enquiry_proof(),),
    )


# Ten criteria read the same artifacts in turn: build each timeline once. Keyed by the
# artifact's identity (held, so the id cannot be reused) and the evidence time; artifacts
# are immutable evidence, so a cached timeline is the same as a fresh one.
_TIMELINES: OrderedDict[tuple[int, Any], tuple[dict[str, Any], Timeline]] = OrderedDict()
_TIMELINES_MAX = 256
_TIMELINES_LOCK = threading.Lock()


def timeline_of(
    artifact: dict[str, Any],
    now: Any,
    days_off: frozenset[date] = frozenset(),
    kind: str | None = None,
) -> Timeline:
    key = (id(artifact), now, days_off, kind)
    with _TIMELINES_LOCK:
        hit = _TIMELINES.get(key)
        if hit is not None and hit[0] is artifact:
            _TIMELINES.move_to_end(key)
            return hit[1]
    timeline = build_timeline(artifact, now, days_off, kind)
    with _TIMELINES_LOCK:
        _TIMELINES[key] = (artifact, timeline)
        while len(_TIMELINES) > _TIMELINES_MAX:
            _TIMELINES.popitem(last=False)
    return timeline


def days_off_of(ctx: dict[str, Any]) -> frozenset[date]:
    """The edition's declared days off (ctx "days_off", ISO dates); a bad one is ignored."""
    try:
        return parse_days_off(ctx.get("days_off"))
    except ValueError:
        return frozenset()


def judge_enquiries(
    criterion_id: str,
    evidence: dict[str, Any],
    ctx: dict[str, Any],
    judge: Callable[[Timeline, dict[str, Any]], Verdict],
) -> CriterionResult:
    """Judge every enquiry with `judge` (called only for closed enquiries) and aggregate."""
    verdicts = []
    days_off = days_off_of(ctx)
    for artifact in sorted(
        evidence.get("email") or (), key=lambda a: str((a.get("enquiry") or {}).get("id"))
    ):
        # The kind decides the legal regime when the enquiry recorded none (UDIP art. 13 ust. 2
        # extensions count only under it).
        timeline = timeline_of(artifact, ctx.get("now"), days_off, ctx.get("kind"))
        verdicts.append(gate(timeline) or judge(timeline, ctx))
    return aggregate(criterion_id, verdicts)


def aggregate(criterion_id: str, verdicts: Iterable[Verdict]) -> CriterionResult:
    verdicts = list(verdicts)
    judged = [v for v in verdicts if v.score is not None]
    per_enquiry = [
        {"enquiry_id": v.enquiry_id, "score": v.score, "explanation": v.explanation, **v.details}
        for v in verdicts
    ]
    if not judged:
        why = "; ".join(sorted({v.explanation for v in verdicts})) or "brak zapytań"
        return CriterionResult(
            criterion_id,
            NOT_MEASURED,
            None,
            TEXTS["none_measured"].format(why=why),
            (),
            {"enquiries": per_enquiry},
        )
    score = float(statistics.median(v.score for v in judged))
    if len(verdicts) == 1:
        explanation = verdicts[0].explanation
    else:
        parts = " ".join(
            f"Zapytanie {v.enquiry_id}: {v.explanation}"
            + ("" if v.score is None else f" ({v.score:.0%})")
            + ("" if v.explanation.endswith(".") else ".")
            for v in verdicts
        )
        explanation = TEXTS["many"].format(n=len(judged), median=score, parts=parts)
    explanation = explanation[:1].upper() + explanation[1:]
    if not explanation.endswith("."):
        explanation += "."
    evidence = tuple(e for v in judged for e in v.evidence)
    details = {"median": score, "enquiries": per_enquiry, "judged": len(judged)}
    return CriterionResult(criterion_id, status_for(score), score, explanation, evidence, details)
