"""SSRF guard with private networks off, and our browser crashing mid-crawl."""

import asyncio
import threading
import time

import pytest

from probes.evidence import MemorySink
from probes.netguard import NetGuard
from probes.website.crawler import ProbeSettings, WebsiteProbe
from probes.website.httpfetch import fetch
from tests.website.conftest import kill_browser, run_probe

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _host(url):
    return url.split("/")[2].split(":")[0]


def test_loopback_site_refused_when_private_networks_off(world):
    before = len(world.hits_of("gmina"))
    _sink, artifact = run_probe(world.urls["gmina"], allow_private_networks=False)
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "refused_address"
    assert artifact["pages"] == []
    assert len(world.hits_of("gmina")) == before


def test_redirects_to_loopback_and_metadata_refused(world):
    """Only the redirecting site is exempt: its redirects to the internal service and to
    169.254.169.254, and an image on the internal service, are all refused."""
    site = world.urls["przekierowania"]
    _sink, artifact = run_probe(site, allow_private_networks=False, exempt_addresses=(_host(site),))
    assert artifact["outcome"] == "ok"
    refused = {r["url"] for r in artifact["site"]["refused_addresses"]}
    assert "http://169.254.169.254/latest/meta-data/" in refused
    assert world.urls["sekret"] + "tajne" in refused
    assert world.urls["sekret"] + "piksel.gif" in refused
    redirected = {p["url"]: p for p in artifact["pages"]}
    assert redirected[site + "do-sekretu"]["error"]["kind"] == "refused_address"
    assert redirected[site + "do-metadanych"]["error"]["kind"] == "refused_address"
    # The evidence keeps the hop that was refused, after the redirect that led there.
    assert redirected[site + "do-sekretu"]["redirects"] == [site + "do-sekretu"]
    assert redirected[site + "do-sekretu"]["final_url"] == world.urls["sekret"] + "tajne"
    assert world.hits_of("sekret") == []


def test_home_page_redirecting_inside_is_refused(world):
    site = world.urls["przekierowania"]
    _sink, artifact = run_probe(
        site + "start-wewnetrzny", allow_private_networks=False, exempt_addresses=(_host(site),)
    )
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "refused_address"
    assert world.urls["sekret"] in artifact["failure"]["detail"]
    assert world.hits_of("sekret") == []


def test_plain_fetches_check_every_redirect_hop(world):
    site = world.urls["przekierowania"]
    guard = NetGuard(allow_private=False, exempt=frozenset({_host(site)}))
    result = fetch(site + "do-sekretu", guard)
    assert result.error == "refused_address" and result.status is None
    assert result.redirects == [site + "do-sekretu"]
    assert world.hits_of("sekret") == []


def _probe_killing_browser(url, kills, retries):
    """Probe `url`, killing our Chromium after the 3rd page of each of `kills` attempts."""
    killed = []
    pages_seen = {"n": 0}

    def progress(message):
        if message.startswith("[") and len(killed) < kills:
            pages_seen["n"] += 1
            if pages_seen["n"] == 3:
                pages_seen["n"] = 0
                threading.Thread(target=lambda: killed.append(kill_browser())).start()
                time.sleep(0.3)

    probe = WebsiteProbe(
        MemorySink(),
        ProbeSettings(allow_private_networks=True, retries_ours=retries),
        progress=progress,
    )
    return asyncio.run(probe.probe(url)), killed


def test_browser_crash_mid_crawl_is_not_measured(world):
    artifact, killed = _probe_killing_browser(world.urls["gmina"], kills=1, retries=0)
    assert killed and killed[0] >= 1
    assert artifact["outcome"] == "not_measured"
    assert artifact["failure"]["ours"] is True
    assert artifact["failure"]["kind"] == "browser_crash"


def test_browser_crash_is_retried_with_a_new_browser(world):
    artifact, killed = _probe_killing_browser(world.urls["powiat"], kills=1, retries=1)
    assert len(killed) == 1
    assert artifact["outcome"] == "ok" and artifact["attempts"] == 2
    assert len(artifact["pages"]) >= 5
