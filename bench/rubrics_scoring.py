"""Benchmark: combine() for 10,000 participants and e-mail judging for 1,000 participants.

Run: .venv/bin/python bench/rubrics_scoring.py
Synthetic, seeded input; prints wall-clock figures. Not a test: figures go in reports.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rubrics.engine import combine, evaluate, human_result  # noqa: E402
from rubrics.kinds import KIND_CODES  # noqa: E402
from rubrics.outcome import NOT_MEASURED, CriterionResult  # noqa: E402
from rubrics.rubric import load_rubric  # noqa: E402
from tests import email_world as w  # noqa: E402


def synthetic_results(rubric, kind, rng):
    out = []
    for c in rubric.criteria:
        if c.is_human:
            out.append(human_result(c, [rng.randint(0, 5) for _ in range(3)]))
        elif rng.random() < 0.05:
            out.append(CriterionResult(c.id, NOT_MEASURED, None, "nie mierzono"))
        else:
            score = rng.choice((0.0, 0.5, 1.0, rng.random()))
            status = "pass" if score >= 0.75 else ("partial" if score > 0 else "fail")
            out.append(CriterionResult(c.id, status, score, "syntetyczny"))
    return out


def main() -> None:
    rng = random.Random(2027)
    rubric = load_rubric("2027.1")
    n = 10_000
    participants = [
        (k := rng.choice(KIND_CODES), synthetic_results(rubric, k, rng)) for _ in range(n)
    ]
    t0 = time.perf_counter()
    for kind, results in participants:
        combine(rubric, kind, results)
    t1 = time.perf_counter()
    print(f"combine: {n} participants × {len(rubric.criteria)} criteria in {t1 - t0:.2f} s")

    m = 1_000
    enquiries = []
    for i in range(m):
        text = rng.choice((w.EXEMPLARY, w.RUDE, w.HOLDING, w.REFERRAL, w.OUTLOOK, w.NO_DIACRITICS))
        after = timedelta(hours=rng.randint(1, 300))
        enquiries.append(
            [
                w.artifact(
                    w.message(text, after=after, signature=w.EXEMPLARY_SIGNATURE),
                    enquiry_id=i * 3 + j,
                    state="unanswered",
                )
                for j in range(3)
            ]
        )
    t0 = time.perf_counter()
    for batch in enquiries:
        evaluate(rubric, "gmina_wiejska", {"website": None, "email": batch}, strict=True)
    t1 = time.perf_counter()
    print(f"e-mail judging: {m} participants × 3 enquiries × 10 criteria in {t1 - t0:.2f} s")


if __name__ == "__main__":
    main()
