"""Small reusable detectors the information criteria are composed of (axe-core's "checks").

Each takes pages of a hydrated website artifact and returns `Finding`s: where on which page
something was found, ready to become a proof pointer. Text patterns are written folded
(lower case, no Polish diacritics) and matched against folded text, see `text.fold`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bs4 import BeautifulSoup, Tag

from rubrics.website import site
from rubrics.website.site import Page
from rubrics.website.text import TextMatch, collapse_ws, compile_folded, fold, search, snippet_at


@dataclass
class Finding:
    page: Page
    snippet: str | None = None
    element: Tag | None = None
    value: Any = None
    note: str | None = None

    def evidence(self) -> dict[str, Any]:
        return site.page_evidence(self.page, self.snippet, self.element, self.note)


# --- text -----------------------------------------------------------------------------


def find_text(pages: Iterable[Page], patterns: tuple[str, ...] | list[str]) -> Finding | None:
    """The first page (in crawl order) whose visible text matches any pattern."""
    for page in pages:
        m = search(site.text(page), patterns, site.folded_text(page))
        if m:
            return Finding(page, m.snippet, value=m.matched)
    return None


def find_near(
    page: Page, first: tuple[str, ...], then: tuple[str, ...], window: int = 300
) -> TextMatch | None:
    """`then` within `window` characters after a match of `first` on one page."""
    text, folded = site.text(page), site.folded_text(page)
    for pattern in first:
        for m in re.finditer(pattern, folded):
            tail = folded[m.end() : m.end() + window]
            for p2 in then:
                m2 = re.search(p2, tail)
                if m2:
                    end = m.end() + m2.end()
                    return TextMatch(
                        m.start(), end, text[m.start() : end], snippet_at(text, m.start(), end)
                    )
    return None


# --- contact data ---------------------------------------------------------------------

_PHONE_CANDIDATE = re.compile(
    r"(?<![\d/.,-])(\+48[\s-]?|0048[\s-]?)?\(?\d{2,3}\)?(?:[\s-]?\d{2,3}){2,3}(?![\d/.,-]?\d)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
POSTCODE_ADDRESS = re.compile(
    r"\b\d{2}-\d{3}\s+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+|\b(?:ul|al|pl|os)\.\s*[A-ZĄĆĘŁŃÓŚŹŻ0-9][^\n]{0,60}?\b\d{2}-\d{3}\b"
)
E_DELIVERY = re.compile(r"AE:PL-\d{5}-\d{5}-[A-Z]{5}-\d{2}")
# As CMSs print it too: "AE: PL-…", lower case (INF-10 param `ade_spacing`, rubric 2027.4).
E_DELIVERY_LENIENT = re.compile(r"\bAE\s*:\s*PL\s*-\s*\d{5}-\d{5}-[A-Z]{5}-\d{2}\b", re.I)
EPUAP_BOX = re.compile(r"/[\w.-]+/(?:skrytka|SkrytkaESP|domyslna)\b", re.IGNORECASE)


def phones_in(text: str) -> list[re.Match[str]]:
    """Polish phone numbers: nine national digits, optionally +48, in groups."""
    out = []
    for m in _PHONE_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if m.group(1):
            digits = digits[2:] if digits.startswith("48") else digits[4:]
        if len(digits) == 9:
            out.append(m)
    return out


def find_regex(pages: Iterable[Page], regex: re.Pattern[str]) -> Finding | None:
    for page in pages:
        text = site.text(page)
        m = regex.search(text)
        if m:
            return Finding(page, snippet_at(text, m.start(), m.end()), value=m.group(0))
    return None


def find_phone(pages: Iterable[Page]) -> Finding | None:
    for page in pages:
        text = site.text(page)
        for link in site.soup(page).select('a[href^="tel:"]'):
            return Finding(page, element=link, value=link["href"][4:])
        found = phones_in(text)
        if found:
            m = found[0]
            return Finding(page, snippet_at(text, m.start(), m.end()), value=m.group(0))
    return None


def find_email(pages: Iterable[Page]) -> Finding | None:
    """A mailto: link, else an e-mail address written in the text."""
    pages = list(pages)
    for page in pages:
        for link in site.soup(page).select('a[href^="mailto:"]'):
            return Finding(page, element=link, value=link["href"][7:].split("?")[0])
    return find_regex(pages, EMAIL)


def find_postal_address(pages: Iterable[Page]) -> Finding | None:
    return find_regex(pages, POSTCODE_ADDRESS)


# --- links and headings ---------------------------------------------------------------


def link_label(link: Tag) -> str:
    """What a link says to a resident: its text, else aria-label, title or image alt."""
    parts = [link.get_text(" ")]
    for attr in ("aria-label", "title"):
        if link.get(attr):
            parts.append(str(link[attr]))
    for img in link.find_all("img"):
        if img.get("alt"):
            parts.append(str(img["alt"]))
    return collapse_ws(" ".join(parts))


def link_table(page: Page) -> dict[int, tuple[Tag, str, str]]:
    """id(link) -> (link, folded label, folded href) for every link of a page, built once."""

    def build() -> dict[int, tuple[Tag, str, str]]:
        return {
            id(a): (a, fold(link_label(a)), fold(str(a["href"])))
            for a in site.soup(page).find_all("a", href=True)
        }

    return site.memo(page, "links", build)


def find_links(
    page: Page,
    text_patterns: tuple[str, ...] = (),
    href_patterns: tuple[str, ...] = (),
    within: Tag | None = None,
) -> list[Tag]:
    """Links on a page whose label or href matches (folded patterns)."""
    table = link_table(page)
    rows = (
        table.values()
        if within is None
        else [table[id(a)] for a in within.find_all("a", href=True) if id(a) in table]
    )
    label_res = [compile_folded(p) for p in text_patterns]
    href_res = [compile_folded(p) for p in href_patterns]
    return [
        link
        for link, label, href in rows
        if any(r.search(label) for r in label_res) or any(r.search(href) for r in href_res)
    ]


def find_link(
    pages: Iterable[Page], text_patterns: tuple[str, ...] = (), href_patterns: tuple[str, ...] = ()
) -> Finding | None:
    for page in pages:
        links = find_links(page, text_patterns, href_patterns)
        if links:
            return Finding(page, element=links[0], value=links[0]["href"])
    return None


def find_heading(pages: Iterable[Page], patterns: tuple[str, ...]) -> Finding | None:
    for page in pages:
        for h in site.soup(page).find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            label = fold(collapse_ws(h.get_text(" ")))
            if any(re.search(p, label) for p in patterns):
                return Finding(page, element=h)
    return None


def shared_regions(page: Page) -> list[Tag]:
    """Elements shown on every page: footer first, then header and nav (by tag, role, id, class)."""

    def build() -> list[Tag]:
        doc = site.soup(page)
        regions = doc.find_all(["footer", "header", "nav"])
        regions += doc.find_all(attrs={"role": ["contentinfo", "banner", "navigation"]})
        regions += doc.find_all(id=re.compile(r"foot|stopka", re.I))
        regions += doc.find_all(class_=re.compile(r"^(footer|stopka)", re.I))
        # The footer first: that is where the law's example puts the statement link.
        footerish = re.compile(r"foot|stopka|contentinfo", re.I)

        def is_footer(tag: Tag) -> bool:
            marks = " ".join(
                [
                    tag.name,
                    str(tag.get("role", "")),
                    str(tag.get("id", "")),
                    " ".join(tag.get("class", [])),
                ]
            )
            return bool(footerish.search(marks))

        unique = list({id(r): r for r in regions}.values())
        return sorted(unique, key=lambda r: not is_footer(r))

    return site.memo(page, "shared_regions", build)


def link_in_shared_region(
    page: Page, text_patterns: tuple[str, ...], href_patterns: tuple[str, ...]
) -> Tag | None:
    for region in shared_regions(page):
        links = find_links(page, text_patterns, href_patterns, within=region)
        if links:
            return links[0]
    # The probe's own region labels, for pages whose footer is not marked up as one.
    for link in page.get("links") or []:
        if link.get("region") not in ("footer", "header", "nav"):
            continue
        label, href = fold(link.get("text") or ""), fold(link.get("href") or "")
        if any(re.search(p, label) for p in text_patterns) or any(
            re.search(p, href) for p in href_patterns
        ):
            tag = site.soup(page).find("a", href=link.get("href"))
            if tag is None:
                tag = BeautifulSoup("", "lxml").new_tag("a", href=link.get("href"))
                tag.string = link.get("text") or ""
            return tag
    return None


# --- schema.org -----------------------------------------------------------------------

ORG_TYPES = re.compile(
    r"Organization|GovernmentOffice|LocalBusiness|CivicStructure|Corporation|Place|"
    r"MunicipalOrganization|AdministrativeArea|City"
)


def _jsonld_items(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_items(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _jsonld_items(data["@graph"])
        yield data


def _types(item: dict[str, Any]) -> list[str]:
    t = item.get("@type") or []
    return [str(x) for x in (t if isinstance(t, list) else [t])]


def _microdata(scope: Tag) -> dict[str, Any]:
    """One microdata item as a dict (nested items for address / hours)."""
    item: dict[str, Any] = {"@type": str(scope.get("itemtype", "")).rsplit("/", 1)[-1]}
    for prop in scope.find_all(attrs={"itemprop": True}):
        # Only the properties of this item, not of items nested inside it.
        owner = prop.find_parent(attrs={"itemscope": True})
        if owner is not scope:
            continue
        name = str(prop["itemprop"])
        if prop.has_attr("itemscope"):
            value: Any = _microdata(prop)
        elif prop.get("content"):
            value = str(prop["content"])
        elif prop.name == "a" and prop.get("href"):
            value = str(prop["href"]).removeprefix("mailto:").removeprefix("tel:")
        elif prop.name == "time" and prop.get("datetime"):
            value = str(prop["datetime"])
        else:
            value = collapse_ws(prop.get_text(" "))
        if name in item:
            item[name] = (item[name] if isinstance(item[name], list) else [item[name]]) + [value]
        else:
            item[name] = value
    return item


def schema_organizations(page: Page) -> list[tuple[dict[str, Any], Tag]]:
    """Organization-like schema.org items (JSON-LD or microdata) with the element holding them."""
    doc = site.soup(page)
    found: list[tuple[dict[str, Any], Tag]] = []
    for script in doc.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, TypeError):
            continue
        for item in _jsonld_items(data):
            if any(ORG_TYPES.search(t) for t in _types(item)):
                found.append((item, script))
    for scope in doc.find_all(attrs={"itemscope": True, "itemtype": ORG_TYPES}):
        if scope.find_parent(attrs={"itemscope": True}) is None:
            found.append((_microdata(scope), scope))
    return found


def find_schema_contact(pages: Iterable[Page]) -> dict[str, Finding]:
    """Which of address / telephone / email a schema.org organization states, and where."""
    out: dict[str, Finding] = {}
    for page in pages:
        for item, element in schema_organizations(page):
            for key in ("address", "telephone", "email"):
                if key not in out and item.get(key):
                    value = item[key]
                    shown = (
                        json.dumps(value, ensure_ascii=False)
                        if isinstance(value, dict | list)
                        else str(value)
                    )
                    out[key] = Finding(
                        page, f"schema.org {key}: {shown}"[:200], element, value, "schema.org"
                    )
    return out


# --- on-site search and forms ---------------------------------------------------------

_SEARCH_NAMES = re.compile(
    r"^(q|s|search|szukaj|query|phrase|fraza|keyword|keywords|searchword|wyszukaj)$", re.I
)


def find_search(pages: Iterable[Page]) -> Finding | None:
    """An on-site search box: input type=search, role=search, or a search-named form field."""
    for page in pages:
        doc = site.soup(page)
        hit = doc.find("input", attrs={"type": "search"}) or doc.find(attrs={"role": "search"})
        if hit is None:
            for inp in doc.find_all("input"):
                if _SEARCH_NAMES.match(str(inp.get("name", ""))) and str(
                    inp.get("type", "text")
                ).lower() in ("text", "search"):
                    hit = inp
                    break
        if hit is None:
            for form in doc.find_all("form"):
                action = fold(str(form.get("action", "")))
                if re.search(r"search|szukaj|wyszuk", action) and form.find("input"):
                    hit = form
                    break
        if hit is not None:
            return Finding(page, element=hit)
    return None


RODO_NEAR_FORM = (
    r"rodo",
    r"dane osobow",
    r"danych osobowych",
    r"administrator(em)? danych",
    r"klauzul",
)


def find_contact_form(pages: Iterable[Page]) -> Finding | None:
    """A form a resident can write in (textarea), with value=True when a RODO clause sits by it."""
    first: Finding | None = None
    for page in pages:
        for form in site.soup(page).find_all("form"):
            if form.find("textarea") is None:
                continue
            around = fold(collapse_ws(form.get_text(" ")))
            parent = form.parent
            if parent is not None:
                around += " " + fold(collapse_ws(parent.get_text(" ")))
            has_clause = any(re.search(p, around) for p in RODO_NEAR_FORM)
            finding = Finding(page, element=form, value=has_clause)
            if has_clause:
                return finding
            first = first or finding
    return first


# --- dates ----------------------------------------------------------------------------

_MONTHS = {
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "wrzesnia": 9, "pazdziernika": 10, "listopada": 11, "grudnia": 12,
}  # fmt: skip
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(value: str) -> date | None:
    """A date from `<time datetime>` or a Polish written date."""
    value = value.strip()
    m = _YMD.search(value)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.search(value)
    if m:
        return _safe_date(int(m[3]), int(m[2]), int(m[1]))
    m = _WORDS.search(fold(value))
    if m:
        return _safe_date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    return None


def dates_on_page(page: Page) -> list[tuple[date, str, Tag | None]]:
    """Every date on a page: `<time datetime>` elements and dates written in the text."""
    return site.memo(page, "dates", lambda: _dates_on_page(page))


def _dates_on_page(page: Page) -> list[tuple[date, str, Tag | None]]:
    out: list[tuple[date, str, Tag | None]] = []
    for t in site.soup(page).find_all("time"):
        if any(
            str(p.get("id", "")).startswith("a11y-") for p in [t, *t.parents] if isinstance(p, Tag)
        ):
            continue  # accessibility statement dates say nothing about news
        d = parse_date(str(t.get("datetime") or t.get_text()))
        if d:
            out.append((d, collapse_ws(t.get_text(" ")) or str(t.get("datetime")), t))
    text, folded = site.text(page), site.folded_text(page)
    for regex in (_DMY, _YMD, _WORDS):
        for m in regex.finditer(folded):
            d = parse_date(m.group(0))
            if d:
                out.append((d, snippet_at(text, m.start(), m.end()), None))
    return out


def text_near(
    pages: Iterable[Page], first: tuple[str, ...], then: tuple[str, ...], window: int = 300
) -> Finding | None:
    for page in pages:
        m = find_near(page, first, then, window)
        if m:
            return Finding(page, m.snippet, value=m.matched)
    return None


@dataclass
class SignalSet:
    """Named signals found (or not) across pages: the building block of keyword criteria."""

    found: dict[str, Finding] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def add(self, name: str, finding: Finding | None) -> None:
        if finding is not None:
            self.found[name] = finding
        else:
            self.missing.append(name)
