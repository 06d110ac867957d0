"""Opening hours: parsed from Polish text ("pon.–pt. 7:30–15:30") or schema.org.

The result is the `office_hours` dict of the e-mail artifact (docs/artifacts.md):
{"mon": [["07:30", "15:30"]], "tue": [...], ..., "sun": []}, used by INF-02 and by the
e-mail latency, which counts business time within these hours.
"""

from __future__ import annotations

import re
from typing import Any

from rubrics.website import site
from rubrics.website.detectors import Finding, schema_organizations
from rubrics.website.site import Artifact, Page
from rubrics.website.text import snippet_at

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OfficeHours = dict[str, list[list[str]]]

# Folded (no diacritics, lower case) day names, full and abbreviated, in any case form.
_DAY = (
    r"(?:poniedzial\w*|pon|pn|wtor\w*|wt|srod\w*|sr|czwart\w*|czw|"
    r"piat\w*|pt|sobot\w*|sob|sb|niedziel\w*|niedz|ndz|nd)\b\.?"
)
_DAY_PREFIXES = (
    ("pon", 0), ("pn", 0), ("wt", 1), ("sr", 2), ("czw", 3), ("pia", 4), ("pt", 4),
    ("sob", 5), ("sb", 5), ("nie", 6), ("nd", 6),
)  # fmt: skip
_DASH = r"\s*(?:-|–|—|do)\s*"
_DAYSPEC = re.compile(
    rf"\b(?:od\s+)?(?P<spec>{_DAY}(?:{_DASH}{_DAY})?(?:\s*(?:,|i|oraz)\s*{_DAY}(?:{_DASH}{_DAY})?)*)"
)
_TIME = r"(\d{1,2})[:.](\d{2})"
_RANGE = re.compile(rf"{_TIME}{_DASH}{_TIME}")
_ONE_DAY = re.compile(_DAY)
HOURS_KEYWORDS = re.compile(
    r"godzin\w* (pracy|urzedowania|otwarcia|przyjec)|czynn[ey]|otwart[ey]|przyjmuj"
)


def _day_index(token: str) -> int | None:
    token = token.rstrip(".")
    for prefix, index in _DAY_PREFIXES:
        if token.startswith(prefix):
            return index
    return None


def _days_of(spec: str) -> list[int]:
    days: list[int] = []
    for part in re.split(r"\s*(?:,|\bi\b|\boraz\b)\s*", spec):
        bounds = [_day_index(m.group(0)) for m in _ONE_DAY.finditer(part)]
        bounds = [b for b in bounds if b is not None]
        if len(bounds) >= 2 and re.search(_DASH, part):
            lo, hi = bounds[0], bounds[1]
            days.extend(range(lo, hi + 1) if lo <= hi else [lo, hi])
        else:
            days.extend(bounds)
    return days


def _hhmm(h: str, m: str) -> str | None:
    hour, minute = int(h), int(m)
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_hours_text(folded: str) -> list[tuple[int, int, OfficeHours]]:
    """Blocks of day+hours statements in folded text: (start, end, hours), in text order."""
    entries: list[tuple[int, int, list[int], list[list[str]]]] = []
    for m in _DAYSPEC.finditer(folded):
        days = _days_of(m.group("spec"))
        if not days:
            continue
        tail = folded[m.end() : m.end() + 60]
        next_day = _DAYSPEC.search(tail)
        if next_day and next_day.start() > 0:
            tail = tail[: next_day.start()]
        ranges = []
        end = m.end()
        for r in _RANGE.finditer(tail):
            opens, closes = _hhmm(r[1], r[2]), _hhmm(r[3], r[4])
            if opens and closes and opens < closes:
                ranges.append([opens, closes])
                end = m.end() + r.end()
        if ranges:
            entries.append((m.start(), end, days, ranges))
    blocks: list[tuple[int, int, OfficeHours]] = []
    for start, end, days, ranges in entries:
        if blocks and start - blocks[-1][1] <= 80 and not any(blocks[-1][2][DAYS[d]] for d in days):
            _, _, hours = blocks[-1]
            blocks[-1] = (blocks[-1][0], end, hours)
        else:
            hours = {d: [] for d in DAYS}
            blocks.append((start, end, hours))
        for d in days:
            hours[DAYS[d]].extend(r for r in ranges if r not in hours[DAYS[d]])
    return blocks


_SCHEMA_DAYS = {
    "mo": 0, "monday": 0, "tu": 1, "tuesday": 1, "we": 2, "wednesday": 2, "th": 3, "thursday": 3,
    "fr": 4, "friday": 4, "sa": 5, "saturday": 5, "su": 6, "sunday": 6,
}  # fmt: skip


def _schema_day(value: str) -> int | None:
    return _SCHEMA_DAYS.get(str(value).rsplit("/", 1)[-1].strip().lower())


def hours_from_schema(item: dict[str, Any]) -> OfficeHours | None:
    """openingHoursSpecification (dayOfWeek/opens/closes) or openingHours ("Mo-Fr 07:30-15:30")."""
    hours: OfficeHours = {d: [] for d in DAYS}
    specs = item.get("openingHoursSpecification") or []
    for spec in specs if isinstance(specs, list) else [specs]:
        if not isinstance(spec, dict):
            continue
        dows = spec.get("dayOfWeek") or []
        opens, closes = str(spec.get("opens", ""))[:5], str(spec.get("closes", ""))[:5]
        if not (re.fullmatch(r"\d{2}:\d{2}", opens) and re.fullmatch(r"\d{2}:\d{2}", closes)):
            continue
        for dow in dows if isinstance(dows, list) else [dows]:
            d = _schema_day(dow)
            if d is not None and [opens, closes] not in hours[DAYS[d]]:
                hours[DAYS[d]].append([opens, closes])
    lines = item.get("openingHours") or []
    for line in lines if isinstance(lines, list) else [lines]:
        m = re.fullmatch(
            r"\s*([A-Za-z]{2})(?:-([A-Za-z]{2}))?\s+(\d{2}:\d{2})-(\d{2}:\d{2})\s*", str(line)
        )
        if not m:
            continue
        lo, hi = _schema_day(m[1]), _schema_day(m[2] or m[1])
        if lo is None or hi is None:
            continue
        for d in range(lo, hi + 1):
            if [m[3], m[4]] not in hours[DAYS[d]]:
                hours[DAYS[d]].append([m[3], m[4]])
    return hours if any(hours.values()) else None


def find_office_hours(pages: list[Page]) -> tuple[OfficeHours, Finding] | None:
    """The office hours stated on the site, and where: schema.org first, then the text.

    In text, a block introduced by "godziny pracy/urzędowania/otwarcia", "czynne", … (within
    200 characters before it) wins; a bare block counts only if it covers three days or more.
    """
    for page in pages:
        for item, element in schema_organizations(page):
            hours = hours_from_schema(item)
            if hours:
                return hours, Finding(page, element=element, value=hours, note="schema.org")
    fallback: tuple[OfficeHours, Finding] | None = None
    for page in pages:
        text, folded = site.text(page), site.folded_text(page)
        for start, end, hours in parse_hours_text(folded):
            found = (hours, Finding(page, snippet_at(text, start, end), value=hours))
            if HOURS_KEYWORDS.search(folded[max(0, start - 200) : start + 20]):
                return found
            # Without a keyword only a weekly schedule counts, not "w poniedziałek 12:00–14:00".
            if sum(1 for spans in hours.values() if spans) >= 3:
                fallback = fallback or found
    return fallback


def extract_office_hours(artifact: Artifact) -> OfficeHours | None:
    """The participant's office hours from a hydrated website artifact, or None if not stated."""
    found = find_office_hours(site.html_pages(artifact))
    return found[0] if found else None
