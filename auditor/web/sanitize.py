"""HTML e-mails made safe to show a juror.

nh3 (ammonia) keeps only an allowlist of tags and attributes and drops scripts, event
handlers, styles and every dangerous URL scheme. Then nothing remote is left to load or
click: each image becomes a placeholder naming its source, each link becomes text with its
address visible. No `style` attribute survives, so no CSS `url()` can call home either.
"""

from __future__ import annotations

import nh3
from bs4 import BeautifulSoup

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
# Schemes kept so the placeholders can name them; nothing is ever loaded or linked.
URL_SCHEMES = {"http", "https", "mailto", "cid", "data", "tel"}


def sanitise_email_html(html: str) -> str:
    """Safe HTML for our pages: allowlisted markup, no remote resource, links defused."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    for img in soup.find_all("img"):
        placeholder = soup.new_tag("span", attrs={"class": "blocked-image"})
        alt = (img.get("alt") or "").strip()
        src = (img.get("src") or "").strip()
        if src.startswith("data:"):
            src = "dane osadzone"
        label = f"[obraz zablokowany{': ' + alt if alt else ''}{' — ' + src if src else ''}]"
        placeholder.string = label
        img.replace_with(placeholder)
    for link in soup.find_all("a"):
        href = (link.get("href") or "").strip()
        defused = soup.new_tag("span", attrs={"class": "defused-link"})
        for child in list(link.children):
            defused.append(child.extract())
        if href:
            url = soup.new_tag("span", attrs={"class": "defused-url"})
            url.string = f" ⟨{href}⟩"
            defused.append(url)
        link.replace_with(defused)
    return str(soup)
