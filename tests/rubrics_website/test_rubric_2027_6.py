"""Rubric 2027.6 (issue 17): rubric 2027.5 with param `real_wording` on for the six criteria whose
wording was learnt on real sites; nothing else moves, and 2027.5 still scores as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rubrics.outcome import FAIL, PASS
from rubrics.rubric import default_version, load_rubric
from tests.rubrics_website import test_law_2026 as law
from tests.rubrics_website.factory import artifact, ctx, page
from tests.rubrics_website.helpers import run

HOME = "https://powiat.example.pl/"
WORDING = {"INF-22", "INF-25", "INF-26", "INF-28", "INF-29", "INF-30"}


def one_page(body: str) -> dict:
    html = f"<html lang='pl'><body><main>{body}</main></body></html>"
    return artifact([page(HOME, html, depth=0, path=[HOME])])


def test_2027_6_is_the_default_and_only_sets_real_wording():
    assert default_version(2027) == "2027.6"
    r5, r6 = load_rubric("2027.5"), load_rubric("2027.6")
    assert [c.id for c in r6.criteria] == [c.id for c in r5.criteria]
    assert r6.categories == r5.categories and r6.licence == r5.licence
    for c in r6.criteria:
        old = r5.criterion(c.id)
        if c.id in WORDING:
            assert c.params == {**old.params, "real_wording": True}, c.id
            c = replace(c, params=old.params)
        assert c == old, c.id
        assert c.legal_ref == old.legal_ref, c.id


# powiat.turek.pl (2019, tests/rubrics_website/third_party/real_sites): a menu of links with
# "Dla osób niesłyszących", then the footer's fax and e-mail some 330 characters later.
MENU_THEN_FOOTER = one_page(
    "<nav><a href='/n'>Dla osób niesłyszących</a> <a href='/sp'>Skrzynka Podawcza</a> "
    + " ".join(f"<a href='/g{i}'>Gmina Przykładowa numer {i}</a>" for i in range(12))
    + "</nav><footer>Adres: Starostwo Powiatowe, ul. Kaliska 59. Telefon: 632223200. "
    "Faks: 632788319. Adres e-mail: starostwo@example.pl</footer>"
)
DESCRIBED = one_page(
    "<h2>Kontakt dla osób niesłyszących</h2><p>Osoby głuche mogą się z nami kontaktować "
    "SMS-em pod numerem 600 100 200, e-mailem lub faksem. Tłumacz języka migowego jest dostępny "
    "po zgłoszeniu co najmniej 3 dni robocze przed wizytą.</p>"
)


def test_inf26_menu_link_is_no_contact_in_2027_6():
    before = run("INF-26", MENU_THEN_FOOTER, ctx(real_wording=False))
    after = run("INF-26", MENU_THEN_FOOTER, ctx(real_wording=True))
    assert before.details["credits"]["kanały tekstowe i wideo"] == 1.0, before  # 2027.5
    assert after.status == FAIL and "kanały tekstowe i wideo" in after.details["missing"], after
    for flag in (False, True):  # a described contact passes either way
        assert run("INF-26", DESCRIBED, ctx(real_wording=flag)).status == PASS


# The law fixtures of issue 17 (per kind and legal status) were written for 2027.4; the default
# rubric must decide them the same way.
LAW_CASES = (
    "test_non_public_company_without_statement_is_not_blocked",
    "test_public_company_without_statement_is_blocked",
    "test_company_of_unknown_status_is_not_measured_not_blocked",
    "test_eaa_information_only_for_consumer_services",
    "test_gmina_with_epuap_only_scores_zero_and_is_flagged",
    "test_whole_rubric_per_kind",
)


@pytest.mark.parametrize("name", LAW_CASES)
def test_law_fixtures_hold_in_2027_6(monkeypatch, name):
    monkeypatch.setattr(law, "RUBRIC", "2027.6")
    getattr(law, name)()
