"""The website probe: crawl one participant's site as a resident would, keep the evidence.

Pieces (each its own module) around one fetch path: URL normalisation and trap limits
(urls), scope and BIP (scope), the frontier (frontier), one downloader per site through
which every request goes, pages and plain fetches (downloader: politeness slots, the
guard, the budget), robots.txt and sitemaps (robots), the SSRF guard (probes.netguard,
via browser routing and httpfetch), page capture (capture), axe (probes.accessibility), whose failure
(failures). Here: the orchestration of one site (retries, the home page, the workers);
one page in a tab is `visit.PageVisits`, the site's plain-HTTP checks after the crawl
`site_checks.SiteChecks`, the crawl's state and link intake `site_state`, the settings and
the artifact's storage `artifact`. The probe returns the artifact of docs/artifacts.md
("website/1").
"""

from __future__ import annotations

import asyncio
import time

from probes.accessibility.axe import AxeRunner
from probes.evidence import BlobSink
from probes.netguard import NetGuard, RefusedAddress
from probes.website import capture
from probes.website.artifact import (
    PRODUCER,
    SCHEMA,
    ProbeSettings,
    now_iso,
    store_artifact,
)
from probes.website.browser import BrowserHost, GuardedRouting, new_site_context
from probes.website.cdp import BrowserError, BrowserGone, Page
from probes.website.control import ControlServer
from probes.website.downloader import Downloader
from probes.website.failures import OurFailure, TheirFailure, control_request_ok, is_ours
from probes.website.politeness import Politeness
from probes.website.robots import load_sitemap
from probes.website.scope import SiteScope
from probes.website.site_checks import SiteChecks
from probes.website.site_state import SiteState, enqueue_links, note_request
from probes.website.urls import normalise
from probes.website.visit import InFlight, PageVisits


class WebsiteProbe(PageVisits, SiteChecks):
    """Probes sites with one browser; one context per site; pages limited globally."""

    def __init__(
        self,
        sink: BlobSink,
        settings: ProbeSettings | None = None,
        browser_host: BrowserHost | None = None,
        page_slots: asyncio.Semaphore | None = None,
        browser_slots: asyncio.Semaphore | None = None,
        tabs_per_site: int | None = None,
        progress=None,
    ) -> None:
        self.sink = sink
        self.settings = settings or ProbeSettings()
        self.guard = NetGuard.from_settings(
            self.settings.allow_private_networks, self.settings.exempt_addresses
        )
        self.settings.allow_private_networks = self.guard.allow_private
        self.browser_host = browser_host
        self.page_slots = page_slots
        # Sites with an open browser context (each keeps a renderer in memory). Only the
        # browser part of a probe holds one: robots.txt before, and the link, PDF, TLS and
        # DNS checks after, overlap with the next site's crawl.
        self.browser_slots = browser_slots or asyncio.Semaphore(1)
        # Tabs a site is crawled with (≤ per_host, the politeness cap on requests in flight).
        self.tabs_per_site = tabs_per_site
        self.axe = AxeRunner() if self.settings.run_axe else None
        self.progress = progress or (lambda message: None)
        self._control: ControlServer | None = None

    # ----------------------------------------------------------------- public API

    async def probe(self, start_url: str, emails: list[str] | None = None) -> dict:
        """Probe one site and return its artifact (its caller stores it: `store_artifact`).

        `emails`: the participant's addresses from the registry; their domain is the one
        whose DNS is checked for TEC-11 (else the site's mailto: links, else its domain).
        """
        own_host = self.browser_host is None
        if own_host:
            self.browser_host = BrowserHost()
        if self.page_slots is None:
            self.page_slots = asyncio.Semaphore(max(2, _cores()))
        try:
            artifact = await self._probe_with_retries(start_url, list(emails or []))
        finally:
            if own_host:
                await self.browser_host.stop()
                self.browser_host = None
            if self._control is not None:
                self._control.close()
                self._control = None
        return artifact

    # ------------------------------------------------------------- whose failure

    async def _probe_with_retries(self, start_url: str, emails: list[str]) -> dict:
        started = now_iso()
        attempts = 0
        last: OurFailure | None = None
        while attempts <= self.settings.retries_ours:
            attempts += 1
            try:
                await self.browser_host.start()
                artifact = await self._probe_once(start_url, started, emails)
                artifact["attempts"] = attempts
                return artifact
            except OurFailure as failure:
                last = failure
                self.progress(f"nasz błąd ({failure.kind}), próba {attempts}: {failure.detail}")
            except BrowserError as error:
                if (
                    not isinstance(error, BrowserGone)
                    and self.browser_host.browser is not None
                    and self.browser_host.browser.is_connected()
                ):
                    raise
                last = OurFailure("browser_crash", str(error).splitlines()[0])
                self.progress(f"przeglądarka padła, próba {attempts}")
        artifact = self._empty_artifact(start_url, started)
        artifact.update(
            outcome="not_measured",
            failure={"kind": last.kind, "detail": last.detail, "ours": True},
            attempts=attempts,
            finished_at=now_iso(),
        )
        return artifact

    async def _ours_or_theirs(self, failure: TheirFailure) -> TheirFailure:
        """A 'their' network failure is ours if a control request fails too."""
        if failure.kind in ("dns", "refused", "timeout", "reset", "other"):
            if not await self._control_ok():
                raise OurFailure("our_network", f"kontrola nie powiodła się po: {failure.detail}")
        return failure

    async def _control_ok(self) -> bool:
        if self.settings.control_url and not await asyncio.to_thread(
            control_request_ok, self.settings.control_url
        ):
            return False
        if self._control is None:
            self._control = ControlServer()
        browser = self.browser_host.browser
        if browser is None or not browser.is_connected():
            return False
        try:
            context = await browser.new_context()
            try:
                page = await context.new_page()
                response = await page.goto(self._control.url, timeout=10_000)
                return response is not None and response.ok
            finally:
                await context.close()
        except BrowserError:
            return False

    # --------------------------------------------------------------- the crawl

    def _empty_artifact(self, start_url: str, started: str) -> dict:
        versions = dict(self.browser_host.versions) if self.browser_host else {}
        versions["axe_core"] = self.axe.version if self.axe else None
        return {
            "schema": SCHEMA,
            "start_url": start_url,
            "final_url": None,
            "started_at": started,
            "finished_at": None,
            "outcome": "ok",
            "failure": None,
            "versions": versions,
            "settings": self.settings.recorded(),
            "site": {
                "tls": None,
                "http_to_https": None,
                "hsts": None,
                "robots_txt": None,
                "sitemap": None,
                "links_checked": 0,
                "broken_links": [],
                "pdfs": [],
                "bip": None,
                "overlay_scripts": [],
                "third_party_requests_before_consent": [],
            },
            "pages": [],
        }

    async def _probe_once(self, start_url: str, started: str, emails: list[str]) -> dict:
        settings = self.settings
        start = normalise(start_url) or start_url
        artifact = self._empty_artifact(start_url, started)
        try:
            self.guard.check(start)
        except RefusedAddress as refused:
            artifact.update(
                outcome="site_failure",
                finished_at=now_iso(),
                failure={"kind": "refused_address", "detail": refused.reason, "ours": False},
            )
            return artifact

        state = SiteState(start, SiteScope(start, settings.bip_max_depth), emails=emails)
        state.deadline = time.monotonic() + settings.time_budget_s
        politeness = Politeness(per_host=settings.per_host, delay=settings.delay_s)
        routing = GuardedRouting(self.guard)
        # Every request of this site, the browser's pages and the plain fetches, goes
        # through one downloader: its slots, its guard, its budget. Plain fetches end
        # with the site's time (one page's time more, as the pages).
        downloader = state.downloader = Downloader(
            self.guard,
            politeness,
            deadline=state.deadline + settings.page_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            refused=routing.refused,
        )
        # The start host's robots.txt (the artifact's record, its sitemaps); every other
        # host's is fetched when a page or a link there is first asked about.
        robots = state.robots = await downloader.robots(start)
        browser = self.browser_host.browser
        async with self.browser_slots:
            context = await new_site_context(browser, routing)
            try:
                await context.add_init_script(capture.METRICS_INIT_SCRIPT)
                if self.axe:
                    await self.axe.install(context)
                context.on("request", lambda request: note_request(state, request.url))
                failure = await self._crawl(state, context, routing, robots)
            finally:
                try:
                    await context.close()
                except BrowserError:
                    pass
        if not browser.is_connected():
            raise OurFailure("browser_crash", "przeglądarka zakończyła pracę w trakcie badania")

        if state.pages:
            artifact["final_url"] = state.pages[0]["final_url"]
        if failure is not None:
            artifact["outcome"] = "site_failure"
            artifact["failure"] = failure.as_dict()
        site = artifact["site"]
        site["robots_txt"] = (
            {
                "status": robots.status,
                "blob": self.sink.put(robots.body, "text/plain", PRODUCER),
                "sitemaps": robots.sitemaps,
            }
            if robots.status == 200
            else None
        )
        site["robots_respected"] = settings.respect_robots
        site["robots_disallowed"] = state.robots_disallowed
        site["sitemap"] = state.sitemap_record
        if failure is None or failure.kind not in ("dns", "refused", "refused_address"):
            await self._site_checks(state, artifact)
        site["trap_urls_cut"] = dict(state.traps.cut)
        site["time_budget_cut"] = state.budget_cut or downloader.budget_cut
        site["refused_addresses"] = routing.refused[:50]
        site["overlay_scripts"] = sorted(state.overlays)
        site["third_party_requests_before_consent"] = state.third_party[:100]
        site["bip"] = {"url": state.bip_url, "pages": state.bip_pages} if state.bip_url else None
        for page in state.pages:
            if page["depth"] is None and page["url"] in state.link_paths:
                # Reached first from the sitemap; a link path found later is the resident's.
                page["depth"], page["path"] = state.link_paths[page["url"]]
        artifact["pages"] = state.pages
        artifact["finished_at"] = now_iso()
        return artifact

    async def _crawl(self, state, context, routing, robots) -> TheirFailure | None:
        settings = self.settings
        home_page = await self._new_page(context)
        home_flight = InFlight(home_page)
        # The home page first and alone: it decides whether the site is up at all.
        home = await self._visit_home(state, home_page, home_flight, routing)
        if isinstance(home, TheirFailure):
            await home_page.close()
            return home
        # The sitemap adds pages no link reaches; links found first keep their click path.
        record, sitemap_urls = await load_sitemap(
            state.pages[0]["final_url"], robots, state.downloader
        )
        state.sitemap_record = record
        for url in sitemap_urls[:500]:
            normal = normalise(url)
            if normal and state.scope.admits(normal) and state.traps.admit(normal):
                state.frontier.push(normal, 3, [], "")
        tabs = max(1, min(settings.per_host, self.tabs_per_site or settings.per_host))
        pages = [home_page] + [await self._new_page(context) for _ in range(tabs - 1)]
        # No page starts after the budget; one started before it has one page's time more,
        # and every browser call of it ends by then (a stuck call raises, it never hangs).
        page_end = state.deadline + settings.page_timeout_s + settings.axe_timeout_s
        for page in pages:
            page.deadline = page_end
        flights = [home_flight] + [InFlight(p) for p in pages[1:]]
        workers = [
            asyncio.create_task(self._worker(state, page, flight, routing))
            for page, flight in zip(pages, flights, strict=True)
        ]
        try:
            # The last resort: whatever is still under way a little past the pages' end
            # (a plain fetch of a document in a thread) is cut; finished pages stay.
            _done, late = await asyncio.wait(
                workers, timeout=max(0.0, page_end + 10.0 - time.monotonic())
            )
            if late:
                state.budget_cut = True
            for task in _done:
                task.result()  # re-raise a worker's own error (ours: retried)
        finally:
            for task in workers:
                task.cancel()
        return home if isinstance(home, TheirFailure) else None

    async def _new_page(self, context) -> Page:
        page = await context.new_page()
        page.max_document_bytes = self.settings.max_document_bytes
        page.max_response_bytes = self.settings.max_response_bytes
        return page

    async def _visit_home(self, state, page, flight, routing):
        url = state.start_url
        downloader = state.downloader
        attempt = 0
        while True:
            async with downloader.slot(url), self.page_slots:
                record, nav = await self._visit(state, page, flight, routing, url, 0, [url], "")
            status = record.get("status")
            wait = downloader.record(url, status, record.get("_retry_after"))
            if (
                status is not None
                and (status >= 500 or status == 429)
                and attempt < self.settings.retry_5xx
            ):
                attempt += 1
                await asyncio.sleep(min(wait, 10.0))
                continue
            break
        self._keep(state, record)
        state.frontier.mark_seen(url)
        state.frontier.mark_seen(normalise(record["final_url"]) or url)
        error = record.get("error") or {}
        if error.get("ours") and is_ours(error.get("kind", "")):
            raise OurFailure(error["kind"], error.get("detail", ""))
        if nav.error:
            return await self._ours_or_theirs(TheirFailure(nav.error, nav.detail))
        if status is not None and status >= 500:
            return TheirFailure("http_5xx", f"strona główna odpowiada HTTP {status}")
        if status is not None and status >= 400:
            return TheirFailure("http_4xx", f"strona główna odpowiada HTTP {status}")
        if record.get("content_type", "").startswith("application/pdf"):
            return TheirFailure("pdf_home", "strona główna jest plikiem PDF, nie stroną WWW")
        # Scope follows the home page's final address (http → https, www).
        state.scope = SiteScope(record["final_url"], self.settings.bip_max_depth)
        enqueue_links(state, record, self.settings.bip_max_depth)
        return None

    async def _worker(self, state, page, flight, routing) -> None:
        settings = self.settings
        while True:
            if time.monotonic() > state.deadline:
                return
            if len(state.pages) + state.in_progress >= settings.max_pages:
                return
            entry = state.frontier.pop()
            if entry is None:
                if state.in_progress == 0:
                    return
                await asyncio.sleep(0.05)  # another worker may still add links
                continue
            on_bip = state.scope.is_bip(entry.url)
            if on_bip and state.bip_pages >= settings.bip_max_pages:
                continue
            if settings.respect_robots and not (await state.downloader.robots(entry.url)).allowed(
                entry.url
            ):
                state.robots_disallowed.append(entry.url)
                continue
            state.in_progress += 1
            try:
                async with state.downloader.slot(entry.url), self.page_slots:
                    record, _nav = await self._visit(
                        state,
                        page,
                        flight,
                        routing,
                        entry.url,
                        entry.depth,
                        entry.path,
                        entry.link_text,
                    )
                state.downloader.record(entry.url, record.get("status"), record.get("_retry_after"))
                if record.get("budget_cut"):
                    state.budget_cut = True
                if (record.get("error") or {}).get("ours"):
                    continue  # not visited: our time ran out before the page loaded
                self._keep(state, record)
                enqueue_links(state, record, self.settings.bip_max_depth)
            finally:
                state.in_progress -= 1

    def _keep(self, state: SiteState, record: dict) -> None:
        record.pop("_retry_after", None)
        if record.get("on_bip"):
            state.bip_pages += 1
        state.pages.append(record)
        self.progress(f"[{len(state.pages)}] {record.get('status')} {record['url']}")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 2


async def probe_website(
    start_url: str,
    sink: BlobSink,
    settings: ProbeSettings | None = None,
    progress=None,
    emails: list[str] | None = None,
) -> dict:
    """Probe one site with a browser of its own; returns the artifact."""
    return await WebsiteProbe(sink, settings, progress=progress).probe(start_url, emails)


async def probe_websites(
    start_urls: list[str],
    sink: BlobSink,
    settings: ProbeSettings | None = None,
    concurrency_pages: int | None = None,
    concurrency_sites: int | None = None,
    progress=None,
) -> list[dict]:
    """Probe many sites with ONE browser, a context per site, pages capped globally.

    Pages in flight ≈ cores (Chromium is CPU-bound), spread over that many sites with one
    tab each: one site alone is held back by its politeness delay (0.25 s between
    requests: at most 240 pages a minute), while two sites with a tab each keep both
    cores busy for ~one renderer more (bench/website_throughput.py). A site's HTTP-only
    work (robots.txt, then link, PDF, TLS and DNS checks) runs outside the browser cap,
    beside the next site's crawl, with at most twice as many probes under way in all.
    """
    host = BrowserHost()
    pages_in_flight = concurrency_pages or max(2, _cores())
    slots = asyncio.Semaphore(pages_in_flight)
    in_browser = concurrency_sites or pages_in_flight
    under_way = asyncio.Semaphore(2 * in_browser)
    try:
        await host.start()
        probe = WebsiteProbe(
            sink,
            settings,
            browser_host=host,
            page_slots=slots,
            browser_slots=asyncio.Semaphore(in_browser),
            tabs_per_site=max(1, pages_in_flight // in_browser),
            progress=progress,
        )

        async def one(url: str) -> dict:
            async with under_way:
                return await probe.probe(url)

        return list(await asyncio.gather(*(one(url) for url in start_urls)))
    finally:
        await host.stop()


__all__ = ["ProbeSettings", "WebsiteProbe", "probe_website", "probe_websites", "store_artifact"]
