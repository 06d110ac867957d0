"""One site's crawl state: the frontier, pages kept, links found, and how links enter it."""

from __future__ import annotations

from dataclasses import dataclass, field

from probes.website.downloader import Downloader
from probes.website.frontier import Frontier
from probes.website.robots import Robots
from probes.website.scope import BIP_LINK_TEXT, SiteScope, host_of, is_bip_link
from probes.website.urls import TrapLimits, is_document, is_probably_html, normalise


@dataclass
class SiteState:
    start_url: str
    scope: SiteScope
    frontier: Frontier = field(default_factory=Frontier)
    traps: TrapLimits = field(default_factory=TrapLimits)
    pages: list[dict] = field(default_factory=list)
    internal_links: dict[str, str] = field(default_factory=dict)  # url -> first page linking
    pdf_links: dict[str, dict] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)
    third_party_hosts: set[str] = field(default_factory=set)
    overlays: set[str] = field(default_factory=set)
    robots_disallowed: list[str] = field(default_factory=list)
    bip_pages: int = 0
    bip_url: str | None = None
    home_headers: dict = field(default_factory=dict)
    deadline: float = 0.0
    in_progress: int = 0
    sitemap_record: dict | None = None
    link_paths: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    robots: Robots | None = None
    emails: list[str] = field(default_factory=list)  # the registry's, for the mail domain
    budget_cut: bool = False  # our time budget ended the crawl with pages under way
    downloader: Downloader | None = None  # every request of the site goes through it


def note_request(state: SiteState, url: str) -> None:
    if not url.startswith(("http://", "https://")) or state.scope.admits(url):
        return
    host = host_of(url)
    # Every request goes out before consent: we never click a cookie banner.
    if host not in state.third_party_hosts or len(state.third_party) < 100:
        state.third_party_hosts.add(host)
        if url not in state.third_party:
            state.third_party.append(url)


def enqueue_links(state: SiteState, record: dict, bip_max_depth: int) -> None:
    depth = record["depth"] if record["depth"] is not None else 3
    path = record["path"] or [record["url"]]
    base = record["final_url"] or record["url"]
    for link in record.get("links", []):
        if link.get("frame"):
            continue  # an embedded frame is part of its page, not a page to visit
        href = link["href"]
        normal = normalise(href, base)
        if normal is None:
            continue
        text = link.get("text", "")
        if not record.get("on_bip") and is_bip_link(normal, text):
            if state.scope.admits(normal):
                if state.bip_url is None and state.scope.is_bip(normal):
                    state.bip_url = normal
            elif state.bip_url is None and BIP_LINK_TEXT.search(text):
                # Another host is the participant's BIP only when the link says so.
                state.scope.adopt_bip(normal)
                state.bip_url = normal
        if normal not in state.link_paths or state.link_paths[normal][0] > depth + 1:
            state.link_paths[normal] = (depth + 1, [*path, normal])
        if not state.scope.admits(normal):
            continue
        if is_document(normal):
            known = state.pdf_links.get(normal)
            if known is None or (record.get("key") and not known["key"]):
                state.pdf_links[normal] = {
                    "from": record["url"],
                    "link_text": text,
                    "key": bool(record.get("key")),
                }
            state.internal_links.setdefault(normal, record["url"])
            continue
        if not is_probably_html(normal):
            continue
        state.internal_links.setdefault(normal, record["url"])
        if state.frontier.seen(normal):
            continue
        if (
            state.scope.is_bip(normal)
            and depth + 1 - bip_entry_depth(record, state) > bip_max_depth
        ):
            continue
        if not state.traps.admit(normal):
            state.frontier.mark_seen(normal)
            continue
        state.frontier.push(normal, depth + 1, [*path, normal], text)


def bip_entry_depth(record: dict, state: SiteState) -> int:
    """Click depth at which the crawl entered the BIP along this page's path."""
    for index, url in enumerate(record.get("path") or []):
        if state.scope.is_bip(url):
            return index
    return record["depth"] + 1 if record["depth"] is not None else 0
