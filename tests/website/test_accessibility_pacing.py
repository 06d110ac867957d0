"""`auditor probe accessibility` is polite as the website probe is: its page visits hold
their host's slot of one downloader, so starts on one host are spaced by the delay even
with more workers than the host's slots. Real Chromium and axe, a loopback server that
notes when each request arrived."""

from __future__ import annotations

import asyncio

import pytest

from probes.accessibility.runner import audit_pages
from tests.website.recording_server import RecordingServer

DELAY = 0.5
SLACK = 0.15  # a request reaches the server a little after its slot's start


@pytest.mark.browser
def test_page_visits_on_one_host_are_spaced_by_the_delay():
    paths = [f"/strona/{n}" for n in range(4)]
    page = b"<!doctype html><html lang=pl><title>Strona</title><main><h1>Strona</h1></main>"
    server = RecordingServer(routes={p: ("text/html; charset=utf-8", page) for p in paths})

    async def run() -> list[dict]:
        urls = [server.origin + p for p in paths]
        return [
            r
            async for r in audit_pages(
                urls, allow_private_networks=True, concurrency=4, per_host=2, delay_s=DELAY
            )
        ]

    try:
        records = asyncio.run(run())
    finally:
        server.close()
    assert sorted(r["status"] for r in records) == [200] * 4
    starts = sorted(at for at, method, path in server.requests if path in paths)
    assert len(starts) == 4
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= DELAY - SLACK, gaps
