"""Fast tests of the crawl's small pieces."""

import asyncio
import socket
import time

import pytest

from probes.netguard import NetGuard, RefusedAddress
from probes.website.cdp.connection import BrowserClosed, ProtocolError
from probes.website.cdp.page import Page
from probes.website.frontier import Frontier, priority
from probes.website.politeness import Politeness, retry_after_seconds
from probes.website.robots import parse_sitemap
from probes.website.scope import SiteScope, is_bip_link, registrable_domain
from probes.website.urls import TrapLimits, normalise, trap_kind


def test_normalise_drops_fragments_sessions_tracking_and_sorts_query():
    assert (
        normalise(
            "HTTP://Gmina.Example.PL:80/a//b;jsessionid=XY?b=2&utm_source=x&a=1&PHPSESSID=9#top"
        )
        == "http://gmina.example.pl/a/b?a=1&b=2"
    )
    assert normalise("mailto:a@b.pl") is None
    assert normalise("../kontakt", "https://g.pl/urzad/godziny") == "https://g.pl/kontakt"


def test_trap_limits_cut_calendars_and_facets_but_not_ordinary_pages():
    limits = TrapLimits()
    calendar = [f"https://g.pl/kalendarz?data=2026-01-{d:02d}" for d in range(1, 20)]
    assert sum(limits.admit(u) for u in calendar) == 3
    assert trap_kind("https://g.pl/szukaj?kategoria=a&sort=b") == "faceted"
    assert trap_kind("https://g.pl/aktualnosci?strona=7") == "pagination"
    assert trap_kind("https://g.pl/wydarzenia/2026/03/14") == "calendar"
    assert trap_kind("https://g.pl/urzad/kontakt") is None
    assert all(limits.admit(f"https://g.pl/aktualnosci/wpis-{i}") for i in range(10))
    assert limits.cut["calendar"] == 16


def test_frontier_puts_resident_pages_before_news():
    frontier = Frontier()
    frontier.push("https://g.pl/aktualnosci/2026/festyn", 1, [], "Festyn gminny")
    frontier.push("https://g.pl/galeria", 1, [], "Galeria")
    frontier.push("https://g.pl/strona/42", 1, [], "Deklaracja dostępności")
    frontier.push("https://g.pl/urzad/kontakt", 1, [], "Kontakt")
    frontier.push("https://g.pl/bip", 2, [], "BIP")
    order = [frontier.pop().url for _ in range(5)]
    assert order[:3] == ["https://g.pl/strona/42", "https://g.pl/urzad/kontakt", "https://g.pl/bip"]
    assert set(order[3:]) == {"https://g.pl/aktualnosci/2026/festyn", "https://g.pl/galeria"}
    assert priority("https://g.pl/x", "Godziny pracy urzędu") > priority("https://g.pl/x", "Festyn")


def test_scope_registrable_domain_and_bip_hosts():
    assert registrable_domain("www.gmina.zielona.pl") == "zielona.pl"
    scope = SiteScope("https://www.zielonadolina.pl/")
    assert scope.admits("https://bip.zielonadolina.pl/redakcja")
    assert scope.is_bip("https://bip.zielonadolina.pl/redakcja")
    assert not scope.admits("https://zielonadolina.bip.net.pl/")
    assert is_bip_link("https://zielonadolina.bip.net.pl/", "")
    assert is_bip_link("https://x.pl/", "Biuletyn Informacji Publicznej")
    scope.adopt_bip("https://zielonadolina.bip.net.pl/")
    assert scope.admits("https://zielonadolina.bip.net.pl/instrukcja")
    assert not scope.admits("https://www.facebook.com/zielonadolina")
    # Two loopback sites differ by port, not by host.
    loop = SiteScope("http://127.0.0.21:8000/")
    assert loop.admits("http://127.0.0.21:8000/kontakt")
    assert not loop.admits("http://127.0.0.21:9000/")


def test_netguard_refuses_private_loopback_link_local_and_metadata():
    guard = NetGuard(allow_private=False)
    for url in (
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost/",
        "file:///etc/passwd",
        "http://0.0.0.0/",
    ):
        with pytest.raises(RefusedAddress):
            guard.check(url)
    assert guard.allows("http://8.8.8.8/")
    # Allowed private networks still never reach a cloud metadata service.
    open_guard = NetGuard(allow_private=True)
    assert open_guard.allows("http://127.0.0.1/")
    assert not open_guard.allows("http://169.254.169.254/")


def test_netguard_keeps_what_it_checked_but_not_a_failed_lookup(monkeypatch):
    answers = [
        gaierror := socket.gaierror(socket.EAI_AGAIN, "chwilowy błąd resolwera"),
        [
            (socket.AF_INET6, 0, 0, "", ("2a00:1450:4025::65", 0, 0, 0)),
            (0, 0, 0, "", ("8.8.4.4", 0)),
        ],
        [(0, 0, 0, "", ("10.0.0.1", 0))],  # rebinding: never asked again
    ]

    def lookup(*args, **kwargs):
        answer = answers.pop(0)
        if answer is gaierror:
            raise answer
        return answer

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    guard = NetGuard(allow_private=False)
    assert guard.addresses_for("gmina.example") == ()  # their DNS failure… for now
    assert guard.addresses_for("gmina.example") == ("8.8.4.4", "2a00:1450:4025::65")  # IPv4 first
    assert guard.addresses_for("gmina.example") == ("8.8.4.4", "2a00:1450:4025::65")
    assert len(answers) == 1


def test_netguard_reads_the_environment(monkeypatch):
    monkeypatch.setenv("AUDITOR_ALLOW_PRIVATE_NETWORKS", "0")
    assert NetGuard.from_settings().allow_private is False
    monkeypatch.setenv("AUDITOR_ALLOW_PRIVATE_NETWORKS", "tak")
    assert NetGuard.from_settings().allow_private is True
    assert NetGuard.from_settings(allow_private=False).allow_private is False


def test_retry_after_as_seconds_or_date():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("bzdura") is None


def test_politeness_two_in_flight_per_host_with_delay_and_backoff():
    async def scenario():
        polite = Politeness(per_host=2, delay=0.05)
        in_flight = peak = 0
        starts = []

        async def fetch(host):
            nonlocal in_flight, peak
            async with polite.slot(host):
                starts.append(time.monotonic())
                in_flight += 1
                peak = max(peak, in_flight)
                await asyncio.sleep(0.05)
                in_flight -= 1

        await asyncio.gather(*(fetch("g.pl") for _ in range(6)))
        wait = polite.record("g.pl", 503, "1")
        return peak, starts[-1] - starts[0], wait

    peak, span, wait = asyncio.run(scenario())
    assert peak == 2
    # Six starts at least `delay` apart: the last no sooner than 5 delays after the first
    # (sleeps never end early, so this holds however loaded the machine is).
    assert span >= 5 * 0.05
    assert wait == 1.0


def test_sitemap_index_and_urlset():
    urls, nested = parse_sitemap(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://g.pl/a</loc></url><url><loc> https://g.pl/b </loc></url></urlset>"
    )
    assert urls == ["https://g.pl/a", "https://g.pl/b"] and nested == []
    urls, nested = parse_sitemap(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://g.pl/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert urls == [] and nested == ["https://g.pl/s1.xml"]


def test_normalise_keeps_the_brackets_of_ipv6_literals():
    from probes.website.urls import normalise

    assert normalise("http://[::1]/") == "http://[::1]/"
    assert normalise("HTTP://[FD00::1]:8080/a#x") == "http://[fd00::1]:8080/a"
    assert normalise("http://[2606:4700:4700::1111]:80/") == "http://[2606:4700:4700::1111]/"
    assert normalise("/kontakt", "http://[2001:db8::5]/") == "http://[2001:db8::5]/kontakt"


def test_only_chromiums_refusal_of_a_second_locale_override_is_forgiven():
    """Tabs sharing a renderer share its locale: Chromium refusing the second override
    (a ProtocolError) is fine; anything else with those words (a lost browser) is not."""
    locale = "Another locale override is already in effect"

    class Tab:
        def __init__(self, error: Exception) -> None:
            self.error = error

        async def _send(self, method, params):
            raise self.error

    forgiven = Tab(ProtocolError("Emulation.setLocaleOverride", locale))
    asyncio.run(Page._setup_call(forgiven, "Emulation.setLocaleOverride", {}))
    gone = Tab(BrowserClosed(f"przeglądarka zamknięta ({locale})"))
    with pytest.raises(BrowserClosed):
        asyncio.run(Page._setup_call(gone, "Emulation.setLocaleOverride", {}))


class _Connection:
    """Just enough of a CDP connection for one `Page.goto`: Page.navigate answers with a
    loader, then Chromium's events for a script that sends the tab to a file arrive in the
    order given."""

    call_timeout_s = 5.0

    def __init__(self, page_events) -> None:
        self.page_events = page_events
        self.page: Page | None = None

    def on_close(self, callback) -> None:
        pass

    def notify(self, method, params, session=None) -> None:
        pass

    async def send(self, method, params=None, session=None, timeout=None) -> dict:
        assert method == "Page.navigate"
        loop = asyncio.get_running_loop()
        for delay, (handler, event) in enumerate(self.page_events, start=1):
            loop.call_later(0.01 * delay, getattr(self.page, handler), event)
        return {"frameId": "tab", "loaderId": "L1"}


@pytest.mark.parametrize("stop_first", [False, True])
def test_a_download_ends_the_wait_for_load_in_either_order(stop_first):
    """/jsdownload/: the page's load event never comes; the stop of loading and the start of
    the download end the wait in whichever order Chromium reports them (a stop reported
    first used to leave the page waiting into a timeout, blamed on the site)."""
    stop = ("_on_stopped_loading", {"frameId": "tab"})
    download = (
        "_on_download",
        {"frameId": "tab", "url": "http://gmina.test/plik.bin", "suggestedFilename": "plik.bin"},
    )
    connection = _Connection([stop, download] if stop_first else [download, stop])

    class Context:
        pass

    context = Context()
    context.connection = connection
    page = connection.page = Page(context, "tab", "session")

    async def navigate():
        started = time.monotonic()
        await page.goto("http://gmina.test/jsdownload/", timeout=3_000)
        return time.monotonic() - started

    assert asyncio.run(navigate()) < 2.0
    assert [d["filename"] for d in page.take_downloads()] == ["plik.bin"]
