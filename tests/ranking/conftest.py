"""Factories for the ranking tests: editions, participants and stored score runs."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import make_edition
from tests.factories import make_participant as new_participant

_counter = itertools.count(1)


@pytest.fixture
def edition(db):
    return make_edition(2027, rubric_version="2027.1")


@pytest.fixture
def make_participant(db):
    def make(name: str, kind: str = "gmina_wiejska", employees: int = 10, **extra):
        host = f"host{next(_counter)}.example.pl"
        fields = {"identity_key": host, "emails": [f"sekretariat@{host}"]} | extra
        return new_participant(host=host, name=name, kind=kind, employees=employees, **fields)

    return make


@pytest.fixture
def store_run(db):
    """Store a score run directly: {participant: (points, categories, blocking, criteria)}.

    A fifth element, when given, is the participant's licence gaps (rubrics.licence);
    without it the assessment is complete ([]).
    """
    from results.models import CriterionResultRecord, ParticipantScoreRecord, ScoreRun

    def store(edition, scores, threshold=70.0, statuettes=1, rubric_version="test.1"):
        run = ScoreRun.objects.create(
            edition=edition,
            rubric_version=rubric_version,
            input_digest="0" * 64,
            threshold=threshold,
            statuettes_per_category=statuettes,
        )
        for participant, (points, categories, blocking, criteria, *gaps) in scores.items():
            record = ParticipantScoreRecord.objects.create(
                run=run,
                participant=participant,
                points=points,
                categories=[
                    {"id": cid, "name": cid, "weight": 0.5, "score": s, "measured_weight": 1.0}
                    for cid, s in categories.items()
                ],
                blocking_failed=list(blocking),
                not_measured=[],
                licence_gaps=gaps[0] if gaps else [],
            )
            for cid, status, score in criteria:
                CriterionResultRecord.objects.create(
                    score_record=record,
                    criterion_id=cid,
                    name=f"Kryterium {cid}",
                    channel="website",
                    category="information",
                    weight=5.0,
                    status=status,
                    score=score,
                    explanation=f"Wyjaśnienie {cid}",
                    source="machine",
                )
        return run

    return store
