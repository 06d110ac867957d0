"""Builds hydrated website artifacts (docs/artifacts.md, schema website/1) from HTML.

The visible text is taken from the HTML the way a browser's innerText would give it for
these simple pages (scripts and styles dropped, block elements on their own lines).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup

NOW = datetime(2027, 3, 15, 10, 0, tzinfo=UTC)


def ctx(group: str = "J", kind: str = "gmina_wiejska", **params: Any) -> dict[str, Any]:
    return {"kind": kind, "group": group, "now": NOW, "params": params}


def visible_text(html: str) -> str:
    doc = BeautifulSoup(html, "lxml")
    for tag in doc(["script", "style", "noscript", "template"]):
        tag.decompose()
    body = doc.body or doc
    lines = [line.strip() for line in body.get_text("\n").splitlines()]
    return "\n".join(line for line in lines if line)


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def page(
    url: str,
    html: str,
    depth: int = 1,
    on_bip: bool = False,
    axe: dict[str, Any] | None = None,
    path: list[str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    doc = BeautifulSoup(html, "lxml")
    root = doc.find("html")
    links = []
    for a in doc.find_all("a", href=True):
        region = "main"
        for parent in a.parents:
            if parent.name in ("footer", "header", "nav"):
                region = parent.name
                break
        links.append(
            {"href": urljoin(url, a["href"]), "text": a.get_text(" ", strip=True), "region": region}
        )
    record = {
        "url": url,
        "final_url": url,
        "redirects": [],
        "status": 200,
        "content_type": "text/html",
        "depth": depth,
        "path": path
        if path is not None
        else ([url] if depth == 0 else ["https://gmina.example.pl/", url]),
        "on_bip": on_bip,
        "timings": {"ttfb_ms": 40, "dcl_ms": 300, "load_ms": 700, "lcp_ms": 1200, "cls": 0.02},
        "bytes": len(html.encode()),
        "title": doc.title.get_text(strip=True) if doc.title else "",
        "lang": root.get("lang") if root is not None else None,
        "html_blob": _sha(html),
        "text_blob": _sha(url + "text"),
        "screenshot_desktop": _sha(url + "desktop"),
        "screenshot_mobile": None,
        "axe_blob": _sha(url + "axe") if axe else None,
        "console_errors": [],
        "links": links,
        "horizontal_scroll_375": False,
        "html": html,
        "text": visible_text(html),
        "axe": axe,
    }
    record.update(fields)
    return record


def artifact(pages: list[dict[str, Any]], **site: Any) -> dict[str, Any]:
    start = pages[0]["url"] if pages else "https://gmina.example.pl/"
    site_data = {
        "tls": {"https": True, "valid": True, "expires": "2027-09-01T00:00:00Z", "error": None},
        "http_to_https": True,
        "hsts": "max-age=31536000; includeSubDomains",
        "robots_txt": {"status": 200, "blob": _sha("robots"), "sitemaps": [start + "sitemap.xml"]},
        "sitemap": {"url": start + "sitemap.xml", "found": True, "urls": 120},
        "links_checked": 100,
        "broken_links": [],
        "pdfs": [],
        "bip": None,
        "overlay_scripts": [],
        "third_party_requests_before_consent": [],
    }
    site_data.update(site)
    return {
        "schema": "website/1",
        "start_url": start,
        "final_url": start,
        "started_at": "2027-03-15T09:00:00Z",
        "finished_at": "2027-03-15T09:05:00Z",
        "outcome": "ok",
        "failure": None,
        "versions": {
            "chromium": "156.0",
            "chromium_binary": "chromium-headless-shell",
            "axe_core": "4.14.1",
        },
        "settings": {"max_pages": 50, "time_budget_s": 300, "respect_robots": True},
        "site": site_data,
        "pages": pages,
    }


def evidence(art: dict[str, Any]) -> dict[str, Any]:
    return {"website": art, "email": []}
