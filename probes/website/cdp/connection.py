"""Chrome DevTools Protocol over `--remote-debugging-pipe`: one connection, flat sessions.

Messages are JSON separated by NUL bytes, written to Chromium's fd 3 and read from its
fd 4 (as Playwright and Puppeteer do). No debugging port is opened, so no other local
process can attach to our browser, and no websocket library sits in between.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import defaultdict
from collections.abc import Callable

Listener = Callable[[dict], None]
log = logging.getLogger(__name__)


class BrowserError(Exception):
    """A DevTools call failed. Callers decide by the subclass, never by the words:
    BrowserGone (ours: the browser or the tab is gone), ProtocolError (Chromium refused a
    call), CallTimeout, and the tab's own (probes.website.cdp.types)."""


class ProtocolError(BrowserError):
    """Chromium answered a call with an error (its own message, after the method)."""

    def __init__(self, method: str, message: str) -> None:
        super().__init__(f"{method}: {message}")
        self.method = method


class CallTimeout(BrowserError):
    """A DevTools call got no answer in its time (a page busy in a script, a hung call)."""

    def __init__(self, method: str, timeout_s: float) -> None:
        super().__init__(f"Timeout {timeout_s * 1000:.0f}ms exceeded in {method}")
        self.method = method


class BrowserGone(BrowserError):
    """Our browser, or the tab a call was for, is gone: nothing of the page was measured,
    and it is our failure (retried, then "not measured"), never the participant's."""


class BrowserClosed(BrowserGone):
    """The browser went away (crash, kill, close): every pending call ends with this."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("Browser has been closed" + (f": {detail}" if detail else ""))


class _NulFramed(asyncio.Protocol):
    """Splits the byte stream from Chromium into NUL-terminated JSON messages."""

    def __init__(self, on_message: Callable[[bytes], None], on_lost: Callable[[], None]) -> None:
        self._buffer = bytearray()
        self._scanned = 0  # where to resume looking for NUL: big messages arrive in chunks
        self._on_message = on_message
        self._on_lost = on_lost

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        start = 0
        while True:
            end = self._buffer.find(b"\0", max(start, self._scanned))
            if end < 0:
                break
            self._on_message(bytes(self._buffer[start:end]))
            start = end + 1
        del self._buffer[:start]
        self._scanned = len(self._buffer)

    def connection_lost(self, exc: Exception | None) -> None:
        self._on_lost()


# No call waits longer than this for its answer unless its caller says otherwise (every
# call ends: a page stuck in a script cannot stall a sweep).
CALL_TIMEOUT_S = 60.0


class Connection:
    """Request/response matching and event dispatch per session (None: the browser)."""

    def __init__(self, call_timeout_s: float = CALL_TIMEOUT_S) -> None:
        self.call_timeout_s = call_timeout_s
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[asyncio.Future, str]] = {}
        self._listeners: dict[str | None, dict[str, list[Listener]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._writer: asyncio.WriteTransport | None = None
        self.closed = False
        self.close_reason = ""
        self._on_close: list[Callable[[], None]] = []

    async def open(self, read_fd: int, write_fd: int) -> None:
        """Attach to the pipe ends (ours); the connection owns and closes them."""
        loop = asyncio.get_running_loop()
        await loop.connect_read_pipe(
            lambda: _NulFramed(self._dispatch, self._lost), open(read_fd, "rb", buffering=0)
        )
        self._writer, _ = await loop.connect_write_pipe(
            asyncio.Protocol, open(write_fd, "wb", buffering=0)
        )

    # ------------------------------------------------------------------ calls

    async def send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float | None = None,
    ):
        """The call's result; CallTimeout after `timeout` seconds (default call_timeout_s)."""
        if self.closed:
            raise BrowserClosed(self.close_reason)
        message_id = next(self._ids)
        message: dict = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        future = asyncio.get_running_loop().create_future()
        self._pending[message_id] = (future, method)
        assert self._writer is not None
        self._writer.write(json.dumps(message).encode("utf-8") + b"\0")
        limit = self.call_timeout_s if timeout is None else timeout
        try:
            return await asyncio.wait_for(future, max(limit, 0.001))
        except TimeoutError:
            self._pending.pop(message_id, None)  # a late answer is dropped
            raise CallTimeout(method, limit) from None

    def notify(self, method: str, params: dict | None = None, session: str | None = None) -> None:
        """Send without waiting for the answer (answers to paused requests, for instance)."""
        if self.closed:
            return
        task = asyncio.ensure_future(self.send(method, params, session))
        task.add_done_callback(_ignore_result)

    # ----------------------------------------------------------------- events

    def on(self, session: str | None, event: str, listener: Listener) -> None:
        self._listeners[session][event].append(listener)

    def forget_session(self, session: str) -> None:
        self._listeners.pop(session, None)

    def on_close(self, callback: Callable[[], None]) -> None:
        self._on_close.append(callback)

    def remove_on_close(self, callback: Callable[[], None]) -> None:
        if callback in self._on_close:
            self._on_close.remove(callback)

    def _dispatch(self, raw: bytes) -> None:
        message = json.loads(raw)
        message_id = message.get("id")
        if message_id is not None:
            future, method = self._pending.pop(message_id, (None, ""))
            if future is None or future.done():
                return
            if "error" in message:
                error = message["error"]
                future.set_exception(ProtocolError(method, str(error.get("message", error))))
            else:
                future.set_result(message.get("result", {}))
            return
        handlers = self._listeners.get(message.get("sessionId"))
        if handlers:
            for listener in list(handlers.get(message.get("method", ""), ())):
                try:
                    listener(message.get("params", {}))
                except Exception:  # one broken listener must not stop the reading
                    log.exception("CDP listener for %s failed", message.get("method"))

    def _lost(self) -> None:
        self.mark_closed("connection to the browser lost")

    def mark_closed(self, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        self.close_reason = reason
        for future, _method in self._pending.values():
            if not future.done():
                future.set_exception(BrowserClosed(reason))
        self._pending.clear()
        for callback in list(self._on_close):
            callback()
        if self._writer is not None:
            self._writer.close()


def _ignore_result(task: asyncio.Task) -> None:
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log a closed target's answer
