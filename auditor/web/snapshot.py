"""A stored page snapshot made inert before it is shown in the sandboxed iframe.

The iframe's sandbox and CSP already stop scripts and every load; what they cannot stop is the
frame navigating itself: a `<meta http-equiv="refresh">`, or a juror clicking a link. So those
are removed too, and nothing in the snapshot can lead to the participant's host.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

NAVIGATING_ATTRIBUTES = {"a": "href", "area": "href", "form": "action"}


def defuse_snapshot(html: bytes) -> bytes:
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
    return soup.encode("utf-8")
