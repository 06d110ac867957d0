"""A stored page snapshot made inert before it is shown in the sandboxed iframe.

The iframe's sandbox and CSP already stop scripts and every load; what they cannot stop is the
frame navigating itself: a `<meta http-equiv="refresh">`, or a juror clicking a link. So those
are removed too, and nothing in the snapshot can lead to the participant's host.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

NAVIGATING_ATTRIBUTES = {"a": "href", "area": "href", "form": "action"}


FOUND_ID = "auditor-znaleziony-element"
# Inline styles are all the snapshot's CSP allows; this one marks the element a criterion found.
FOUND_STYLE = (
    f"#{FOUND_ID} {{ outline: 5px solid #d97b00 !important; outline-offset: 3px !important; "
    "background: #fff3c4 !important; color: #000 !important; }"
)


def _mark(soup: BeautifulSoup, selector: str) -> bool:
    """Give the element the criterion found an id our style highlights (the selector is only
    ever matched on our side, never written into the page)."""
    try:
        element = soup.select_one(selector)
    except Exception:  # an invalid or unsupported selector: show the page unmarked
        return False
    if element is None:
        return False
    element["id"] = FOUND_ID
    style = soup.new_tag("style")
    style.string = FOUND_STYLE
    (soup.head or soup).append(style)
    return True


def defuse_snapshot(html: bytes, highlight: str | None = None) -> bytes:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(
        ["meta", "base", "script", "noscript", "iframe", "frame", "object", "embed", "link"]
    ):
        if tag.name == "meta" and (tag.get("http-equiv") or "").lower() != "refresh":
            continue
        tag.decompose()
    for name, attribute in NAVIGATING_ATTRIBUTES.items():
        for tag in soup.find_all(name):
            if tag.has_attr(attribute):
                tag["data-defused-" + attribute] = tag[attribute]
                del tag[attribute]
    if highlight:
        _mark(soup, highlight)
    return soup.encode("utf-8")
