"""Our CDP client: framing, what a site can see of us, popups, navigation errors."""

import asyncio
import socket
from urllib.parse import quote

import pytest

from probes.netguard import NetGuard
from probes.website.browser import BrowserHost, GuardedRouting, new_site_context
from probes.website.cdp import BrowserError, TargetCrashed
from probes.website.cdp.connection import _NulFramed
from probes.website.failures import navigation_failure
from probes.website.identity import plain_headers
from tests.website.recording_server import RecordingServer


def test_messages_split_across_reads_and_glued_together_are_framed_right():
    got = []
    framed = _NulFramed(got.append, lambda: None)
    for chunk in (b'{"a":', b'1}\0{"b"', b":2}\0", b'{"c":3}\0{"d":4}\0{"e"'):
        framed.data_received(chunk)
    assert got == [b'{"a":1}', b'{"b":2}', b'{"c":3}', b'{"d":4}']
    framed.data_received(b":5}\0")
    assert got[-1] == b'{"e":5}'


PAGE = """<!DOCTYPE html><html lang="pl"><title>t</title><body>
<script>console.error('błąd strony'); window.popup = window.open('about:blank');</script>
<script>throw new Error('wyjątek')</script></body></html>"""


async def _what_a_site_sees() -> tuple[dict, list, list]:
    host = BrowserHost()
    try:
        browser = await host.start()
        context = await new_site_context(browser, GuardedRouting(NetGuard(allow_private=True)))
        page = await context.new_page()
        console, errors = [], []
        page.on("console", lambda message: console.append((message.type, message.text)))
        page.on("pageerror", errors.append)
        response = await page.goto("data:text/html;charset=utf-8," + quote(PAGE))
        assert response is not None and response.ok
        seen = await page.evaluate(
            """() => ({webdriver: navigator.webdriver, ua: navigator.userAgent,
                       lang: navigator.language, popup: window.popup,
                       tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
                       width: innerWidth})"""
        )
        try:
            await page.goto(f"http://127.0.0.1:{_closed_port()}/", timeout=10_000)
            seen["refused"] = None
        except BrowserError as error:
            seen["refused"] = str(error)
        return seen, console, errors
    finally:
        await host.stop()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.browser
def test_a_site_sees_an_ordinary_polish_chrome_and_no_popup_opens():
    seen, console, errors = asyncio.run(_what_a_site_sees())
    assert seen["webdriver"] is False
    assert "Headless" not in seen["ua"] and "Chrome/" in seen["ua"]
    assert seen["lang"] == "pl-PL" and seen["tz"] == "Europe/Warsaw"
    assert seen["width"] == 1366
    assert seen["popup"] is None  # --block-new-web-contents
    assert ("error", "błąd strony") in console
    assert any("wyjątek" in error for error in errors)
    assert seen["refused"].startswith("net::ERR_CONNECTION_REFUSED")


async def _crash_a_tab() -> tuple[BrowserError | None, bool]:
    host = BrowserHost()
    try:
        browser = await host.start()
        context = await new_site_context(browser, GuardedRouting(NetGuard(allow_private=True)))
        page = await context.new_page()
        await page.goto("data:text/html,<p>ok")
        crashed = asyncio.get_running_loop().create_future()
        page.connection.on(page.session, "Inspector.targetCrashed", crashed.set_result)
        page.connection.notify("Page.crash", {}, page.session)
        await asyncio.wait_for(crashed, 10)
        try:
            await page.goto("data:text/html,<p>again")
        except BrowserError as error:
            return error, browser.is_connected()
        return None, browser.is_connected()
    finally:
        await host.stop()


@pytest.mark.browser
def test_a_crashed_tab_is_our_failure_and_the_browser_lives_on():
    error, connected = asyncio.run(_crash_a_tab())
    assert isinstance(error, TargetCrashed)
    failure = navigation_failure(error)
    assert (failure.kind, failure.ours) == ("browser_crash", True)  # retried, then not measured
    assert connected


async def _headers_and_identity(server: RecordingServer) -> tuple[dict, str]:
    url = server.url
    host = BrowserHost()
    try:
        browser = await host.start()
        # The browser's own client hints, without our override (raw CDP, no emulation).
        send = browser.connection.send
        bare = await send("Target.createBrowserContext", {})
        target = await send(
            "Target.createTarget",
            {"url": url + "bez-nadpisania", "browserContextId": bare["browserContextId"]},
        )
        await send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        for _ in range(100):
            if "/bez-nadpisania" in server.headers:
                break
            await asyncio.sleep(0.1)
        context = await new_site_context(browser, GuardedRouting(NetGuard(allow_private=True)))
        page = await context.new_page()
        await page.goto(url)
        await page.goto(url + "druga")  # after Accept-CH: the full version list too
        identity = await page.evaluate(
            """() => ({brands: navigator.userAgentData.brands.map(b => b.brand),
                       languages: navigator.languages, inner: [innerWidth, innerHeight],
                       outer: [outerWidth, outerHeight], screen: [screen.width, screen.height]})"""
        )
        return identity, browser.user_agent
    finally:
        await host.stop()


@pytest.mark.browser
def test_what_a_server_and_a_script_see_is_an_ordinary_chromium():
    # Loopback is a secure context: client hints are sent, as over HTTPS.
    server = RecordingServer(Accept_CH="Sec-CH-UA-Full-Version-List")
    try:
        identity, user_agent = asyncio.run(_headers_and_identity(server))
    finally:
        server.close()
    bare, ours, ours_again = (server.headers[path] for path in ("/bez-nadpisania", "/", "/druga"))
    # The headless shell names itself in its client hints; we send the same list without it.
    assert "HeadlessChrome" in bare["sec-ch-ua"]
    own = [brand.strip() for brand in bare["sec-ch-ua"].split(",") if "Headless" not in brand]
    assert ours["sec-ch-ua"] == ", ".join(own)
    assert "HeadlessChrome" not in ours_again["sec-ch-ua-full-version-list"]
    assert ours["sec-ch-ua-platform"] == '"Linux"' and ours["sec-ch-ua-mobile"] == "?0"
    assert ours["accept-language"] == "pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"
    assert plain_headers()["Accept-Language"] == ours["accept-language"]
    # Plain fetches (robots.txt, link checks) introduce themselves as the same browser.
    assert ours["user-agent"] == user_agent == plain_headers()["User-Agent"]
    assert identity["brands"] == [brand.split(";")[0].strip('"') for brand in own]
    assert identity["languages"] == ["pl-PL", "pl", "en-US", "en"]
    assert identity["inner"] == [1366, 768]
    inner, outer, screen = identity["inner"], identity["outer"], identity["screen"]
    assert inner[0] <= outer[0] <= screen[0] and inner[1] < outer[1] <= screen[1]
