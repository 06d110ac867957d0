"""Plain HTTP fetches beside the browser (robots.txt, sitemaps, link checks, PDFs, headers),
with the SSRF guard asked again at every redirect hop."""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from probes.netguard import NO_ROUTE_ERRNOS, NetGuard, RefusedAddress
from probes.tlstrust import extra_ca_file, ssl_context
from probes.website.identity import plain_headers


@dataclass
class HttpResult:
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)
    # dns | refused | tls | timeout | refused_address | other (theirs); our_ipv6_route (ours)
    error: str | None = None
    detail: str = ""


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    """Connects to the addresses the guard checked, never resolving the name again."""

    def __init__(self, guard: NetGuard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req):
        return self.do_open(_pinned(http.client.HTTPConnection, self.guard), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: NetGuard, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self.guard = guard

    def https_open(self, req):
        return self.do_open(
            _pinned(http.client.HTTPSConnection, self.guard), req, context=self._context
        )


def _pinned(connection_class: type, guard: NetGuard):
    def connection(host: str, **kwargs) -> http.client.HTTPConnection:
        made = connection_class(host, **kwargs)
        # http.client's own hook for opening the socket; TLS still names the host.
        made._create_connection = guard.create_connection
        return made

    return connection


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        return None


def classify_error(exc: BaseException) -> tuple[str, str]:
    """Map a network exception to a failure kind of docs/artifacts.md."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return "tls", str(reason)
    if isinstance(reason, socket.gaierror):
        return "dns", str(reason)
    if isinstance(reason, ConnectionRefusedError):
        return "refused", str(reason)
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timeout", str(reason)
    if isinstance(reason, ConnectionResetError):
        return "reset", str(reason)
    return "other", f"{type(reason).__name__}: {reason}"


def _no_route_of_ours(exc: BaseException, url: str, guard: NetGuard) -> bool:
    """The connect failed for want of OUR route, to a host with only IPv6 addresses."""
    reason = getattr(exc, "reason", exc)
    if not isinstance(reason, OSError) or reason.errno not in NO_ROUTE_ERRNOS:
        return False
    try:
        addresses = guard.addresses_for(urlsplit(url).hostname or "")
    except RefusedAddress:
        return False
    return bool(addresses) and all(":" in address for address in addresses)


REDIRECTS = frozenset({301, 302, 303, 307, 308})


@lru_cache(maxsize=4)
def _verifying_context(_extra_ca: str | None) -> ssl.SSLContext:
    """One verifying context per CA setting (~20 ms to build: not once per link check)."""
    return ssl_context()


def prepare() -> None:
    """Build what every fetch uses once (~200 ms: the TLS context, our identity), before
    a first request whose start the politeness slot times."""
    plain_headers()
    _verifying_context(extra_ca_file())


def fetch_hop(
    url: str,
    guard: NetGuard,
    *,
    method: str = "GET",
    timeout: float = 15.0,
    max_bytes: int = 20_000_000,
    verify_tls: bool = True,
) -> HttpResult:
    """One request, no redirect followed (a 3xx comes back with its `location` header);
    the guard checks the URL and the connection goes to the address it checked."""
    if verify_tls:
        context = _verifying_context(extra_ca_file())
    else:
        context = ssl_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if guard.allow_private:
        handlers: tuple = (urllib.request.HTTPSHandler(context=context),)
    else:
        handlers = (_PinnedHTTPHandler(guard), _PinnedHTTPSHandler(guard, context))
    opener = urllib.request.build_opener(_NoRedirect(), *handlers)
    try:
        guard.check(url)  # also the scheme; the pinned handlers check the address
        request = urllib.request.Request(url, method=method, headers=plain_headers())
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as http_error:
        response = http_error
    except RefusedAddress as refused:
        return HttpResult(url, url, None, error="refused_address", detail=refused.reason)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        kind, detail = classify_error(exc)
        if _no_route_of_ours(exc, url, guard):
            kind = "our_ipv6_route"
        return HttpResult(url, url, None, error=kind, detail=detail)
    with response:
        status = response.status if hasattr(response, "status") else response.code
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status in REDIRECTS and "location" in headers:
            return HttpResult(url, url, status, headers)
        try:
            body = response.read(max_bytes) if method != "HEAD" else b""
        except (OSError, ValueError) as exc:
            kind, detail = classify_error(exc)
            return HttpResult(url, url, status, headers, b"", [], kind, detail)
    return HttpResult(url, url, status, headers, body)


def fetch(url: str, guard: NetGuard, *, max_redirects: int = 5, **options) -> HttpResult:
    """Fetch `url` following redirects by hand, each hop checked by `guard` (outside a
    site probe: the probe's own fetches go through probes.website.downloader); `options`
    as for `fetch_hop`."""
    current = url
    redirects: list[str] = []
    for _hop in range(max_redirects + 1):
        result = fetch_hop(current, guard, **options)
        if result.status in REDIRECTS and "location" in result.headers:
            redirects.append(current)
            current = urljoin(current, result.headers["location"])
            continue
        result.url, result.redirects = url, redirects
        return result
    return HttpResult(url, current, None, redirects=redirects, error="too_many_redirects")
