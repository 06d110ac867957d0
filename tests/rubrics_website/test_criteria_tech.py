"""TEC-01 … TEC-12: technical and accessibility checks, both ways."""

from __future__ import annotations

import pytest

from tests.rubrics_website import sites
from tests.rubrics_website.axe_data import FOOTER_LINK, FOOTER_TEXT, axe, rule
from tests.rubrics_website.factory import artifact, ctx, page
from tests.rubrics_website.helpers import assert_missing, assert_pass, run

POOR = sites.poor_site()


def test_tec01_https_cert_redirect_hsts():
    r = run("TEC-01", sites.gmina_site())
    assert r.status == "pass" and r.evidence[0]["type"] == "site"
    no_hsts = run("TEC-01", sites.gmina_site(hsts=None))
    assert no_hsts.status == "partial" and no_hsts.score == pytest.approx(0.7)
    untested = run("TEC-01", sites.gmina_site(http_to_https=None, hsts=None))
    assert untested.score == pytest.approx(
        0.4 / 0.7, abs=1e-3
    )  # not tested: left out, not punished
    assert "nie badano" in untested.explanation
    assert run("TEC-01", POOR).status == "fail"
    expired = sites.gmina_site(
        tls={"https": True, "valid": True, "expires": "2027-01-01T00:00:00Z", "error": None}
    )
    assert run("TEC-01", expired).status == "fail"
    assert run("TEC-01", sites.gmina_site(tls=None)).status == "not_measured"


def test_tec02_viewport_and_horizontal_scroll():
    assert run("TEC-02", sites.gmina_site()).status == "pass"
    r = run("TEC-02", POOR)
    assert r.status == "fail" and r.details["horizontal_scroll_pages"] == [
        sites.POOR + "galeria.php"
    ]
    art = sites.gmina_site()
    art["pages"][1]["horizontal_scroll_375"] = True
    r = run("TEC-02", art)
    assert r.status == "partial" and r.score == pytest.approx(1 - 0.5 / 6, abs=1e-3)


def test_tec02_zoom_blocking_is_reported():
    html = "<html lang='pl'><head><meta name='viewport' content='width=device-width, user-scalable=no'></head><body>x</body></html>"
    r = run("TEC-02", artifact([page("https://u.example.pl/", html, depth=0)]))
    assert r.details["zoom_blocked"] == ["https://u.example.pl/"]


def test_tec03_speed_from_lcp_and_cls_inp_not_scored():
    r = run("TEC-03", sites.gmina_site())
    assert r.status == "pass" and "INP nie mierzono" in r.explanation
    slow = run("TEC-03", POOR)
    assert slow.status == "fail" and slow.details["lcp_p75_ms"] > 4000
    art = sites.gmina_site()
    for p in art["pages"]:
        p["timings"]["lcp_ms"] = 3000
    mid = run("TEC-03", art)
    assert mid.status == "partial" and mid.score == 0.75
    for p in art["pages"]:
        p["timings"] = {}
    assert run("TEC-03", art).status == "not_measured"


def with_axe(art: dict, per_page) -> dict:
    for i, p in enumerate(art["pages"]):
        p["axe"] = per_page(i, p)
    return art


def test_tec04_clean_site_passes():
    art = with_axe(sites.gmina_site(), lambda i, p: axe())
    r = run("TEC-04", art)
    assert r.status == "pass" and r.score == 1.0
    assert r.details["criteria_not_tested"] == [
        "1.3.4",
        "1.4.4",
        "1.4.12",
        "2.1.1",
        "2.5.3",
        "4.1.1",
    ]


def test_tec04_template_issue_counted_once_with_evidence():
    art = with_axe(
        sites.gmina_site(),
        lambda i, p: axe([rule("link-name", FOOTER_LINK), rule("color-contrast", FOOTER_TEXT)]),
    )
    r = run("TEC-04", art)
    assert r.details["template_issues"] == 2 and r.details["page_issues"] == 0
    assert r.details["units"] == 7  # six pages + the shared template
    cells = {(c["criterion"], c["unit"]) for c in r.details["failed_cells"]}
    assert cells == {("1.4.3", "template"), ("2.4.4", "template"), ("4.1.2", "template")}
    link = next(ev for ev in r.evidence if ev["rule"] == "link-name")
    assert link["shared"] and len(link["pages"]) == 6 and link["impact"] == "serious"
    assert link["nodes"][0]["target"] == [FOOTER_LINK[0]]
    assert r.status == "pass"  # a footer icon link is a small share of a whole site


def test_tec04_page_issues_everywhere_fail():
    def broken(i, p):
        return axe(
            [
                rule("image-alt", (f"main img:nth-child({i})", f'<img src="/foto/{i}.jpg">')),
                rule("button-name", (f"#b{i}", f'<button id="b{i}"><i class="x"></i></button>')),
                rule("document-title", ("html", f"<html data-p={i}>")),
                rule("html-has-lang", ("html", f"<html data-p={i}>")),
            ]
        )

    r = run("TEC-04", with_axe(sites.gmina_site(), broken))
    assert r.status == "fail" and r.score < 0.85
    assert set(r.details["criteria_failing"]) == {"1.1.1", "2.4.2", "3.1.1", "4.1.2"}
    assert r.evidence[0]["impact"] == "critical"  # the worst first


def test_tec04_incomplete_and_best_practice_do_not_count():
    incomplete = [rule("color-contrast", ("h1", "<h1>Gmina</h1>"))]
    art = with_axe(
        sites.gmina_site(),
        lambda i, p: axe([rule("region", ("div.baner", "<div class='baner'>"))], incomplete),
    )
    r = run("TEC-04", art)
    assert r.status == "pass" and r.score == 1.0
    assert r.details["incomplete"][0]["rule"] == "color-contrast"
    assert r.details["other_violations"][0]["rule"] == "region"
    assert "do sprawdzenia przez jurora" in r.explanation


def test_tec04_no_axe_is_not_measured():
    assert run("TEC-04", sites.gmina_site()).status == "not_measured"


def test_tec05_language():
    r = run("TEC-05", sites.gmina_site())
    assert r.status == "pass" and r.evidence[0]["snippet"] == '<html lang="pl">'
    assert_missing(run("TEC-05", POOR), POOR)
    art = sites.gmina_site()
    art["pages"][2]["lang"] = ""
    art["pages"][3]["lang"] = None
    art["pages"][3]["html"] = art["pages"][3]["html"].replace('lang="pl"', "")
    assert run("TEC-05", art).status == "partial"


def test_tec06_skip_link_first_focusable():
    ev = assert_pass(run("TEC-06", sites.gmina_site()), sites.GMINA, "Przejdź do treści")
    assert ev["element"].startswith('<a class="skip-link" href="#tresc"')
    assert_missing(run("TEC-06", POOR), POOR)


@pytest.mark.parametrize(
    "body",
    [
        # Not the first focusable element.
        "<a href='/'>Start</a><a href='#main'>Przejdź do treści</a><main id='main'>x</main>",
        # Leads to no element.
        "<a href='#tresc'>Przejdź do treści</a><main>x</main>",
    ],
)
def test_tec06_partial_when_the_skip_link_is_late_or_leads_nowhere(body):
    home = page("https://u.example.pl/", f"<html><body>{body}</body></html>", depth=0)
    assert run("TEC-06", artifact([home])).status == "partial"


def test_tec07_statement_v2_v1_and_missing():
    r = run("TEC-07", sites.gmina_site())
    assert_pass(r, "deklaracja-dostepnosci", "częściowo zgodna")
    assert r.details["version"] == "2.0"
    v1 = run("TEC-07", sites.cooperative_site(), ctx("S", "spoldzielnia_mieszkaniowa"))
    assert v1.status == "pass" and v1.details["version"] == "1"
    assert_missing(run("TEC-07", POOR), POOR)


def test_tec07_partial_when_review_is_stale_and_rpo_link_missing():
    stale = ('datetime="2026-12-01"', 'datetime="2025-11-30"')
    art = sites.gmina_site_edited(4, stale, ("https://bip.brpo.gov.pl/", "/skargi"))
    r = run("TEC-07", art)
    assert r.status == "partial" and r.score == pytest.approx(4 / 6, abs=1e-3)
    assert "przegląd w ciągu 12 miesięcy" in r.explanation and "odnośnikiem do RPO" in r.explanation


PDFS = [
    {
        "url": "https://gmina.example.pl/statut.pdf",
        "from": "https://gmina.example.pl/",
        "has_text_layer": True,
        "tagged": True,
        "link_text": "Statut gminy (PDF, 420 KB)",
    },
    {
        "url": "https://gmina.example.pl/uchwala.pdf",
        "from": "https://gmina.example.pl/",
        "has_text_layer": True,
        "tagged": True,
        "link_text": "Uchwała nr XX/2027 (pdf 1,2 MB)",
    },
]
SCAN = {
    "url": "https://gmina.example.pl/skan.pdf",
    "from": "https://gmina.example.pl/",
    "has_text_layer": False,
    "tagged": False,
    "link_text": "Zarządzenie",
}


def test_tec08_documents():
    assert run("TEC-08", sites.gmina_site(pdfs=PDFS)).status == "pass"
    r = run("TEC-08", sites.gmina_site(pdfs=[*PDFS, SCAN]))
    assert r.status == "partial" and r.details["scans"] == [SCAN["url"]]
    assert r.evidence[0]["url"] == SCAN["url"]
    assert run("TEC-08", sites.gmina_site(pdfs=[SCAN])).status == "fail"
    assert run("TEC-08", sites.gmina_site()).status == "not_applicable"


def test_tec09_broken_links():
    assert run("TEC-09", sites.gmina_site()).status == "pass"
    broken = [
        {
            "url": f"https://gmina.example.pl/stara-{i}",
            "status": 404,
            "from": "https://gmina.example.pl/",
        }
        for i in range(3)
    ]
    r = run("TEC-09", sites.gmina_site(broken_links=broken))
    assert r.status == "partial" and r.evidence[0] == {
        "type": "broken_link",
        "url": broken[0]["url"],
        "status": 404,
        "from": broken[0]["from"],
    }
    assert run("TEC-09", sites.gmina_site(broken_links=broken * 3)).status == "fail"
    assert run("TEC-09", sites.gmina_site(links_checked=0)).status == "not_measured"


BANNER = """<div id="cookie-consent" role="dialog"><p>Ta strona używa plików cookies.</p>
<button>Akceptuję wszystkie</button>{reject}</div>"""


def with_banner(reject: str, **site_fields) -> dict:
    art = sites.gmina_site(**site_fields)
    home = art["pages"][0]
    html = home["html"].replace("</body>", BANNER.format(reject=reject) + "</body>")
    art["pages"][0] = page(home["url"], html, depth=0)
    return art


def test_tec10_privacy():
    r = run("TEC-10", with_banner("<button>Odrzuć</button>"))
    ev = assert_pass(r, sites.GMINA, "Odrzuć")
    assert ev["signal"] == "przycisk odmowy"
    tracked = run(
        "TEC-10",
        with_banner(
            "",
            third_party_requests_before_consent=[
                "https://www.googletagmanager.com/gtag/js?id=G-1",
                "https://fonts.example-cdn.net/a.woff2",
            ],
        ),
    )
    assert tracked.status == "fail"
    assert tracked.details["trackers_before_consent"] == [
        "https://www.googletagmanager.com/gtag/js?id=G-1"
    ]
    assert tracked.details["other_third_party_before_consent"] == [
        "https://fonts.example-cdn.net/a.woff2"
    ]
    no_reject = run("TEC-10", with_banner(""))
    assert no_reject.status == "partial" and "bez możliwości odmowy" in no_reject.explanation
    quiet = run("TEC-10", sites.gmina_site())
    assert quiet.status == "pass" and "nie jest potrzebny" in quiet.explanation
    unmeasured = run(
        "TEC-10",
        with_banner("<button>Tylko niezbędne</button>", third_party_requests_before_consent=None),
    )
    assert unmeasured.status == "pass" and unmeasured.details["requests_measured"] is False


def test_tec11_mail_dns_not_measured_without_evidence():
    r = run("TEC-11", sites.gmina_site())
    assert r.status == "not_measured" and r.score is None
    good = {
        "domain": "gmina.example.pl",
        "spf": "v=spf1 mx include:_spf.nazwa.pl -all",
        "dmarc": "v=DMARC1; p=quarantine; rua=mailto:d@gmina.example.pl",
        "dkim": ["default"],
    }
    assert run("TEC-11", sites.gmina_site(mail_dns=good)).status == "pass"
    weak = {**good, "dmarc": "v=DMARC1; p=none", "dkim": []}
    r = run("TEC-11", sites.gmina_site(mail_dns=weak))
    assert r.status == "partial" and r.score == pytest.approx(0.525)
    none = {"domain": "gmina.example.pl", "spf": None, "dmarc": None, "dkim": []}
    assert run("TEC-11", sites.gmina_site(mail_dns=none)).status == "fail"


def test_tec12_sitemap_and_search_overlay_earns_nothing():
    r = run("TEC-12", sites.gmina_site(overlay_scripts=["https://cdn.userway.org/widget.js"]))
    assert r.status == "pass" and r.details["overlay_scripts"] == [
        "https://cdn.userway.org/widget.js"
    ]
    assert "bez punktów" in r.explanation
    no_sitemap = run(
        "TEC-12",
        sites.gmina_site(sitemap={"url": sites.GMINA + "sitemap.xml", "found": False, "urls": 0}),
    )
    assert no_sitemap.status == "partial" and no_sitemap.score == 0.5
    assert_missing(run("TEC-12", POOR), POOR)
