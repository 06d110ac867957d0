"""One downloader for every request of the website probe: page visits, link checks,
documents, robots.txt and sitemaps share the host's politeness slot (its delay between
starts), and the SSRF guard stops link checks as it stops pages.

Real Chromium, real loopback servers; the server notes when each request arrived.
"""

from __future__ import annotations

import asyncio

import pytest

from probes.evidence import MemorySink
from probes.website.crawler import ProbeSettings, WebsiteProbe
from probes.website.downloader import Downloader
from probes.website.politeness import Politeness
from tests.website.recording_server import RecordingServer, probe_named_hosts

HTML = "text/html; charset=utf-8"
DELAY = 0.4
# The gaps are measured at the server: a request reaches it a little after its slot's
# start (later from the browser than from a plain fetch; later still on a busy machine).
SLACK = 0.15


# Enough of a PDF for the crawler to take it for one (its text layer is not the point).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _page(title: str, links: list[str]) -> tuple[str, bytes]:
    anchors = "".join(f'<a href="{href}">{href}</a> ' for href in links)
    body = f"<!doctype html><html lang=pl><title>{title}</title><main><h1>{title}</h1>{anchors}"
    return HTML, body.encode()


def _site(link_checks: int) -> dict[str, tuple[str, bytes]]:
    checked = [f"/sprawa/{n}" for n in range(link_checks)]
    routes = {
        "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
        "/": _page("Gmina", ["/kontakt", "/dokument", "/uchwala.pdf", *checked]),
        "/kontakt": _page("Kontakt", []),
        # Not a .pdf address: the browser downloads it, the crawler fetches it plainly.
        "/dokument": ("application/pdf", PDF),
        "/uchwala.pdf": ("application/pdf", PDF),
    }
    routes.update({path: _page(path, []) for path in checked})
    return routes


def _settings(**changes) -> ProbeSettings:
    base = {
        "max_pages": 3,
        "allow_private_networks": True,
        "run_axe": False,
        "screenshots": "none",
        "mail_dns": False,
        "network_quiet_s": 0.1,
        "delay_s": DELAY,
        "per_host": 2,
    }
    return ProbeSettings(**(base | changes))


@pytest.mark.browser
def test_no_two_requests_to_a_host_closer_than_its_delay():
    server = RecordingServer(routes=_site(link_checks=8))
    try:
        artifact = asyncio.run(WebsiteProbe(MemorySink(), _settings()).probe(server.url))
    finally:
        server.close()
    requests = sorted(server.requests)
    seen = [(method, path) for _at, method, path in requests]
    # Every kind of request came: robots, sitemap, pages (the browser), a document the
    # browser downloads (then fetched plainly), a PDF check, link checks (HEAD).
    assert ("GET", "/robots.txt") in seen and ("GET", "/sitemap.xml") in seen
    assert ("GET", "/kontakt") in seen
    assert seen.count(("GET", "/dokument")) == 2
    assert ("GET", "/uchwala.pdf") in seen
    assert sum(method == "HEAD" for method, _path in seen) >= 5
    gaps = [later[0] - earlier[0] for earlier, later in zip(requests, requests[1:], strict=False)]
    closest = min(range(len(gaps)), key=gaps.__getitem__)
    assert gaps[closest] >= DELAY - SLACK, (seen[closest], seen[closest + 1], gaps[closest])
    assert artifact["site"]["links_checked"] >= 8 and artifact["site"]["broken_links"] == []


PUBLIC, INTERNAL = "127.0.0.5", "127.0.0.9"


@pytest.mark.browser
def test_the_guard_refuses_a_private_address_for_a_link_check_too():
    routes: dict = {}
    public = RecordingServer(PUBLIC, routes=routes)
    port = public.port
    internal = RecordingServer(INTERNAL, port, title="intranet")
    secret = f"http://intranet.gmina.test:{port}/tajne"
    routes.update({"/": _page("Gmina", ["/kontakt", secret]), "/kontakt": _page("Kontakt", [])})
    settings = _settings(
        max_pages=1, allow_private_networks=False, exempt_addresses=(PUBLIC,), delay_s=0.05
    )
    answers = {"gmina.test": (PUBLIC,), "intranet.gmina.test": (INTERNAL,)}
    artifact = probe_named_hosts(
        settings, answers, f"http://gmina.test:{port}/", [public, internal]
    )
    assert artifact["outcome"] == "ok"
    assert internal.hits == []
    assert ("HEAD", "/kontakt") in [(m, p) for _at, m, p in public.requests]  # in scope: checked
    refused = {entry["url"]: entry["reason"] for entry in artifact["site"]["refused_addresses"]}
    assert INTERNAL in refused[secret]
    assert secret not in {link["url"] for link in artifact["site"]["broken_links"]}


def test_one_slot_per_host_name_whatever_the_port_or_scheme():
    async def starts() -> list[float]:
        downloader = Downloader(None, Politeness(per_host=2, delay=0.2))  # type: ignore[arg-type]
        loop = asyncio.get_running_loop()
        times: list[float] = []

        async def visit(url: str) -> None:
            async with downloader.slot(url):
                times.append(loop.time())

        await asyncio.gather(
            visit("http://gmina.test:8080/"),
            visit("https://gmina.test/a"),
            visit("http://GMINA.test/"),
        )
        return sorted(times)

    times = asyncio.run(starts())
    assert all(b - a >= 0.19 for a, b in zip(times, times[1:], strict=False))
