"""A loopback HTTP server for browser tests: one small Polish page, every request recorded
(path in `hits`, headers by path in `headers`, `(time.monotonic(), method, path)` in
`requests`). `routes` (path → (content type, body)) gives a site of several resources
instead: a path not in it answers 404; HEAD is answered like GET without the body."""

from __future__ import annotations

import asyncio
import time

from probes.evidence import MemorySink
from probes.website.crawler import WebsiteProbe
from tests.website.loopback import LoopbackServer, QuietHandler


class RecordingServer(LoopbackServer):
    def __init__(
        self,
        address: str = "127.0.0.1",
        port: int = 0,
        title: str = "strona",
        routes: dict[str, tuple[str, bytes]] | None = None,
        **headers: str,
    ) -> None:
        hits: list[str] = []
        seen: dict[str, dict[str, str]] = {}
        requests: list[tuple[float, str, str]] = []
        self.hits, self.headers, self.requests = hits, seen, requests
        extra = {name.replace("_", "-"): value for name, value in headers.items()}
        page = f"<!doctype html><html lang=pl><title>{title}</title><p>{title}".encode()

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                self._answer(send_body=True)

            def do_HEAD(self):  # noqa: N802
                self._answer(send_body=False)

            def _answer(self, send_body: bool) -> None:
                requests.append((time.monotonic(), self.command, self.path))
                hits.append(self.path)
                seen[self.path] = {k.lower(): v for k, v in self.headers.items()}
                if routes is None:
                    status, content_type, body = 200, "text/html; charset=utf-8", page
                elif self.path in routes:
                    status, (content_type, body) = 200, routes[self.path]
                else:
                    status, content_type, body = 404, "text/plain", b"nie ma"
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

        super().__init__(Handler, address, port)
        self.url = self.origin + "/"


def probe_named_hosts(
    settings, answers: dict[str, tuple[str, ...]], start_url: str, servers: list[RecordingServer]
) -> dict:
    """Probe `start_url` with our resolver answering `answers` (host name → addresses of
    loopback `servers`), then close the servers; the artifact."""
    probe = WebsiteProbe(MemorySink(), settings)
    probe.guard.resolve = lambda host: answers.get(host, ())  # our resolver's answers
    try:
        return asyncio.run(probe.probe(start_url))
    finally:
        for server in servers:
            server.close()
