"""INF-01 … INF-21 on realistic sites: found with proof, missing with the pages searched."""

from __future__ import annotations

import pytest

from tests.rubrics_website import sites
from tests.rubrics_website.factory import artifact, ctx, page
from tests.rubrics_website.helpers import assert_missing, assert_pass, proof_on, run

GMINA = sites.gmina_site()
SM = sites.cooperative_site()
POOR = sites.poor_site()


def gmina_with(main_by_path: dict[str, str], **site_fields) -> dict:
    """The gmina site with some pages' main content replaced."""
    art = sites.gmina_site(**site_fields)
    for p in art["pages"]:
        path = p["url"].removeprefix(sites.GMINA)
        if path in main_by_path and not p["on_bip"]:
            title = p["title"].split(" – ")[0]
            p.update(
                page(p["url"], sites.gmina_layout(title, main_by_path[path]), depth=p["depth"])
            )
    return art


def single(html_main: str, url: str = "https://u.example.pl/", **kw) -> dict:
    return artifact(
        [
            page(
                url,
                f"<html lang='pl'><head><title>Strona</title></head><body><main>{html_main}</main></body></html>",
                depth=0,
                **kw,
            )
        ]
    )


@pytest.mark.parametrize(
    "criterion", [f"INF-{i:02d}" for i in range(1, 22) if i not in (14, 15, 16, 17, 18)]
)
def test_poor_site_fails_every_information_criterion_with_pages_searched(criterion):
    assert_missing(run(criterion, POOR), POOR)


def test_inf01_contact_data():
    r = run("INF-01", GMINA)
    assert_pass(r, "/kontakt", "05-220 Zielonka")  # the contact page is searched first
    proof_on(r, "/kontakt", "22 761 20 00")
    assert r.details["contact_link"] and r.details["schema_org"] == [
        "address",
        "email",
        "telephone",
    ]
    partial = run("INF-01", single("<p>Telefon: 22 700 80 90</p>"))
    assert partial.status == "partial" and partial.score == pytest.approx(1 / 3, abs=1e-3)
    assert partial.details["missing"] == ["adres", "e-mail"]


def test_inf01_schema_org_alone_counts():
    art = single(sites.GMINA_JSONLD)
    r = run("INF-01", art)
    assert r.status == "pass"
    assert any(ev.get("note") == "schema.org" for ev in r.evidence)


def test_inf02_hours():
    r = run("INF-02", GMINA)
    assert r.status == "pass" and r.details["office_hours"]["fri"] == [["07:30", "14:00"]]
    text_only = gmina_with({"": sites.HOME_MAIN})
    text_only["pages"][0]["html"] = text_only["pages"][0]["html"].replace(sites.GMINA_JSONLD, "")
    r = run("INF-02", text_only)
    assert_pass(r, sites.GMINA, "poniedziałek 8:00–16:00")
    mention = run("INF-02", single("<p>Godziny pracy urzędu podamy wkrótce.</p>"))
    assert mention.status == "partial" and mention.details["office_hours"] is None


def test_inf03_statement_link_in_footer_of_every_page():
    r = run("INF-03", GMINA)
    ev = assert_pass(r, sites.GMINA, "Deklaracja dostępności")
    assert "footer >" in ev["selector"]
    assert r.details["link_share"] == 1.0 and r.details["a11y_ids"]


def test_inf03_partial_when_only_some_pages_carry_the_link():
    art = sites.gmina_site()
    for p in art["pages"][1:4]:
        p["html"] = p["html"].replace(
            '<li><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></li>', ""
        )
        p["links"] = [link for link in p["links"] if "deklaracja" not in link["href"]]
    r = run("INF-03", art)
    assert r.status == "partial" and r.details["link_share"] == 0.4
    without = next(ev for ev in r.evidence if ev["type"] == "pages_without")
    assert len(without["urls"]) == 3


def test_inf03_home_page_link_is_the_legal_minimum_and_statement_without_link_is_partial():
    art = sites.gmina_site()
    for p in art["pages"]:
        p["html"] = p["html"].replace(
            '<li><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></li>', ""
        )
        p["links"] = [link for link in p["links"] if "deklaracja" not in link["href"]]
    r = run("INF-03", art)
    assert r.status == "partial" and r.score == 0.5  # the statement exists, nothing links to it
    assert "0/5" in r.explanation
    home = art["pages"][0]
    home["html"] = home["html"].replace(
        "<h1>Gmina Zielonka</h1>",
        '<h1>Gmina Zielonka</h1><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a>',
    )
    r = run("INF-03", art)
    assert r.status == "partial" and r.score == 0.875
    assert "jest na stronie głównej" in r.explanation


def test_inf04_and_inf05_etr_and_sign_language():
    assert_pass(run("INF-04", GMINA), "/dostepnosc", "łatwym do czytania")
    r = run("INF-05", GMINA)
    ev = assert_pass(r, "/dostepnosc")
    assert any("youtube.com/embed" in (e.get("element") or "") for e in r.evidence), ev
    no_video = single("<p>Informacja w polskim języku migowym będzie dostępna wkrótce.</p>")
    assert run("INF-05", no_video).status == "partial"


def test_inf06_building_accessibility_both_ways():
    assert_pass(run("INF-06", GMINA), "/dostepnosc", "Dostępność architektoniczna")
    r = run("INF-06", single("<p>W budynku jest winda.</p>"))
    assert r.status == "partial" and r.details["elements"] == ["winda"]


def test_inf07_coordinator_and_report():
    r = run("INF-07", GMINA)
    assert_pass(r, "/dostepnosc", "Koordynatorem do spraw dostępności")
    only = run("INF-07", single("<p>Koordynator ds. dostępności: Anna Lis.</p>"))
    assert only.status == "partial" and only.score == 0.5


def test_inf08_bip_link_and_elements():
    r = run("INF-08", GMINA)
    assert_pass(r, sites.GMINA, "BIP")
    proof_on(r, sites.BIP, "Rejestr zmian")
    assert r.details["bip_elements"] == [
        "logo BIP",
        "Redakcja",
        "Instrukcja",
        "Rejestr zmian",
        "wyszukiwarka",
    ]


def test_inf08_bip_missing_elements_and_bip_not_crawled():
    r = run("INF-08", sites.gmina_site_bip_missing_two())
    assert r.status == "partial" and r.score == pytest.approx(0.8)
    assert r.details["missing"] == ["logo BIP", "Rejestr zmian"]
    not_crawled = sites.gmina_site()
    not_crawled["pages"] = not_crawled["pages"][:-1]
    r = run("INF-08", not_crawled)
    assert r.status == "pass" and r.details["bip_elements"] == "not_measured"


def test_inf09_gdpr_needs_iod_for_offices_not_for_cooperatives():
    assert_pass(run("INF-09", GMINA), "/kontakt", "iod@gmina.example.pl")
    clause_only = single(
        "<p>Klauzula informacyjna: administratorem Pani/Pana danych osobowych jest Zarząd Spółdzielni.</p>"
    )
    assert run("INF-09", clause_only, ctx("J")).status == "partial"
    assert run("INF-09", clause_only, ctx("S", "spoldzielnia_mieszkaniowa")).status == "pass"


def test_inf10_e_delivery():
    r = run("INF-10", GMINA)
    assert_pass(r, "/kontakt", "AE:PL-12345-67890-ABCDE-12")
    epuap_only = single("<p>Skrzynka ePUAP: /ugwies/skrytka</p>")
    assert run("INF-10", epuap_only).status == "partial"


def test_inf11_services_for_offices_and_companies():
    assert_pass(run("INF-11", GMINA), "/jak-zalatwic-sprawe", "Karta usługi")
    company = artifact([page(sites.PWIK, sites.COMPANY_HOME, depth=0)])
    r = run("INF-11", company, ctx("K", "spolka_komunalna"))
    assert r.status == "pass" and "przyłącze" in r.details["found"]
    one_kind = single("<p>Druki do pobrania: wniosek o wydanie zaświadczenia.</p>")
    assert run("INF-11", one_kind).status == "partial"


def test_inf12_complaints_with_hours_and_petitions():
    r = run("INF-12", GMINA)
    assert_pass(r, "/kontakt", "poniedziałki w godz. 12:00–16:00")
    proof_on(r, "/jak-zalatwic-sprawe", "Petycje")
    no_hours = single("<h2>Skargi i wnioski</h2><p>Skargi można składać pisemnie.</p>")
    r = run("INF-12", no_hours)
    assert r.status == "partial" and r.details["missing"] == ["dni i godziny przyjęć", "petycje"]


def test_inf13_structure_with_unit_contacts():
    r = run("INF-13", GMINA)
    assert_pass(r, "/kontakt", "Referat Gospodarki Komunalnej")
    assert r.details["units_with_contact"] == 3
    heading_only = single("<h1>Struktura organizacyjna</h1><p>Schemat w przygotowaniu.</p>")
    assert run("INF-13", heading_only).status == "partial"


def test_inf14_freshness_thresholds():
    assert_pass(run("INF-14", GMINA), sites.GMINA, "10 marca 2027")
    half = run("INF-14", single("<p>Aktualizacja: 05.01.2027</p>"))
    assert half.status == "partial" and half.score == 0.5 and half.details["age_days"] == 69
    old = run("INF-14", POOR)
    assert old.status == "fail" and old.details["newest"] == "2025-08-28"
    future_only = run("INF-14", single("<p>Sesja Rady: 30.04.2027</p>"))
    assert future_only.status == "fail" and future_only.details["newest"] is None


def test_inf15_emergencies():
    assert_pass(run("INF-15", SM), "/awarie", "600 100 200")
    assert_missing(run("INF-15", GMINA), GMINA)
    mention = single("<p>Awarie prosimy zgłaszać do administracji.</p>")
    assert run("INF-15", mention).status == "partial"


def test_inf16_cooperative_documents():
    r = run("INF-16", SM, ctx("S", "spoldzielnia_mieszkaniowa"))
    assert_pass(r, "/dokumenty", "Statut Spółdzielni")
    proof_on(r, "/dokumenty", "lustracji")
    few = single(
        "<a href='/statut.pdf'>Statut</a> <a href='/reg.pdf'>Regulamin porządku domowego</a>"
    )
    r = run("INF-16", few, ctx("S", "spoldzielnia_mieszkaniowa"))
    assert r.status == "partial" and r.score == pytest.approx(2 / 7, abs=1e-3)
    assert_missing(run("INF-16", GMINA), GMINA)


def test_inf17_community_documents():
    art = artifact([page(sites.WSPOLNOTA, sites.COMMUNITY_HOME, depth=0, path=[sites.WSPOLNOTA])])
    r = run("INF-17", art, ctx("W", "wspolnota_mieszkaniowa"))
    assert_pass(r, sites.WSPOLNOTA, "Plan gospodarczy")
    assert_missing(run("INF-17", POOR), POOR)


def test_inf18_company_registry_data_and_tariffs():
    art = artifact([page(sites.PWIK, sites.COMPANY_HOME, depth=0)])
    r = run("INF-18", art, ctx("K", "spolka_komunalna"))
    assert_pass(r, sites.PWIK, "KRS 0000123456")
    tariffs_only = single("<a href='/cennik.pdf'>Cennik usług 2027</a>")
    assert run("INF-18", tariffs_only).score == 0.5
    assert_missing(run("INF-18", POOR), POOR)


def test_inf19_whistleblowing():
    assert_pass(run("INF-19", GMINA), "/jak-zalatwic-sprawe", "sygnalistów")
    assert run("INF-19", single("<p>Informacja dla sygnalistów.</p>")).status == "partial"


def test_inf20_help_tools():
    r = run("INF-20", GMINA)
    assert_pass(r, sites.GMINA)
    assert r.details["form_rodo_clause"] is True
    no_clause = single("<h2>FAQ</h2><form><textarea name='m'></textarea></form>")
    r = run("INF-20", no_clause)
    assert r.status == "partial" and r.score == pytest.approx(0.5)
    assert "bez klauzuli RODO" in r.explanation


def test_inf21_channels_and_languages():
    r = run("INF-21", GMINA)
    assert_pass(r, sites.GMINA, "facebook")
    only_fb = single("<a href='https://www.facebook.com/gmina'>Facebook</a>")
    assert run("INF-21", only_fb).status == "partial"
