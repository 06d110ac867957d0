"""DNS rebinding: a name that answers a public address to our check and a private one to
the connection. Every connection goes to the address the guard checked: plain fetches
through http.client's hook, the browser through the pinning SOCKS5 proxy.

Here 127.0.0.5 plays a participant's public address (exempt) and 127.0.0.9 an internal
service on the same port; Chromium's own resolver is told `rebind.test` is 127.0.0.9.
"""

import asyncio
import contextlib
import socket

import pytest

from probes.netguard import NetGuard
from probes.website.browser import GuardedRouting, default_executable, launch_args, new_site_context
from probes.website.cdp import Browser, BrowserError
from probes.website.failures import navigation_failure
from probes.website.httpfetch import fetch
from probes.website.pinproxy import PinningProxy
from probes.website.tls import check_tls
from tests.website.recording_server import RecordingServer

PUBLIC, INTERNAL = "127.0.0.5", "127.0.0.9"


@pytest.fixture
def servers():
    public = RecordingServer(PUBLIC, title="publiczny")
    port = public.port
    internal = RecordingServer(INTERNAL, port, title="wewnętrzny")
    yield port, public, internal
    public.close()
    internal.close()


def _guard(answers: dict[str, tuple[str, ...]]) -> NetGuard:
    guard = NetGuard(allow_private=False, exempt=frozenset({PUBLIC}))
    guard.resolve = lambda host: answers.get(host, ())  # our resolver's answers
    return guard


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind((PUBLIC, 0))
        return probe.getsockname()[1]


def test_plain_fetches_connect_to_the_checked_address(servers):
    port, public, internal = servers
    guard = _guard({"rebind.test": (PUBLIC,), "evil.test": (INTERNAL,)})
    # The system resolver knows neither name: a fetch that works used our checked answer.
    result = fetch(f"http://rebind.test:{port}/strona", guard)
    assert result.error is None and b"publiczny" in result.body
    assert public.hits == ["/strona"]
    refused = fetch(f"http://evil.test:{port}/", guard)
    assert refused.error == "refused_address" and INTERNAL in refused.detail
    assert internal.hits == []
    assert fetch(f"http://nowhere.test:{port}/", guard).error == "dns"
    assert "adres odrzucony" in check_tls(f"https://evil.test:{port}/", guard)["error"]


async def _browse(port: int, closed_port: int) -> dict:
    guard = _guard({"rebind.test": (PUBLIC,), "closed.test": (PUBLIC,)})
    rules = f"--host-resolver-rules=MAP rebind.test {INTERNAL}, MAP nowhere.test {PUBLIC}"
    browser = await Browser.launch(default_executable(), launch_args(extra=[rules]))
    try:
        routing = GuardedRouting(guard)
        context = await new_site_context(browser, routing)
        page = await context.new_page()
        seen: dict = {}
        await page.goto(f"http://rebind.test:{port}/")
        seen["title"] = await page.evaluate("document.title")
        # A WebSocket never reaches the Fetch stage; the proxy still refuses it.
        seen["socket"] = await page.evaluate(
            f"""new Promise(done => {{
                const ws = new WebSocket('ws://{INTERNAL}:{port}/');
                ws.onerror = () => done('error'); ws.onopen = () => done('open');
            }})"""
        )
        for name, url in (
            ("dns", f"http://nowhere.test:{port}/"),
            ("refused", f"http://closed.test:{closed_port}/"),
        ):
            try:
                await page.goto(url)
            except BrowserError as error:
                seen[name] = navigation_failure(error, routing.failure_for(url))
        seen["refused_addresses"] = list(routing.refused)
        # Our proxy gone mid-crawl: the failure is ours, whatever the host.
        await routing.proxy.close()
        try:
            await page.goto(f"http://rebind.test:{port}/")
        except BrowserError as error:
            url = f"http://rebind.test:{port}/"
            seen["ours"] = navigation_failure(error, routing.failure_for(url))
        await context.close()
        seen["proxy_closed"] = routing.proxy is None
        return seen
    finally:
        await browser.close()


@pytest.mark.browser
def test_the_browser_connects_only_to_the_checked_address(servers):
    port, public, internal = servers
    seen = asyncio.run(_browse(port, _closed_port()))
    assert seen["title"] == "publiczny"
    assert public.hits == ["/"]
    assert seen["socket"] == "error"
    assert internal.hits == []
    assert any(INTERNAL in refused["reason"] for refused in seen["refused_addresses"])
    # Through the proxy the participant's failures keep Chromium's own words: theirs.
    assert (seen["dns"].kind, seen["dns"].ours) == ("dns", False)
    assert (seen["refused"].kind, seen["refused"].ours) == ("refused", False)
    assert seen["dns"].detail.startswith("net::ERR_NAME_NOT_RESOLVED")
    assert seen["proxy_closed"]
    # → OurFailure: retried, then "not measured"
    assert (seen["ours"].kind, seen["ours"].ours) == ("our_network", True)
    assert public.hits == ["/"]


def test_the_proxy_hangs_up_on_what_is_not_socks5():
    async def talk() -> bytes:
        proxy = await PinningProxy(_guard({})).start()
        try:
            port = int(proxy.url.rsplit(":", 1)[1])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\n\r\n")
            answer = await asyncio.wait_for(reader.read(10), 5)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
            return answer
        finally:
            await proxy.close()

    assert asyncio.run(talk()) == b""
