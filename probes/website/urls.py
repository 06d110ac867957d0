"""URL normalisation and crawler-trap limits.

Two URLs that show the same page must become one frontier entry (fragments, session ids,
tracking parameters, parameter order); families of URLs that never end (calendars,
faceted search, endless pagination) are cut by per-pattern limits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that never change what a resident sees.
SESSION_PARAMS = frozenset(
    {"phpsessid", "jsessionid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken"}
)
TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "_ga", "yclid", "msclkid")
PATH_SESSION = re.compile(r";(jsessionid|sid|phpsessid)=[^/?#]*", re.I)

NON_HTML_EXTENSIONS = frozenset(
    ".jpg .jpeg .png .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .avi .mov .wmv .webm "
    ".zip .rar .7z .gz .tar .exe .msi .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf "
    ".css .js .xml .json .txt .csv .ics .woff .woff2 .ttf .eot".split()
)
DOCUMENT_EXTENSIONS = frozenset({".pdf"})

DATE_IN_PATH = re.compile(r"/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-](0?[1-9]|[12]\d|3[01]))?(?=/|$)")
CALENDAR_WORDS = re.compile(r"(kalendarz|calendar|terminarz|wydarzenia|events?)", re.I)
DATE_PARAMS = frozenset(
    {"date", "data", "day", "month", "year", "miesiac", "rok", "dzien", "d", "m", "y", "week"}
)
PAGE_PARAMS = frozenset({"page", "strona", "p", "pg", "start", "offset", "paged", "str"})
FACET_PARAMS = frozenset({"sort", "order", "orderby", "filter", "kategoria", "tag", "tags", "view"})


def normalise(url: str, base: str | None = None) -> str | None:
    """The canonical form of `url` (resolved against `base`), or None if not crawlable.

    Lower-cases scheme and host, drops default ports, fragments, session and tracking
    parameters, sorts the query and removes path session ids.
    """
    url = url.strip()
    if base is not None:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets (RFC 3986, 3.2.2)
    try:
        port = parts.port
    except ValueError:
        return None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in SESSION_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def is_document(url: str) -> bool:
    return extension(url) in DOCUMENT_EXTENSIONS


def is_probably_html(url: str) -> bool:
    ext = extension(url)
    return ext not in NON_HTML_EXTENSIONS and ext not in DOCUMENT_EXTENSIONS


def pattern_of(url: str) -> str:
    """A URL's family: digits collapsed, parameter values dropped (one calendar, one key)."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = ",".join(sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
    return f"{parts.netloc}{path}?{keys}"


def trap_kind(url: str) -> str | None:
    """The kind of trap family `url` belongs to, if it looks like one."""
    parts = urlsplit(url)
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if (
        keys & DATE_PARAMS
        or DATE_IN_PATH.search(parts.path)
        or (CALENDAR_WORDS.search(parts.path) and re.search(r"\d", parts.path + parts.query))
    ):
        return "calendar"
    if keys & FACET_PARAMS or len(keys) >= 3:
        return "faceted"
    if keys & PAGE_PARAMS or re.search(r"/(page|strona)/\d+", parts.path, re.I):
        return "pagination"
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > 8 or any(c > 2 for c in Counter(segments).values()):
        return "repeating_path"
    return None


@dataclass
class TrapLimits:
    """Per-family caps; a URL over its family's cap is not crawled (and counted as cut)."""

    per_trap_pattern: dict[str, int] = field(
        default_factory=lambda: {
            "calendar": 3,
            "faceted": 3,
            "pagination": 3,
            "repeating_path": 1,
        }
    )
    per_pattern: int = 25  # any one URL family, e.g. /aktualnosci/N
    max_url_length: int = 400
    seen_patterns: Counter = field(default_factory=Counter)
    cut: Counter = field(default_factory=Counter)

    def admit(self, url: str) -> bool:
        """Count `url` against its family and say whether it may enter the frontier."""
        if len(url) > self.max_url_length:
            self.cut["too_long"] += 1
            return False
        kind = trap_kind(url)
        key = pattern_of(url)
        limit = self.per_trap_pattern.get(kind, self.per_pattern) if kind else self.per_pattern
        if self.seen_patterns[key] >= limit:
            self.cut[kind or "pattern"] += 1
            return False
        self.seen_patterns[key] += 1
        return True
