"""Every parameter a rubric file may set is read by its criterion: changing it changes the result.

Each case names a criterion, one of its declared parameters, the evidence on which the
parameter decides, and a value other than the default. The test shows that (a) the declared
default is what the criterion uses when the rubric sets nothing (the old constant, so old
rubric files re-score identically) and (b) the other value changes the result (its status
or score, or for a report-only parameter such as TEC-04 report_wcag22 its details).
A last test checks that the cases cover every declared parameter, so a parameter added
later without a case fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

import rubrics.email  # noqa: F401  (registers the e-mail criteria)
import rubrics.website  # noqa: F401  (registers the website criteria)
from rubrics.registry import CRITERIA, PARAMS
from tests import email_world as w
from tests.rubrics_website import sites, sites_law
from tests.rubrics_website.axe_data import FOOTER_LINK, axe, rule
from tests.rubrics_website.factory import artifact, ctx, evidence, page
from tests.rubrics_website.test_law_2026 import (
    axe_with_duplicate_id,
    epuap_only,
    pdfs,
    statement_reviewed,
)

CLAUSE_ONLY = "<p>Klauzula informacyjna: administratorem Pani/Pana danych osobowych jest Zarząd Spółdzielni.</p>"
PDF = {"from": sites.GMINA, "has_text_layer": True, "tagged": True}
PDFS = [
    {**PDF, "url": sites.GMINA + "statut.pdf", "link_text": "Statut gminy (PDF, 420 KB)"},
    {**PDF, "url": sites.GMINA + "uchwala.pdf", "link_text": "Uchwała (pdf 1,2 MB)"},
]
SCAN = {
    "url": sites.GMINA + "skan.pdf",
    "from": sites.GMINA,
    "has_text_layer": False,
    "tagged": False,
    "link_text": "Zarządzenie",
}
BROKEN_3 = [
    {"url": f"{sites.GMINA}stara-{i}", "status": 404, "from": sites.GMINA} for i in range(3)
]


def _single(main: str) -> dict:
    html = (
        f"<html lang='pl'><head><title>Strona</title></head><body><main>{main}</main></body></html>"
    )
    return artifact([page("https://u.example.pl/", html, depth=0)])


def _with_axe(per_page: Callable[[int], dict]) -> dict:
    art = sites.gmina_site()
    for i, p in enumerate(art["pages"]):
        p["axe"] = per_page(i)
    return art


def _axe_template_issue() -> dict:
    return _with_axe(lambda i: axe([rule("link-name", FOOTER_LINK)]))


def _axe_broken() -> dict:
    return _with_axe(
        lambda i: axe(
            [
                rule("image-alt", (f"main img:nth-child({i})", f'<img src="/foto/{i}.jpg">')),
                rule("document-title", ("html", f"<html data-p={i}>")),
                rule("html-has-lang", ("html", f"<html data-p={i}>")),
            ]
        )
    )


def _lang_missing_on_one() -> dict:
    art = sites.gmina_site()
    art["pages"][2]["lang"] = ""
    art["pages"][2]["html"] = art["pages"][2]["html"].replace('lang="pl"', "")
    return art


def _skip_link_missing_on_one() -> dict:
    return sites.gmina_site_edited(
        2,
        ('<a class="skip-link" href="#tresc">Przejdź do treści</a>', ""),
        ('<a class="skip-link" href="#menu">Przejdź do menu</a>', ""),
    )


def _email_narrow_answer() -> dict:
    answer = w.message(w.EXEMPLARY, after=timedelta(days=1, hours=22, minutes=46, seconds=55))
    return w.artifact(answer)


def _axe_duplicate_id() -> dict:
    html = "<html lang='pl'><title>x</title><body>x</body></html>"
    return artifact([page(sites.GMINA, html, depth=0, axe=axe_with_duplicate_id())])


def _old_pdfs() -> dict:
    home = page(sites.GMINA, "<html><body>x</body></html>", depth=0)
    return artifact([home], pdfs=pdfs("2015-02-01", "2018-09-22"))


J = ("J", "gmina_wiejska")
S = ("S", "spoldzielnia_mieszkaniowa")
W = ("W", "wspolnota_mieszkaniowa")
S_AUTUMN = ("S", "spoldzielnia_mieszkaniowa", "2027-09-01")
J_MAY = ("J", "gmina_wiejska", "2027-05-20")
NARROW = {"mon": [["08:00", "12:00"]], "wed": [["08:00", "12:00"]]}


def _bip_request_link() -> dict:
    html = "<html lang='pl'><body><main><a href='/dzial/3549'>Udostępnianie informacji publicznej</a></main></body></html>"
    url = "https://bip.example.pl/"
    return artifact([page(url, html, depth=0, on_bip=True)])


# (criterion, param, evidence builder, (group, kind), another value)
CASES: list[tuple[str, str, Callable[[], Any], tuple[str, str], Any]] = [
    ("INF-03", "footer_share", sites.poor_site, J, 0.0),
    (
        "INF-05",
        "recording_only",
        lambda: _single("<p>Można skorzystać z tłumacza polskiego języka migowego online.</p>"),
        J,
        True,
    ),
    ("INF-06", "elements_for_pass", sites.gmina_site, J, 10),
    ("INF-08", "pass_at", sites.gmina_site_bip_missing_two, J, 0.8),
    ("INF-09", "iod_required_groups", lambda: _single(CLAUSE_ONLY), J, []),
    ("INF-11", "groups_for_pass", sites.gmina_site, J, 5),
    ("INF-13", "units_for_pass", sites.gmina_site, J, 5),
    ("INF-14", "full_days", sites.gmina_site, J, 0),
    ("INF-14", "half_days", sites.poor_site, J, 10000),
    ("INF-16", "pass_at", lambda: _single("<p>Statut spółdzielni i regulaminy</p>"), S, 0.2),
    ("INF-17", "pass_at", sites.cooperative_site, W, 0.4),
    ("TEC-02", "partial_at", sites.poor_site, J, 0.0),
    ("TEC-03", "lcp_full_ms", sites.gmina_site, J, 0),
    ("TEC-03", "lcp_half_ms", sites.poor_site, J, 100000),
    ("TEC-03", "cls_full", sites.gmina_site, J, 0.0),
    ("TEC-03", "cls_half", sites.poor_site, J, 10.0),
    ("TEC-04", "pass_at", _axe_template_issue, J, 1.0),
    ("TEC-04", "partial_at", _axe_broken, J, 0.0),
    ("TEC-05", "share", _lang_missing_on_one, J, 0.5),
    ("TEC-06", "share", _skip_link_missing_on_one, J, 0.5),
    ("TEC-07", "max_review_age_days", sites.gmina_site, J, 0),
    ("TEC-08", "pass_at", lambda: sites.gmina_site(pdfs=[*PDFS, SCAN]), J, 0.5),
    ("TEC-08", "partial_at", lambda: sites.gmina_site(pdfs=[SCAN]), J, 0.0),
    ("TEC-09", "max_broken_share", sites.gmina_site, J, 0.0),
    ("TEC-09", "half_broken_share", lambda: sites.gmina_site(broken_links=BROKEN_3), J, 0.03),
    ("EML-LAT", "office_hours_default", _email_narrow_answer, J, NARROW),
    ("INF-10", "strict_groups", epuap_only, J, ["J", "A"]),
    (
        "INF-10",
        "ade_spacing",
        lambda: _single("<p>Adres: AE: pl-12345-67890-abcde-12</p>"),
        J,
        True,
    ),
    ("TEC-04", "exclude_sc", _axe_duplicate_id, J, ["4.1.1"]),
    ("TEC-04", "report_wcag22", _axe_duplicate_id, J, True),
    (
        "TEC-07",
        "review_rule",
        lambda: artifact([statement_reviewed("2026-06-01")]),
        J_MAY,
        "31_marca",
    ),
    ("TEC-08", "exempt_created_before", _old_pdfs, J, "2018-09-23"),
    ("INF-22", "pass_at", lambda: sites_law.gmina_law_site(False), J, 0.2),
    ("INF-24", "pass_at", lambda: sites_law.gmina_law_site(False), J, 0.0),
    ("INF-26", "pass_at", lambda: sites_law.gmina_law_site(False), J, 0.0),
    ("INF-28", "pass_at", lambda: sites_law.cooperative_law_site("old"), S_AUTUMN, 0.1),
    # real_wording: the wording found on real sites (bip.mirsk.pl, bip.dmosin.pl, bip.gmina.kowale…)
    (
        "INF-22",
        "real_wording",
        lambda: _single('<a href="/nagrania">Sesje Rady Miejskiej Gminy Mirsk - nagrania</a>'),
        J,
        True,
    ),
    ("INF-25", "real_wording", _bip_request_link, J, True),
    (
        "INF-30",
        "real_wording",
        lambda: _single(
            "<p>Osoby posługujące się językiem migowym mogą wysłać swoje zgłoszenie na adres"
            " poczty elektronicznej przynajmniej jeden dzień przed planowaną wizytą</p>"
        ),
        J,
        True,
    ),
    (
        "INF-28",
        "real_wording",
        lambda: _single('<a href="/rio">Uchwały RIO</a>'),
        S,
        True,
    ),
    (  # powiat.turek.pl: a menu link, the footer's fax and e-mail 300 characters on
        "INF-26",
        "real_wording",
        lambda: _single(
            "<nav><a href='/n'>Dla osób niesłyszących</a> "
            + " ".join(f"<a href='/g{i}'>Gmina numer {i} powiatu</a>" for i in range(14))
            + "</nav><footer>Telefon: 632223200. Faks: 632788319. E-mail: s@example.pl</footer>"
        ),
        J,
        True,
    ),
    (  # rsplegal.pl: an article explaining the act is no provider's own information
        "INF-29",
        "real_wording",
        lambda: _single(
            "<p>Już 28 czerwca 2025 roku wejdzie w życie Ustawa z dnia 26 kwietnia 2024 r."
            " o zapewnianiu spełniania wymagań dostępności niektórych produktów i usług przez"
            " podmioty gospodarcze. Ustawa wdraża unijną dyrektywę 2019/882.</p>"
        ),
        ("K", "spolka_komunalna"),
        True,
    ),
]


def _judge(cid: str, build: Callable[[], Any], who: tuple[str, ...], **params: Any):
    c = ctx(who[0], who[1], **params)
    if len(who) > 2:
        c["now"] = datetime.fromisoformat(who[2] + "T10:00:00+00:00")
    if cid.startswith("EML-"):
        return CRITERIA[cid]({"website": None, "email": [build()]}, c)
    return CRITERIA[cid](evidence(build()), c)


@pytest.mark.parametrize(
    ("cid", "name", "build", "who", "value"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_changing_the_param_changes_the_result(cid, name, build, who, value):
    spec = PARAMS[cid][name]
    assert spec.check(value) is None, "the other value must itself be valid"
    unset = _judge(cid, build, who)
    default = _judge(cid, build, who, **{name: spec.default})
    assert unset == default
    changed = _judge(cid, build, who, **{name: value})
    assert changed != unset, (unset, changed)


def test_every_declared_param_has_a_case():
    declared = {(cid, name) for cid, specs in PARAMS.items() for name in specs}
    declared = {(cid, name) for cid, name in declared if not cid.startswith("TST-")}
    assert declared == {(c[0], c[1]) for c in CASES}


def test_every_param_is_documented_for_organisers():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "rubrics.md").read_text(encoding="utf-8")
    for cid, name, *_ in CASES:
        assert f"| {cid} | `{name}` |" in doc, (cid, name)
