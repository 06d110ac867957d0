"""One Debian Chromium spoken to over CDP (probes.website.cdp); one context per site,
every request checked by the NetGuard first."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from urllib.parse import urlsplit

from probes import tlstrust
from probes.netguard import NetGuard, RefusedAddress
from probes.website.cdp import Browser, Context
from probes.website.pinproxy import PinningProxy

# Debian's "old headless shell" build of the same Chromium: no browser UI in the browser
# process, ~110 MB less than /usr/bin/chromium --headless (bench/website_throughput.py).
# (The binary itself: /usr/bin/chromium-headless-shell is a wrapper script that forks.)
HEADLESS_SHELL_PATH = "/usr/lib/chromium/chromium-headless-shell"
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
# The switches Playwright launches Chromium with (a test checks this copy against the
# installed driver): years of its fixes for automation surprises, kept although we no
# longer launch through it. Chromium keeps only the LAST value of --disable-features, so
# its list and ours go into one merged switch (HttpsUpgrades among them: it would turn
# our http:// visits into https ones).
PLAYWRIGHT_SWITCHES = (
    "--disable-field-trial-config",
    "--disable-background-networking",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-component-extensions-with-background-pages",
    "--disable-component-update",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--allow-pre-commit-input",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-prompt-on-repost",
    "--disable-renderer-backgrounding",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--no-first-run",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--disable-search-engine-choice-screen",
    "--disable-sync",
    "--unsafely-disable-devtools-self-xss-warnings",
    "--enable-unsafe-swiftshader",  # WebGL in software: a map widget still draws
    "--disable-stack-profiler",
    "--disable-infobars",
    # Its headless set: no scrollbars in screenshots, a desktop pointer for :hover CSS.
    "--hide-scrollbars",
    "--mute-audio",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,"
    "availablePointerTypes=4",
    "--no-startup-window",
)
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
    # Frames of other sites stay in their page's renderer: one tab is one CDP target, so
    # axe and our init scripts reach every frame and the guard sees every request; and
    # fewer renderers. Site isolation protects a user's logged-in sessions; a crawl has none.
    "IsolateOrigins",
    "site-per-process",
)
OUR_ENABLED_FEATURES: tuple[str, ...] = ()
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    *(arg for arg in PLAYWRIGHT_SWITCHES if arg not in BASE_CHROMIUM_ARGS),
    "--disable-site-isolation-trials",
    # navigator.webdriver stays false: nothing a site's script reads names an automaton.
    "--disable-blink-features=AutomationControlled",
    # No popups or new windows: a tab we did not open would escape the guard's interception.
    "--block-new-web-contents",
    # A desktop window around the 1366×768 viewport (85 px of toolbars), not headless's
    # 800×600: a script comparing outerWidth with innerWidth sees an ordinary browser.
    "--window-size=1366,853",
    # A site's pages share one renderer: ~100 MB less per site at no measured speed cost
    # (the work is one site per context anyway; bench/website_throughput.py).
    "--process-per-site",
    # Smaller caches and raster buffers: ~70 MB less at no measured speed cost, and the
    # screenshots are byte-identical (bench/website_throughput.py, session 2 notes).
    "--enable-low-end-device-mode",
]
# Renderer V8 heaps bounded so they collect garbage between pages instead of growing.
RENDERER_JS_FLAGS = "--js-flags=--max-old-space-size=96 --max-semi-space-size=2"
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


def default_executable() -> str:
    """AUDITOR_CHROMIUM_PATH, else Debian's headless shell, else Debian's chromium."""
    configured = os.environ.get("AUDITOR_CHROMIUM_PATH")
    if configured:
        return configured
    return HEADLESS_SHELL_PATH if Path(HEADLESS_SHELL_PATH).exists() else CHROMIUM_PATH


class BrowserHost:
    """Owns the browser; relaunches it after a crash."""

    def __init__(self, executable_path: str | None = None) -> None:
        self.executable_path = executable_path or default_executable()
        self.browser: Browser | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> Browser:
        async with self._lock:
            if self.browser is None or not self.browser.is_connected():
                if self.browser is not None:
                    await self.browser.close()
                self.browser = await Browser.launch(self.executable_path, launch_args())
            return self.browser

    @property
    def versions(self) -> dict:
        return {
            "chromium": self.browser.version if self.browser else None,
            "chromium_binary": os.path.basename(self.executable_path),
        }

    async def stop(self) -> None:
        if self.browser is not None:
            await self.browser.close()
            self.browser = None

    async def __aenter__(self) -> BrowserHost:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()


class GuardedRouting:
    """Checks every request of a context against the NetGuard, each redirect hop included.

    With the guard on, every request of a tab (and of its workers and frames) pauses at
    CDP's Fetch stage for `allows`; Chromium pauses again for each redirect hop, so a
    redirect to a forbidden address is refused as the first request would be. The
    connections themselves go through a PinningProxy, to the addresses checked.
    """

    def __init__(self, guard: NetGuard) -> None:
        self.guard = guard
        self.refused: list[dict] = []
        self.proxy: PinningProxy | None = None

    async def close(self) -> None:
        if self.proxy is not None:
            await self.proxy.close()
            self.proxy = None

    async def allows(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True
        try:
            await asyncio.to_thread(self.guard.check, url)
        except RefusedAddress as exc:
            self.refused.append({"url": url, "reason": exc.reason})
            return False
        return True

    def failure_for(self, url: str) -> tuple[str, str] | None:
        """`(kind, detail)` our pinning proxy recorded for the host of `url`, or None."""
        if self.proxy is None:
            return None
        return self.proxy.failure_for(urlsplit(url).hostname)


async def new_site_context(browser: Browser, routing: GuardedRouting) -> Context:
    """A fresh context for one site; with the guard on, every request is checked first
    and every connection pinned to a checked address."""
    guarded = not routing.guard.allow_private
    if guarded and routing.proxy is None:
        routing.proxy = await PinningProxy(routing.guard, refused=routing.refused).start()
    context = await browser.new_context(
        viewport=DESKTOP,
        locale="pl-PL",
        timezone_id="Europe/Warsaw",
        routing=routing if guarded else None,
        proxy_server=routing.proxy.url if guarded else None,
    )
    if guarded:
        context.closers.append(routing.close)
    return context
