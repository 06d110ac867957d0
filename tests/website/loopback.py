"""What the test web servers share (and bench/corpus.py's): a threaded HTTP server on a
loopback address, serving from a daemon thread until closed, and a handler that logs nothing."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_html(self, body: bytes, headers: dict[str, str] | None = None, status=200) -> None:
        """A whole HTML body (and any extra `headers`), 200 unless `status` says otherwise."""
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class LoopbackServer:
    """Serve `handler` on `address`:`port` (0: any free port); `origin` is http://ADDRESS:PORT."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], address: str, port: int = 0):
        self.server = ThreadingHTTPServer((address, port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.origin = f"http://{address}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
