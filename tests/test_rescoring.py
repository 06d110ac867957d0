"""The packaged rubrics end to end: e-mail evidence and jurors' scores into points, re-scored."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from results.overrides import apply_override
from rubrics.engine import combine, evaluate, human_result
from rubrics.rubric import load_rubric
from tests import email_world as w

KIND = "gmina_wiejska"


def score(version, evidence, juror_scores):
    rubric = load_rubric(version)
    results = evaluate(rubric, KIND, evidence, strict=True)
    results += [human_result(c, juror_scores.get(c.id, [])) for c in rubric.human_criteria]
    return rubric, combine(rubric, KIND, results)


@pytest.fixture(scope="module")
def evidence():
    silent = w.artifact(enquiry_id=2, state="unanswered")
    vague = w.artifact(
        w.message(
            "Dzień dobry, proszę o kontakt telefoniczny. Pozdrawiam", after=timedelta(hours=2)
        ),
        enquiry_id=1,
    )
    return {"website": None, "email": [vague, silent]}


JURORS = {"HUM-VISIT": [4, 5, 4], "HUM-PHONE": [3, 4], "HUM-IMPRESSION": [4]}


def test_points_from_email_and_jurors_only(evidence):
    rubric, result = score("2027.1", evidence, JURORS)
    cats = {c.id: c for c in result.categories}
    assert cats["informacja"].score is None and cats["strona"].score is None
    assert cats["email"].score is not None and cats["obsluga"].score is not None
    # Website and the unscored human criteria are listed, not counted as zero.
    assert "INF-01" in result.not_measured and "HUM-SOCIAL" in result.not_measured
    assert "INF-16" not in result.not_measured  # cooperatives only: not applicable
    expected = 100 * (25 * cats["email"].score + 25 * cats["obsluga"].score) / 50
    assert result.points == pytest.approx(expected, abs=0.005)
    # obsluga: VISIT 0.8 (30), PHONE 0.7 (25), IMPRESSION 0.8 (25) over 80.
    assert cats["obsluga"].score == pytest.approx((30 * 0.8 + 25 * 0.7 + 25 * 0.8) / 80)
    assert cats["obsluga"].measured_weight == pytest.approx(80 / 100)


def test_rescoring_with_another_version_is_deterministic_and_differs(evidence):
    r1, first = score("2027.1", evidence, JURORS)
    r2, second = score("2027.2", evidence, JURORS)
    assert repr(score("2027.1", evidence, JURORS)[1]) == repr(first)
    assert repr(score("2027.2", evidence, JURORS)[1]) == repr(second)
    # 2027.2 makes an unanswered question (EML-Q4) block the licence — once a juror confirms
    # it: the machine alone never blocks on Q4 (review domain-2026-12 §2.4 F36).
    q4 = {r.id: r for r in second.criteria}["EML-Q4"]
    assert q4.status == "fail" and q4.details["blocking_needs_juror"] is True
    assert second.blocking_failed == () and first.blocking_failed == ()
    confirmed = apply_override(
        q4, SimpleNamespace(pk=1, actor="Jan Juror", reason="brak", status="fail", score=0.0)
    )
    others = [r for r in second.criteria if r.id != "EML-Q4"]
    assert combine(r2, KIND, [*others, confirmed]).blocking_failed == ("EML-Q4",)
    assert r1.threshold == 70 and r2.threshold == 65
    # Same evidence, same category scores; e-mail and jurors weigh 25/25 in both versions, so
    # without website evidence the points agree — the versions differ in what blocks.
    c1, c2 = ({c.id: c.score for c in s.categories} for s in (first, second))
    assert c1 == c2 and second.points == first.points


def test_category_weights_change_the_points(evidence):
    from rubrics.outcome import CriterionResult

    website = [
        CriterionResult("INF-01", "pass", 1.0, "dane kontaktowe na stronie"),
        CriterionResult("TEC-04", "partial", 0.5, "połowa stron bez błędów WCAG"),
    ]
    points = {}
    for version in ("2027.1", "2027.2"):
        rubric = load_rubric(version)
        results = [r for r in evaluate(rubric, KIND, evidence) if r.id not in ("INF-01", "TEC-04")]
        results += website + [human_result(c, JURORS.get(c.id, [])) for c in rubric.human_criteria]
        out = combine(rubric, KIND, results)
        cats = {c.id: c.score for c in out.categories}
        assert cats["informacja"] == 1.0 and cats["strona"] == 0.5
        weights = {c.id: c.weight for c in rubric.categories}
        expected = 100 * sum(weights[k] * v for k, v in cats.items()) / sum(weights.values())
        assert out.points == pytest.approx(expected, abs=0.005)
        points[version] = out.points
    assert points["2027.1"] != points["2027.2"]
