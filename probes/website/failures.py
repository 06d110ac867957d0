"""Whose failure is it? Theirs is evidence (scored); ours is retried, then "not measured"."""

from __future__ import annotations

import urllib.request

from probes.failures import OurFailure, TheirFailure  # noqa: F401  (the one catalogue)

# Chromium's net errors on a participant's side, mapped to the artifact's failure kinds.
THEIR_NET_ERRORS = (
    ("ERR_NAME_NOT_RESOLVED", "dns"),
    ("ERR_NAME_RESOLUTION_FAILED", "dns"),
    ("ERR_CONNECTION_REFUSED", "refused"),
    ("ERR_CONNECTION_RESET", "reset"),
    ("ERR_CONNECTION_CLOSED", "reset"),
    ("ERR_EMPTY_RESPONSE", "reset"),
    ("ERR_CONNECTION_TIMED_OUT", "timeout"),
    ("ERR_TIMED_OUT", "timeout"),
    ("ERR_CERT", "tls"),
    ("ERR_SSL", "tls"),
    ("ERR_BAD_SSL", "tls"),
    ("ERR_TOO_MANY_REDIRECTS", "redirect_loop"),
    ("ERR_BLOCKED_BY_CLIENT", "refused_address"),
    ("ERR_INVALID_RESPONSE", "invalid_response"),
    ("ERR_CONTENT_DECODING_FAILED", "invalid_response"),
    ("Timeout", "timeout"),
)
# Messages that mean our browser died, not their site.
OUR_BROWSER_ERRORS = (
    "Target page, context or browser has been closed",
    "Target closed",
    "Browser has been closed",
    "browser has disconnected",
    "Connection closed",
    "Browser closed",
    # A tab's renderer died: our memory caps, or a page built to crash browsers. Either
    # way nothing was measured; the retry tells which (a second crash: not measured).
    "Target crashed",
)

# Our pinning proxy's own words (probes.website.pinproxy): once GuardedRouting.explain has
# put back the participant's failures it knows of, what is left is our proxy failing.
OUR_PROXY_ERRORS = (
    "ERR_PROXY_CONNECTION_FAILED",
    "ERR_SOCKS_CONNECTION_FAILED",
    "ERR_TUNNEL_CONNECTION_FAILED",
)


def is_browser_gone(message: str) -> bool:
    return any(needle.lower() in message.lower() for needle in OUR_BROWSER_ERRORS)


def is_our_proxy_error(message: str) -> bool:
    return any(needle in message for needle in OUR_PROXY_ERRORS)


def classify_navigation_error(message: str) -> str:
    """The failure kind for a navigation error (Chromium's net::ERR_* text; theirs)."""
    for needle, kind in THEIR_NET_ERRORS:
        if needle in message:
            return kind
    return "other"


def control_request_ok(control_url: str | None, timeout: float = 5.0) -> bool:
    """Can we reach a known-good URL? If not, a failure we saw is ours, not theirs."""
    if not control_url:
        return True
    try:
        with urllib.request.urlopen(control_url, timeout=timeout) as response:
            return 200 <= response.status < 400
    except OSError:
        return False
