"""One page of a site in a tab: navigate, capture, axe, screenshots (PageVisits, mixed into
WebsiteProbe), and a document the browser downloads instead of rendering."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from probes.accessibility.axe import axe_not_measured
from probes.website import capture
from probes.website.artifact import PRODUCER
from probes.website.browser import DESKTOP, MOBILE, GuardedRouting
from probes.website.cdp import (
    BrowserError,
    BrowserGone,
    BudgetSpent,
    CallTimeout,
    NavigationError,
    Page,
    Response,
)
from probes.website.downloader import OURS, Downloader
from probes.website.failures import OurFailure, navigation_failure
from probes.website.frontier import priority
from probes.website.httpfetch import HttpResult
from probes.website.pdf import inspect_pdf


class InFlight:
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
class Nav:
    response: Response | None
    redirects: list[str]
    final_url: str
    error: str | None = None
    detail: str = ""


class PageVisits:
    """Visiting one page (uses the probe's settings, guard, sink and axe)."""

    async def _navigate(self, page: Page, routing: GuardedRouting, url: str) -> Nav:
        try:
            response = await page.goto(url, timeout=self.settings.page_timeout_s * 1000)
        except BudgetSpent:
            raise
        except BrowserError as error:
            redirects, final = [], url
            if isinstance(error, NavigationError):
                redirects, final = error.redirect_chain, error.url
                if error.code == "net::ERR_ABORTED":
                    # Denied downloads end so: the crawler fetches the document itself.
                    return Nav(None, redirects, final, "download", str(error))
            failure = navigation_failure(error, routing.failure_for(final))
            if failure.ours:
                raise OurFailure(failure.kind, failure.detail) from error
            detail = failure.detail
            if failure.kind == "refused_address" and routing.refused:
                refused = routing.refused[-1]
                detail = f"odmowa pobrania {refused['url']}: {refused['reason']}"
            elif failure.kind == "redirect_loop":
                detail = "zbyt wiele przekierowań"
            return Nav(None, redirects, final, failure.kind, detail)
        redirects = list(response.redirect_chain) if response is not None else []
        return Nav(response, redirects, page.url or url)

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
            refused = await state.downloader.admit(url)
            if refused is not None:
                record["error"] = {"kind": "refused_address", "detail": refused}
                return record, Nav(None, [], url, "refused_address", refused)
            nav = await self._navigate(page, routing, url)
            record["redirects"] = nav.redirects
            record["final_url"] = nav.final_url
            if nav.error == "download":
                # Not a failure: a document the browser would not render. Its own fetch
                # decides (its error, if any, becomes the navigation's).
                record = await self._visit_document(state.downloader, record, url)
                error = record["error"] or {}
                return record, Nav(
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
                    document = await self._visit_document(state.downloader, record, url)
                    return document, nav
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
                except (BudgetSpent, BrowserGone):
                    raise
                except BrowserError as error:
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
            nav = Nav(None, record["redirects"], record["final_url"], None)
        except BrowserGone as error:
            raise OurFailure("browser_crash", str(error).splitlines()[0]) from error
        except BrowserError as error:
            message = str(error)
            record["error"] = {"kind": "page_error", "detail": message.splitlines()[0][:300]}
            nav = Nav(None, record["redirects"], record["final_url"], None)
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

    async def _visit_document(self, downloader: Downloader, record: dict, url: str) -> dict:
        """A URL the browser downloads instead of rendering (a PDF): fetch it plainly,
        in the slot the visit holds (after the host's delay: a second request)."""
        result: HttpResult = await downloader.fetch(record["final_url"], held=url)
        record["status"] = result.status
        record["final_url"] = result.final_url
        record["redirects"] = record["redirects"] + result.redirects
        record["content_type"] = result.headers.get("content-type", "").split(";")[0].strip()
        record["bytes"] = len(result.body)
        if result.error:
            record["error"] = {"kind": result.error, "detail": result.detail}
            if result.error in OURS:
                record["error"]["ours"] = True  # not the page's failure: not measured
        elif record["content_type"] == "application/pdf" or result.body.startswith(b"%PDF"):
            record["content_type"] = "application/pdf"
            record["pdf"] = await asyncio.to_thread(inspect_pdf, result.body)
            record["pdf_blob"] = self.sink.put(result.body, "application/pdf", PRODUCER)
        return record
