"""One tab over CDP: navigate and wait for load, evaluate, screenshot, events.

Only what the website and accessibility probes use, named as in Playwright so the crawler
reads the same: `goto`, `url`, `evaluate`, `screenshot`, `set_viewport_size`, `on`,
`remove_listener`, `close`. A navigation error carries Chromium's own `net::ERR_*` text,
which `probes.website.failures` sorts into theirs and ours.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from probes.website.cdp.connection import (
    BrowserClosed,
    BrowserError,
    CallTimeout,
    Connection,
    ProtocolError,
)
from probes.website.cdp.types import (
    BudgetSpent,
    ConsoleMessage,
    Document,
    EvaluationFailed,
    NavigationError,
    NavigationTimeout,
    Request,
    Response,
    TargetClosed,
    TargetCrashed,
    metrics,
)

if TYPE_CHECKING:
    from probes.website.cdp.browser import Context

# Chromium answers a 4xx/5xx with an empty body with this error, but the page does load
# (its own error page) and the response is real: the status is the evidence, not an error.
HTTP_CODE_ERROR = "net::ERR_HTTP_RESPONSE_CODE_FAILURE"
# Network.enable keeps response bodies for getResponseBody, 100 MB by default; we never
# ask for them.
NETWORK_BUFFERS = {"maxTotalBufferSize": 1 << 16, "maxResourceBufferSize": 1 << 15}
# Decoded bytes a page may receive in one response: the main document, anything else. A
# response past its cap stops the page's loading (Page.stopLoading) and the page is judged
# on what was read: a 50 MB page or a gzip bomb cannot fill the renderer's memory. Past
# HARD_CAP_FACTOR times the cap (loading did not stop) the tab is closed.
MAX_DOCUMENT_BYTES = 8 << 20
MAX_RESPONSE_BYTES = 32 << 20
HARD_CAP_FACTOR = 4
# A screenshot waits for a frame to be drawn; a page that never draws one (stopped before
# it had an element) must not hold the crawl for the connection's whole limit.
SCREENSHOT_TIMEOUT_S = 15.0
# JavaScript dialogs kept per page as evidence (the rest only counted), and their text.
MAX_DIALOGS = 20
MAX_DIALOG_CHARS = 300


class Page:
    """A tab of a context, attached with its own flat session."""

    def __init__(self, context: Context, target_id: str, session: str) -> None:
        self.context = context
        self.connection: Connection = context.connection
        self.target_id = target_id  # also the id of its main frame
        self.session = session
        self._url = "about:blank"
        self._listeners: dict[str, list[Callable]] = defaultdict(list)
        self._requests: dict[str, Request] = {}
        self._documents: dict[str, Document] = {}
        self._main_loaders: list[str] = []
        self._loads: set[str] = set()
        self._load_changed = asyncio.Event()
        # Why the tab is gone (raised again by every later call), or None.
        self._gone: Callable[[], BrowserError] | None = None
        # When the owner's time for this page ends (time.monotonic()); every call of the
        # page ends by then (None: only the connection's own limit per call).
        self.deadline: float | None = None
        self.dialogs: list[dict] = []  # JavaScript dialogs answered (evidence, capped)
        self.max_document_bytes = MAX_DOCUMENT_BYTES
        self.max_response_bytes = MAX_RESPONSE_BYTES
        self._received: dict[str, int] = {}  # decoded bytes per request under way
        self.load_cut: dict | None = None  # the response that stopped the loading
        self.downloads: list[dict] = []  # downloads the page started (denied, noted)
        self._stop_ends_load = False  # a stop of loading ends the current goto
        self._stopped = False  # the main frame stopped loading during the current goto
        self.dialogs_seen = 0
        self._tasks: set[asyncio.Task] = set()  # kept referenced until done
        self._on_browser_closed = lambda: self._fail(BrowserClosed)
        self.connection.on_close(self._on_browser_closed)

    # ------------------------------------------------------------- set-up

    async def setup(self, scripts: list[str], viewport: dict, user_agent: str | None) -> None:
        on = self.connection.on
        s = self.session
        on(s, "Page.lifecycleEvent", self._on_lifecycle)
        on(s, "Page.frameNavigated", self._on_frame_navigated)
        on(s, "Page.navigatedWithinDocument", self._on_same_document)
        on(s, "Runtime.consoleAPICalled", self._on_console)
        on(s, "Runtime.exceptionThrown", self._on_exception)
        on(s, "Log.entryAdded", self._on_log)
        on(
            s,
            "Inspector.targetCrashed",
            lambda _p: self._fail(lambda: TargetCrashed("Target crashed")),
        )
        on(s, "Page.javascriptDialogOpening", lambda p: self._on_dialog(s, p))
        on(s, "Page.downloadWillBegin", self._on_download)
        on(s, "Page.frameStoppedLoading", self._on_stopped_loading)
        on(s, "Target.attachedToTarget", self._on_attached)
        self._listen_network(s)
        calls = [
            ("Page.enable", {}),
            ("Page.setLifecycleEventsEnabled", {"enabled": True}),
            ("Runtime.enable", {}),
            ("Network.enable", NETWORK_BUFFERS),
            ("Log.enable", {}),
            ("Emulation.setDeviceMetricsOverride", metrics(viewport)),
            *self.context.emulation_calls(user_agent),
            *(("Page.addScriptToEvaluateOnNewDocument", {"source": src}) for src in scripts),
            *self._guard_calls(s),
            (
                "Target.setAutoAttach",
                {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True},
            ),
        ]
        await asyncio.gather(*(self._setup_call(method, params) for method, params in calls))

    async def _setup_call(self, method: str, params: dict) -> None:
        try:
            await self._send(method, params)
        except ProtocolError as error:
            # Tabs sharing a renderer share its locale: the first tab's override holds,
            # and every context asks for the same one. Only Chromium's refusal is forgiven;
            # a lost browser or a timed-out call is raised as it is.
            if "Another locale override is already in effect" not in str(error):
                raise

    def _listen_network(self, session: str) -> None:
        on = self.connection.on
        on(session, "Network.requestWillBeSent", self._on_request)
        on(session, "Network.responseReceived", self._on_response)
        on(session, "Network.loadingFinished", lambda p: self._on_done(p, "requestfinished"))
        on(session, "Network.loadingFailed", lambda p: self._on_done(p, "requestfailed"))
        on(session, "Network.dataReceived", lambda p: self._on_data(session, p))

    def _guard_calls(self, session: str) -> list[tuple[str, dict]]:
        """With the SSRF guard on, every request of this target pauses for a check first."""
        if self.context.routing is None:
            return []
        self.connection.on(session, "Fetch.requestPaused", lambda p: self._paused(session, p))
        return [("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})]

    def _on_attached(self, params: dict) -> None:
        """A worker or out-of-process frame of this page: same guard, same events."""
        child = params["sessionId"]
        self._spawn(self._setup_child(child, params.get("targetInfo", {})))

    async def _setup_child(self, child: str, info: dict) -> None:
        send = self.connection.send
        calls = [*self._guard_calls(child), ("Network.enable", NETWORK_BUFFERS)]
        self._listen_network(child)
        if info.get("type") == "iframe":
            self.connection.on(
                child, "Page.javascriptDialogOpening", lambda p: self._on_dialog(child, p)
            )
            calls.append(("Page.enable", {}))
            calls.extend(
                ("Page.addScriptToEvaluateOnNewDocument", {"source": src})
                for src in self.context.scripts
            )
        calls.append(
            (
                "Target.setAutoAttach",
                {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True},
            )
        )
        self.connection.on(child, "Target.attachedToTarget", self._on_attached)
        try:
            await asyncio.gather(*(send(m, p, child) for m, p in calls))
            await send("Runtime.runIfWaitingForDebugger", {}, child)
        except BrowserError:
            pass  # the frame or worker went away meanwhile

    def _paused(self, session: str, params: dict) -> None:
        routing = self.context.routing
        assert routing is not None

        async def decide() -> None:
            request_id = params["requestId"]
            try:
                allowed = await routing.allows(params["request"]["url"])
            except Exception:  # noqa: BLE001 - a paused request must always be answered
                allowed = False
            if allowed:
                self.connection.notify("Fetch.continueRequest", {"requestId": request_id}, session)
            else:
                self.connection.notify(
                    "Fetch.failRequest",
                    {"requestId": request_id, "errorReason": "BlockedByClient"},
                    session,
                )

        self._spawn(decide())

    def _spawn(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -------------------------------------------------------------- events

    def on(self, event: str, listener: Callable) -> None:
        self._listeners[event].append(listener)

    def remove_listener(self, event: str, listener: Callable) -> None:
        if listener in self._listeners[event]:
            self._listeners[event].remove(listener)

    def _emit(self, event: str, value: Any) -> None:
        for listener in list(self._listeners[event]):
            listener(value)

    def _on_dialog(self, session: str, params: dict) -> None:
        """alert, confirm, prompt, beforeunload: answered at once, as a resident closing
        it would (OK on an alert and on leaving the page, Cancel on a question); until
        answered a dialog stops the page's scripts and its load."""
        kind = params.get("type", "")
        self.connection.notify(
            "Page.handleJavaScriptDialog",
            {"accept": kind in ("alert", "beforeunload")},
            session,
        )
        self.dialogs_seen += 1
        if len(self.dialogs) < MAX_DIALOGS:
            self.dialogs.append(
                {
                    "type": kind,
                    "message": str(params.get("message", ""))[:MAX_DIALOG_CHARS],
                    "url": str(params.get("url", ""))[:MAX_DIALOG_CHARS],
                }
            )

    def take_dialogs(self) -> tuple[list[dict], int]:
        """The dialogs answered since the last call (kept ≤ MAX_DIALOGS), and how many."""
        dialogs, count = self.dialogs, self.dialogs_seen
        self.dialogs, self.dialogs_seen = [], 0
        return dialogs, count

    def _on_lifecycle(self, params: dict) -> None:
        if params.get("frameId") == self.target_id and params.get("name") == "load":
            self._loads.add(params.get("loaderId", ""))
            self._load_changed.set()

    def _on_frame_navigated(self, params: dict) -> None:
        frame = params.get("frame", {})
        if frame.get("id") == self.target_id:
            self._url = frame.get("url", "") + frame.get("urlFragment", "")

    def _on_same_document(self, params: dict) -> None:
        if params.get("frameId") == self.target_id:
            self._url = params.get("url", self._url)

    def _on_request(self, params: dict) -> None:
        request_id = params["requestId"]
        redirected = "redirectResponse" in params
        if (
            params.get("type") == "Document"
            and params.get("frameId") == self.target_id
            and request_id == params.get("loaderId")
        ):
            document = self._documents.setdefault(request_id, Document())
            document.url = params["request"]["url"]
            if redirected:
                document.chain.append(params["redirectResponse"].get("url", ""))
            elif request_id not in self._main_loaders:
                self._main_loaders.append(request_id)
        previous = self._requests.pop(request_id, None)
        if previous is not None and redirected:
            self._emit("requestfinished", previous)
        request = Request(params["request"]["url"], request_id, params.get("type", ""))
        self._requests[request_id] = request
        self._emit("request", request)
        self.context.emit_request(request)

    def _on_response(self, params: dict) -> None:
        document = self._documents.get(params["requestId"])
        if document is not None:
            raw = params.get("response", {})
            document.response = Response(
                url=raw.get("url", ""),
                status=int(raw.get("status", 0)),
                headers={k.lower(): v for k, v in raw.get("headers", {}).items()},
                redirect_chain=list(document.chain),
            )

    def _on_data(self, session: str, params: dict) -> None:
        request_id = params.get("requestId", "")
        received = self._received.get(request_id, 0) + int(params.get("dataLength", 0))
        self._received[request_id] = received
        limit = (
            self.max_document_bytes if request_id in self._documents else self.max_response_bytes
        )
        if received <= limit:
            return
        if self.load_cut is None:
            request = self._requests.get(request_id)
            self.load_cut = {
                "url": request.url if request else "",
                "limit_bytes": limit,
                "document": request_id in self._documents,
            }
            self._stop_ends_load = True
            self.connection.notify("Page.stopLoading", {}, self.session)
            if session != self.session:
                self.connection.notify("Page.stopLoading", {}, session)
        self.load_cut["bytes"] = max(self.load_cut.get("bytes", 0), received)
        if received > HARD_CAP_FACTOR * limit:
            # Loading did not stop: the tab goes, with whatever it holds.
            self.connection.notify("Target.closeTarget", {"targetId": self.target_id})
            reason = f"Target closed: response over {HARD_CAP_FACTOR * limit} bytes"
            self._fail(lambda: TargetClosed(reason))

    def _on_download(self, params: dict) -> None:
        if params.get("frameId") == self.target_id:
            if len(self.downloads) < MAX_DIALOGS:
                self.downloads.append(
                    {
                        "url": str(params.get("url", ""))[:2000],
                        "filename": str(params.get("suggestedFilename", ""))[:MAX_DIALOG_CHARS],
                    }
                )
            # A script sent the tab to a file: the document shown stays, its load event
            # never comes (the download cancelled it); the stop of loading ends the wait,
            # in whichever order Chromium reports the two.
            self._stop_ends_load = True
            self._end_load_if_stopped()

    def _on_stopped_loading(self, params: dict) -> None:
        if params.get("frameId") == self.target_id:
            self._stopped = True
            self._end_load_if_stopped()

    def _end_load_if_stopped(self) -> None:
        if self._stopped and self._stop_ends_load:
            self._loads.add("stopped")
            self._load_changed.set()

    def take_downloads(self) -> list[dict]:
        downloads, self.downloads = self.downloads, []
        return downloads

    def _on_done(self, params: dict, event: str) -> None:
        self._received.pop(params["requestId"], None)
        request = self._requests.pop(params["requestId"], None)
        if request is not None:
            self._emit(event, request)

    def _on_console(self, params: dict) -> None:
        text = " ".join(
            str(arg["value"]) if "value" in arg else str(arg.get("description", arg.get("type")))
            for arg in params.get("args", [])
        )
        self._emit("console", ConsoleMessage(params.get("type", "log"), text))

    def _on_log(self, params: dict) -> None:
        entry = params.get("entry", {})
        if entry.get("source") != "worker":
            level = "warning" if entry.get("level") == "warning" else entry.get("level", "log")
            self._emit("console", ConsoleMessage(level, entry.get("text", "")))

    def _on_exception(self, params: dict) -> None:
        details = params.get("exceptionDetails", {})
        text = details.get("exception", {}).get("description") or details.get("text", "")
        self._emit("pageerror", text)

    def _fail(self, error: Callable[[], BrowserError]) -> None:
        if self._gone is None:
            self._gone = error
        self._load_changed.set()

    # ------------------------------------------------------------ actions

    @property
    def url(self) -> str:
        return self._url

    def time_left(self, wanted: float | None = None) -> float:
        """Seconds a call may take: `wanted` (else the connection's limit), cut at the
        deadline."""
        limit = self.connection.call_timeout_s if wanted is None else wanted
        if self.deadline is not None:
            limit = min(limit, self.deadline - time.monotonic())
        return limit

    async def _send(
        self, method: str, params: dict | None = None, timeout: float | None = None
    ) -> dict:
        if self._gone is not None:
            raise self._gone()
        limit = self.time_left(timeout)
        if limit <= 0:
            raise BudgetSpent(f"time budget spent before {method}")
        return await self.connection.send(method, params, self.session, timeout=limit)

    async def goto(self, url: str, wait_until: str = "load", timeout: float = 30_000):
        """Navigate and wait for the load event; the main document's Response, or None for
        a same-document navigation. Chromium's net::ERR_* text on failure."""
        self._documents.clear()
        self._main_loaders.clear()
        self._loads.clear()
        self.load_cut = None
        self._stop_ends_load = False
        self._stopped = False
        started = time.monotonic()
        timeout = min(timeout, self.time_left(timeout / 1000) * 1000)
        if timeout <= 0:
            raise BudgetSpent(f"time budget spent before navigating to {url}")
        try:
            # Chromium answers once the response has come (or failed): a server that never
            # answers is the page's timeout like a load that never ends.
            result = await self._send("Page.navigate", {"url": url}, timeout / 1000)
        except CallTimeout:
            self.connection.notify("Page.stopLoading", {}, self.session)
            raise NavigationTimeout(url, timeout) from None
        error = result.get("errorText")
        loader = result.get("loaderId")
        if error and error != HTTP_CODE_ERROR:
            document = self._documents.get(loader or "") or Document(url=url)
            raise NavigationError(error, list(document.chain), document.url or url)
        if not loader:
            return None
        while not ({loader, *self._main_loaders, "stopped"} & self._loads):
            if self._gone is not None:
                raise self._gone()
            remaining = timeout / 1000 - (time.monotonic() - started)
            self._load_changed.clear()
            try:
                await asyncio.wait_for(self._load_changed.wait(), max(remaining, 0.001))
            except TimeoutError:
                self.connection.notify("Page.stopLoading", {}, self.session)
                raise NavigationTimeout(url, timeout) from None
        document = self._documents.get(loader)
        return document.response if document else None

    async def evaluate(self, script: str, arg: Any = None, timeout: float | None = None) -> Any:
        """Evaluate a function (called with `arg`) or an expression in the main world.

        Past `timeout` seconds (or the page's deadline) the script is stopped
        (Runtime.terminateExecution: the page stays usable) and CallTimeout raised."""
        body = script.strip().rstrip(";")
        expression = (
            f"(async () => {{ const f = ({body}\n);"
            f" return typeof f === 'function' ? await f({json.dumps(arg)}) : f; }})()"
        )
        try:
            result = await self._send(
                "Runtime.evaluate",
                {"expression": expression, "returnByValue": True, "awaitPromise": True},
                timeout,
            )
        except CallTimeout:
            self.connection.notify("Runtime.terminateExecution", {}, self.session)
            raise
        details = result.get("exceptionDetails")
        if details:
            text = details.get("exception", {}).get("description") or details.get("text", "")
            raise EvaluationFailed(f"Evaluation failed: {text}")
        return result.get("result", {}).get("value")

    async def screenshot(
        self,
        type: str = "jpeg",  # noqa: A002
        quality: int = 70,
        timeout: float | None = SCREENSHOT_TIMEOUT_S,
    ) -> bytes:
        params: dict = {"format": type}
        if type == "jpeg":
            params["quality"] = quality
        result = await self._send("Page.captureScreenshot", params, timeout)
        return base64.b64decode(result["data"])

    async def set_viewport_size(self, viewport: dict) -> None:
        await self._send("Emulation.setDeviceMetricsOverride", metrics(viewport))

    async def close(self) -> None:
        self.connection.forget_session(self.session)
        self.connection.remove_on_close(self._on_browser_closed)
        if not self.connection.closed:
            try:
                await self.connection.send("Target.closeTarget", {"targetId": self.target_id})
            except BrowserError:
                pass
        self._fail(lambda: TargetClosed("Target closed"))
