"""The website probe through real Chromium on the demo world."""

import json

import pytest

from tests.website.conftest import run_probe

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _by_path(artifact, path):
    return [p for p in artifact["pages"] if p["url"].endswith(path)]


def test_exemplary_gmina_evidence_fields(crawled, world):
    sink, artifacts = crawled
    gmina = artifacts["gmina"]
    assert gmina["schema"] == "website/1"
    assert gmina["outcome"] == "ok" and gmina["failure"] is None
    assert gmina["versions"]["axe_core"] == "4.14.1"
    assert gmina["versions"]["chromium"].startswith("156")
    assert gmina["versions"]["chromium_binary"] == "chromium-headless-shell"
    home = gmina["pages"][0]
    assert home["url"] == world.urls["gmina"] and home["depth"] == 0
    assert home["status"] == 200 and home["lang"] == "pl"
    assert set(home["timings"]) == {"ttfb_ms", "dcl_ms", "load_ms", "lcp_ms", "cls"}
    assert home["timings"]["load_ms"] >= home["timings"]["dcl_ms"] >= home["timings"]["ttfb_ms"]
    assert home["bytes"] > 1000
    assert sink.get(home["screenshot_desktop"])[:2] == b"\xff\xd8"  # JPEG
    assert sink.get(home["screenshot_mobile"])[:2] == b"\xff\xd8"
    assert home["horizontal_scroll_375"] is False
    assert "Zielona Dolina" in sink.get(home["text_blob"]).decode()
    assert "<html" in sink.get(home["html_blob"]).decode()
    axe = json.loads(sink.get(home["axe_blob"]))
    assert {"violations", "incomplete", "passes", "inapplicable"} <= set(axe)
    assert axe["testEngine"]["version"] == "4.14.1"
    assert axe["toolOptions"]["runOnly"]["values"] == [
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
        "wcag22a",
        "wcag22aa",
    ]  # 2.2 gathered for information
    footer = [link for link in home["links"] if link["region"] == "footer"]
    assert any(link["text"] == "Deklaracja dostępności" for link in footer)
    assert {link["region"] for link in home["links"]} >= {"nav", "main", "footer"}
    # The missing PJM video is a console error on that page.
    pjm = _by_path(gmina, "/jezyk-migowy")[0]
    assert any("404" in error for error in pjm["console_errors"])
    # The artifact itself is stored once, by the caller (scheduler.execute): not here.
    stored = [
        data
        for data, media, _ in sink.blobs.values()
        if media == "application/json" and data.startswith(b'{"attempts"')
    ]
    assert not stored


def test_axe_runs_inside_iframes(crawled):
    sink, artifacts = crawled
    contact = _by_path(artifacts["gmina"], "/urzad/kontakt")[0]
    axe = json.loads(sink.get(contact["axe_blob"]))
    image_alt = next(rule for rule in axe["violations"] if rule["id"] == "image-alt")
    assert image_alt["nodes"][0]["target"] == ["iframe", "img"]
    assert any(link.get("frame") for link in contact["links"])
    assert not _by_path(artifacts["gmina"], "/mapa-dojazdu")


def test_gmina_site_facts(crawled, world):
    _sink, artifacts = crawled
    site = artifacts["gmina"]["site"]
    assert site["robots_txt"]["status"] == 200
    assert site["robots_txt"]["sitemaps"] == [world.urls["gmina"] + "sitemap.xml"]
    assert site["sitemap"]["found"] is True and site["sitemap"]["urls"] >= 25
    assert site["tls"]["https"] is False and site["http_to_https"] is False
    assert site["hsts"] is None
    assert site["broken_links"] == [] and site["links_checked"] >= 30
    assert {pdf["url"].rsplit("/", 1)[1] for pdf in site["pdfs"]} == {
        "karta-odpady.pdf",
        "raport-dostepnosc.pdf",
    }
    assert all(pdf["has_text_layer"] is True for pdf in site["pdfs"])


def test_robots_txt_is_respected(crawled, world):
    _sink, artifacts = crawled
    gmina = artifacts["gmina"]
    assert gmina["site"]["robots_respected"] is True
    assert world.urls["gmina"] + "admin/logowanie" in gmina["site"]["robots_disallowed"]
    assert not any("/admin/" in p["url"] for p in gmina["pages"])
    assert not any(h.path.startswith("/admin/") for h in world.hits_of("gmina"))


def test_page_and_time_budgets(world):
    _sink, artifact = run_probe(world.urls["gmina"], allow_private_networks=True, max_pages=5)
    assert len(artifact["pages"]) == 5 and artifact["settings"]["max_pages"] == 5
    _sink, artifact = run_probe(world.urls["gmina"], allow_private_networks=True, time_budget_s=1.0)
    assert artifact["outcome"] == "ok" and 1 <= len(artifact["pages"]) < 15


def test_priority_pages_before_news_and_click_paths(crawled, world):
    _sink, artifacts = crawled
    pages = artifacts["gmina"]["pages"]
    order = [p["url"] for p in pages]
    first_news = min(i for i, u in enumerate(order) if "/aktualnosci" in u)
    for wanted in ("/deklaracja-dostepnosci", "/urzad/kontakt", "/rodo", "/e-doreczenia"):
        assert order.index(world.urls["gmina"].rstrip("/") + wanted) < first_news
    statement = _by_path(artifacts["gmina"], "/deklaracja-dostepnosci")[0]
    assert statement["depth"] == 1
    assert statement["path"] == [world.urls["gmina"], statement["url"]]
    architecture = _by_path(artifacts["gmina"], "/dostepnosc/architektoniczna")[0]
    assert architecture["depth"] == 2 and len(architecture["path"]) == 3


def test_bip_on_another_host_is_followed(crawled, world):
    _sink, artifacts = crawled
    gmina = artifacts["gmina"]
    assert gmina["site"]["bip"]["url"] == world.urls["gmina-bip"]
    bip_pages = [p for p in gmina["pages"] if p["on_bip"]]
    assert {p["url"] for p in bip_pages} >= {world.urls["gmina-bip"] + "redakcja"}
    assert all(p["url"].startswith(world.urls["gmina-bip"]) for p in bip_pages)
    # Links to other bodies' BIPs (the RPO's) are not followed.
    assert not any("brpo" in p["url"] for p in gmina["pages"])


def test_average_and_poor_sites_show_their_faults(crawled, world):
    sink, artifacts = crawled
    powiat = artifacts["powiat"]["site"]
    assert [b["url"] for b in powiat["broken_links"]] == [
        world.urls["powiat"] + "stara-strona/przetargi"
    ]
    assert powiat["pdfs"][0]["has_text_layer"] is False  # a scan
    wspolnota = artifacts["wspolnota"]
    home = wspolnota["pages"][0]
    assert home["lang"] is None and home["horizontal_scroll_375"] is True
    axe = json.loads(sink.get(home["axe_blob"]))
    assert {"html-has-lang", "image-alt"} <= {rule["id"] for rule in axe["violations"]}
    wod = artifacts["wodociagi"]["site"]
    assert wod["overlay_scripts"] == [world.urls["wodociagi"] + "static/userway-widget.js"]
    assert wod["third_party_requests_before_consent"] == [
        world.urls["tracker"] + "collect.js?id=WZ-1"
    ]
    assert artifacts["gmina"]["site"]["third_party_requests_before_consent"] == []


def test_crawler_trap_is_cut(crawled):
    _sink, artifacts = crawled
    trap = artifacts["pulapka"]
    assert trap["outcome"] == "ok"
    assert trap["site"]["trap_urls_cut"].get("calendar", 0) >= 1
    assert trap["site"]["trap_urls_cut"].get("faceted", 0) >= 1
    calendar_days = [p for p in trap["pages"] if "kalendarz?data=" in p["url"]]
    assert 1 <= len(calendar_days) <= 3
    assert len(trap["pages"]) < 20
    assert not any("PHPSESSID" in p["url"] or "sid=" in p["url"] for p in trap["pages"])


def test_windows_1250_is_decoded(crawled):
    sink, artifacts = crawled
    legacy = artifacts["windows-1250"]
    home = legacy["pages"][0]
    assert "Żółkwi" in home["title"]
    assert "Zażółć gęślą jaźń" in sink.get(home["text_blob"]).decode("utf-8")
    assert any(p["url"].endswith("/kontakt.php") for p in legacy["pages"])


def test_single_page_app_links_found_after_scripts(crawled, world):
    _sink, artifacts = crawled
    spa = artifacts["spa"]
    hrefs = {link["href"] for link in spa["pages"][0]["links"]}
    assert world.urls["spa"] + "kontakt" in hrefs
    assert any(p["url"] == world.urls["spa"] + "zglos-uszkodzenie" for p in spa["pages"])


def test_their_failures_are_site_failures(crawled, world):
    _sink, artifacts = crawled
    failing = artifacts["awaria-5xx"]
    assert failing["outcome"] == "site_failure"
    assert failing["failure"] == {
        "kind": "http_5xx",
        "detail": "strona główna odpowiada HTTP 503",
        "ours": False,
    }
    hits = [h.at for h in world.hits_of("awaria-5xx") if h.path == "/"]
    assert len(hits) >= 2 and hits[1] - hits[0] >= 0.9  # retried after Retry-After: 1
    pdf = artifacts["pdf-glowna"]
    assert pdf["outcome"] == "site_failure" and pdf["failure"]["kind"] == "pdf_home"
    assert pdf["pages"][0]["content_type"] == "application/pdf"
    assert pdf["pages"][0]["pdf"]["has_text_layer"] is True


def test_dead_site_refused_connection_is_theirs():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.40", 0))
        port = sock.getsockname()[1]
    _sink, artifact = run_probe(f"http://127.0.0.40:{port}/", allow_private_networks=True)
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "refused" and artifact["failure"]["ours"] is False


def test_their_timeout_is_theirs(world):
    _sink, artifact = run_probe(
        world.urls["wolna"], allow_private_networks=True, page_timeout_s=0.5, retry_5xx=0
    )
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "timeout" and artifact["failure"]["ours"] is False
