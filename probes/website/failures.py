"""Whose failure is it? Theirs is evidence (scored); ours is retried, then "not measured".

Decided by the type the browser client raised (probes.website.cdp), never by its words:
BrowserGone (the browser or the tab died) is ours; NavigationTimeout is the site's
slowness; NavigationError carries Chromium's net::ERR_* code, which names the site's
failure, unless our own pinning proxy stood between (then the proxy says what happened).
"""

from __future__ import annotations

import ipaddress
import urllib.request
from dataclasses import dataclass

from probes.failures import FAILURE_KINDS, OurFailure, TheirFailure  # noqa: F401 (one catalogue)
from probes.netguard import NO_ROUTE_ERRNOS
from probes.website.cdp import BrowserError, BrowserGone, NavigationError, NavigationTimeout

# Chromium's net error codes on a participant's side → failure kinds (FAILURE_KINDS).
THEIR_NET_ERRORS = {
    "net::ERR_NAME_NOT_RESOLVED": "dns",
    "net::ERR_NAME_RESOLUTION_FAILED": "dns",
    "net::ERR_CONNECTION_REFUSED": "refused",
    "net::ERR_CONNECTION_RESET": "reset",
    "net::ERR_CONNECTION_CLOSED": "reset",
    "net::ERR_EMPTY_RESPONSE": "reset",
    "net::ERR_CONNECTION_TIMED_OUT": "timeout",
    "net::ERR_TIMED_OUT": "timeout",
    "net::ERR_TOO_MANY_REDIRECTS": "redirect_loop",
    "net::ERR_BLOCKED_BY_CLIENT": "refused_address",
    "net::ERR_INVALID_RESPONSE": "invalid_response",
    "net::ERR_CONTENT_DECODING_FAILED": "invalid_response",
}
# Families of codes: every certificate and TLS error is the site's TLS.
THEIR_NET_ERROR_PREFIXES = (
    ("net::ERR_CERT_", "tls"),
    ("net::ERR_SSL_", "tls"),
    ("net::ERR_BAD_SSL", "tls"),
)

# Codes our pinning proxy (probes.website.pinproxy) causes: Chromium shows one code for
# every refused SOCKS connection; the proxy knows the reason (`failure_for`). When it does
# not, the proxy itself failed: ours.
OUR_PROXY_ERRORS = frozenset(
    {
        "net::ERR_PROXY_CONNECTION_FAILED",
        "net::ERR_SOCKS_CONNECTION_FAILED",
        "net::ERR_TUNNEL_CONNECTION_FAILED",
    }
)


@dataclass(frozen=True)
class NavFailure:
    kind: str  # a key of FAILURE_KINDS
    detail: str
    ours: bool


def net_error_kind(code: str) -> str:
    """The failure kind of Chromium's net error code (theirs); "other" for the rest."""
    kind = THEIR_NET_ERRORS.get(code)
    if kind is not None:
        return kind
    for prefix, family in THEIR_NET_ERROR_PREFIXES:
        if code.startswith(prefix):
            return family
    return "other"


def navigation_failure(error: BrowserError, proxy_failure=None) -> NavFailure:
    """Whose failure a navigation error is, and its kind.

    `proxy_failure`: `(kind, detail)` our pinning proxy recorded for the URL's host
    (`GuardedRouting.failure_for`), or None."""
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, BrowserGone):
        return NavFailure("browser_crash", detail, True)
    if isinstance(error, NavigationTimeout):
        return NavFailure("timeout", detail, False)
    if not isinstance(error, NavigationError):
        return NavFailure("other", detail, False)  # Chromium refused the navigation
    if error.code in OUR_PROXY_ERRORS:
        if proxy_failure is None:
            return NavFailure("our_network", detail, True)
        kind, why = proxy_failure
        return NavFailure(kind, why, is_ours(kind))
    return NavFailure(net_error_kind(error.code), detail, False)


def is_ours(kind: str) -> bool:
    known = FAILURE_KINDS.get(kind)
    return bool(known and known.ours)


def connect_failure_kind(error: OSError, address: str) -> str | None:
    """`our_ipv6_route` when a connect to an IPv6 address failed for want of OUR route;
    None when the error says nothing of our side."""
    try:
        family = ipaddress.ip_address(address.strip("[]").split("%", 1)[0]).version
    except ValueError:
        return None
    # To an IPv6 address so, WE have no IPv6 route (no address of that family, no route
    # to the network): the site may be fine.
    if family == 6 and error.errno in NO_ROUTE_ERRNOS:
        return "our_ipv6_route"
    return None


def control_request_ok(control_url: str | None, timeout: float = 5.0) -> bool:
    """Can we reach a known-good URL? If not, a failure we saw is ours, not theirs."""
    if not control_url:
        return True
    try:
        with urllib.request.urlopen(control_url, timeout=timeout) as response:
            return 200 <= response.status < 400
    except OSError:
        return False
