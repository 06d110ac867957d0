"""The website probe: crawl one participant's site as a resident would, keep the evidence.

Pieces (each its own module) around one fetch path: URL normalisation and trap limits
(urls), scope and BIP (scope), the frontier (frontier), politeness (politeness),
robots.txt and sitemaps (robots), the SSRF guard (probes.netguard, via browser routing
and httpfetch), page capture (capture), axe (probes.accessibility), whose failure
(failures). The probe returns the artifact of docs/artifacts.md ("website/1").
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from probes.accessibility.axe import AxeRunner, axe_not_measured
from probes.evidence import BlobSink
from probes.netguard import NetGuard, RefusedAddress, is_ip_literal
from probes.website import capture, maildns
from probes.website.browser import DESKTOP, MOBILE, BrowserHost, GuardedRouting, new_site_context
from probes.website.cdp import (
    BrowserError,
    BudgetSpent,
    CallTimeout,
    NavigationError,
    Page,
    Response,
)
from probes.website.control import ControlServer
from probes.website.failures import (
    OurFailure,
    TheirFailure,
    classify_navigation_error,
    control_request_ok,
    is_browser_gone,
    is_our_proxy_error,
)
from probes.website.frontier import Frontier, priority
from probes.website.httpfetch import HttpResult, fetch
from probes.website.pdf import inspect_pdf
from probes.website.politeness import Politeness
from probes.website.robots import Robots, load_robots, load_sitemap
from probes.website.scope import BIP_LINK_TEXT, SiteScope, host_of, is_bip_link
from probes.website.tls import check_tls
from probes.website.urls import TrapLimits, is_document, is_probably_html, normalise

SCHEMA = "website/1"
PRODUCER = "probes.website"


@dataclass
class ProbeSettings:
    """What the organiser may change per edition (recorded in the artifact)."""

    max_pages: int = 50
    time_budget_s: float = 300.0
    respect_robots: bool = True
    allow_private_networks: bool | None = None  # None: AUDITOR_ALLOW_PRIVATE_NETWORKS
    exempt_addresses: tuple[str, ...] = ()
    per_host: int = 2
    delay_s: float = 0.25
    page_timeout_s: float = 20.0
    network_quiet_s: float = 2.0
    bip_max_depth: int = 2
    bip_max_pages: int = 10
    max_link_checks: int = 80
    max_pdfs: int = 8
    run_axe: bool = True
    axe_timeout_s: float = 30.0  # axe on one page; past it that page's axe is not measured
    # Decoded bytes of one response a page may receive (the main document; anything else):
    # past it the page stops loading and is judged on what was read (probes.website.cdp).
    max_document_bytes: int = 8 << 20
    max_response_bytes: int = 32 << 20
    screenshots: str = "all"  # all | key | none (desktop); mobile is for key pages
    key_priority: int = 40
    retries_ours: int = 1
    retry_5xx: int = 1
    control_url: str | None = None  # a known-good public URL, when probing the internet
    mail_dns: bool = True  # TEC-11: SPF/DMARC/DKIM of the mail domain (probes.website.maildns)

    def recorded(self) -> dict:
        return {
            "max_pages": self.max_pages,
            "time_budget_s": self.time_budget_s,
            "respect_robots": self.respect_robots,
            "allow_private_networks": self.allow_private_networks,
            "per_host": self.per_host,
            "delay_s": self.delay_s,
            "mail_dns": self.mail_dns,
            "axe_timeout_s": self.axe_timeout_s,
            "max_document_bytes": self.max_document_bytes,
            "max_response_bytes": self.max_response_bytes,
        }


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def store_artifact(sink: BlobSink, artifact: dict) -> str:
    """Store the artifact as a JSON blob; storing it again returns the same SHA-256."""
    data = json.dumps(artifact, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return sink.put(data, "application/json", PRODUCER)


class _InFlight:
    """Requests a page still waits for: lets us wait for a quiet network cheaply."""

    def __init__(self, page: Page) -> None:
        self.pending: set = set()
        self.quiet = asyncio.Event()
        self.quiet.set()
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request) -> None:
        self.pending.add(request)
        self.quiet.clear()

    def _end(self, request) -> None:
        self.pending.discard(request)
        if not self.pending:
            self.quiet.set()

    async def wait(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self.quiet.wait(), timeout)
        except TimeoutError:
            pass


@dataclass
class _Nav:
    response: Response | None
    redirects: list[str]
    final_url: str
    error: str | None = None
    detail: str = ""


@dataclass
class _SiteState:
    start_url: str
    scope: SiteScope
    frontier: Frontier = field(default_factory=Frontier)
    traps: TrapLimits = field(default_factory=TrapLimits)
    pages: list[dict] = field(default_factory=list)
    internal_links: dict[str, str] = field(default_factory=dict)  # url -> first page linking
    pdf_links: dict[str, dict] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)
    third_party_hosts: set[str] = field(default_factory=set)
    overlays: set[str] = field(default_factory=set)
    robots_disallowed: list[str] = field(default_factory=list)
    bip_pages: int = 0
    bip_url: str | None = None
    home_headers: dict = field(default_factory=dict)
    deadline: float = 0.0
    in_progress: int = 0
    sitemap_record: dict | None = None
    link_paths: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    robots: Robots | None = None
    emails: list[str] = field(default_factory=list)  # the registry's, for the mail domain
    budget_cut: bool = False  # our time budget ended the crawl with pages under way


class WebsiteProbe:
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
                    not is_browser_gone(str(error))
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

        state = _SiteState(start, SiteScope(start, settings.bip_max_depth), emails=emails)
        state.deadline = time.monotonic() + settings.time_budget_s
        politeness = Politeness(per_host=settings.per_host, delay=settings.delay_s)
        robots = await asyncio.to_thread(load_robots, start, self.guard)
        state.robots = robots
        if robots.parser is not None and robots.crawl_delay():
            politeness.delay = max(politeness.delay, min(float(robots.crawl_delay()), 10.0))
        routing = GuardedRouting(self.guard)
        browser = self.browser_host.browser
        async with self.browser_slots:
            context = await new_site_context(browser, routing)
            try:
                await context.add_init_script(capture.METRICS_INIT_SCRIPT)
                if self.axe:
                    await self.axe.install(context)
                context.on("request", lambda request: self._note_request(state, request.url))
                failure = await self._crawl(state, context, routing, politeness, robots)
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
        site["time_budget_cut"] = state.budget_cut
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

    def _note_request(self, state: _SiteState, url: str) -> None:
        if not url.startswith(("http://", "https://")) or state.scope.admits(url):
            return
        host = host_of(url)
        # Every request goes out before consent: we never click a cookie banner.
        if host not in state.third_party_hosts or len(state.third_party) < 100:
            state.third_party_hosts.add(host)
            if url not in state.third_party:
                state.third_party.append(url)

    async def _crawl(self, state, context, routing, politeness, robots) -> TheirFailure | None:
        settings = self.settings
        home_page = await self._new_page(context)
        home_flight = _InFlight(home_page)
        # The home page first and alone: it decides whether the site is up at all.
        home = await self._visit_home(state, home_page, home_flight, routing, politeness, robots)
        if isinstance(home, TheirFailure):
            await home_page.close()
            return home
        # The sitemap adds pages no link reaches; links found first keep their click path.
        record, sitemap_urls = await asyncio.to_thread(
            load_sitemap, state.pages[0]["final_url"], robots, self.guard
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
        flights = [home_flight] + [_InFlight(p) for p in pages[1:]]
        workers = [
            asyncio.create_task(self._worker(state, page, flight, routing, politeness, robots))
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

    async def _visit_home(self, state, page, flight, routing, politeness, robots):
        url = state.start_url
        attempt = 0
        while True:
            async with politeness.slot(host_of(url)), self.page_slots:
                record, nav = await self._visit(state, page, flight, routing, url, 0, [url], "")
            status = record.get("status")
            wait = politeness.record(host_of(url), status, record.get("_retry_after"))
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
        self._enqueue_links(state, record)
        return None

    async def _worker(self, state, page, flight, routing, politeness, robots) -> None:
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
            if (
                settings.respect_robots
                and host_of(entry.url) == host_of(state.start_url)
                and not robots.allowed(entry.url)
            ):
                state.robots_disallowed.append(entry.url)
                continue
            state.in_progress += 1
            try:
                async with politeness.slot(urlsplit(entry.url).netloc), self.page_slots:
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
                politeness.record(
                    urlsplit(entry.url).netloc, record.get("status"), record.get("_retry_after")
                )
                if record.get("budget_cut"):
                    state.budget_cut = True
                if (record.get("error") or {}).get("ours"):
                    continue  # not visited: our time ran out before the page loaded
                self._keep(state, record)
                self._enqueue_links(state, record)
            finally:
                state.in_progress -= 1

    def _keep(self, state: _SiteState, record: dict) -> None:
        record.pop("_retry_after", None)
        if record.get("on_bip"):
            state.bip_pages += 1
        state.pages.append(record)
        self.progress(f"[{len(state.pages)}] {record.get('status')} {record['url']}")

    def _enqueue_links(self, state: _SiteState, record: dict) -> None:
        depth = record["depth"] if record["depth"] is not None else 3
        path = record["path"] or [record["url"]]
        base = record["final_url"] or record["url"]
        for link in record.get("links", []):
            if link.get("frame"):
                continue  # an embedded frame is part of its page, not a page to visit
            href = link["href"]
            normal = normalise(href, base)
            if normal is None:
                continue
            text = link.get("text", "")
            if not record.get("on_bip") and is_bip_link(normal, text):
                if state.scope.admits(normal):
                    if state.bip_url is None and state.scope.is_bip(normal):
                        state.bip_url = normal
                elif state.bip_url is None and BIP_LINK_TEXT.search(text):
                    # Another host is the participant's BIP only when the link says so.
                    state.scope.adopt_bip(normal)
                    state.bip_url = normal
            if normal not in state.link_paths or state.link_paths[normal][0] > depth + 1:
                state.link_paths[normal] = (depth + 1, [*path, normal])
            if not state.scope.admits(normal):
                continue
            if is_document(normal):
                known = state.pdf_links.get(normal)
                if known is None or (record.get("key") and not known["key"]):
                    state.pdf_links[normal] = {
                        "from": record["url"],
                        "link_text": text,
                        "key": bool(record.get("key")),
                    }
                state.internal_links.setdefault(normal, record["url"])
                continue
            if not is_probably_html(normal):
                continue
            state.internal_links.setdefault(normal, record["url"])
            if state.frontier.seen(normal):
                continue
            if (
                state.scope.is_bip(normal)
                and depth + 1 - _bip_entry_depth(record, state) > self.settings.bip_max_depth
            ):
                continue
            if not state.traps.admit(normal):
                state.frontier.mark_seen(normal)
                continue
            state.frontier.push(normal, depth + 1, [*path, normal], text)

    # ------------------------------------------------------------- one page

    async def _navigate(self, page: Page, routing: GuardedRouting, url: str) -> _Nav:
        try:
            response = await page.goto(url, timeout=self.settings.page_timeout_s * 1000)
        except BudgetSpent:
            raise
        except BrowserError as error:
            message = str(error)
            if is_browser_gone(message):
                raise OurFailure("browser_crash", message.splitlines()[0]) from error
            redirects, final = [], url
            if isinstance(error, NavigationError):
                redirects, final = error.redirect_chain, error.url
            if "net::ERR_ABORTED" in message:
                # Denied downloads end so: the crawler fetches the document itself.
                return _Nav(None, redirects, final, "download", message.splitlines()[0])
            message = routing.explain(message, final)
            if is_our_proxy_error(message):
                raise OurFailure("our_network", message.splitlines()[0]) from error
            kind = classify_navigation_error(message)
            if kind == "refused_address" and routing.refused:
                refused = routing.refused[-1]
                message = f"odmowa pobrania {refused['url']}: {refused['reason']}"
            elif kind == "redirect_loop":
                message = "zbyt wiele przekierowań"
            return _Nav(None, redirects, final, kind, message.splitlines()[0])
        redirects = list(response.redirect_chain) if response is not None else []
        return _Nav(response, redirects, page.url or url)

    async def _visit(self, state, page, flight, routing, url, depth, path, link_text):
        settings = self.settings
        key = depth == 0 or priority(url, link_text, 0) >= settings.key_priority
        record: dict = {
            "url": url,
            "final_url": url,
            "redirects": [],
            "status": None,
            "content_type": None,
            "depth": depth if path else None,
            "path": path,
            "on_bip": state.scope.is_bip(url),
            "key": key,
            "timings": None,
            "bytes": None,
            "title": None,
            "lang": None,
            "html_blob": None,
            "text_blob": None,
            "screenshot_desktop": None,
            "screenshot_mobile": None,
            "axe_blob": None,
            "console_errors": [],
            "links": [],
            "horizontal_scroll_375": None,
            "error": None,
            "dialogs": [],
        }
        console: list[str] = []

        def on_console(message) -> None:
            if message.type == "error" and len(console) < 50:
                console.append(message.text[:500])

        def on_page_error(error) -> None:
            if len(console) < 50:
                console.append(f"pageerror: {str(error)[:500]}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        try:
            # Checked here too: with private networks allowed no routing is installed, and
            # a cloud metadata address is refused even then.
            try:
                await asyncio.to_thread(self.guard.check, url)
            except RefusedAddress as refused:
                routing.refused.append({"url": url, "reason": refused.reason})
                record["error"] = {"kind": "refused_address", "detail": refused.reason}
                return record, _Nav(None, [], url, "refused_address", refused.reason)
            nav = await self._navigate(page, routing, url)
            record["redirects"] = nav.redirects
            record["final_url"] = nav.final_url
            if nav.error == "download":
                # Not a failure: a document the browser would not render. Its own fetch
                # decides (its error, if any, becomes the navigation's).
                record = await self._visit_document(record, nav)
                error = record["error"] or {}
                return record, _Nav(
                    None,
                    record["redirects"],
                    record["final_url"],
                    error.get("kind"),
                    error.get("detail", ""),
                )
            if nav.error:
                record["error"] = {"kind": nav.error, "detail": nav.detail}
                return record, nav
            response = nav.response
            if response is not None:
                record["status"] = response.status
                headers = response.headers
                record["content_type"] = headers.get("content-type", "").split(";")[0].strip()
                record["_retry_after"] = headers.get("retry-after")
                if depth == 0:
                    state.home_headers = dict(headers)
                if record["content_type"] == "application/pdf":
                    return await self._visit_document(record, nav), nav
            await flight.wait(settings.network_quiet_s)
            data = await page.evaluate(
                capture.EXTRACT_SCRIPT, [capture.MAX_HTML_CHARS, capture.MAX_TEXT_CHARS]
            )
            html = data["html"]
            if data["html_chars"] > len(html) or data["text_chars"] > len(data["text"]):
                record["truncated"] = {
                    "html_chars": data["html_chars"],
                    "text_chars": data["text_chars"],
                }
            record.update(
                title=data["title"],
                lang=data["lang"],
                timings=data["timings"],
                bytes=data["bytes"],
                links=data["links"],
            )
            state.overlays.update(capture.overlay_scripts(data["scripts"]))
            record["html_blob"] = self.sink.put(
                html.encode("utf-8"), "text/html; charset=utf-8", PRODUCER
            )
            record["text_blob"] = self.sink.put(
                data["text"].encode("utf-8"), "text/plain; charset=utf-8", PRODUCER
            )
            if self.axe and (record["status"] or 0) < 400:
                try:
                    axe_json = await self.axe.run(page, settings.axe_timeout_s)
                except BudgetSpent:
                    raise
                except BrowserError as error:
                    if is_browser_gone(str(error)):
                        raise
                    record["axe_error"] = axe_not_measured(error)
                    axe_json = None
                if axe_json:
                    record["axe_blob"] = self.sink.put(
                        axe_json.encode("utf-8"), "application/json", PRODUCER
                    )
            try:
                await self._screenshots(page, record, key)
            except CallTimeout as error:
                # A page that never draws a frame: no picture, the rest of it stands.
                record["screenshot_error"] = str(error).splitlines()[0]
        except BudgetSpent as spent:
            # Our time ran out on this page: what was gathered stays, but a page not even
            # loaded was not visited (the crawl drops it).
            record["budget_cut"] = str(spent)
            if record["html_blob"] is None:
                record["error"] = {"kind": "not_measured", "detail": str(spent), "ours": True}
            nav = _Nav(None, record["redirects"], record["final_url"], None)
        except BrowserError as error:
            message = str(error)
            if is_browser_gone(message):
                raise OurFailure("browser_crash", message.splitlines()[0]) from error
            record["error"] = {"kind": "page_error", "detail": message.splitlines()[0][:300]}
            nav = _Nav(None, record["redirects"], record["final_url"], None)
        finally:
            page.remove_listener("console", on_console)
            page.remove_listener("pageerror", on_page_error)
            record["console_errors"] = console
            # Answered at once (never blamed); a beforeunload of the page left shows here
            # with that page's url.
            record["dialogs"], seen = page.take_dialogs()
            if seen > len(record["dialogs"]):
                record["dialogs_total"] = seen
            downloads = page.take_downloads()
            if downloads:
                record["downloads"] = downloads
            if page.load_cut is not None:
                record["load_cut"] = page.load_cut
        return record, nav

    async def _screenshots(self, page: Page, record: dict, key: bool) -> None:
        settings = self.settings
        if settings.screenshots == "all" or (settings.screenshots == "key" and key):
            shot = await page.screenshot(type="jpeg", quality=70)
            record["screenshot_desktop"] = self.sink.put(shot, "image/jpeg", PRODUCER)
        if key and settings.screenshots != "none":
            await page.set_viewport_size(MOBILE)
            try:
                record["horizontal_scroll_375"] = await page.evaluate(
                    capture.HORIZONTAL_SCROLL_SCRIPT
                )
                shot = await page.screenshot(type="jpeg", quality=70)
                record["screenshot_mobile"] = self.sink.put(shot, "image/jpeg", PRODUCER)
            finally:
                await page.set_viewport_size(DESKTOP)

    async def _visit_document(self, record: dict, nav: _Nav) -> dict:
        """A URL the browser downloads instead of rendering (a PDF): fetch it plainly."""
        result: HttpResult = await asyncio.to_thread(fetch, record["final_url"], self.guard)
        record["status"] = result.status
        record["final_url"] = result.final_url
        record["redirects"] = record["redirects"] + result.redirects
        record["content_type"] = result.headers.get("content-type", "").split(";")[0].strip()
        record["bytes"] = len(result.body)
        if result.error:
            record["error"] = {"kind": result.error, "detail": result.detail}
        elif record["content_type"] == "application/pdf" or result.body.startswith(b"%PDF"):
            record["content_type"] = "application/pdf"
            record["pdf"] = await asyncio.to_thread(inspect_pdf, result.body)
            record["pdf_blob"] = self.sink.put(result.body, "application/pdf", PRODUCER)
        return record

    # ------------------------------------------------------------- per site

    async def _site_checks(self, state: _SiteState, artifact: dict) -> None:
        site = artifact["site"]
        home_url = artifact["final_url"] or state.start_url
        parts = urlsplit(home_url)
        tls_task = asyncio.to_thread(check_tls, home_url, self.guard)
        https_task = asyncio.to_thread(self._http_to_https, home_url, state.start_url)
        links_task = self._check_links(state)
        pdf_task = self._check_pdfs(state)
        mail_task = asyncio.to_thread(self._mail_dns, state)
        (
            site["tls"],
            site["http_to_https"],
            (checked, broken),
            site["pdfs"],
            (site["mail_dns"], site["mail_dns_note"]),
        ) = await asyncio.gather(tls_task, https_task, links_task, pdf_task, mail_task)
        site["links_checked"] = checked
        site["broken_links"] = broken
        site["hsts"] = (
            state.home_headers.get("strict-transport-security") if parts.scheme == "https" else None
        )

    def _mail_dns(self, state: _SiteState) -> tuple[dict | None, str | None]:
        """The mail domain's DNS facts, or None with the reason they were not measured."""
        if not self.settings.mail_dns:
            return None, "wyłączone w ustawieniach edycji"
        hrefs = [link["href"] for page in state.pages for link in page.get("links", [])]
        domain = maildns.mail_domain_of(state.emails, hrefs, state.scope.domain)
        if not domain or is_ip_literal(domain):
            return None, f"brak domeny poczty do sprawdzenia ({domain or 'brak'})"
        try:
            return maildns.mail_dns(domain), None
        except maildns.ResolverFailed as failure:
            return None, f"nasz resolver DNS nie odpowiedział: {failure}"

    def _http_to_https(self, home_url: str, start_url: str) -> bool | None:
        parts = urlsplit(home_url)
        if parts.scheme == "https":
            if urlsplit(start_url).scheme == "http":
                return True
            host = parts.hostname or ""
            plain = urlunsplit(
                ("http", f"[{host}]" if ":" in host else host, parts.path or "/", "", "")
            )
            result = fetch(plain, self.guard, timeout=10.0, max_bytes=1)
            if result.status is None:
                return None  # no plain HTTP at all: nothing to redirect
            return urlsplit(result.final_url).scheme == "https"
        return False

    async def _check_links(self, state: _SiteState) -> tuple[int, list[dict]]:
        broken: list[dict] = []
        crawled = {p["url"] for p in state.pages} | {p["final_url"] for p in state.pages}
        checked = 0
        for page in state.pages:
            checked += 1
            status = page.get("status")
            if (status is not None and status >= 400) or (page.get("error") and not status):
                broken.append(
                    {
                        "url": page["url"],
                        "status": status,
                        "from": page["path"][-2] if len(page.get("path") or []) > 1 else None,
                        "error": (page.get("error") or {}).get("kind"),
                    }
                )
        pending = [
            (u, f)
            for u, f in state.internal_links.items()
            if u not in crawled
            and not (self.settings.respect_robots and state.robots and not state.robots.allowed(u))
        ]
        budget = max(0, self.settings.max_link_checks - checked)
        semaphore = asyncio.Semaphore(self.settings.per_host)
        # Checks are not started past the site's time (one page's time more): a site
        # answering slowly cannot hold a sweep with 80 checks of 10 s each.
        stop_at = state.deadline + self.settings.page_timeout_s
        done = 0

        async def check(url: str, source: str) -> None:
            nonlocal done
            async with semaphore:
                if time.monotonic() > stop_at:
                    state.budget_cut = True
                    return
                done += 1
                result = await asyncio.to_thread(
                    fetch, url, self.guard, method="HEAD", timeout=10.0
                )
                if result.status in (405, 501):
                    result = await asyncio.to_thread(
                        fetch, url, self.guard, timeout=10.0, max_bytes=1
                    )
            if result.error == "refused_address":
                return
            if result.status is None or result.status >= 400:
                broken.append(
                    {"url": url, "status": result.status, "from": source, "error": result.error}
                )

        await asyncio.gather(*(check(u, f) for u, f in pending[:budget]))
        return checked + done, broken

    async def _check_pdfs(self, state: _SiteState) -> list[dict]:
        out = []
        # PDFs linked from key pages first (the documents a resident is sent to).
        ordered = sorted(state.pdf_links.items(), key=lambda item: not item[1]["key"])
        for url, info in ordered[: self.settings.max_pdfs]:
            if time.monotonic() > state.deadline + self.settings.page_timeout_s:
                state.budget_cut = True
                break
            result = await asyncio.to_thread(fetch, url, self.guard, timeout=20.0)
            entry = {
                "url": url,
                "from": info["from"],
                "link_text": info["link_text"],
                "status": result.status,
                "has_text_layer": None,
                "tagged": None,
                "bytes": len(result.body),
            }
            if result.status == 200 and result.body.startswith(b"%PDF"):
                inspected = await asyncio.to_thread(inspect_pdf, result.body)
                entry.update(
                    has_text_layer=inspected["has_text_layer"],
                    tagged=inspected["tagged"],
                    pages=inspected["pages"],
                    created=inspected["created"],
                )
                entry["blob"] = self.sink.put(result.body, "application/pdf", PRODUCER)
            out.append(entry)
        return out


def _bip_entry_depth(record: dict, state: _SiteState) -> int:
    """Click depth at which the crawl entered the BIP along this page's path."""
    for index, url in enumerate(record.get("path") or []):
        if state.scope.is_bip(url):
            return index
    return record["depth"] + 1 if record["depth"] is not None else 0


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
