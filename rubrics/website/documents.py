"""Linked documents and their dates: what a duty to publish a document is judged on.

A keyword in a footer ("Statut", "Regulamin serwisu") says nothing about whether a
document is published. These detectors find *links* (to a PDF, an office file or a page)
whose label or address names the document, and read the year or date the link states
(label, address, or the list item or table row around it), so a criterion can ask for the
current sprawozdanie or a lustracja at most three years old.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bs4 import Tag

from rubrics.website import site
from rubrics.website.detectors import find_links, link_label, parse_date
from rubrics.website.site import Page
from rubrics.website.text import collapse_ws, fold

DOCUMENT_HREF = re.compile(r"\.(pdf|docx?|odt|rtf|xlsx?|ods|txt)(\?|#|$)", re.I)
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
VIDEO_HOSTS = re.compile(
    r"youtube\.com|youtu\.be|vimeo\.com|esesja|sesja\.|transmisj|posiedzenia\.pl|"
    r"radni\.info|rada\.|facebook\.com/.+/videos",
    re.I,
)


@dataclass(frozen=True)
class DocLink:
    """A link to a document or page, with the newest year and date it states."""

    page: Page
    link: Tag
    label: str
    href: str
    year: int | None
    day: date | None

    @property
    def is_file(self) -> bool:
        return bool(DOCUMENT_HREF.search(self.href))

    def evidence(self, signal: str) -> dict[str, Any]:
        ev = site.page_evidence(self.page, None, self.link)
        ev["signal"] = signal
        ev["href"] = self.href
        if self.year is not None:
            ev["year"] = self.year
        return ev


def _context_text(link: Tag) -> str:
    """The link's label and the list item or table row it sits in (where dates are written)."""
    holder = link.find_parent(["li", "tr", "p", "dd"]) or link
    return collapse_ws(holder.get_text(" "))[:400]


def document_links(
    pages: Iterable[Page],
    text_patterns: tuple[str, ...],
    href_patterns: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[DocLink]:
    """Links whose label (or href) matches, minus labels matching `exclude`, crawl order."""
    out: list[DocLink] = []
    excluded = [re.compile(p) for p in exclude]
    for page in pages:
        for link in find_links(page, text_patterns, href_patterns):
            label = link_label(link)
            if any(r.search(fold(label)) for r in excluded):
                continue
            href = str(link.get("href") or "")
            around = f"{label} {href} {_context_text(link)}"
            years = [int(y) for y in YEAR.findall(around)]
            day = parse_date(_context_text(link))
            if day is not None:
                years.append(day.year)
            out.append(DocLink(page, link, label, href, max(years) if years else None, day))
    return out


def newest(links: list[DocLink]) -> DocLink | None:
    """The link stating the latest year (undated links last)."""
    if not links:
        return None
    return max(links, key=lambda d: (d.year or 0, d.day or date.min))


def today_of(ctx: dict[str, Any]) -> date | None:
    now = ctx.get("now")
    return now.date() if now is not None else None
