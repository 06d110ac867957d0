"""Ranking over several enquiries per participant: each is judged alone, the median decides."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from datetime import timedelta

import pytest

from results.evidence_index import record_artifact
from results.evidence_store import EvidenceStore
from results.models import CriterionResultRecord
from results.scoring import rescore
from rubrics.implementations import load_implementations
from tests import email_world as w


@pytest.fixture
def store(tmp_path, settings):
    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, data_dir=tmp_path)
    return EvidenceStore()


def criteria_of(run, participant) -> dict:
    return {
        r.criterion_id: r
        for r in CriterionResultRecord.objects.filter(
            score_record__run=run, score_record__participant=participant
        )
    }


def test_two_enquiries_score_the_median_and_rank_between(edition, make_participant, store):
    load_implementations()
    answered = w.artifact(
        w.message(w.EXEMPLARY, signature=w.EXEMPLARY_SIGNATURE, after=timedelta(hours=2)),
        enquiry_id=1,
        state="answered",
    )
    unanswered = w.artifact(enquiry_id=2, state="unanswered")
    always = make_participant("Gmina Zawsze")  # answers both
    once = make_participant("Gmina Raz")  # answers one of two
    never = make_participant("Gmina Nigdy")  # answers neither
    plan = {
        always: [answered, dict(answered, enquiry=dict(answered["enquiry"], id=3))],
        once: [answered, unanswered],
        never: [unanswered, dict(unanswered, enquiry=dict(unanswered["enquiry"], id=4))],
    }
    for participant, artifacts in plan.items():
        for artifact in artifacts:
            sha = store.put(json.dumps(artifact).encode(), "application/json", "test")
            record_artifact(
                edition,
                participant.pk,
                "email",
                sha,
                dt.datetime(2027, 3, 20, tzinfo=dt.UTC),
                source=f"enquiry:{participant.pk}-{artifact['enquiry']['id']}",
            )
    run = rescore(edition, "2027.1", store=store)
    full = criteria_of(run, always)["EML-LAT"]
    half = criteria_of(run, once)["EML-LAT"]
    none = criteria_of(run, never)["EML-LAT"]
    assert full.details["judged"] == half.details["judged"] == none.details["judged"] == 2
    assert full.score > 0 and none.score == 0
    # The median of two judged enquiries is their mean: half of the answered one's score.
    assert half.score == pytest.approx(full.score / 2)
    assert half.explanation.startswith("Mediana z 2 zapytań")
    scores = [criteria_of(run, p)["EML-Q4"].score for p in (always, once, never)]
    assert scores[0] > scores[1] > scores[2]
    points = {r.participant_id: r.points for r in run.scores.all()}
    assert points[always.pk] > points[once.pk] > points[never.pk]


def test_the_editions_days_off_count_at_rescoring(edition, make_participant, store):
    """Declared days off (`auditor edition days-off`) reach EML-LAT at the next re-scoring,
    without re-probing, and change the run's input digest."""
    load_implementations()
    sent = dt.datetime(2026, 8, 13, 8, 0, tzinfo=dt.UTC)  # Thursday 10:00 in Warsaw
    reply = w.message(w.EXEMPLARY, after=timedelta(0))
    reply["received_at"] = "2026-08-17T08:00:00Z"  # Monday 10:00
    art = w.artifact(reply, sent_at=sent, state="answered")
    participant = make_participant("Gmina Zastępcza")
    sha = store.put(json.dumps(art).encode(), "application/json", "test")
    record_artifact(edition, participant.pk, "email", sha, sent, source="enquiry:1")

    before = rescore(edition, "2027.1", store=store)
    edition.days_off = ["2026-08-14"]
    edition.save()
    after = rescore(edition, "2027.1", store=store)
    first = [
        criteria_of(run, participant)["EML-LAT"].details["enquiries"][0]["first"]["points"]
        for run in (before, after)
    ]
    assert first == [75, 90]
    assert before.input_digest != after.input_digest
