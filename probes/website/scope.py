"""Which hosts belong to a participant's site: its registrable domain, plus its BIP.

A gmina's BIP usually lives elsewhere (`bip.gmina.pl` is in scope anyway,
`gmina.bip.net.pl` or `gmina.biuletyn.net` are not), so a host linked as the BIP is
admitted to a limited depth.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

# Hosting services whose sub-domains are separate BIPs of separate institutions.
BIP_HOST_SUFFIXES = (".bip.net.pl", ".biuletyn.net", ".bip.gov.pl", ".e-bip.pl", ".bip.info.pl")
BIP_LINK_TEXT = re.compile(r"\b(BIP|Biuletyn\w* Informacji Publicznej)\b", re.I)


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def registrable_domain(host: str) -> str:
    """`www.gmina.example.pl` → `example.pl` level per the Public Suffix List; IPs stay."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    return _psl().privatesuffix(host) or host


def looks_like_bip_host(host: str) -> bool:
    host = host.lower()
    return host.startswith("bip.") or ".bip." in host or host.endswith(BIP_HOST_SUFFIXES)


def is_bip_link(href: str, text: str) -> bool:
    """A link a resident would take for the BIP: by its text or by its host."""
    return bool(BIP_LINK_TEXT.search(text or "")) or looks_like_bip_host(host_of(href))


@dataclass
class SiteScope:
    """The participant's hosts: same registrable domain, or a followed BIP host.

    Loopback test worlds put sites on bare IP addresses, so a site is identified by
    host:port there (its `netloc`).
    """

    start_url: str
    bip_max_depth: int = 2
    bip_netlocs: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        parts = urlsplit(self.start_url)
        self.home_netloc = parts.netloc.lower()
        self.domain = registrable_domain(parts.hostname or "")

    def _same_site(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host == self.domain or host.endswith("." + self.domain):
            # An IP-addressed site differs by port: two loopback sites are not one.
            try:
                ipaddress.ip_address(host.strip("[]"))
            except ValueError:
                return True
            return parts.netloc.lower() == self.home_netloc
        return False

    def is_bip(self, url: str) -> bool:
        netloc = urlsplit(url).netloc.lower()
        return netloc in self.bip_netlocs or (
            self._same_site(url) and looks_like_bip_host(host_of(url))
        )

    def adopt_bip(self, href: str) -> None:
        """Admit the host of a link identified as the participant's BIP."""
        if not self._same_site(href):
            self.bip_netlocs.add(urlsplit(href).netloc.lower())

    def admits(self, url: str) -> bool:
        return self._same_site(url) or urlsplit(url).netloc.lower() in self.bip_netlocs
