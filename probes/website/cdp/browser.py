"""Launch Chromium with a DevTools pipe; browser contexts (one per site) and their tabs."""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from typing import Protocol

from probes.website.cdp.connection import BrowserClosed, BrowserError, Connection
from probes.website.cdp.page import Page, Request

LAUNCH_TIMEOUT_S = 30.0
# Blocks service-worker registration: a worker's fetches would escape the per-tab
# interception of the SSRF guard, and a crawl has no use for offline caches.
NO_SERVICE_WORKERS = """(() => {
  const sw = navigator.serviceWorker;
  if (sw) Object.defineProperty(sw, 'register', {
    value: () => Promise.reject(new DOMException('Failed to register a ServiceWorker', 'SecurityError')),
  });
})();"""


# Chromium's GREASE brand, seeded by the major version (its
# components/embedder_support/user_agent_utils.cc); tests compare the result with what the
# installed browser itself sends.
GREASE_CHARS = (" ", "(", ":", "-", ".", "/", ")", ";", "=", "?", "_")
GREASE_VERSIONS = ("8", "99", "24")


def user_agent_metadata(full_version: str) -> dict | None:
    """navigator.userAgentData / Sec-CH-UA of a desktop Chromium on Linux, without the
    "HeadlessChrome" brand the headless shell adds to its own."""
    major_text = full_version.split(".")[0]
    if not major_text.isdigit():
        return None
    major = int(major_text)
    grease = f"Not{GREASE_CHARS[major % 11]}A{GREASE_CHARS[(major + 1) % 11]}Brand"
    grease_version = GREASE_VERSIONS[major % 3]
    return {
        "brands": [
            {"brand": grease, "version": grease_version},
            {"brand": "Chromium", "version": major_text},
        ],
        "fullVersionList": [
            {"brand": grease, "version": f"{grease_version}.0.0.0"},
            {"brand": "Chromium", "version": full_version},
        ],
        "platform": "Linux",
        "platformVersion": "",
        "architecture": "x86",
        "model": "",
        "mobile": False,
        "bitness": "64",
        "wow64": False,
        "formFactors": ["Desktop"],
    }


def accept_language(locale: str) -> str:
    """A browser set up in `locale`'s languages: "pl-PL" → "pl-PL,pl,en-US,en" (Chromium
    adds the q-values: "pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7")."""
    languages = [locale, locale.split("-")[0], "en-US", "en"]
    return ",".join(dict.fromkeys(languages))


class Routing(Protocol):
    """Decides, for the SSRF guard, whether the browser may request a URL."""

    async def allows(self, url: str) -> bool: ...


class Context:
    """An isolated browser context: its own cookies, cache and tabs."""

    def __init__(
        self,
        browser: Browser,
        context_id: str,
        viewport: dict,
        user_agent: str | None,
        locale: str | None,
        timezone_id: str | None,
        routing: Routing | None,
    ) -> None:
        self.browser = browser
        self.connection = browser.connection
        self.context_id = context_id
        self.viewport = viewport
        self.user_agent = user_agent
        self.locale = locale
        self.timezone_id = timezone_id
        self.routing = routing
        self.scripts: list[str] = [NO_SERVICE_WORKERS]
        self.pages: list[Page] = []
        self._request_listeners: list[Callable[[Request], None]] = []
        # Awaited after the context is gone (what lived only for it: a proxy).
        self.closers: list[Callable[[], Awaitable[None]]] = []

    def emulation_calls(self, user_agent: str | None) -> list[tuple[str, dict]]:
        calls: list[tuple[str, dict]] = []
        if user_agent or self.locale:
            override: dict = {"userAgent": user_agent or ""}
            if self.locale:
                override["acceptLanguage"] = accept_language(self.locale)
            # Without metadata an overridden UA sends no Sec-CH-UA and shows empty
            # navigator.userAgentData.brands: both give an automaton away.
            if self.browser.user_agent_metadata:
                override["userAgentMetadata"] = self.browser.user_agent_metadata
            calls.append(("Emulation.setUserAgentOverride", override))
        if self.locale:
            calls.append(("Emulation.setLocaleOverride", {"locale": self.locale}))
        if self.timezone_id:
            calls.append(("Emulation.setTimezoneOverride", {"timezoneId": self.timezone_id}))
        return calls

    async def add_init_script(self, script: str) -> None:
        """Run `script` in every frame before the page's own scripts (new documents)."""
        self.scripts.append(script)
        for page in self.pages:
            await page._send("Page.addScriptToEvaluateOnNewDocument", {"source": script})

    def on(self, event: str, listener: Callable[[Request], None]) -> None:
        if event != "request":
            raise ValueError(f"unsupported context event {event!r}")
        self._request_listeners.append(listener)

    def emit_request(self, request: Request) -> None:
        for listener in self._request_listeners:
            listener(request)

    async def new_page(self) -> Page:
        send = self.connection.send
        target = await send(
            "Target.createTarget", {"url": "about:blank", "browserContextId": self.context_id}
        )
        target_id = target["targetId"]
        attached = await send("Target.attachToTarget", {"targetId": target_id, "flatten": True})
        page = Page(self, target_id, attached["sessionId"])
        await page.setup(self.scripts, self.viewport, self.user_agent or self.browser.user_agent)
        self.pages.append(page)
        return page

    async def close(self) -> None:
        for page in self.pages:
            self.connection.forget_session(page.session)
            page._fail("Target closed")
        self.pages.clear()
        try:
            if not self.connection.closed:
                await self.connection.send(
                    "Target.disposeBrowserContext", {"browserContextId": self.context_id}
                )
        finally:
            for closer in self.closers:
                await closer()
            self.closers.clear()


class Browser:
    """A Chromium process we own, spoken to over fds 3 and 4."""

    def __init__(
        self, process: asyncio.subprocess.Process, connection: Connection, profile: str
    ) -> None:
        self.process = process
        self.connection = connection
        self.profile = profile
        self.version = ""
        self.user_agent = ""
        self.user_agent_metadata: dict | None = None
        self._watcher = asyncio.ensure_future(self._watch())

    @classmethod
    async def launch(cls, executable_path: str, args: list[str]) -> Browser:
        profile = tempfile.mkdtemp(prefix="auditor-chromium-")
        # Pipe ends for the child are moved to fd 10 and up so the shell's `3<&N 4>&M` can
        # never overwrite one with the other.
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        child_read, child_write = _high_fd(to_child_r), _high_fd(from_child_w)
        # bash renumbers the ends to 3 and 4 and execs Chromium in place (the same pid):
        # subprocess cannot map fds, a preexec_fn is unsafe with threads, and dash only
        # knows single-digit fds.
        script = f'exec "$0" "$@" 3<&{child_read} 4>&{child_write} {child_read}<&- {child_write}>&-'
        try:
            process = await asyncio.create_subprocess_exec(
                "/bin/bash",
                "-c",
                script,
                executable_path,
                *args,
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                pass_fds=(child_read, child_write),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
        finally:
            for fd in (child_read, child_write):
                os.close(fd)
        connection = Connection()
        await connection.open(from_child_r, to_child_w)
        browser = cls(process, connection, profile)
        try:
            version = await asyncio.wait_for(
                connection.send("Browser.getVersion"), LAUNCH_TIMEOUT_S
            )
        except (TimeoutError, BrowserError) as error:
            await browser.close()
            raise BrowserClosed(f"Chromium did not start ({executable_path}): {error}") from error
        browser.version = version.get("product", "").split("/")[-1]
        # Headless builds say "HeadlessChrome": a site must not see that, so each tab
        # gets the name and the reduced version (major.0.0.0) a desktop Chrome sends,
        # unless a context sets its own.
        browser.user_agent = re.sub(
            r"(?:Headless)?Chrome/[\d.]+",
            f"Chrome/{browser.version.split('.')[0]}.0.0.0",
            version.get("userAgent", ""),
        )
        browser.user_agent_metadata = user_agent_metadata(browser.version)
        return browser

    async def _watch(self) -> None:
        code = await self.process.wait()
        self.connection.mark_closed(f"the browser exited with code {code}")

    def is_connected(self) -> bool:
        return not self.connection.closed and self.process.returncode is None

    async def new_context(
        self,
        viewport: dict | None = None,
        user_agent: str | None = None,
        locale: str | None = None,
        timezone_id: str | None = None,
        routing: Routing | None = None,
        proxy_server: str | None = None,
    ) -> Context:
        """`proxy_server` carries every connection of the context, loopback ones included."""
        send = self.connection.send
        params: dict = {"disposeOnDetach": True}
        if proxy_server:
            # "<-loopback>": Chromium otherwise sends localhost and 127.x past any proxy.
            params.update(proxyServer=proxy_server, proxyBypassList="<-loopback>")
        created = await send("Target.createBrowserContext", params)
        context_id = created["browserContextId"]
        # A link to a document must not land in a Downloads folder: the navigation ends
        # with net::ERR_ABORTED and the crawler fetches the file itself.
        await send(
            "Browser.setDownloadBehavior", {"behavior": "deny", "browserContextId": context_id}
        )
        return Context(
            self,
            context_id,
            viewport or {"width": 1280, "height": 720},
            user_agent,
            locale,
            timezone_id,
            routing,
        )

    async def close(self) -> None:
        if not self.connection.closed:
            try:
                await asyncio.wait_for(self.connection.send("Browser.close"), 5)
            except (TimeoutError, BrowserError):
                pass
        if self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        self.connection.mark_closed("closed")
        self._watcher.cancel()
        shutil.rmtree(self.profile, ignore_errors=True)


def _high_fd(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high
