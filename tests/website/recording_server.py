"""A loopback HTTP server for browser tests: one small Polish page, every request recorded
(path in `hits`, headers by path in `headers`)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RecordingServer:
    def __init__(
        self, address: str = "127.0.0.1", port: int = 0, title: str = "strona", **headers: str
    ) -> None:
        hits: list[str] = []
        seen: dict[str, dict[str, str]] = {}
        self.hits, self.headers = hits, seen
        extra = {name.replace("_", "-"): value for name, value in headers.items()}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                hits.append(self.path)
                seen[self.path] = {k.lower(): v for k, v in self.headers.items()}
                body = f"<!doctype html><html lang=pl><title>{title}</title><p>{title}".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((address, port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://{address}:{self.port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
