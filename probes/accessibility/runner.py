"""`auditor probe accessibility`: axe on a list of pages with one browser.

One context for the whole list (a context per page costs a third of the throughput),
pages in flight ≈ cores, the SSRF guard on every request as in the website probe, and
its politeness too: every page visit holds its host's slot of one downloader
(probes.website.downloader: `per_host` in flight, `delay_s` between starts, backoff on
429/5xx), so a list of one site's pages never hammers its host.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator

from probes.accessibility.axe import AxeRunner, axe_not_measured
from probes.evidence import BlobSink
from probes.netguard import NetGuard, RefusedAddress
from probes.website.artifact import ProbeSettings
from probes.website.browser import BrowserHost, GuardedRouting, new_site_context
from probes.website.cdp import BrowserError, BrowserGone
from probes.website.downloader import Downloader
from probes.website.failures import navigation_failure
from probes.website.politeness import Politeness

PRODUCER = "probes.accessibility"


async def audit_pages(
    urls: list[str],
    sink: BlobSink | None = None,
    allow_private_networks: bool | None = None,
    concurrency: int | None = None,
    timeout_s: float = 30.0,
    axe_timeout_s: float = 30.0,
    per_host: int = ProbeSettings.per_host,
    delay_s: float = ProbeSettings.delay_s,
) -> AsyncIterator[dict]:
    """Yield, per URL (in completion order), `{url, final_url, status, error, axe, axe_blob,
    dialogs, versions}`, `axe` being axe-core's full result, `dialogs` the JavaScript
    dialogs answered (`{type, message, url}`)."""
    guard = NetGuard.from_settings(allow_private_networks)
    downloader = Downloader(guard, Politeness(per_host=per_host, delay=delay_s))
    axe = AxeRunner()
    host = BrowserHost()
    browser = await host.start()
    routing = GuardedRouting(guard)
    context = await new_site_context(browser, routing)
    await axe.install(context)
    versions = {**host.versions, "axe_core": axe.version}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    results: asyncio.Queue[dict | None] = asyncio.Queue()
    workers_n = max(1, min(concurrency or len(os.sched_getaffinity(0)), len(urls)))

    async def worker() -> None:
        try:
            page = await context.new_page()
            while not queue.empty():
                url = queue.get_nowait()
                async with downloader.slot(url):
                    record = await _audit_one(
                        page, url, guard, routing, axe, sink, timeout_s, axe_timeout_s
                    )
                downloader.record(url, record["status"])
                await results.put(record)
            await page.close()
        finally:
            await results.put(None)  # always: the reader counts finished workers

    tasks = [asyncio.create_task(worker()) for _ in range(workers_n)]
    finished = 0
    try:
        while finished < workers_n:
            item = await results.get()
            if item is None:
                finished += 1
                continue
            item["versions"] = versions
            yield item
        for task in tasks:
            await task  # re-raise a worker's unexpected error
    finally:
        for task in tasks:
            task.cancel()
        await host.stop()
        await routing.close()


async def _audit_one(page, url, guard, routing, axe, sink, timeout_s, axe_timeout_s) -> dict:
    record = {
        "url": url,
        "final_url": None,
        "status": None,
        "error": None,
        "axe": None,
        "axe_blob": None,
        "dialogs": [],
    }
    try:
        guard.check(url)
        response = await page.goto(url, timeout=timeout_s * 1000)
        record["final_url"] = page.url
        record["status"] = response.status if response is not None else None
        try:
            raw = await axe.run(page, axe_timeout_s)
        except BrowserGone:
            raise
        except BrowserError as error:
            record["error"] = axe_not_measured(error)
            raw = None
        if raw:
            record["axe"] = json.loads(raw)
            if sink is not None:
                record["axe_blob"] = sink.put(raw.encode("utf-8"), "application/json", PRODUCER)
    except RefusedAddress as refused:
        record["error"] = {"kind": "refused_address", "detail": refused.reason}
    except BrowserError as error:
        failure = navigation_failure(error, routing.failure_for(getattr(error, "url", None) or url))
        if failure.ours:
            # Ours (browser, proxy, route): no verdict on the page, never the site's failure.
            record["error"] = {"kind": "not_measured", "detail": failure.detail, "ours": True}
        else:
            record["error"] = {"kind": failure.kind, "detail": failure.detail}
    # Dialogs are answered at once and noted, never held against the page; so are the
    # downloads it started and a response cut at its size cap (judged on what was read).
    record["dialogs"] = page.take_dialogs()[0]
    record["downloads"] = page.take_downloads()
    record["load_cut"] = page.load_cut
    return record
