"""A read-only view of a hydrated website artifact: its pages, parsed once, and proof pointers.

Criteria are called one by one with the same artifact, so each page's HTML is parsed once
and kept in a small identity-checked cache (the page dict and its HTML string must be the
very objects parsed before); the cache never changes a result, only saves time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from rubrics.website.text import collapse_ws, fold

Page = dict[str, Any]
Artifact = dict[str, Any]

# Enough for one participant (50 pages + its BIP); a parsed page costs ~10–20× its HTML in memory.
_CACHE_SIZE = 80
# id(page) -> (page, its html, its text, derived values); entries are trusted only while the
# page, its HTML and its text are the very objects they were computed from.
_derived: OrderedDict[int, tuple[Page, Any, Any, dict[str, Any]]] = OrderedDict()
_lock = threading.Lock()


def memo(page: Page, key: str, compute: Callable[[], Any]) -> Any:
    """A value derived from a page, computed once per page object (parse, folded text, …)."""
    html, txt = page.get("html"), page.get("text")
    with _lock:  # scoring may run in worker threads
        hit = _derived.get(id(page))
        if hit is None or hit[0] is not page or hit[1] is not html or hit[2] is not txt:
            hit = (page, html, txt, {})
            _derived[id(page)] = hit
            while len(_derived) > _CACHE_SIZE:
                _derived.popitem(last=False)
        _derived.move_to_end(id(page))
        values = hit[3]
    if key not in values:
        values[key] = compute()
    return values[key]


def clear_cache() -> None:
    """Drop every parsed page: call after judging a participant to give the memory back."""
    with _lock:
        _derived.clear()


def soup(page: Page) -> BeautifulSoup:
    """The page's rendered HTML parsed with lxml (once per page object)."""
    return memo(page, "soup", lambda: BeautifulSoup(page.get("html") or "", "lxml"))


def text(page: Page) -> str:
    """The page's visible text (from the browser); the HTML's text when the probe gave none."""
    value = page.get("text")
    if value:
        return value
    return memo(page, "html_text", lambda: soup(page).get_text("\n"))


def folded_text(page: Page) -> str:
    return memo(page, "folded_text", lambda: fold(text(page)))


def is_html(page: Page) -> bool:
    ctype = (page.get("content_type") or "text/html").lower()
    return (
        "html" in ctype
        and (page.get("status") or 200) < 400
        and bool(page.get("html") or page.get("text"))
    )


def html_pages(artifact: Artifact) -> list[Page]:
    """The crawled pages a resident could read, in crawl order (home page first)."""
    pages = [p for p in artifact.get("pages") or [] if is_html(p)]
    return sorted(pages, key=lambda p: p.get("depth") if p.get("depth") is not None else 99)


def own_pages(artifact: Artifact) -> list[Page]:
    """Pages of the participant's own site, not of its BIP on another host."""
    return [p for p in html_pages(artifact) if not p.get("on_bip")]


def bip_pages(artifact: Artifact) -> list[Page]:
    return [p for p in html_pages(artifact) if p.get("on_bip")]


def home_page(artifact: Artifact) -> Page | None:
    pages = html_pages(artifact)
    if not pages:
        return None
    zero = [p for p in pages if p.get("depth") == 0]
    return zero[0] if zero else pages[0]


def url_of(page: Page) -> str:
    return page.get("final_url") or page.get("url") or ""


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def css_path(tag: Tag) -> str:
    """A short CSS selector a juror can paste into the browser's inspector."""
    parts: list[str] = []
    node: Tag | None = tag
    while node is not None and isinstance(node, Tag) and node.name not in ("[document]", "html"):
        if node.get("id"):
            parts.append(f"{node.name}#{node['id']}")
            break
        siblings = (
            [s for s in node.parent.find_all(node.name, recursive=False)] if node.parent else []
        )
        if len(siblings) > 1:
            parts.append(f"{node.name}:nth-of-type({siblings.index(node) + 1})")
        else:
            parts.append(node.name)
        node = node.parent
    return " > ".join(reversed(parts))


def element_html(tag: Tag, limit: int = 300) -> str:
    html = collapse_ws(str(tag))
    return html if len(html) <= limit else html[: limit - 1] + "…"


def page_evidence(
    page: Page,
    snippet: str | None = None,
    element: Tag | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """A pointer to proof on one page: URL, snippet or element, click depth and path."""
    ev: dict[str, Any] = {"type": "page", "url": url_of(page)}
    if snippet:
        ev["snippet"] = snippet
    if element is not None:
        ev["selector"] = css_path(element)
        ev["element"] = element_html(element)
        if not snippet:
            ev["snippet"] = collapse_ws(element.get_text(" "))[:200]
    ev["depth"] = page.get("depth")
    ev["path"] = list(page.get("path") or [])
    if page.get("screenshot_desktop"):
        ev["screenshot"] = page["screenshot_desktop"]
    if note:
        ev["note"] = note
    return ev


def pages_searched(pages: list[Page]) -> dict[str, Any]:
    return {"type": "pages_searched", "urls": [url_of(p) for p in pages]}
