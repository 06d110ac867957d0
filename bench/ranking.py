"""Benchmark: score and rank 10,000 synthetic participants with 60 criteria each, then
export the ranking to XLSX. Targets: under 10 s each.

    .venv/bin/python bench/ranking.py [--participants 10000] [--criteria 60] [--output FILE]

Scoring uses the real engine (rubrics.engine.combine) on a synthetic 60-criterion rubric;
ranking and export are the real results.ranking and results.exports. Timed with
time.perf_counter; the data are seeded, so runs are comparable.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
os.environ.setdefault("AUDITOR_DATA_DIR", tempfile.mkdtemp(prefix="auditor-bench-"))

import django  # noqa: E402

django.setup()

from results.exports import export_xlsx  # noqa: E402
from results.ranking import rank  # noqa: E402
from results.scoring import canonical, entrants  # noqa: E402
from rubrics.engine import combine  # noqa: E402
from rubrics.kinds import KIND_CODES  # noqa: E402
from rubrics.outcome import CriterionResult  # noqa: E402
from rubrics.rubric import Category, Criterion, Rubric  # noqa: E402

CATEGORIES = (("informacja", 30.0), ("strona", 20.0), ("email", 25.0), ("obsluga", 25.0))


def synthetic_rubric(n_criteria: int) -> Rubric:
    criteria = []
    members: dict[str, list[str]] = {cid: [] for cid, _ in CATEGORIES}
    for i in range(n_criteria):
        category = CATEGORIES[i % len(CATEGORIES)][0]
        human = category == "obsluga"
        cid = f"C-{i:03d}"
        members[category].append(cid)
        criteria.append(
            Criterion(
                id=cid,
                name=f"Kryterium {i}",
                channel="visit" if human else ("email" if category == "email" else "website"),
                applies_to=("all",),
                kinds=frozenset(KIND_CODES),
                weight=float(1 + i % 10),
                method="juror" if human else "auto",
                scale_max=5.0 if human else None,
                legal_ref=None,
                blocking=i % 17 == 0,
                params={},
            )
        )
    return Rubric(
        version="bench.1",
        name="bench",
        threshold=70.0,
        statuettes_per_category=3,
        categories=tuple(Category(cid, cid, w, tuple(members[cid])) for cid, w in CATEGORIES),
        criteria=tuple(criteria),
        sha256="0" * 64,
    )


def synthetic_results(rubric: Rubric, rng: random.Random) -> list[CriterionResult]:
    results = []
    for c in rubric.criteria:
        roll = rng.random()
        if roll < 0.05:
            results.append(CriterionResult(c.id, "not_measured", None, "Nie zmierzono."))
        elif roll < 0.10:
            results.append(CriterionResult(c.id, "not_applicable", None, "Nie dotyczy."))
        else:
            score = rng.choice((0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0))
            status = "pass" if score >= 0.75 else ("partial" if score > 0 else "fail")
            results.append(CriterionResult(c.id, status, score, "Wyjaśnienie wyniku kryterium."))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--criteria", type=int, default=60)
    parser.add_argument("--output", help="Where to write the XLSX (default: a temporary file).")
    args = parser.parse_args()

    rng = random.Random(2027)
    rubric = synthetic_rubric(args.criteria)
    people = [
        {
            "participant_id": i + 1,
            "name": f"Uczestnik {rng.randrange(10**6):06d}",
            "kind": rng.choice(KIND_CODES),
            "employees": rng.randrange(0, 400),
            "region": "mazowieckie",
        }
        for i in range(args.participants)
    ]
    inputs = [synthetic_results(rubric, rng) for _ in people]
    spec = {c.id: c for c in rubric.criteria}
    category_of = {cid: cat.id for cat in rubric.categories for cid in cat.criteria}

    start, cpu = time.perf_counter(), time.process_time()
    participants = []
    for person, results in zip(people, inputs, strict=True):
        score = combine(rubric, person["kind"], results)
        participants.append(
            {
                **person,
                "points": score.points,
                "categories": canonical([asdict(c) for c in score.categories]),
                "blocking_failed": list(score.blocking_failed),
                "not_measured": list(score.not_measured),
                "criteria": [
                    {
                        "criterion_id": r.id,
                        "name": spec[r.id].name,
                        "channel": spec[r.id].channel,
                        "category": category_of[r.id],
                        "weight": spec[r.id].weight,
                        "blocking": spec[r.id].blocking,
                        "status": r.status,
                        "score": r.score,
                        "explanation": r.explanation,
                        "evidence": [],
                        "details": {},
                        "source": "machine",
                        "original": None,
                    }
                    for r in score.criteria
                ],
            }
        )
    ranking = rank(entrants(participants), rubric.threshold, rubric.statuettes_per_category)
    scoring_s, scoring_cpu = time.perf_counter() - start, time.process_time() - cpu

    run = SimpleNamespace(
        edition=SimpleNamespace(year=2027),
        rubric_version=rubric.version,
        input_digest="0" * 64,
        output_digest="0" * 64,
        threshold=rubric.threshold,
        statuettes_per_category=rubric.statuettes_per_category,
    )
    start, cpu = time.perf_counter(), time.process_time()
    body = export_xlsx(run, ranking, participants)
    output = Path(args.output) if args.output else Path(tempfile.mkstemp(suffix=".xlsx")[1])
    output.write_bytes(body)
    export_s, export_cpu = time.perf_counter() - start, time.process_time() - cpu

    licensed = sum(1 for e in ranking.entries if e.licence)
    rows = sum(len(p["criteria"]) for p in participants)
    print(
        f"participants: {len(participants)}, criteria each: {args.criteria}, licensed: {licensed}"
    )
    # Wall time is what the target is about; CPU time shows how much of it was ours on a
    # shared machine.
    print(f"scoring + ranking: {scoring_s:.2f} s wall, {scoring_cpu:.2f} s CPU (target < 10 s)")
    print(
        f"XLSX export:       {export_s:.2f} s wall, {export_cpu:.2f} s CPU (target < 10 s), "
        f"{len(body) / 1e6:.1f} MB, {rows} criterion rows"
    )
    if not args.output:
        output.unlink()


if __name__ == "__main__":
    main()
