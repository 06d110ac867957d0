"""The law as in force in 2026–2027 (issue 17): rubric 2027.4 per kind and legal status."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rubrics.engine import combine, evaluate
from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED, PARTIAL, PASS
from rubrics.rubric import load_rubric
from rubrics.website.criteria_law import financial_year_due, report_year_due
from rubrics.website.statement import review_by_31_march, validate_statement
from tests.rubrics_website import sites, sites_law
from tests.rubrics_website.factory import artifact, ctx, evidence, page
from tests.rubrics_website.helpers import run

RUBRIC = "2027.4"


def judge(art, kind, now="2027-03-15T10:00:00Z", **status):
    rubric = load_rubric(RUBRIC)
    results = evaluate(rubric, kind, evidence(art), {"now": now}, strict=True, status=status)
    total = combine(rubric, kind, results, status)
    return {r.id: r for r in total.criteria}, total


def at(day: str) -> dict:
    return ctx(now=datetime.fromisoformat(day + "T10:00:00+00:00"))


def ctx_at(day: str, group="J", kind="gmina_wiejska", **params):
    c = ctx(group, kind, **params)
    c["now"] = datetime.fromisoformat(day + "T10:00:00+00:00")
    return c


# --- legal status: who is bound ------------------------------------------------------


def company_without_statement():
    return artifact([page(sites.PWIK, sites.COMPANY_HOME, depth=0, path=[sites.PWIK])])


def test_non_public_company_without_statement_is_not_blocked():
    results, total = judge(
        company_without_statement(), "spolka_komunalna", public_body=False, employees=40
    )
    for cid in ("INF-03", "INF-04", "INF-05", "INF-07", "INF-27", "TEC-07"):
        assert results[cid].status == NOT_APPLICABLE, cid
    assert "podmiot publiczny: nie" in results["INF-03"].explanation
    assert total.blocking_failed == ()


def test_public_company_without_statement_is_blocked():
    results, total = judge(
        company_without_statement(), "spolka_komunalna", public_body=True, employees=40
    )
    assert results["INF-03"].status == FAIL
    assert "INF-03" in total.blocking_failed


def test_company_of_unknown_status_is_not_measured_not_blocked():
    results, total = judge(company_without_statement(), "spolka_komunalna", employees=40)
    assert results["INF-03"].status == NOT_MEASURED
    assert "uzupełnij rejestr" in results["INF-03"].explanation
    assert total.blocking_failed == ()


@pytest.mark.parametrize(
    ("kind", "employees", "applies"),
    [
        ("gmina_wiejska", 30, True),  # J runs the external channel whatever its size
        ("urzad", 30, False),
        ("urzad", 50, True),
        ("spolka_komunalna", 30, False),
        ("spolka_komunalna", 60, True),
        ("spoldzielnia_mieszkaniowa", 55, True),
    ],
)
def test_whistleblowing_internal_procedure_from_50(kind, employees, applies):
    results, _ = judge(sites.poor_site(), kind, public_body=True, employees=employees)
    assert (results["INF-19"].status != NOT_APPLICABLE) is applies


def test_eaa_information_only_for_consumer_services():
    with_info, without = sites_law.company_site(True), sites_law.company_site(False)
    results, _ = judge(
        with_info,
        "spolka_komunalna",
        public_body=False,
        employees=40,
        online_consumer_services=True,
    )
    assert results["INF-29"].status == PASS
    results, _ = judge(
        without, "spolka_komunalna", public_body=False, employees=40, online_consumer_services=True
    )
    assert results["INF-29"].status == FAIL
    results, _ = judge(
        without, "spolka_komunalna", public_body=False, employees=40, online_consumer_services=False
    )
    assert results["INF-29"].status == NOT_APPLICABLE
    results, _ = judge(
        without, "spolka_komunalna", public_body=False, employees=5, online_consumer_services=True
    )
    assert results["INF-29"].status == NOT_APPLICABLE  # micro-enterprise


# --- the accessibility statement: review by 31 March each year ------------------------


@pytest.mark.parametrize(
    ("review", "today", "credit"),
    [
        ("2026-02-15", "2027-03-20", 1.0),  # the 2027 deadline has not passed
        ("2026-06-01", "2027-05-20", 0.0),  # missed 31 March 2027
        ("2027-04-10", "2027-05-20", 0.5),  # late in the year: partial
        ("2027-03-31", "2027-04-01", 1.0),
        ("2026-06-01", "2027-03-20", 0.5),  # the 2026 review was late
        ("2025-12-20", "2027-03-20", 0.0),
        (None, "2027-03-20", 0.0),
    ],
)
def test_review_by_31_march(review, today, credit):
    last = date.fromisoformat(review) if review else None
    assert review_by_31_march(last, date.fromisoformat(today))[0] == credit


def statement_reviewed(day: str):
    html = sites.STATEMENT_V2_MAIN.replace('datetime="2026-12-01"', f'datetime="{day}"')
    return page(
        sites.GMINA + "deklaracja-dostepnosci", sites.gmina_layout("Deklaracja dostępności", html)
    )


@pytest.mark.parametrize(
    ("review", "today", "status"),
    [
        ("2026-02-15", "2027-03-20", PASS),
        ("2026-06-01", "2027-05-20", PARTIAL),
        ("2027-04-10", "2027-05-20", PARTIAL),
    ],
)
def test_tec07_uses_the_statutory_rule_in_2027_4(review, today, status):
    art = artifact([statement_reviewed(review)])
    result = run("TEC-07", art, ctx_at(today, review_rule="31_marca"))
    assert result.status == status
    assert (
        result.details["checks"]["przeglad_31_marca"]
        == {"2026-02-15": 1.0, "2026-06-01": 0.0, "2027-04-10": 0.5}[review]
    )
    if status != PASS:
        assert "przegląd do 31 marca" in result.explanation


def test_the_old_rule_stays_for_old_versions():
    # 2026-02-15 on 2027-03-20 is 398 days: the 366-day rule of 2027.1 fails it.
    check = validate_statement(statement_reviewed("2026-02-15"), datetime(2027, 3, 20, tzinfo=UTC))
    assert check.checks["przeglad_12_mies"] is False and "przeglad_31_marca" not in check.checks


# --- e-Doręczenia -----------------------------------------------------------------------


def epuap_only():
    return sites_law.gmina_law_site(good=False)


def test_gmina_with_epuap_only_scores_zero_and_is_flagged():
    result = run("INF-10", epuap_only(), ctx("J", strict_groups=["J", "A"]))
    assert result.status == FAIL and result.score == 0.0
    assert result.details["epuap_only"] is True
    assert result.details["flag_epuap_instruction"]["url"].endswith("/dostepnosc")
    assert "kieruje pisma na ePUAP" in result.explanation


def test_epuap_only_keeps_half_for_a_company_and_in_old_versions():
    assert (
        run("INF-10", epuap_only(), ctx("K", "spolka_komunalna", strict_groups=["J", "A"])).score
        == 0.5
    )
    assert run("INF-10", epuap_only(), ctx("J")).score == 0.5


def test_e_delivery_mention_without_address_is_a_quarter_for_j():
    html = "<html><body><p>Adres do doręczeń elektronicznych zostanie wkrótce opublikowany.</p></body></html>"
    art = artifact([page(sites.GMINA, html, depth=0)])
    assert run("INF-10", art, ctx("J", strict_groups=["J", "A"])).score == 0.25


def test_ade_with_spaces_and_lower_case():
    html = "<html><body><p>Adres do e-Doręczeń: ae: pl-12345-67890-abcde-12</p></body></html>"
    art = artifact([page(sites.GMINA, html, depth=0)])
    result = run("INF-10", art, ctx("J", ade_spacing=True, strict_groups=["J"]))
    assert result.status == PASS and result.details["ade"] == "AE:PL-12345-67890-ABCDE-12"
    assert run("INF-10", art, ctx("J")).status != PASS  # 2027.1 reads the strict form only


# --- WCAG and PDFs ----------------------------------------------------------------------


def axe_with_duplicate_id():
    violation = {
        "id": "duplicate-id",
        "impact": "minor",
        "tags": ["wcag2a", "wcag411"],
        "nodes": [{"target": ["#menu"], "html": '<div id="menu">'}],
    }
    passes = [{"id": "document-title", "tags": ["wcag2a", "wcag242"], "nodes": [{}]}]
    return {"violations": [violation], "passes": passes, "incomplete": []}


def test_wcag_411_not_scored_in_2027_4():
    art = artifact(
        [
            page(
                sites.GMINA,
                "<html lang='pl'><title>x</title><body>x</body></html>",
                depth=0,
                axe=axe_with_duplicate_id(),
            )
        ]
    )
    old = run("TEC-04", art, ctx())
    new = run("TEC-04", art, ctx(exclude_sc=["4.1.1", "1.3.4"], report_wcag22=True))
    assert old.score < 1.0 and "4.1.1" in old.details["criteria_failing"]
    assert new.score == 1.0 and new.status == PASS
    assert new.details["criteria_not_scored"] == ["1.3.4", "4.1.1"]
    report = new.details["wcag22_informational"]
    assert report["gathered"] is False and "wcag22aa" in report["note"]


def test_wcag22_results_reported_when_gathered():
    axe = axe_with_duplicate_id()
    axe["violations"].append(
        {
            "id": "target-size",
            "impact": "serious",
            "tags": ["wcag22aa", "wcag258"],
            "nodes": [{"target": ["a.x"]}],
        }
    )
    art = artifact([page(sites.GMINA, "<html lang='pl'><body>x</body></html>", depth=0, axe=axe)])
    new = run("TEC-04", art, ctx(exclude_sc=["4.1.1"], report_wcag22=True))
    assert new.details["wcag22_informational"]["violations"]["target-size"]["nodes"] == 1
    assert new.score == 1.0  # informational only


def pdfs(*created):
    return [
        {
            "url": f"{sites.GMINA}d{i}.pdf",
            "from": sites.GMINA,
            "link_text": "Uchwała (PDF)",
            "has_text_layer": False,
            "tagged": False,
            "created": c,
        }
        for i, c in enumerate(created)
    ]


def test_pdfs_before_23_september_2018_exempt():
    old_only = artifact(
        [page(sites.GMINA, "<html><body>x</body></html>", depth=0)],
        pdfs=pdfs("2015-02-01", "2018-09-22"),
    )
    result = run("TEC-08", old_only, ctx(exempt_created_before="2018-09-23"))
    assert result.status == NOT_APPLICABLE and len(result.details["exempt_before_cutoff"]) == 2
    assert run("TEC-08", old_only, ctx()).status == FAIL  # 2027.1 counts them
    mixed = artifact(
        [page(sites.GMINA, "<html><body>x</body></html>", depth=0)],
        pdfs=pdfs("2015-02-01", "2024-05-05", None),
    )
    result = run("TEC-08", mixed, ctx(exempt_created_before="2018-09-23"))
    assert result.details["pdfs"] == 2 and result.details["exempt_before_cutoff"] == [
        sites.GMINA + "d0.pdf"
    ]


# --- new criteria: documents with their dates -----------------------------------------

GOOD, POOR = sites_law.gmina_law_site(True), sites_law.gmina_law_site(False)


def test_council_sessions():
    good = run("INF-22", GOOD, ctx_at("2027-03-15"))
    assert good.status == PASS
    assert {e.get("signal") for e in good.evidence} >= {"nagrania obrad", "wykazy głosowań"}
    poor = run("INF-22", POOR, ctx_at("2027-03-15"))
    assert poor.status == PARTIAL and poor.details["credits"] == {
        "nagrania obrad": 0.0,
        "wykazy głosowań": 0.5,
    }


def test_local_report_year():
    assert report_year_due(date(2027, 5, 31)) == 2025 and report_year_due(date(2027, 6, 1)) == 2026
    assert run("INF-23", GOOD, ctx_at("2027-06-15")).status == PASS
    stale = run("INF-23", POOR, ctx_at("2027-06-15"))
    assert stale.status == PARTIAL and "2023" in stale.explanation
    assert run("INF-23", sites.poor_site(), ctx_at("2027-06-15")).status == FAIL


def test_waste_information():
    assert run("INF-24", GOOD, ctx_at("2027-03-15")).status == PASS
    assert run("INF-24", POOR, ctx_at("2027-03-15")).status == FAIL


def test_bip_metadata_and_information_on_request():
    good = run("INF-25", GOOD, ctx())
    assert good.status == PASS and good.details["bip_pages"] == 1
    assert run("INF-25", POOR, ctx()).status == FAIL
    no_bip = artifact([page(sites.GMINA, "<html><body><p>Start</p></body></html>", depth=0)])
    assert run("INF-25", no_bip, ctx()).status == NOT_MEASURED


def test_deaf_contact():
    good = run("INF-26", GOOD, ctx())
    assert good.status == PASS and good.score == 1.0
    assert run("INF-26", POOR, ctx()).status == FAIL


def test_machine_readable_file():
    good = run("INF-27", GOOD, ctx())
    assert good.status == PASS and good.evidence[0]["href"].endswith(".txt")
    assert run("INF-27", POOR, ctx()).status == PARTIAL  # a mention, no file


def test_cooperative_documents_linked_and_dated():
    assert (
        financial_year_due(date(2027, 6, 30)) == 2025
        and financial_year_due(date(2027, 7, 1)) == 2026
    )
    good = run(
        "INF-28",
        sites_law.cooperative_law_site("good"),
        ctx_at("2027-09-01", "S", "spoldzielnia_mieszkaniowa"),
    )
    assert good.status == PASS and good.score == 1.0
    old = run(
        "INF-28",
        sites_law.cooperative_law_site("old"),
        ctx_at("2027-09-01", "S", "spoldzielnia_mieszkaniowa"),
    )
    assert old.status == PARTIAL
    assert old.details["credits"]["protokół lustracji"] == 0.5
    assert old.details["credits"]["sprawozdanie finansowe"] == 0.5
    footer = run(
        "INF-28",
        sites_law.cooperative_law_site("footer"),
        ctx_at("2027-09-01", "S", "spoldzielnia_mieszkaniowa"),
    )
    assert footer.status == FAIL  # "Regulamin serwisu | Statut" in a footer is no document


def test_whole_rubric_per_kind():
    """The new criteria apply as the law says, and a good gmina passes them all."""
    results, _ = judge(GOOD, "gmina_wiejska", now="2027-06-15T10:00:00Z", employees=40)
    for cid in ("INF-22", "INF-23", "INF-24", "INF-25", "INF-26", "INF-27"):
        assert results[cid].status == PASS, (cid, results[cid])
    assert results["INF-28"].status == NOT_APPLICABLE and results["INF-29"].status == NOT_APPLICABLE
    results, _ = judge(GOOD, "powiat", employees=40)
    assert results["INF-24"].status == NOT_APPLICABLE and results["INF-23"].status != NOT_APPLICABLE
    results, _ = judge(GOOD, "wspolnota_mieszkaniowa", employees=0)
    assert all(
        results[c].status == NOT_APPLICABLE for c in ("INF-22", "INF-25", "INF-26", "INF-28")
    )


def test_recordings_linked_from_a_sentence_as_gminas_write_it():
    # Wording of koczala.pl "Nagrania obrad rady" (December 2026); the channel address is ours.
    html = (
        "<html><body><h1>Nagrania obrad rady</h1><p>Zgodnie z art. 20 ust. 1a ustawy o samorządzie "
        "gminnym obrady Rady Gminy Koczała są transmitowane i utrwalane za pomocą urządzeń "
        "rejestrujących obraz i dźwięk. Nagrania obrad są udostępniane w serwisie youtube – na "
        'kanale Gminy Koczała (<a href="https://www.youtube.com/@gminakoczala">link tutaj</a>).</p>'
        "</body></html>"
    )
    art = artifact([page(sites.GMINA + "nagrania", html, depth=1)])
    result = run("INF-22", art, ctx_at("2027-03-15"))
    assert result.details["credits"]["nagrania obrad"] == 1.0
    assert result.status == PARTIAL  # no votes
