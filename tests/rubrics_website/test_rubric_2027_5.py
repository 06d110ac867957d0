"""Rubric 2027.5 (issue 17): UZD art. 6 pkt 3 lit. c (INF-05, PJM recording) and lit. a
(INF-30, interpreter on site or online) scored apart; old versions stay as they were."""

from __future__ import annotations

from rubrics.engine import combine, evaluate
from rubrics.outcome import NOT_APPLICABLE, PARTIAL, PASS
from rubrics.rubric import load_rubric
from tests.rubrics_website import sites
from tests.rubrics_website.factory import artifact, ctx, evidence, page
from tests.rubrics_website.helpers import assert_missing, run

HOME = "https://gmina.example.pl/"


def one_page(body: str) -> dict:
    html = f"<html lang='pl'><body><main>{body}</main></body></html>"
    return artifact([page(HOME, html, depth=0, path=[HOME])])


ONLINE_ONLY = one_page(
    "<h1>Dostępność</h1><p>W urzędzie można skorzystać z tłumacza polskiego języka migowego "
    "online przez stronę internetową.</p>"
)
RECORDING = one_page(
    "<h2>Informacja o urzędzie w polskim języku migowym (PJM)</h2>"
    "<iframe title='PJM' src='https://www.youtube.com/embed/abc123'></iframe>"
)
ON_SITE = one_page(
    "<h1>Informacja dla osób niesłyszących</h1><p>Osoby uprawnione mogą skorzystać z usług "
    "tłumacza języka migowego (PJM, SJM, SKOGN), zgłaszając to co najmniej 3 dni robocze przed "
    "wizytą.</p>"
)
NOTHING = one_page("<h1>Aktualności</h1><p>Zaproszenie na dożynki gminne.</p>")


def test_inf05_online_interpreter_is_lit_a_not_the_recording():
    # 2027.1–2027.4 (no param): the online interpreter gave full credit for INF-05.
    assert run("INF-05", ONLINE_ONLY).status == PASS
    split = run("INF-05", ONLINE_ONLY, ctx(recording_only=True))
    assert split.status == PARTIAL and split.score == 0.5
    assert "INF-30" in split.explanation
    assert run("INF-05", RECORDING, ctx(recording_only=True)).status == PASS


def test_inf30_interpreter_online_or_on_site():
    for art in (ONLINE_ONLY, ON_SITE):
        result = run("INF-30", art)
        assert result.status == PASS and result.score == 1.0, result
        assert result.evidence[0]["url"] == HOME
    assert_missing(run("INF-30", NOTHING), NOTHING)
    assert_missing(run("INF-30", RECORDING), RECORDING)  # a recording is lit. c, not lit. a


def test_2027_5_splits_the_weight():
    r4, r5 = load_rubric("2027.4"), load_rubric("2027.5")
    assert r5.criterion("INF-05").params == {"recording_only": True}
    assert r5.criterion("INF-05").weight + r5.criterion("INF-30").weight == (
        r4.criterion("INF-05").weight
    )
    assert r5.criterion("INF-30").applies_to == r5.criterion("INF-05").applies_to
    # Rules not checked against the statute's text weigh at most 3 (docs/criteria-website.md).
    for cid in ("INF-22", "INF-23", "INF-24", "INF-25", "INF-29", "TEC-08", "TEC-10"):
        assert r5.criterion(cid).weight <= 3, cid


def judge(version: str, kind: str, **status):
    rubric = load_rubric(version)
    art = sites.gmina_site()
    extra = {"now": "2027-03-15T10:00:00Z"}
    results = evaluate(rubric, kind, evidence(art), extra, strict=True, status=status)
    return {r.id: r for r in combine(rubric, kind, results, status).criteria}


def test_2027_5_end_to_end_per_kind_and_status():
    gmina = judge("2027.5", "gmina_wiejska")
    assert gmina["INF-05"].status == PASS  # the fixture gmina has a PJM recording
    assert gmina["INF-30"].status == PASS  # and an online interpreter in its statement
    company = judge("2027.5", "spolka_komunalna", public_body=False, employees=40)
    assert company["INF-30"].status == NOT_APPLICABLE
    assert company["INF-05"].status == NOT_APPLICABLE
    assert "INF-30" not in judge("2027.4", "gmina_wiejska")


def test_inf30_not_in_older_rubrics():
    for version in ("2027.1", "2027.2", "2027.3", "2027.4"):
        assert "INF-30" not in {c.id for c in load_rubric(version).criteria}, version
