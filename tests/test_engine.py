"""The scoring engine: statuses decided uniformly, juror medians, combine arithmetic, determinism."""

from __future__ import annotations

import random
import textwrap
from datetime import UTC, datetime

import pytest

from probes.failures import FAILURE_KINDS
from rubrics.engine import _round_points, combine, evaluate, human_result, status_for
from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED, PARTIAL, PASS, CriterionResult
from rubrics.registry import CRITERIA, Param, criterion, whole
from rubrics.rubric import parse_rubric

seen_ctx: list[dict] = []


@criterion("TST-LANG", (Param("min", "test", 0, whole()),))
def pages_in_polish(evidence, ctx):
    """Share of crawled pages declaring lang="pl" (a tiny real criterion for the engine)."""
    seen_ctx.append(ctx)
    pages = evidence["website"]["pages"]
    share = sum(p.get("lang") == "pl" for p in pages) / len(pages)
    status = PASS if share == 1 else (PARTIAL if share else FAIL)
    return CriterionResult("TST-LANG", status, share, f"{share:.0%} stron po polsku")


@criterion("TST-ANSWERED")
def answered(evidence, ctx):
    ok = sum(a["enquiry"]["state"] == "answered" for a in evidence["email"]) / len(
        evidence["email"]
    )
    return CriterionResult("TST-ANSWERED", status_for(ok), ok, "odpowiedzi")


@criterion("TST-COOP")
def enough_pages(evidence, ctx):
    ok = len(evidence["website"]["pages"]) >= 2
    return CriterionResult("TST-COOP", PASS if ok else FAIL, float(ok), "strony")


@criterion("TST-CRASH")
def crashes(evidence, ctx):
    return evidence["website"]["pages"][99]["lang"]


RUBRIC = textwrap.dedent(
    """\
    version: "t.1"
    name: Rubryka testowa
    categories:
      - {id: strona, name: Strona, weight: 60, criteria: [TST-LANG, TST-COOP, TST-CRASH]}
      - {id: email, name: E-mail, weight: 20, criteria: [TST-ANSWERED]}
      - {id: ludzie, name: Ludzie, weight: 20, criteria: [H-VISIT]}
    criteria:
      - {id: TST-LANG, name: Język, channel: website, applies_to: all, weight: 3, blocking: true, params: {min: 1}}
      - {id: TST-COOP, name: Spółdzielnia, channel: accessibility, applies_to: [S], weight: 1}
      - {id: TST-CRASH, name: Błąd, channel: website, applies_to: [W], weight: 1}
      - {id: TST-ANSWERED, name: Odpowiedź, channel: email, applies_to: all, weight: 1}
      - {id: H-VISIT, name: Wizyta, channel: visit, applies_to: all, weight: 1, method: juror, scale_max: 5}
    """
)


@pytest.fixture(scope="module")
def rubric():
    return parse_rubric(RUBRIC)


def website(outcome="ok", langs=("pl", "pl"), failure=None):
    return {
        "schema": "website/1",
        "start_url": "https://gmina.example.pl/",
        "started_at": "2027-03-01T09:00:00Z",
        "finished_at": "2027-03-01T09:04:30Z",
        "outcome": outcome,
        "failure": failure,
        "pages": [
            {"url": f"https://gmina.example.pl/{i}", "lang": lang} for i, lang in enumerate(langs)
        ],
    }


def enquiry(state):
    return {"schema": "email/1", "enquiry": {"id": 1, "state": state}, "messages": []}


def by_id(results):
    return {r.id: r for r in results}


def test_calls_criterion_with_evidence_time_and_params(rubric):
    seen_ctx.clear()
    results = by_id(
        evaluate(rubric, "gmina_wiejska", {"website": website(langs=("pl", "en")), "email": []})
    )
    assert results["TST-LANG"].status == PARTIAL and results["TST-LANG"].score == 0.5
    ctx = seen_ctx[-1]
    assert ctx["now"] == datetime(2027, 3, 1, 9, 4, 30, tzinfo=UTC)
    assert ctx["kind"] == "gmina_wiejska" and ctx["group"] == "J" and ctx["params"] == {"min": 1}
    # ctx_extra wins over the evidence time.
    evaluate(
        rubric, "gmina_wiejska", {"website": website()}, {"now": datetime(2030, 1, 1, tzinfo=UTC)}
    )
    assert seen_ctx[-1]["now"] == datetime(2030, 1, 1, tzinfo=UTC)
    evaluate(rubric, "gmina_wiejska", {"website": website()}, {"now": "2030-01-02T00:00:00Z"})
    assert seen_ctx[-1]["now"] == datetime(2030, 1, 2, tzinfo=UTC)


def test_not_applicable_by_kind(rubric, monkeypatch):
    results = by_id(evaluate(rubric, "gmina_wiejska", {"website": website()}))
    assert results["TST-COOP"].status == NOT_APPLICABLE and results["TST-COOP"].score is None
    assert "Gmina wiejska" in results["TST-COOP"].explanation
    results = by_id(evaluate(rubric, "spoldzielnia_mieszkaniowa", {"website": website()}))
    assert results["TST-COOP"].status == PASS
    # A cooperative: the criterion applies but has no implementation in this build -> ours.
    monkeypatch.delitem(CRITERIA, "TST-COOP")
    results = by_id(evaluate(rubric, "spoldzielnia_mieszkaniowa", {"website": website()}))
    assert results["TST-COOP"].status == NOT_MEASURED
    assert "nie ocenia jeszcze" in results["TST-COOP"].explanation


def test_missing_or_failed_probe_is_not_measured(rubric):
    for evidence in ({}, {"website": None, "email": None}):
        results = by_id(evaluate(rubric, "powiat", evidence))
        assert results["TST-LANG"].status == NOT_MEASURED
        assert results["TST-ANSWERED"].status == NOT_MEASURED
        assert "H-VISIT" not in results  # human criteria are not the engine's to judge
    ours = website(
        outcome="not_measured",
        failure={"kind": "timeout", "detail": "sonda przekroczyła czas", "ours": True},
    )
    result = by_id(evaluate(rubric, "powiat", {"website": ours}))["TST-LANG"]
    assert result.status == NOT_MEASURED and "sonda przekroczyła czas" in result.explanation


def test_site_failure_is_their_fail_with_proof(rubric):
    seen_ctx.clear()
    down = website(
        outcome="site_failure",
        langs=(),
        failure={"kind": "http_5xx", "detail": "HTTP 503", "ours": False},
    )
    result = by_id(evaluate(rubric, "powiat", {"website": down}))["TST-LANG"]
    assert result.status == FAIL and result.score == 0.0
    assert "niedostępna" in result.explanation and "HTTP 503" in result.explanation
    # One text per kind: the failure catalogue's, not the kind's code.
    assert FAILURE_KINDS["http_5xx"].explanation.rstrip(".") in result.explanation
    assert "http_5xx" not in result.explanation
    assert result.evidence[0]["type"] == "site_failure"
    assert result.evidence[0]["url"] == "https://gmina.example.pl/"
    assert seen_ctx == []  # the criterion itself was never asked


def test_crash_is_ours_unless_strict(rubric):
    result = by_id(evaluate(rubric, "wspolnota_mieszkaniowa", {"website": website()}))["TST-CRASH"]
    assert result.status == NOT_MEASURED and "IndexError" in result.details["error"]
    with pytest.raises(IndexError):
        evaluate(rubric, "wspolnota_mieszkaniowa", {"website": website()}, strict=True)


def test_unknown_kind_rejected(rubric):
    with pytest.raises(ValueError):
        evaluate(rubric, "gmina", {})
    with pytest.raises(ValueError):
        combine(rubric, "gmina", [])


def test_human_result_median_and_status(rubric):
    visit = rubric.criterion("H-VISIT")
    r = human_result(visit, [4, 2, 5])
    assert (r.status, r.score) == (PASS, 0.8)
    assert r.details == {"scores": [2.0, 4.0, 5.0], "median": 4.0, "spread": 3.0, "jurors": 3}
    assert "Mediana ocen (3 jurorów): 4 na 5 możliwych, rozrzut 3." == r.explanation
    assert (
        human_result(visit, [3, 4]).score == 0.7 and human_result(visit, [3, 4]).status == PARTIAL
    )
    assert human_result(visit, [3.75]).status == PASS
    assert human_result(visit, [0, 0, 1]).status == FAIL
    assert human_result(visit, []).status == NOT_MEASURED
    with pytest.raises(ValueError):
        human_result(visit, [6])
    with pytest.raises(ValueError):
        human_result(rubric.criterion("TST-LANG"), [1])


def test_combine_arithmetic(rubric):
    evidence = {"website": website(langs=("pl", "en")), "email": [enquiry("answered")]}
    results = evaluate(rubric, "gmina_wiejska", evidence) + [
        human_result(rubric.criterion("H-VISIT"), [4])
    ]
    score = combine(rubric, "gmina_wiejska", results)
    # strona: TST-LANG 0.5 (TST-COOP, TST-CRASH not applicable); email 1.0; ludzie 0.8.
    assert score.points == 66.0  # (60·0.5 + 20·1 + 20·0.8) / 100
    assert [c.score for c in score.categories] == [0.5, 1.0, 0.8]
    assert [c.measured_weight for c in score.categories] == [1.0, 1.0, 1.0]
    assert [r.id for r in score.criteria] == [
        "TST-LANG",
        "TST-COOP",
        "TST-CRASH",
        "TST-ANSWERED",
        "H-VISIT",
    ]
    assert score.not_measured == () and score.blocking_failed == ()


def test_not_measured_leaves_the_denominator(rubric):
    evidence = {"website": website(langs=("pl", "en")), "email": []}
    results = evaluate(rubric, "gmina_wiejska", evidence)  # no jurors' scores either
    score = combine(rubric, "gmina_wiejska", results)
    assert score.points == 50.0  # only "strona" measured: never counted as zero
    assert score.not_measured == ("TST-ANSWERED", "H-VISIT")
    assert [c.score for c in score.categories] == [0.5, None, None]
    # With the visit scored: (60·0.5 + 20·0.8) / 80.
    results.append(human_result(rubric.criterion("H-VISIT"), [4]))
    assert combine(rubric, "gmina_wiejska", results).points == 57.5


def test_not_measured_inside_a_category_renormalises_criterion_weights(rubric, monkeypatch):
    monkeypatch.delitem(CRITERIA, "TST-COOP")
    # A cooperative: TST-LANG (weight 3) measured at 1.0, TST-COOP (weight 1) has no implementation.
    score = combine(
        rubric,
        "spoldzielnia_mieszkaniowa",
        evaluate(rubric, "spoldzielnia_mieszkaniowa", {"website": website()}),
    )
    strona = score.categories[0]
    assert strona.score == 1.0 and strona.measured_weight == 0.75
    # The same category with TST-COOP failing: (3·1 + 1·0) / 4.
    failing = CriterionResult("TST-COOP", FAIL, 0.0, "brak")
    results = [
        r
        for r in evaluate(rubric, "spoldzielnia_mieszkaniowa", {"website": website()})
        if r.id != "TST-COOP"
    ]
    score = combine(rubric, "spoldzielnia_mieszkaniowa", [*results, failing])
    assert score.categories[0].score == 0.75 and score.points == 75.0


def test_combine_forces_not_applicable_and_fills_missing(rubric):
    stray = CriterionResult("TST-COOP", PASS, 1.0, "nie powinno się liczyć")
    score = combine(rubric, "gmina_wiejska", [stray])
    assert score.criteria[1].status == NOT_APPLICABLE
    assert score.points is None  # nothing measured at all
    assert score.not_measured == ("TST-LANG", "TST-ANSWERED", "H-VISIT")
    with pytest.raises(ValueError, match="not in rubric"):
        combine(rubric, "gmina_wiejska", [CriterionResult("X-1", PASS, 1.0, "")])
    with pytest.raises(ValueError, match="two results"):
        combine(rubric, "gmina_wiejska", [stray, stray])


def test_blocking_failure_is_listed(rubric):
    results = evaluate(
        rubric, "powiat", {"website": website(langs=("en",)), "email": [enquiry("answered")]}
    )
    score = combine(rubric, "powiat", results)
    assert score.blocking_failed == ("TST-LANG",)
    assert score.points == 25.0  # (60·0 + 20·1) / 80
    # A partial result of a blocking criterion does not block.
    partial = combine(
        rubric, "powiat", evaluate(rubric, "powiat", {"website": website(langs=("en", "pl"))})
    )
    assert partial.blocking_failed == ()


def test_determinism_and_order_independence(rubric):
    evidence = {
        "website": website(langs=("pl", "en", "pl")),
        "email": [enquiry("answered"), enquiry("sent"), enquiry("sent")],
    }
    results = evaluate(rubric, "gmina_wiejska", evidence) + [
        human_result(rubric.criterion("H-VISIT"), [3, 4, 4])
    ]
    first = combine(rubric, "gmina_wiejska", results)
    shuffled = list(results)
    random.Random(7).shuffle(shuffled)
    again = combine(rubric, "gmina_wiejska", shuffled)
    assert again == first and repr(again) == repr(first)
    # (60·2/3 + 20·1/3 + 20·0.8) / 100 = 62.666… -> 62.67
    assert first.points == 62.67


def test_points_round_half_up():
    assert _round_points(2.675) == 2.68  # the float is 2.67499…; its shortest repr rounds up
    assert _round_points(66.665) == 66.67
    assert _round_points(0.004) == 0.0
    assert _round_points(100.0) == 100.0
