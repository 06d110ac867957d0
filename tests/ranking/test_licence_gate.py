"""The licence gate: jurors' assessment complete, e-mail measured, enough weight measured.

Scores are built with the real rubric 2027.1 and the engine's `combine`, so the gate sees
exactly what scoring stores; the ranking then turns the gaps into "ocena niepełna".
"""

from __future__ import annotations

import textwrap

import pytest

from results.ranking import INCOMPLETE, LICENSED, NOT_GATED, NOT_LICENSED, Entrant, rank
from rubrics.engine import combine
from rubrics.licence import licence_gaps, measured_share
from rubrics.outcome import NOT_MEASURED, PASS, CriterionResult
from rubrics.rubric import RubricError, load_rubric, parse_rubric

RUBRIC = load_rubric("2027.1")
KIND = "gmina_wiejska"
HUM = [c.id for c in RUBRIC.human_criteria]


def results(unmeasured: set[str] = frozenset()) -> list[CriterionResult]:
    """Every applicable criterion passed, except `unmeasured` (not measured)."""
    out = []
    for c in RUBRIC.applicable(KIND):
        if c.id in unmeasured:
            out.append(CriterionResult(c.id, NOT_MEASURED, None, "nie zmierzono"))
        else:
            out.append(CriterionResult(c.id, PASS, 1.0, "ok"))
    return out


def gaps(unmeasured=frozenset(), jurors: int | dict = 2):
    score = combine(RUBRIC, KIND, results(set(unmeasured)))
    counts = jurors if isinstance(jurors, dict) else dict.fromkeys(HUM, jurors)
    return score, licence_gaps(RUBRIC, score, counts)


def test_complete_assessment_has_no_gaps():
    score, missing = gaps()
    assert score.points == 100.0 and missing == ()
    assert measured_share(RUBRIC, score) == pytest.approx(1.0)


def test_missing_jurors_lists_each_short_criterion():
    counts = dict.fromkeys(HUM, 2) | {"HUM-PHONE": 1, "HUM-SOCIAL": 0}
    score, missing = gaps(jurors=counts)
    assert missing == ("za mało ocen jurorów (wymagane 2 na kryterium): HUM-PHONE 1, HUM-SOCIAL 0",)
    # One juror's score still counts in the points: not measured is never zero, and
    # a scored criterion is scored; only the licence waits.
    assert score.points == 100.0


def test_missing_email_channel():
    email = {c.id for c in RUBRIC.machine_criteria if c.channel == "email"}
    score, missing = gaps(unmeasured=email)
    assert "nie zmierzono kanału: e-mail" in missing
    assert score.points == 100.0  # the category leaves the denominator, as before


def test_low_measured_share():
    # Half of the website criteria not measured: 30 % of the weight lost in "informacja".
    info = [c.id for c in RUBRIC.machine_criteria if c.id.startswith("INF-")]
    score, missing = gaps(unmeasured=set(info))
    share = measured_share(RUBRIC, score)
    assert share == pytest.approx(0.7)
    assert missing == ("zmierzono 70 % wagi kryteriów (wymagane co najmniej 80 %)",)


def test_machine_results_alone_never_license():
    # The review's counterexample: a gmina with only website results that all pass.
    machine_only = {c.id for c in RUBRIC.machine_criteria if c.channel == "email"} | set(HUM)
    score = combine(RUBRIC, KIND, results(machine_only))
    missing = licence_gaps(RUBRIC, score, {})
    assert score.points == 100.0
    assert len(missing) == 3 and missing[0].startswith("za mało ocen jurorów")
    entrant = Entrant(1, "Gmina Sama Strona", KIND, 10, score.points, licence_gaps=missing)
    (entry,) = rank([entrant], RUBRIC.threshold, 3).entries
    assert not entry.licence and entry.status == INCOMPLETE and entry.fee_pln_net is None
    assert entry.licence_note.startswith("ocena niepełna: za mało ocen jurorów")


def test_ranking_statuses():
    entrants = [
        Entrant(1, "Pełna", KIND, 10, 90.0, licence_gaps=()),
        Entrant(2, "Niepełna", KIND, 10, 95.0, licence_gaps=("nie zmierzono kanału: e-mail",)),
        Entrant(3, "Niska", KIND, 10, 50.0, licence_gaps=()),
        Entrant(4, "Sprzed bramki", KIND, 10, 99.0, licence_gaps=None),
    ]
    by_name = {e.entrant.name: e for e in rank(entrants, 70.0, 3).entries}
    assert by_name["Pełna"].status == LICENSED and by_name["Pełna"].licence
    assert by_name["Niepełna"].status == INCOMPLETE
    assert by_name["Niepełna"].missing == ("nie zmierzono kanału: e-mail",)
    assert by_name["Niska"].status == NOT_LICENSED and by_name["Niska"].missing == ()
    assert by_name["Sprzed bramki"].missing == (NOT_GATED,) and not by_name["Sprzed bramki"].licence


def test_rubric_licence_rules_change_the_gate():
    text = (
        (__import__("importlib").resources.files("rubrics") / "data" / "2027.1.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "statuettes_per_category: 3\n",
            "statuettes_per_category: 3\n"
            "licence: {min_jurors: 1, channels_measured: [], min_measured_share: 0.5}\n",
        )
    )
    lenient = parse_rubric(text)
    email = {c.id for c in lenient.machine_criteria if c.channel == "email"}
    score = combine(lenient, KIND, results(email))
    assert licence_gaps(lenient, score, dict.fromkeys(HUM, 1)) == ()
    assert licence_gaps(RUBRIC, score, dict.fromkeys(HUM, 1)) != ()


@pytest.mark.parametrize(
    ("licence", "message"),
    [
        ("{min_jurors: 0}", "liczba jurorów musi być liczbą całkowitą ≥ 1"),
        ("{channels_measured: [visit]}", "oczekiwano listy kanałów maszynowych"),
        ("{min_measured_share: 1.5}", "udział zmierzonej wagi musi mieścić się w przedziale 0–1"),
        ("{min_juror: 2}", "nieznane pole „min_juror”"),
        ("[2]", "oczekiwano mapy z polami min_jurors"),
    ],
)
def test_licence_rules_are_validated(licence, message):
    text = textwrap.dedent(
        f"""\
        version: "t.1"
        name: Test
        licence: {licence}
        categories:
          - {{id: ludzie, name: Ludzie, weight: 100, criteria: [H-1]}}
        criteria:
          - {{id: H-1, name: Wizyta, channel: visit, applies_to: all, weight: 1, method: juror, scale_max: 5}}
        """
    )
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source="test.yaml")
    assert len(info.value.errors) == 1 and message in info.value.errors[0]
    assert info.value.errors[0].startswith("wiersz 3: licence")
