"""What the website probe records: its settings, and the artifact's storage."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from probes.evidence import BlobSink

SCHEMA = "website/1"
PRODUCER = "probes.website"


@dataclass
class ProbeSettings:
    """What the organiser may change per edition (recorded in the artifact)."""

    max_pages: int = 50
    time_budget_s: float = 300.0
    respect_robots: bool = True
    allow_private_networks: bool | None = None  # None: AUDITOR_ALLOW_PRIVATE_NETWORKS
    exempt_addresses: tuple[str, ...] = ()
    per_host: int = 2
    delay_s: float = 0.25
    page_timeout_s: float = 20.0
    network_quiet_s: float = 2.0
    bip_max_depth: int = 2
    bip_max_pages: int = 10
    max_link_checks: int = 80
    max_pdfs: int = 8
    # Bytes all plain fetches of a site may read together (documents, PDFs, sitemaps):
    # past them nothing more is fetched (probes.website.downloader).
    fetch_max_bytes: int = 100 << 20
    run_axe: bool = True
    axe_timeout_s: float = 30.0  # axe on one page; past it that page's axe is not measured
    # Decoded bytes of one response a page may receive (the main document; anything else):
    # past it the page stops loading and is judged on what was read (probes.website.cdp).
    max_document_bytes: int = 8 << 20
    max_response_bytes: int = 32 << 20
    screenshots: str = "all"  # all | key | none (desktop); mobile is for key pages
    key_priority: int = 40
    retries_ours: int = 1
    retry_5xx: int = 1
    control_url: str | None = None  # a known-good public URL, when probing the internet
    mail_dns: bool = True  # TEC-11: SPF/DMARC/DKIM of the mail domain (probes.website.maildns)

    def recorded(self) -> dict:
        return {
            "max_pages": self.max_pages,
            "time_budget_s": self.time_budget_s,
            "respect_robots": self.respect_robots,
            "allow_private_networks": self.allow_private_networks,
            "per_host": self.per_host,
            "delay_s": self.delay_s,
            "mail_dns": self.mail_dns,
            "axe_timeout_s": self.axe_timeout_s,
            "max_document_bytes": self.max_document_bytes,
            "max_response_bytes": self.max_response_bytes,
            "fetch_max_bytes": self.fetch_max_bytes,
        }


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def store_artifact(sink: BlobSink, artifact: dict) -> str:
    """Store the artifact as a JSON blob; storing it again returns the same SHA-256."""
    data = json.dumps(artifact, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return sink.put(data, "application/json", PRODUCER)
