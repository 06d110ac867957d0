"""The site's TLS certificate (valid, expiry) read with the ssl module."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from urllib.parse import urlsplit

from probes.netguard import NetGuard, RefusedAddress
from probes.tlstrust import ssl_context


def check_tls(url: str, guard: NetGuard | None = None, timeout: float = 10.0) -> dict:
    """`{"https", "valid", "expires", "error"}` for the host of `url` (port 443 or given),
    connecting only to an address `guard` approved."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https":
        port = 443
    else:
        port = parts.port or 443
    result: dict = {"https": False, "valid": False, "expires": None, "error": None}
    context = ssl_context()
    connect = guard.create_connection if guard else socket.create_connection
    try:
        with connect((host, port), timeout) as sock:
            with context.wrap_socket(sock, server_hostname=host) as tls:
                cert = tls.getpeercert()
        result.update(https=True, valid=True)
        if cert and cert.get("notAfter"):
            expires = dt.datetime.fromtimestamp(
                ssl.cert_time_to_seconds(cert["notAfter"]), tz=dt.UTC
            )
            result["expires"] = expires.strftime("%Y-%m-%dT%H:%M:%SZ")
    except ssl.SSLCertVerificationError as exc:
        result.update(https=True, valid=False, error=f"certyfikat: {exc.verify_message}")
    except ssl.SSLError as exc:
        result.update(https=False, error=f"TLS: {exc.reason or exc}")
    except OSError as exc:
        result["error"] = f"brak HTTPS na porcie {port}: {exc.strerror or exc}"
    except RefusedAddress as refused:
        result["error"] = f"adres odrzucony: {refused.reason}"
    return result
