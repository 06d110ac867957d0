"""Rubric 2027.3: the jurors' category carries at least 40 %, each jurors' criterion has
behavioural anchors 0–5 in Polish (validated, shown in the docs), and new editions use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubrics.rubric import RubricError, default_version, load_rubric, parse_rubric

DOC = (Path(__file__).resolve().parents[1] / "docs" / "ranking.md").read_text(encoding="utf-8")


def test_jurors_carry_at_least_40_per_cent_and_machine_criteria_are_as_in_2027_1():
    r3, r1 = load_rubric("2027.3"), load_rubric("2027.1")
    weights = {c.id: c.weight for c in r3.categories}
    assert weights["obsluga"] >= 40 and sum(weights.values()) == 100
    assert [c.id for c in r3.criteria] == [c.id for c in r1.criteria]
    for c in r1.machine_criteria:
        assert r3.criterion(c.id).params == c.params and r3.criterion(c.id).weight == c.weight
    assert r3.licence.min_jurors == 2 and r3.licence.min_measured_share == 0.8
    # The default for new editions moved on to 2027.6: 2027.3 plus the 2026–2027 law (issue 17,
    # 2027.4), UZD art. 6 pkt 3 lit. a and c scored apart (2027.5), real sites' wording (2027.6).
    assert default_version(2027) == "2027.6"
    r4 = load_rubric("2027.4")
    assert [(c.id, c.weight) for c in r4.categories] == [(c.id, c.weight) for c in r3.categories]
    assert r4.licence == r3.licence and r4.threshold == r3.threshold
    assert [c.anchors for c in r4.human_criteria] == [c.anchors for c in r3.human_criteria]


def test_every_jurors_criterion_has_six_polish_anchors_in_the_docs():
    r3 = load_rubric("2027.3")
    for c in r3.human_criteria:
        assert len(c.anchors) == 6, c.id
        assert len(set(c.anchors)) == 6
        for level, text in enumerate(c.anchors):
            assert f"| {level} | {text} |" in DOC, (c.id, level)
    assert all(not c.anchors for c in load_rubric("2027.1").human_criteria)


RUBRIC = """\
version: "t.1"
name: Test
categories:
  - {{id: ludzie, name: Ludzie, weight: 50, criteria: [H-1]}}
  - {{id: strona, name: Strona, weight: 50, criteria: [INF-01]}}
criteria:
  - {{id: INF-01, name: Kontakt, channel: website, applies_to: all, weight: 1{machine}}}
  - id: H-1
    name: Wizyta
    channel: visit
    applies_to: all
    weight: 1
    method: juror
    scale_max: {scale}
{anchors}
"""
SIX = "    anchors: {0: a, 1: b, 2: c, 3: d, 4: e, 5: f}"


def errors(machine="", scale=5, anchors=SIX):
    with pytest.raises(RubricError) as info:
        parse_rubric(RUBRIC.format(machine=machine, scale=scale, anchors=anchors))
    return info.value.errors


def test_anchors_parse():
    r = parse_rubric(RUBRIC.format(machine="", scale=5, anchors=SIX))
    assert r.criterion("H-1").anchors == ("a", "b", "c", "d", "e", "f")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"anchors": "    anchors: {0: a, 1: b, 2: c, 3: d, 4: e}"},
            "oczekiwano opisu każdej oceny 0–5",
        ),
        (
            {"anchors": "    anchors: {0: a, 1: b, 2: c, 3: d, 4: e, 5: ''}"},
            "opis oceny 5 musi być",
        ),
        ({"scale": 4.5}, "opisy ocen wymagają skali całkowitej"),
        (
            {"machine": ", anchors: {0: x}"},
            "opisy ocen (anchors) mają tylko kryteria oceniane przez jurorów",
        ),
    ],
)
def test_bad_anchors_are_errors(kwargs, message):
    found = errors(**kwargs)
    assert len(found) == 1 and message in found[0], found


def test_new_edition_gets_the_default_rubric_and_a_bad_version_is_refused(db, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from results.models import Edition
    from rubrics.rubric import default_version

    # The default is set in one place (DEFAULT_RUBRIC_BY_EDITION): 2027.6 builds on 2027.3.
    call_command("edition", "create", "--year", "2027")
    assert Edition.objects.get(year=2027).rubric_version == default_version(2027)
    call_command("edition", "create", "--year", "2027", "--end", "2027-06-30")
    assert Edition.objects.get(year=2027).rubric_version == default_version(2027)  # kept
    with pytest.raises(CommandError, match="nie ma rubryki w wersji „2027.9”"):
        call_command("edition", "create", "--year", "2027", "--rubric", "2027.9")
