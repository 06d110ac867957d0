"""The demo world's DNS: mail-domain records (MX, SPF, DMARC, DKIM) of the demo registry.

Served with dnslib on loopback, so TEC-11 is shown both ways without a query leaving the
machine (the probe asks it when AUDITOR_DNS_SERVER points here).
"""

from __future__ import annotations

from dnslib import MX, QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSServer

_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5demoKlucz" + "A" * 40 + "IDAQAB"

# name -> {type: [values]}; a name not listed is NXDOMAIN.
ZONE: dict[str, dict[str, list[str]]] = {
    # exemplary: SPF -all, DMARC reject, DKIM (Microsoft 365 selector)
    "zielona-dolina.test": {"MX": ["10 poczta.zielona-dolina.test."], "TXT": ["v=spf1 mx -all"]},
    "_dmarc.zielona-dolina.test": {
        "TXT": ["v=DMARC1; p=reject; rua=mailto:dmarc@zielona-dolina.test"]
    },
    "selector1._domainkey.zielona-dolina.test": {"TXT": [f"v=DKIM1; k=rsa; p={_KEY}"]},
    # average: SPF ?all, DMARC p=none, no DKIM found
    "powiat-nadrzecki.test": {"MX": ["10 mx.powiat-nadrzecki.test."], "TXT": ["v=spf1 a mx ?all"]},
    "_dmarc.powiat-nadrzecki.test": {"TXT": ["v=DMARC1; p=none"]},
    # good: SPF ~all, DMARC quarantine, DKIM (Google selector)
    "wodociagi-zielonodolskie.test": {
        "MX": ["1 aspmx.wodociagi-zielonodolskie.test."],
        "TXT": [
            "v=spf1 include:_spf.wodociagi-zielonodolskie.test ~all",
            "google-site-verification=demo",
        ],
    },
    "_dmarc.wodociagi-zielonodolskie.test": {"TXT": ["v=DMARC1; p=quarantine; pct=100"]},
    "google._domainkey.wodociagi-zielonodolskie.test": {"TXT": [f"v=DKIM1; k=rsa; p={_KEY}"]},
    # SPF only
    "sm-sloneczne-wzgorze.test": {
        "MX": ["10 mx.sm-sloneczne-wzgorze.test."],
        "TXT": ["v=spf1 mx ~all"],
    },
    # poor: mail works (MX) but nothing protects the domain
    "wm-lipowa7.test": {"MX": ["10 poczta.wm-lipowa7.test."]},
    "wm-ogrodowa15.test": {"MX": ["10 mx.wm-ogrodowa15.test."], "TXT": ["v=spf1 mx -all"]},
    "_dmarc.wm-ogrodowa15.test": {"TXT": ["v=DMARC1; p=quarantine"]},
}


class ZoneResolver(BaseResolver):
    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        records = ZONE.get(name)
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        qtype = QTYPE[request.q.qtype]
        for value in records.get(qtype, []):
            if qtype == "TXT":
                # A TXT record is strings of at most 255 bytes each.
                data = value.encode()
                rdata = TXT([data[i : i + 255] for i in range(0, len(data), 255)])
            else:
                preference, exchange = value.split()
                rdata = MX(exchange, int(preference))
            reply.add_answer(RR(request.q.qname, request.q.qtype, rdata=rdata, ttl=300))
        return reply


class _QuietLogger:
    def log_recv(self, *a): ...
    def log_send(self, *a): ...
    def log_request(self, *a): ...
    def log_reply(self, *a): ...
    def log_truncated(self, *a): ...
    def log_error(self, *a): ...
    def log_data(self, *a): ...


def start_dns(address: str, port: int = 0) -> tuple[DNSServer, str]:
    """Start the demo DNS (UDP) in a thread; returns the server and "address:port"."""
    server = DNSServer(ZoneResolver(), address=address, port=port, logger=_QuietLogger())
    server.start_thread()
    return server, f"{address}:{server.server.server_address[1]}"
