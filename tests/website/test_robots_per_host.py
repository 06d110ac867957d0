"""robots.txt belongs to its host: the one downloader fetches each host's once (in its
slot), applies its Crawl-delay to that host only, and a link is judged by the robots.txt
of the host it points to, not the start host's. Real loopback servers (two addresses,
one port: the slot key is the host name); the browser test marked `browser`."""

from __future__ import annotations

import asyncio

import pytest

from probes.netguard import NetGuard
from probes.website.crawler import ProbeSettings
from probes.website.downloader import Downloader
from probes.website.politeness import Politeness
from tests.website.recording_server import RecordingServer, probe_named_hosts

HTML = "text/html; charset=utf-8"
HOST_A, HOST_B = "127.0.0.5", "127.0.0.6"


def _page(title: str, links: list[str]) -> tuple[str, bytes]:
    anchors = "".join(f'<a href="{href}">{href}</a> ' for href in links)
    return (
        HTML,
        f"<!doctype html><html lang=pl><title>{title}</title><h1>{title}</h1>{anchors}".encode(),
    )


def _robots(text: str) -> tuple[str, bytes]:
    return "text/plain", text.encode()


def _robots_gets(server: RecordingServer) -> int:
    return sum(
        1 for _at, method, path in server.requests if (method, path) == ("GET", "/robots.txt")
    )


def test_each_hosts_robots_once_and_its_crawl_delay_on_its_slot_only():
    a = RecordingServer(HOST_A, routes={"/robots.txt": _robots("User-agent: *\nCrawl-delay: 3\n")})
    b = RecordingServer(
        HOST_B, a.port, routes={"/robots.txt": _robots("User-agent: *\nDisallow: /x\n")}
    )

    async def ask() -> tuple[Downloader, list]:
        downloader = Downloader(NetGuard.from_settings(True), Politeness(delay=0.01))
        answers = await asyncio.gather(
            *(downloader.robots(f"{server.origin}/{n}") for server in (a, b) for n in range(3))
        )
        return downloader, answers

    try:
        downloader, answers = asyncio.run(ask())
    finally:
        a.close()
        b.close()
    assert _robots_gets(a) == 1 and _robots_gets(b) == 1
    assert answers[0].allowed(f"{a.origin}/x") and not answers[3].allowed(f"{b.origin}/x")
    assert downloader.politeness.delay_of(HOST_A) == 3.0
    assert downloader.politeness.delay_of(HOST_B) == 0.01  # A's Crawl-delay is A's only


def test_a_failing_robots_txt_allows_everything_and_is_not_asked_again():
    server = RecordingServer(HOST_A, routes={})  # /robots.txt: 404

    async def ask() -> list:
        downloader = Downloader(NetGuard.from_settings(True), Politeness(delay=0.01))
        return [await downloader.robots(f"{server.origin}/{n}") for n in range(2)]

    try:
        answers = asyncio.run(ask())
    finally:
        server.close()
    assert _robots_gets(server) == 1
    assert answers[1].status == 404 and answers[1].allowed(f"{server.origin}/cokolwiek")


@pytest.mark.browser
def test_a_link_is_judged_by_the_robots_txt_of_its_own_host():
    routes_a: dict = {"/robots.txt": _robots("User-agent: *\nDisallow: /nic\n")}
    routes_b = {
        "/robots.txt": _robots("User-agent: *\nDisallow: /prywatne/\n"),
        "/prywatne/rejestr": _page("Rejestr B", []),
        "/kontakt": _page("Kontakt B", []),
    }
    a = RecordingServer(HOST_A, routes=routes_a)
    port = a.port
    b = RecordingServer(HOST_B, port, routes=routes_b)
    other = f"http://archiwum.gmina.test:{port}"
    routes_a.update(
        {
            "/": _page(
                "Gmina", ["/prywatne/rejestr", f"{other}/prywatne/rejestr", f"{other}/kontakt"]
            ),
            "/prywatne/rejestr": _page("Rejestr A", []),
        }
    )
    settings = ProbeSettings(
        max_pages=1,
        allow_private_networks=False,
        exempt_addresses=(HOST_A, HOST_B),
        run_axe=False,
        screenshots="none",
        mail_dns=False,
        network_quiet_s=0.1,
        delay_s=0.05,
    )
    answers = {"gmina.test": (HOST_A,), "archiwum.gmina.test": (HOST_B,)}
    artifact = probe_named_hosts(settings, answers, f"http://gmina.test:{port}/", [a, b])
    assert artifact["outcome"] == "ok", artifact["failure"]
    site = artifact["site"]
    seen_a = [(m, p) for _at, m, p in a.requests]
    seen_b = [(m, p) for _at, m, p in b.requests]
    assert ("HEAD", "/prywatne/rejestr") in seen_a  # A's robots.txt allows it: checked
    assert ("HEAD", "/kontakt") in seen_b  # B's allows this one
    assert not any(path == "/prywatne/rejestr" for _m, path in seen_b)  # B's forbids it
    assert _robots_gets(a) == 1 and _robots_gets(b) == 1
    skipped = site["links_skipped_robots"]
    assert [entry["url"] for entry in skipped] == [f"{other}/prywatne/rejestr"]
    assert skipped[0]["host"] == "archiwum.gmina.test" and "robots.txt" in skipped[0]["reason"]
    assert f"{other}/prywatne/rejestr" not in {link["url"] for link in site["broken_links"]}
    assert site["links_checked"] == 3  # the home page and the two links allowed
    assert site["robots_txt"]["status"] == 200  # the start host's record, as before
