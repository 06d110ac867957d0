"""A loopback HTTP server for browser tests: one small Polish page, every request recorded
(path in `hits`, headers by path in `headers`)."""

from __future__ import annotations

from tests.website.loopback import LoopbackServer, QuietHandler


class RecordingServer(LoopbackServer):
    def __init__(
        self, address: str = "127.0.0.1", port: int = 0, title: str = "strona", **headers: str
    ) -> None:
        hits: list[str] = []
        seen: dict[str, dict[str, str]] = {}
        self.hits, self.headers = hits, seen
        extra = {name.replace("_", "-"): value for name, value in headers.items()}

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                hits.append(self.path)
                seen[self.path] = {k.lower(): v for k, v in self.headers.items()}
                body = f"<!doctype html><html lang=pl><title>{title}</title><p>{title}".encode()
                self.send_html(body, extra)

        super().__init__(Handler, address, port)
        self.url = self.origin + "/"
