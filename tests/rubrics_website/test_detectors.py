"""Each detector alone, on small Polish snippets."""

from __future__ import annotations

from datetime import date

import pytest

from rubrics.website import detectors as d
from rubrics.website import site
from rubrics.website.text import fold, search
from tests.rubrics_website.factory import page


def one(html: str, url: str = "https://gmina.example.pl/x", **kw) -> dict:
    return page(url, f"<html lang='pl'><body>{html}</body></html>", **kw)


def test_fold_keeps_length_and_strips_polish_diacritics():
    text = "ŁÓDŹ, Żółć — Świętokrzyska"
    assert fold(text) == "lodz, zolc — swietokrzyska"
    assert len(fold(text)) == len(text)


def test_search_returns_original_wording_and_snippet_of_80_chars_each_side():
    text = "x" * 200 + " Godziny Pracy Urzędu: pon.–pt. " + "y" * 200
    m = search(text, (r"godziny pracy urzedu",))
    assert m is not None and m.matched == "Godziny Pracy Urzędu"
    assert m.snippet.startswith("…") and m.snippet.endswith("…")
    assert "Godziny Pracy Urzędu" in m.snippet
    assert len(m.snippet) <= len("Godziny Pracy Urzędu") + 2 * 80 + 2


@pytest.mark.parametrize(
    "text",
    [
        "tel. 22 761 20 00",
        "tel.: +48 22 761 20 00",
        "(22) 761-20-00",
        "kom. 600 123 456",
        "tel. 0048 600123456",
    ],
)
def test_phone_numbers_written_the_polish_ways(text):
    assert d.phones_in(text), text


@pytest.mark.parametrize(
    "text",
    ["NIP 125-000-11-22", "05-220 Zielonka", "data 12.03.2027", "KRS 0000123456", "rok 2027"],
)
def test_things_that_are_not_phone_numbers(text):
    assert not d.phones_in(text), text


def test_postal_address_by_street_or_postcode_and_town():
    assert d.find_postal_address([one("<p>ul. Kościuszki 12, 05-220 Zielonka</p>")])
    assert d.find_postal_address([one("<p>Rynek 1<br>34-100 Wadowice</p>")])
    assert d.find_postal_address([one("<p>Zapraszamy w godz. 10-12</p>")]) is None


def test_email_prefers_mailto_link_with_its_element():
    p = one('<p>Pisz: <a href="mailto:sekretariat@gmina.example.pl?subject=x">napisz</a></p>')
    f = d.find_email([p])
    assert f.value == "sekretariat@gmina.example.pl"
    ev = f.evidence()
    assert ev["selector"].endswith("a") and "mailto:" in ev["element"]
    assert d.find_email([one("<p>e-mail: urzad@gmina.pl</p>")]).value == "urzad@gmina.pl"


def test_e_delivery_address_and_epuap_box():
    p = one(
        "<p>Adres do e-Doręczeń: AE:PL-51058-61734-HAVJS-25</p><p>ePUAP: /ugzielonka/SkrytkaESP</p>"
    )
    assert d.find_regex([p], d.E_DELIVERY).value == "AE:PL-51058-61734-HAVJS-25"
    assert d.find_regex([p], d.EPUAP_BOX).value == "/ugzielonka/SkrytkaESP"
    assert d.find_regex([one("<p>AE:PL-5105-61734-HAVJS-25</p>")], d.E_DELIVERY) is None


def test_link_matcher_ignores_case_and_diacritics_and_reads_alt_text():
    p = one(
        '<a href="/dd"><img src="x.png" alt="DEKLARACJA DOSTEPNOSCI"></a><a href="/k">Kontakt</a>'
    )
    assert len(d.find_links(p, (r"deklaracj\w* dostepnosci",))) == 1
    assert d.find_link([p], (r"^kontakt$",)).value == "/k"


def test_heading_matcher():
    p = one("<h2>Struktura Organizacyjna Urzędu</h2><p>Struktura organizacyjna</p>")
    f = d.find_heading([p], (r"struktura organizacyjna",))
    assert f.element.name == "h2"


def test_schema_org_json_ld_graph_and_microdata():
    jsonld = one(
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": "GovernmentOrganization",'
        ' "telephone": "+48 22 761 20 00", "email": "urzad@gmina.pl", "address": {"streetAddress": "ul. Polna 1"}}]}</script>'
    )
    found = d.find_schema_contact([jsonld])
    assert set(found) == {"address", "telephone", "email"}
    assert found["telephone"].value == "+48 22 761 20 00"
    micro = one(
        '<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">SM Słoneczna</span>'
        '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="streetAddress">al. Piłsudskiego 5</span></div>'
        '<a itemprop="email" href="mailto:biuro@sm.pl">biuro@sm.pl</a></div>'
    )
    items = d.schema_organizations(micro)
    assert items[0][0]["email"] == "biuro@sm.pl"
    assert items[0][0]["address"]["streetAddress"] == "al. Piłsudskiego 5"
    assert "telephone" not in d.find_schema_contact([micro])
    assert d.find_schema_contact([one('<script type="application/ld+json">{broken</script>')]) == {}


def test_dates_from_time_elements_and_text_but_not_from_statement_ids():
    p = one(
        '<time datetime="2027-03-10">10 marca</time><p>Dodano 02.03.2027, sesja 5 lutego 2027</p>'
        '<time id="a11y-data-aktualizacja" datetime="2027-03-14">14.03</time>'
    )
    found = {x[0] for x in d.dates_on_page(p)}
    assert found == {date(2027, 3, 10), date(2027, 3, 2), date(2027, 2, 5)}
    assert d.parse_date("31.02.2027") is None


def test_search_box_variants():
    assert d.find_search([one('<input type="search" name="x">')])
    assert d.find_search([one('<div role="search"><input></div>')])
    assert d.find_search([one('<form action="/szukaj"><input name="fraza"></form>')])
    assert d.find_search([one('<form action="/kontakt"><input name="email"></form>')]) is None


def test_contact_form_with_and_without_rodo_clause():
    with_clause = one(
        '<form><textarea name="m"></textarea><p>Administratorem danych osobowych jest Wójt.</p></form>'
    )
    without = one('<form><textarea name="m"></textarea><button>Wyślij</button></form>')
    assert d.find_contact_form([with_clause]).value is True
    assert d.find_contact_form([without]).value is False
    assert d.find_contact_form([one("<form><input name='q'></form>")]) is None


def test_link_in_shared_region_uses_footer_markup_or_probe_region():
    marked = one('<footer><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></footer>')
    assert d.link_in_shared_region(marked, (r"deklaracj\w* dostepnosci",), ()) is not None
    in_main = one('<main><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></main>')
    assert d.link_in_shared_region(in_main, (r"deklaracj\w* dostepnosci",), ()) is None
    div_footer = one('<div class="stopka"><a href="/dd">Deklaracja dostępności</a></div>')
    div_footer["links"][0]["region"] = "footer"  # the probe saw it at the bottom of every page
    assert d.link_in_shared_region(div_footer, (r"deklaracj\w* dostepnosci",), ()) is not None


def test_page_parsed_once_per_page_object():
    p = one("<p>raz</p>")
    assert site.soup(p) is site.soup(p)
    q = dict(p)  # another page object with the same HTML is parsed on its own
    assert site.soup(q) is not site.soup(p)
    p["html"] = "<p>dwa</p>"  # changed HTML is re-parsed
    assert site.soup(p).get_text() == "dwa"


def test_clear_cache_forces_a_fresh_parse():
    from rubrics.website import clear_cache

    p = one("<p>raz</p>")
    first = site.soup(p)
    clear_cache()
    assert site.soup(p) is not first


def test_fold_of_letters_whose_lower_case_is_longer_keeps_length():
    text = "İstanbul – Київ – Łódź"
    assert len(fold(text)) == len(text)
    assert fold(text).endswith("lodz")
