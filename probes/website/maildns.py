"""Mail-domain DNS facts for TEC-11: SPF, DMARC, DKIM at common selectors, MX (dnspython).

Whose failure: an answer that the name or record does not exist (NXDOMAIN, no answer) is
the participant's fact and is recorded as absent; a resolver that times out or fails
(SERVFAIL, no network) is ours, and the whole record is then "not measured" (`error`).
DKIM keys live under selectors nobody publishes a list of: only found selectors count,
and none found is "not determinable" (`dkim: null`), never a fault of the participant.
"""

from __future__ import annotations

import os
from collections import Counter
from urllib.parse import unquote, urlsplit

import dns.exception
import dns.resolver

# Selectors of the mail services Polish institutions use most (Microsoft 365, Google,
# home.pl, nazwa.pl, OVH, generic MTA defaults).
DKIM_SELECTORS = (
    "selector1",
    "selector2",
    "google",
    "default",
    "dkim",
    "mail",
    "k1",
    "s1",
    "s2",
    "x",
)
ENV_SERVER = "AUDITOR_DNS_SERVER"  # "host" or "host:port"; unset: the system resolver


class ResolverFailed(Exception):
    """Our resolver could not answer: nothing about the participant follows from it."""


def make_resolver(lifetime: float = 4.0) -> dns.resolver.Resolver:
    server = os.environ.get(ENV_SERVER)
    if server:
        resolver = dns.resolver.Resolver(configure=False)
        host, _, port = server.partition(":")
        resolver.nameservers = [host]
        resolver.port = int(port or 53)
    else:
        resolver = dns.resolver.Resolver()
    resolver.lifetime = lifetime
    resolver.timeout = lifetime / 2
    return resolver


def _records(resolver: dns.resolver.Resolver, name: str, rdtype: str) -> list[str]:
    try:
        answer = resolver.resolve(name, rdtype)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return []
    except (
        dns.exception.Timeout,
        dns.resolver.NoNameservers,
        dns.resolver.NoResolverConfiguration,
    ) as exc:
        raise ResolverFailed(f"{rdtype} {name}: {exc.__class__.__name__}") from exc
    if rdtype == "TXT":
        return [b"".join(r.strings).decode("utf-8", "replace") for r in answer]
    return [r.to_text() for r in answer]


def _first(records: list[str], prefix: str) -> str | None:
    return next((r for r in records if r.lower().replace(" ", "").startswith(prefix)), None)


def mail_dns(domain: str, resolver: dns.resolver.Resolver | None = None) -> dict:
    """`{"domain", "mx", "spf", "dmarc", "dkim", "dkim_selectors_tried"}`.

    Raises ResolverFailed when our resolver cannot answer (nothing is then recorded).
    """
    resolver = resolver or make_resolver()
    mx = sorted(_records(resolver, domain, "MX"))
    spf = _first(_records(resolver, domain, "TXT"), "v=spf1")
    dmarc = _first(_records(resolver, f"_dmarc.{domain}", "TXT"), "v=dmarc1")
    dkim = [
        selector
        for selector in DKIM_SELECTORS
        if any(
            "p=" in r.replace(" ", "")
            for r in _records(resolver, f"{selector}._domainkey.{domain}", "TXT")
        )
    ]
    return {
        "domain": domain,
        "mx": mx,
        "spf": spf,
        "dmarc": dmarc,
        "dkim": dkim or None,
        "dkim_selectors_tried": list(DKIM_SELECTORS),
    }


def mail_domain_of(emails: list[str], links: list[str], site_domain: str) -> str:
    """The registry's e-mail domain, else the commonest mailto: domain, else the site's."""
    for email in emails:
        if "@" in email:
            return email.rsplit("@", 1)[1].strip().lower()
    counts = Counter()
    for href in links:
        if href.lower().startswith("mailto:"):
            address = unquote(urlsplit(href).path).split(",")[0]
            if "@" in address:
                counts[address.rsplit("@", 1)[1].strip().lower()] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return site_domain
