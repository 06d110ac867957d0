"""One Debian Chromium driven by Playwright; one context per site, guarded by NetGuard."""

from __future__ import annotations

import asyncio
import os
from importlib.metadata import version as package_version
from urllib.parse import urljoin

from playwright.async_api import Browser, BrowserContext, Playwright, Route, async_playwright

from probes import tlstrust
from probes.netguard import NetGuard, RefusedAddress
from probes.website.httpfetch import USER_AGENT

CHROMIUM_PATH = "/usr/bin/chromium"
# The flags Debian's Chromium needs on these machines (headless, root, closed network).
BASE_CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright passes its own --disable-features / --enable-features lists, and Chromium keeps
# only the LAST value of a switch: a second --disable-features would silently drop
# Playwright's (HttpsUpgrades among them, which would turn our http:// visits into https
# ones). So ours are merged into one switch carrying Playwright's list too; a test checks
# this copy against the installed driver.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
PLAYWRIGHT_ENABLED_FEATURES = ("CDPScreenshotNewSurface", "SkipListAccountsWithoutGaiaCookies")
OUR_DISABLED_FEATURES = (
    # No spare renderer kept warm: one process less, and pages are reused anyway.
    "SpareRendererForSitePerProcess",
    # Chromium 156 prewarms the omnibox popup's WebUI in a renderer of its own
    # (--top-chrome-webui), ~77 MB for a window nobody sees; both features must be off.
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
)
OUR_ENABLED_FEATURES: tuple[str, ...] = ()
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    # A site's pages share one renderer: ~100 MB less per site at no measured speed cost
    # (the work is one site per context anyway; bench/website_throughput.py).
    "--process-per-site",
    # Smaller caches and raster buffers: ~70 MB less at no measured speed cost, and the
    # screenshots are byte-identical (bench/website_throughput.py, session 2 notes).
    "--enable-low-end-device-mode",
]
# Renderer V8 heaps bounded so they collect garbage between pages instead of growing.
RENDERER_JS_FLAGS = "--js-flags=--max-old-space-size=96 --max-semi-space-size=2"
DRIVER_NODE_OPTIONS = "--max-old-space-size=64 --max-semi-space-size=1"
DESKTOP = {"width": 1366, "height": 768}
MOBILE = {"width": 375, "height": 812}


def _extra_args() -> list[str]:
    """Operator's extra Chromium flags (AUDITOR_CHROMIUM_ARGS, space-separated)."""
    return os.environ.get("AUDITOR_CHROMIUM_ARGS", "").split()


def launch_args(extra: list[str] | None = None) -> list[str]:
    """Our flags, the operator's, and ONE merged --disable-features / --enable-features."""
    disabled = [*PLAYWRIGHT_DISABLED_FEATURES, *OUR_DISABLED_FEATURES]
    enabled = [*PLAYWRIGHT_ENABLED_FEATURES, *OUR_ENABLED_FEATURES]
    args = []
    operator = _extra_args() if extra is None else extra
    for arg in [*CHROMIUM_ARGS, RENDERER_JS_FLAGS, *tlstrust.chromium_args(), *operator]:
        name, _, value = arg.partition("=")
        if name == "--disable-features":
            disabled.extend(v for v in value.split(",") if v)
        elif name == "--enable-features":
            enabled.extend(v for v in value.split(",") if v)
        else:
            args.append(arg)
    # dict.fromkeys: duplicates dropped, order kept.
    args.append("--disable-features=" + ",".join(dict.fromkeys(disabled)))
    args.append("--enable-features=" + ",".join(dict.fromkeys(enabled)))
    return args


class BrowserHost:
    """Owns the Playwright driver and the browser; relaunches it after a crash."""

    def __init__(self, executable_path: str = CHROMIUM_PATH) -> None:
        self.executable_path = executable_path
        self._playwright: Playwright | None = None
        self.browser: Browser | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> Browser:
        async with self._lock:
            if self._playwright is None:
                # The driver passes every axe result (up to ~1 MB of JSON) through its heap;
                # a bounded old space makes its GC run instead of growing to 200+ MB.
                os.environ.setdefault("NODE_OPTIONS", DRIVER_NODE_OPTIONS)
                self._playwright = await async_playwright().start()
            if self.browser is None or not self.browser.is_connected():
                self.browser = await self._playwright.chromium.launch(
                    executable_path=self.executable_path,
                    args=launch_args(),
                    headless=True,
                )
            return self.browser

    @property
    def versions(self) -> dict:
        return {
            "chromium": self.browser.version if self.browser else None,
            "playwright": package_version("playwright"),
        }

    async def stop(self) -> None:
        if self.browser is not None:
            try:
                await self.browser.close()
            except Exception:  # noqa: BLE001 - a crashed browser cannot close cleanly
                pass
            self.browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None

    async def __aenter__(self) -> BrowserHost:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_HOPS = 5


class GuardedRouting:
    """Checks every request of a context against the NetGuard, redirect hops included.

    Chromium follows redirects without asking the route handler again, so with the guard
    on we fetch each request ourselves without following redirects: a sub-resource's hops
    are checked and followed here; a navigation's redirect is handed back to the crawler
    (`navigation_redirects`), which checks it and navigates to the target itself, keeping
    the page's URL and the redirect chain true.
    """

    def __init__(self, guard: NetGuard) -> None:
        self.guard = guard
        self.refused: list[dict] = []
        self.navigation_redirects: dict[str, str] = {}

    async def _allowed(self, url: str) -> bool:
        try:
            await asyncio.to_thread(self.guard.check, url)
        except RefusedAddress as exc:
            self.refused.append({"url": url, "reason": exc.reason})
            return False
        return True

    async def handle(self, route: Route) -> None:
        request = route.request
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            await route.continue_()
            return
        if not await self._allowed(url):
            await route.abort("blockedbyclient")
            return
        try:
            response = await route.fetch(max_redirects=0)
            for _ in range(MAX_HOPS):
                location = response.headers.get("location")
                if response.status not in REDIRECT_STATUSES or not location:
                    break
                target = urljoin(url, location)
                if not await self._allowed(target):
                    await route.abort("blockedbyclient")
                    return
                if request.is_navigation_request():
                    self.navigation_redirects[url] = target
                    await route.abort("aborted")
                    return
                url = target
                response = await route.fetch(url=target, max_redirects=0)
            await route.fulfill(response=response)
        except Exception as exc:  # noqa: BLE001 - their network error: pass it on as such
            await route.abort(_abort_code(str(exc)))


def _abort_code(message: str) -> str:
    """Chromium's error code for a fetch error, so the crawler can tell whose it is."""
    for needle, code in (
        ("ECONNREFUSED", "connectionrefused"),
        ("ENOTFOUND", "namenotresolved"),
        ("EAI_AGAIN", "namenotresolved"),
        ("ETIMEDOUT", "timedout"),
        ("Timeout", "timedout"),
        ("ECONNRESET", "connectionreset"),
        ("certificate", "failed"),
    ):
        if needle in message:
            return code
    return "failed"


async def new_site_context(browser: Browser, routing: GuardedRouting) -> BrowserContext:
    """A fresh context for one site; with the guard on, every request is checked first."""
    context = await browser.new_context(
        viewport=DESKTOP,
        user_agent=USER_AGENT,
        locale="pl-PL",
        timezone_id="Europe/Warsaw",
        service_workers="block",  # a service worker's fetches would bypass routing
        accept_downloads=False,
    )
    if not routing.guard.allow_private:
        await context.route("**/*", routing.handle)
    return context
