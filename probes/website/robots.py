"""robots.txt (parsed by protego) and sitemap discovery. Both are fetched through the site's
downloader (probes.website.downloader: its politeness slot, guard and budget), which
owns the robots.txt of every host (`Downloader.robots`: fetched once per host)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree
from protego import Protego

from probes.website.identity import user_agent

if TYPE_CHECKING:
    from probes.website.downloader import Downloader
    from probes.website.httpfetch import HttpResult


@dataclass
class Robots:
    status: int | None
    body: bytes
    parser: Protego | None
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, user_agent())

    def crawl_delay(self) -> float | None:
        return self.parser.crawl_delay(user_agent()) if self.parser is not None else None


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def robots_url(url: str) -> str:
    """The robots.txt of `url`'s host (scheme and port as in `url`)."""
    return urljoin(site_root(url), "/robots.txt")


def parse_robots(result: HttpResult) -> Robots:
    """The robots of a fetched /robots.txt; a missing or failing file allows everything."""
    if result.status == 200 and result.body:
        text = result.body.decode("utf-8", "replace")
        parser = Protego.parse(text)
        return Robots(result.status, result.body, parser, list(parser.sitemaps))
    return Robots(result.status, result.body if result.status else b"", None, [])


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index."""
    try:
        root = etree.fromstring(
            body, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        )
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    locs = [el.text.strip() for el in root.iter("{*}loc") if el.text]
    if etree.QName(root).localname == "sitemapindex":
        return [], locs
    return locs, []


async def load_sitemap(
    start_url: str,
    robots: Robots,
    downloader: Downloader,
    max_urls: int = 2000,
    max_files: int = 5,
) -> tuple[dict | None, list[str]]:
    """The sitemap record for the artifact and the page URLs it lists."""
    candidates = list(robots.sitemaps) or [urljoin(site_root(start_url), "/sitemap.xml")]
    urls: list[str] = []
    record: dict | None = None
    queue = list(candidates)
    files = 0
    while queue and files < max_files and len(urls) < max_urls:
        sitemap_url = queue.pop(0)
        files += 1
        result = await downloader.fetch(sitemap_url, timeout=10.0, max_bytes=10_000_000)
        found = result.status == 200 and b"<" in result.body[:200]
        if record is None:
            record = {"url": sitemap_url, "found": found, "urls": 0, "status": result.status}
        if not found:
            continue
        record["found"] = True
        pages, nested = await asyncio.to_thread(parse_sitemap, result.body)
        urls.extend(pages[: max_urls - len(urls)])
        queue.extend(nested)
    if record is not None:
        record["urls"] = len(urls)
    return record, urls
