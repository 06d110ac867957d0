"""One process serving the demo world: each site on its own loopback address (127.0.0.x)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from demo.sites.layout import Look, render


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0


@dataclass
class Site:
    key: str
    name: str
    handle: Callable[[str, str], Reply | None]
    look: Look | None = None


def html_reply(page: str, status: int = 200, charset: str = "utf-8", **headers: str) -> Reply:
    return Reply(
        status,
        {"Content-Type": f"text/html; charset={charset}", **headers},
        page.encode(charset, "replace"),
    )


@dataclass
class Hit:
    site: str
    path: str
    at: float


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: Site
    world: DemoWorld


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _serve(self, head: bool) -> None:
        parts = urlsplit(self.path)
        world = self.server.world
        world.record(self.server.site.key, self.path)
        try:
            reply = self.server.site.handle(parts.path or "/", parts.query)
        except Exception as exc:  # noqa: BLE001 - a demo bug should show as a 500 page
            reply = Reply(500, {"Content-Type": "text/plain"}, f"demo error: {exc}".encode())
        if reply is None:
            look = self.server.site.look
            page = (
                render(look, "Nie znaleziono strony (404)", "<p>Strona nie istnieje.</p>")
                if look
                else "<!DOCTYPE html><title>404</title><p>Nie znaleziono</p>"
            )
            reply = html_reply(page, 404)
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if not head:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def log_message(self, *args) -> None:
        pass


@dataclass
class DemoWorld:
    """Start every demo site; `urls[key]` is each site's base URL ("http://127.0.0.x:port/")."""

    port: int = 0  # 0: a free port per address (tests); 18080 for `serve`
    first_octet: int = 21
    # One more site over HTTPS, its certificate from a throwaway CA (trustme): for the
    # TEC-01 "present" side. `ca_file` is that CA's PEM, for AUDITOR_EXTRA_CA_FILE.
    tls: bool = False
    ca_file: str | None = None
    # The mail domains' DNS (demo.sites.dns) on the address before the first site:
    # "127.0.0.20:port", for AUDITOR_DNS_SERVER.
    dns_server: str | None = None
    _dns: object | None = None
    urls: dict[str, str] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    _servers: list[_Server] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, site: str, path: str) -> None:
        with self._lock:
            self.hits.append(Hit(site, path, time.monotonic()))

    def hits_of(self, site: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.site == site]

    def start(self) -> DemoWorld:
        from demo.sites.catalogue import BUILDERS

        # Bind first (so every site knows every other's URL), then build the content.
        bound: list[tuple[str, _Server]] = []
        for index, (key, _builder) in enumerate(BUILDERS):
            address = f"127.0.0.{self.first_octet + index}"
            server = _Server((address, self.port), _Handler, bind_and_activate=True)
            server.world = self
            self.urls[key] = f"http://{address}:{server.server_address[1]}/"
            bound.append((key, server))
        for (key, server), (_key, builder) in zip(bound, BUILDERS, strict=True):
            server.site = builder(self.urls)
            self._serve(server, key)
        from demo.sites.dns import start_dns

        self._dns, self.dns_server = start_dns(f"127.0.0.{self.first_octet - 1}")
        if self.tls:
            self._start_tls_site(f"127.0.0.{self.first_octet + len(BUILDERS)}")
        return self

    def _start_tls_site(self, address: str) -> None:
        """`urls[TLS_SITE]` answers plain HTTP with a 301 to its HTTPS twin (HSTS on)."""
        import ssl
        import tempfile

        import trustme

        from demo.sites.catalogue import TLS_BUILDER, TLS_SITE

        authority = trustme.CA(organization_name="Demo CA audytora")
        certificate = authority.issue_cert(address)
        with tempfile.NamedTemporaryFile("wb", suffix=".pem", delete=False) as handle:
            handle.write(authority.cert_pem.bytes())
        self.ca_file = handle.name
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        # The chain sent includes the CA itself: Chromium matches the CA key we give it
        # (tlstrust) against the chain it is shown.
        with tempfile.NamedTemporaryFile("wb", suffix=".pem", delete=False) as chain:
            for blob in (*certificate.cert_chain_pems, authority.cert_pem):
                chain.write(blob.bytes())
        with certificate.private_key_pem.tempfile() as key:
            context.load_cert_chain(chain.name, key)
        Path(chain.name).unlink()
        secure = _Server((address, self.port and self.port + 443), _Handler)
        secure.socket = context.wrap_socket(secure.socket, server_side=True)
        plain = _Server((address, self.port), _Handler)
        https_url = f"https://{address}:{secure.server_address[1]}/"
        self.urls[TLS_SITE] = f"http://{address}:{plain.server_address[1]}/"
        self.urls[TLS_SITE + ":https"] = https_url
        content = TLS_BUILDER(self.urls)

        def with_hsts(path: str, query: str) -> Reply | None:
            reply = content.handle(path, query)
            if reply is not None:
                reply.headers = {**reply.headers, "Strict-Transport-Security": "max-age=31536000"}
            return reply

        def to_https(path: str, query: str) -> Reply:
            target = https_url.rstrip("/") + path + (f"?{query}" if query else "")
            return Reply(301, {"Location": target, "Content-Type": "text/plain"}, b"")

        secure.site = Site(TLS_SITE, content.name, with_hsts, content.look)
        plain.site = Site(TLS_SITE, content.name, to_https)
        for server in (secure, plain):
            server.world = self
            self._serve(server, TLS_SITE)

    def _serve(self, server: _Server, key: str) -> None:
        threading.Thread(
            target=server.serve_forever, args=(0.05,), daemon=True, name=f"demo-{key}"
        ).start()
        self._servers.append(server)

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()
        if self._dns is not None:
            self._dns.stop()
            self._dns = None
        if self.ca_file:
            Path(self.ca_file).unlink(missing_ok=True)

    def __enter__(self) -> DemoWorld:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
