"""Rubric applicability conditions on the participant's legal status (issue 17)."""

from __future__ import annotations

import textwrap

import pytest

from rubrics.engine import combine, evaluate
from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED, PASS, CriterionResult
from rubrics.registry import criterion
from rubrics.rubric import RubricError, parse_rubric


@criterion("TST-DUTY")
def always_fails(evidence, ctx):
    return CriterionResult("TST-DUTY", FAIL, 0.0, "brak")


@criterion("TST-OK")
def always_passes(evidence, ctx):
    return CriterionResult("TST-OK", PASS, 1.0, "jest")


RUBRIC = textwrap.dedent(
    """\
    version: "t.cond"
    name: Rubryka z warunkami
    categories:
      - {id: strona, name: Strona, weight: 100, criteria: [TST-DUTY, TST-OK, TST-STAFF]}
    criteria:
      - id: TST-DUTY
        name: Obowiązek podmiotu publicznego
        channel: website
        applies_to: [J, A, {groups: [K], public_body: true}]
        weight: 1
        blocking: true
      - {id: TST-OK, name: Zawsze, channel: website, applies_to: all, weight: 1}
      - id: TST-STAFF
        name: Od 50 pracowników
        channel: website
        applies_to: [J, {groups: [A, K], employees_min: 50}]
        weight: 1
    """
)


@criterion("TST-STAFF")
def staff_duty(evidence, ctx):
    return CriterionResult("TST-STAFF", PASS, 1.0, "jest")


SITE = {
    "outcome": "ok",
    "finished_at": "2027-03-15T09:05:00Z",
    "pages": [],
}


def score(kind, **status):
    rubric = parse_rubric(RUBRIC)
    evidence = {"website": SITE, "email": []}
    results = evaluate(rubric, kind, evidence, status=status, strict=True)
    return {r.id: r for r in results}, combine(rubric, kind, results, status)


def test_non_public_company_is_not_bound_and_not_blocked():
    results, total = score("spolka_komunalna", public_body=False, employees=30)
    assert results["TST-DUTY"].status == NOT_APPLICABLE
    assert "podmiot publiczny: nie" in results["TST-DUTY"].explanation
    assert total.blocking_failed == ()
    assert total.points == 100.0


def test_public_company_is_bound_and_blocked():
    results, total = score("spolka_komunalna", public_body=True, employees=30)
    assert results["TST-DUTY"].status == FAIL
    assert total.blocking_failed == ("TST-DUTY",)


def test_unknown_status_is_not_measured_and_never_blocks():
    results, total = score("spolka_komunalna", employees=30)
    duty = results["TST-DUTY"]
    assert duty.status == NOT_MEASURED
    assert "„podmiot publiczny”" in duty.explanation and "uzupełnij rejestr" in duty.explanation
    assert duty.details == {"unknown": "public_body"}
    assert total.blocking_failed == () and "TST-DUTY" in total.not_measured


def test_kind_entries_need_no_status():
    results, _ = score("gmina_wiejska")
    assert results["TST-DUTY"].status == FAIL
    results, _ = score("spoldzielnia_mieszkaniowa", public_body=True)
    assert results["TST-DUTY"].status == NOT_APPLICABLE
    assert "rodzaju uczestnika" in results["TST-DUTY"].explanation


@pytest.mark.parametrize(
    ("kind", "employees", "applies"),
    [
        ("gmina_wiejska", 30, True),  # J: the external channel whatever the size
        ("urzad", 49, False),
        ("urzad", 50, True),
        ("spolka_komunalna", 30, False),
        ("spolka_komunalna", 120, True),
        ("spoldzielnia_mieszkaniowa", 120, False),
    ],
)
def test_employee_threshold(kind, employees, applies):
    results, _ = score(kind, employees=employees)
    assert (results["TST-STAFF"].status != NOT_APPLICABLE) is applies


def test_combine_forces_the_conditions_whatever_was_passed():
    rubric = parse_rubric(RUBRIC)
    forged = [CriterionResult("TST-DUTY", FAIL, 0.0, "brak")]
    total = combine(rubric, "spolka_komunalna", forged, {"public_body": False})
    assert total.criteria[0].status == NOT_APPLICABLE and total.blocking_failed == ()
    assert rubric.uses_legal_status


def test_bad_conditions_are_named_in_polish():
    bad = RUBRIC.replace(
        "[J, A, {groups: [K], public_body: true}]",
        "[J, {groups: [X], public_body: tak, employee_min: 5}]",
    ).replace("employees_min: 50", "employees_min: -1")
    with pytest.raises(RubricError) as caught:
        parse_rubric(bad)
    errors = "\n".join(caught.value.errors)
    assert "nieznany warunek „employee_min”" in errors
    assert "nie ma grupy „X”" in errors
    assert "applies_to[1].public_body (TST-DUTY): oczekiwano true lub false (jest 'tak')" in errors
    assert "oczekiwano liczby całkowitej ≥ 0 (jest -1)" in errors
