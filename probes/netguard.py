"""SSRF guard: refuse URLs whose host resolves to a private, loopback, link-local or
cloud-metadata address, unless the organiser allows private networks.

The auditor fetches whatever address a participant (or a redirect on their site) names;
without this guard a hostile site could make us read our own metadata service or an
intranet. Every fetch path (the browser via routing, plain HTTP fetches after each
redirect hop) asks `NetGuard.check` first, and then connects only to the addresses that
check approved (`addresses_for`, `create_connection`; the browser through
probes.website.pinproxy), so a name cannot answer one address to the check and
another to the connection (DNS rebinding).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ENV_FLAG = "AUDITOR_ALLOW_PRIVATE_NETWORKS"
TRUE_WORDS = {"1", "true", "yes", "on", "tak"}

# Cloud metadata endpoints are named explicitly: some sit outside link-local ranges.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
ALLOWED_SCHEMES = frozenset({"http", "https"})
# A connect failing so never reached the network: our host has no route (or no address)
# of that family.
NO_ROUTE_ERRNOS = frozenset({errno.ENETUNREACH, errno.EADDRNOTAVAIL})


class RefusedAddress(Exception):
    """The URL points (or resolves) to an address we must not fetch."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def private_networks_allowed_from_env() -> bool:
    return os.environ.get(ENV_FLAG, "").strip().lower() in TRUE_WORDS


def is_forbidden_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for addresses a public website must never make us fetch."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip in METADATA_ADDRESSES
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def is_ip_literal(host: str) -> bool:
    """`host` is an IP address written out, not a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass
class NetGuard:
    """Decides whether a URL may be fetched.

    `allow_private` switches the guard off (test worlds on loopback). `exempt` lists
    addresses allowed even so (a test world's "public" hosts); metadata addresses are
    never exempt.
    """

    allow_private: bool = False
    exempt: frozenset[str] = frozenset()
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_settings(
        cls, allow_private: bool | None = None, exempt: Iterable[str] = ()
    ) -> NetGuard:
        if allow_private is None:
            allow_private = private_networks_allowed_from_env()
        return cls(allow_private=allow_private, exempt=frozenset(exempt))

    def resolve(self, host: str) -> tuple[str, ...]:
        with self._lock:
            cached = self._cache.get(host)
        if cached is not None:
            return cached
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
            # IPv4 first: tried in order, and an IPv6 route that is missing here would
            # cost a connect timeout before the address that works.
            found = {info[4][0] for info in infos}
            addresses = tuple(sorted(found, key=lambda address: (":" in address, address)))
        except (socket.gaierror, UnicodeError):
            return ()  # not kept: a resolver hiccup must not outlive this lookup
        with self._lock:
            # Kept for the guard's life: the addresses checked are the ones connected to.
            self._cache[host] = addresses
        return addresses

    def check_host(self, host: str) -> None:
        """Raise RefusedAddress if `host` is or resolves to a forbidden address."""
        host = host.strip("[]").lower()
        if self.allow_private and not is_ip_literal(host):
            return  # nothing to refuse but metadata literals: no DNS lookup needed
        self.addresses_for(host)

    def addresses_for(self, host: str) -> tuple[str, ...]:
        """The addresses we may connect to for `host`: resolved once, checked, kept.

        Connecting to exactly these (never resolving again) is what defeats DNS
        rebinding: a name that answers a public address to the check and a private one
        to the connection. Raises RefusedAddress; `()` means the name does not resolve
        (the site's DNS failure).
        """
        host = host.strip("[]").lower()
        addresses = (
            (str(ipaddress.ip_address(host)),) if is_ip_literal(host) else self.resolve(host)
        )
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if ip in METADATA_ADDRESSES:
                raise RefusedAddress(host, f"adres usługi metadanych chmury {ip}")
            if self.allow_private or address in self.exempt:
                continue
            if is_forbidden_address(ip):
                raise RefusedAddress(host, f"adres prywatny lub lokalny {ip}")
        return addresses

    def create_connection(
        self,
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
        **kwargs,
    ) -> socket.socket:
        """socket.create_connection to a checked address of the host (see addresses_for).

        Same signature as socket.create_connection, so http.client can use it as is; TLS
        still names and verifies the host itself.
        """
        host, port = address
        addresses = self.addresses_for(host)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"nie można rozwiązać nazwy {host}")
        last_error: OSError | None = None
        for ip in addresses:
            try:
                return socket.create_connection((ip, port), timeout, source_address, **kwargs)
            except OSError as error:
                # The site's own failure (its IPv4 address) wins over our having no route
                # to its IPv6 one (probes.website.failures.connect_failure_kind).
                if last_error is None or error.errno not in NO_ROUTE_ERRNOS:
                    last_error = error
        assert last_error is not None
        raise last_error

    def check(self, url: str) -> None:
        """Raise RefusedAddress unless `url` is an http(s) URL to an allowed address."""
        parts = urlsplit(url)
        if parts.scheme not in ALLOWED_SCHEMES:
            raise RefusedAddress(url, f"niedozwolony schemat {parts.scheme!r}")
        if not parts.hostname:
            raise RefusedAddress(url, "brak hosta")
        try:
            self.check_host(parts.hostname)
        except RefusedAddress as refused:
            raise RefusedAddress(url, refused.reason) from None

    def allows(self, url: str) -> bool:
        try:
            self.check(url)
        except RefusedAddress:
            return False
        return True
