"""Hostile sites (issue 18, family 2): each case ends in the right verdict, within its
budget, with the evidence kept. A loopback server of our own plays the site
(tests/website/hostile_server.py)."""

from __future__ import annotations

import asyncio

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
