"""The licence gate: what must be assessed before a participant's points can earn a licence.

The competition licenses institutions that "pass the mystery-client assessment" and reach
a high level of points. Points alone are not enough when the assessment is incomplete:
"not measured" never counts as zero for a single criterion, but a whole missing channel
must never turn into a licence (docs/ranking.md). The rubric's `licence` section sets:

* `min_jurors` — every applicable jurors' criterion scored by at least this many jurors;
* `channels_measured` — machine channels of which at least one applicable criterion must
  be scored (by default the e-mail mystery client);
* `min_measured_share` — the measured share of the applicable weight: the category
  weights of the categories with anything applicable, each times the share of its
  applicable criteria's weight that was scored.

`licence_gaps` lists, in Polish, what is missing; an empty list means the gate is passed
and the usual threshold and blocking rules decide. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from rubrics.outcome import NOT_APPLICABLE, SCORED_STATUSES, ParticipantScore
from rubrics.rubric import Rubric

CHANNEL_LABELS = {"website": "strona", "accessibility": "dostępność strony", "email": "e-mail"}

TEXTS = {
    "jurors": "za mało ocen jurorów (wymagane {need} na kryterium): {which}",
    "channel": "nie zmierzono kanału: {channel}",
    "share": "zmierzono {share} wagi kryteriów (wymagane co najmniej {need})",
}


def _percent(value: float) -> str:
    text = f"{value * 100:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} %"


def measured_share(rubric: Rubric, score: ParticipantScore) -> float:
    """The measured share of the applicable weight, 0..1 (0 when nothing applies)."""
    by_id = {r.id: r for r in score.criteria}
    numerator: list[float] = []
    denominator: list[float] = []
    for cat in rubric.categories:
        members = [rubric.criterion(cid) for cid in cat.criteria]
        applicable = [c for c in members if by_id[c.id].status != NOT_APPLICABLE]
        applicable_weight = math.fsum(c.weight for c in applicable)
        if applicable_weight <= 0:
            continue
        scored = math.fsum(c.weight for c in applicable if by_id[c.id].status in SCORED_STATUSES)
        denominator.append(cat.weight)
        numerator.append(cat.weight * scored / applicable_weight)
    total = math.fsum(denominator)
    return math.fsum(numerator) / total if total > 0 else 0.0


def licence_gaps(
    rubric: Rubric, score: ParticipantScore, juror_counts: Mapping[str, int]
) -> tuple[str, ...]:
    """What is missing for the licence, in Polish; () when the assessment is complete.

    `juror_counts` maps a jurors' criterion id to the number of jurors who scored it.
    """
    rules = rubric.licence
    by_id = {r.id: r for r in score.criteria}
    gaps: list[str] = []
    short = [
        f"{c.id} {juror_counts.get(c.id, 0)}"
        for c in rubric.human_criteria
        if by_id[c.id].status != NOT_APPLICABLE and juror_counts.get(c.id, 0) < rules.min_jurors
    ]
    if short:
        gaps.append(TEXTS["jurors"].format(need=rules.min_jurors, which=", ".join(short)))
    for channel in rules.channels_measured:
        members = [c for c in rubric.machine_criteria if c.channel == channel]
        applicable = [c for c in members if by_id[c.id].status != NOT_APPLICABLE]
        if applicable and not any(by_id[c.id].status in SCORED_STATUSES for c in applicable):
            gaps.append(TEXTS["channel"].format(channel=CHANNEL_LABELS.get(channel, channel)))
    share = measured_share(rubric, score)
    if share < rules.min_measured_share - 1e-9:
        gaps.append(
            TEXTS["share"].format(share=_percent(share), need=_percent(rules.min_measured_share))
        )
    return tuple(gaps)
