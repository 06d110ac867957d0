"""Hostile sites (issue 18, family 2): each case ends in the right verdict, within its
budget, with the evidence kept. A loopback server of our own plays the site
(tests/website/hostile_server.py)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from probes.accessibility.runner import audit_pages
from tests.website.conftest import run_probe
from tests.website.hostile_server import HostileServer

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def hostile():
    with (
        HostileServer("127.0.0.1") as child,
        HostileServer("127.0.0.2", frame_url=child.url + "/bad/") as site,
    ):
        site.child = child
        yield site


def _probe(url: str, **settings):
    settings = {
        "allow_private_networks": True,
        "max_pages": 3,
        "time_budget_s": 30,
        "page_timeout_s": 10,
        "mail_dns": False,
        **settings,
    }
    return run_probe(url, **settings)


def _audit(urls: list[str]) -> list[dict]:
    async def run() -> list[dict]:
        return [r async for r in audit_pages(urls, allow_private_networks=True, timeout_s=10)]

    return asyncio.run(run())


def test_dialogs_are_answered_and_noted_not_blamed(hostile):
    _sink, artifact = _probe(hostile.url + "/alert/")
    assert artifact["outcome"] == "ok", artifact["failure"]
    home = artifact["pages"][0]
    assert home["status"] == 200 and home["title"] == "Gmina z alertami"
    assert [(d["type"], d["message"]) for d in home["dialogs"]] == [
        ("alert", "Witamy"),
        ("confirm", "Na pewno?"),
        ("prompt", "Imię?"),
    ]
    assert home["dialogs"][0]["url"] == hostile.url + "/alert/"
    assert home["axe_blob"]  # the page was measured after its dialogs
    # The crawl went on past it.
    assert any(p["url"].endswith("/alert/kontakt") for p in artifact["pages"])


def test_dialogs_in_probe_accessibility(hostile):
    (record,) = _audit([hostile.url + "/alert/"])
    assert record["error"] is None and record["status"] == 200
    assert [d["type"] for d in record["dialogs"]] == ["alert", "confirm", "prompt"]
    assert record["axe"]["violations"] is not None


def test_page_too_heavy_for_axe_is_not_measured_by_axe_only(hostile):
    """10,000 links: axe never finished (the probe hung past its budget). Now axe is
    stopped at its limit, the page kept without axe, the crawl goes on."""
    _sink, artifact = _probe(hostile.url + "/links/", axe_timeout_s=3, time_budget_s=15)
    assert artifact["outcome"] == "ok", artifact["failure"]
    home = artifact["pages"][0]
    assert home["status"] == 200 and home["html_blob"] and len(home["links"]) == 10_000
    assert home["axe_blob"] is None
    assert home["axe_error"]["ours"] is True
    assert "3000ms" in home["axe_error"]["detail"]  # the probe's own limit stopped it
    assert len(artifact["pages"]) == 3  # the crawl went on


def test_every_browser_call_ends_by_the_pages_deadline(hostile):
    """A page stuck in a script: no call outlives the page's deadline."""
    from probes.netguard import NetGuard
    from probes.website.browser import BrowserHost, GuardedRouting, new_site_context
    from probes.website.cdp import BudgetSpent, CallTimeout

    async def run():
        async with BrowserHost() as host:
            context = await new_site_context(
                host.browser, GuardedRouting(NetGuard.from_settings(True))
            )
            page = await context.new_page()
            await page.goto(hostile.url + "/alert/kontakt", timeout=10_000)
            page.deadline = time.monotonic() + 2
            with pytest.raises(CallTimeout):
                await page.evaluate("() => { for (;;) {} }")
            # Stopped in the page, not left running: the tab still answers.
            page.deadline = None
            assert await page.evaluate("1 + 1", timeout=5) == 2
            page.deadline = time.monotonic() - 1
            with pytest.raises(BudgetSpent):
                await page.screenshot()
            await context.close()

    asyncio.run(run())


def test_probe_accessibility_stops_axe_at_its_limit(hostile):
    async def run() -> list[dict]:
        urls = [hostile.url + "/links/"]
        return [r async for r in audit_pages(urls, allow_private_networks=True, axe_timeout_s=3)]

    (record,) = asyncio.run(run())
    assert record["status"] == 200 and record["axe"] is None
    assert record["error"]["kind"] == "not_measured" and record["error"]["ours"] is True
    assert "3000ms" in record["error"]["detail"]


def test_script_sending_the_tab_to_a_download_is_a_download_not_a_timeout(hostile):
    _sink, artifact = _probe(hostile.url + "/jsdownload/")
    assert artifact["outcome"] == "ok", artifact["failure"]
    home = artifact["pages"][0]
    assert home["status"] == 200 and home["title"] == "Pobieranie" and home["error"] is None
    assert home["downloads"] == [
        {"url": hostile.url + "/jsdownload/plik.bin", "filename": "plik.bin"}
    ]
    assert any(p["url"].endswith("/jsdownload/o-nas") for p in artifact["pages"])


def test_download_in_probe_accessibility(hostile):
    (record,) = _audit([hostile.url + "/jsdownload/"])
    assert record["error"] is None and record["status"] == 200 and record["axe"]
    assert [d["filename"] for d in record["downloads"]] == ["plik.bin"]


@pytest.mark.parametrize("case", ["/huge/", "/gzbomb/"])
def test_huge_page_and_gzip_bomb_stop_at_the_probes_cap(hostile, case):
    """50 MB of HTML, and 10 GiB of zeros gzipped: loading stops at the probe's own cap
    on decoded bytes (the bomb took 3.9 GB before) and the page is judged on what was
    read, not called a timeout."""
    cap = 2 << 20
    _sink, artifact = _probe(hostile.url + case, max_document_bytes=cap)
    assert artifact["outcome"] == "ok", artifact["failure"]
    assert artifact["settings"]["max_document_bytes"] == cap
    home = artifact["pages"][0]
    assert home["status"] == 200 and home["html_blob"]
    cut = home["load_cut"]
    assert cut["document"] is True and cut["limit_bytes"] == cap
    # Stopped soon after the cap (events arrive a little late), far below the body's size.
    assert cap < cut["bytes"] < 4 * cap
    if case == "/huge/":
        assert home["title"] == "Ogromna strona" and home["error"] is None


def test_gzip_bomb_in_probe_accessibility(hostile):
    (record,) = _audit([hostile.url + "/gzbomb/"])
    assert record["status"] == 200
    cut = record["load_cut"]
    assert cut["limit_bytes"] == 8 << 20 and cut["bytes"] < 4 * (8 << 20)
    # axe cannot run on a document of zeros: not measured (ours), not their timeout.
    assert record["error"] is None or record["error"]["kind"] == "not_measured"


GUARDED = {
    "allow_private_networks": False,
    "max_pages": 2,
    "time_budget_s": 20,
    "page_timeout_s": 8,
    "mail_dns": False,
}


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://[fd00::1]/", "fd00::1"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://[::1]:8080/", "::1"),
    ],
)
def test_private_ipv6_literal_is_refused_by_the_guard(url, address):
    _sink, artifact = run_probe(url, **GUARDED)
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "refused_address"
    assert artifact["failure"]["detail"] == f"adres prywatny lub lokalny {address}"


def test_public_ipv6_literal_is_not_refused_as_private():
    """No route to the internet here: the site fails as unreachable, never as private."""
    _sink, artifact = run_probe("http://[2606:4700:4700::1111]/", **GUARDED)
    assert artifact["failure"]["kind"] != "refused_address", artifact["failure"]
    assert "2606:4700:4700::1111" in artifact["failure"]["detail"]


FRAME_FAULTS = {"button-name", "image-alt", "label", "link-name"}


def _frame_violations(axe: dict, frame_url: str) -> set[str]:
    return {
        rule["id"]
        for rule in axe["violations"]
        for node in rule["nodes"]
        if node.get("frameUrl") == frame_url and len(node["target"]) == 2
    }


def test_cross_origin_frame_is_audited_in_probe_accessibility(hostile):
    """Torture finding 8: the parent showed 0 violations while its framed page had 7."""
    frame_url = hostile.child.url + "/bad/"
    (record,) = _audit([hostile.url + "/framed/"])
    assert record["error"] is None
    assert FRAME_FAULTS <= _frame_violations(record["axe"], frame_url)


def test_cross_origin_frame_is_audited_in_probe_website(hostile):
    sink, artifact = _probe(hostile.url + "/framed/", max_pages=1)
    home = artifact["pages"][0]
    axe = json.loads(sink.get(home["axe_blob"]))
    assert FRAME_FAULTS <= _frame_violations(axe, hostile.child.url + "/bad/")


def test_frame_of_a_refused_address_stays_refused(hostile):
    """With the guard on (the parent's address exempt, as a test world's), a frame on a
    loopback address is refused: no request reaches it and nothing of it is audited."""
    before = hostile.child.hits.count("/bad/")
    sink, artifact = run_probe(
        hostile.url + "/framed/",
        allow_private_networks=False,
        exempt_addresses=("127.0.0.2",),
        max_pages=1,
        mail_dns=False,
    )
    assert artifact["outcome"] == "ok", artifact["failure"]
    assert hostile.child.hits.count("/bad/") == before
    refused = artifact["site"]["refused_addresses"]
    assert any(r["url"] == hostile.child.url + "/bad/" for r in refused), refused
    axe = json.loads(sink.get(artifact["pages"][0]["axe_blob"]))
    assert not _frame_violations(axe, hostile.child.url + "/bad/")
