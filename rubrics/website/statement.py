"""The accessibility statement (deklaracja dostępności) checked against its required structure.

v2.0 of the technical conditions (31 Jul 2024) names the elements by HTML id; older v1
statements used a11y-deklaracja / -osoba / -audytor. Both are accepted (DOMAIN.md §1.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bs4 import Tag

from rubrics.website import site
from rubrics.website.detectors import EMAIL, parse_date, phones_in
from rubrics.website.site import Page
from rubrics.website.text import collapse_ws, fold

V2_REQUIRED = (
    "a11y-wstep", "a11y-podmiot", "a11y-zakres", "a11y-url", "a11y-data-publikacja",
    "a11y-data-aktualizacja", "a11y-status", "a11y-kontakt", "a11y-email", "a11y-telefon",
    "a11y-procedura", "a11y-data-sporzadzenie", "a11y-architektura", "a11y-komunikacja",
)  # fmt: skip
V2_CONDITIONAL = ("a11y-data-przeglad", "a11y-ocena", "a11y-aplikacje", "a11y-architektura-url")
V1_MARKERS = ("a11y-deklaracja", "a11y-osoba", "a11y-audytor")
V1_REQUIRED = (
    "a11y-wstep", "a11y-podmiot", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja",
    "a11y-status", "a11y-data-sporzadzenie", "a11y-osoba", "a11y-email", "a11y-telefon",
    "a11y-procedura", "a11y-architektura",
)  # fmt: skip
DATE_IDS = (
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
)
STATUS_PHRASE = re.compile(r"\b(czesciowo zgodn[aey]|niezgodn[aey]|zgodn[aey])\b")
RPO_HOSTS = re.compile(r"(^|\.)rpo\.gov\.pl$|(^|\.)brpo\.gov\.pl$")
STATEMENT_TITLE = (r"deklaracj\w* dostepnosci",)
REVIEW_MAX_DAYS = 366
# Review rules (TEC-07 param `review_rule`): "days" — at most REVIEW_MAX_DAYS old (rubrics up
# to 2027.3); "31_marca" — the statutory annual review by 31 March (UDC art. 10 ust. 3 as in
# force since 2023; review §1.2 F4): see `review_by_31_march`.
REVIEW_RULES = ("days", "31_marca")
LATE_REVIEW_CREDIT = 0.5


def review_by_31_march(last: date | None, today: date) -> tuple[float, date]:
    """Credit for the last review under "review and update by 31 March each year".

    From 1 April of year Y the Y review is due: dated 1 Jan–31 Mar Y → 1; dated later in Y
    (late) → LATE_REVIEW_CREDIT; earlier → 0. Before 1 April of Y the Y−1 review is the one
    due: dated in Y−1 by 31 March or in Y → 1; later in Y−1 → LATE_REVIEW_CREDIT; older → 0.
    Assumption: a review counts for the calendar year it is dated in. Returns (credit, due).
    """
    cycle = today.year if today >= date(today.year, 4, 1) else today.year - 1
    due = date(cycle, 3, 31)
    if last is None or last > today or last.year < cycle:
        return 0.0, due
    if last <= due or last.year > cycle:
        return 1.0, due
    return LATE_REVIEW_CREDIT, due


@dataclass
class StatementCheck:
    """The outcome of validating one statement page."""

    page: Page
    version: str  # "2.0" or "1"
    ids_present: list[str]
    ids_missing: list[str]
    checks: dict[str, bool] = field(default_factory=dict)  # check name -> passed
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(self.checks.values()) / len(self.checks)


def a11y_ids(page: Page) -> set[str]:
    return {str(t["id"]) for t in site.soup(page).find_all(id=re.compile(r"^a11y-"))}


def find_statement_page(pages: list[Page]) -> Page | None:
    """The page holding the statement: most a11y-* ids, else titled "Deklaracja dostępności"."""
    best, best_count = None, 0
    for page in pages:
        count = len(a11y_ids(page))
        if count > best_count:
            best, best_count = page, count
    if best is not None:
        return best
    for page in pages:
        title = fold(page.get("title") or "")
        url = fold(site.url_of(page))
        if any(re.search(p, title) for p in STATEMENT_TITLE) or "deklaracja-dostepnosci" in url:
            return page
    return None


def _element_date(tag: Tag) -> tuple[date | None, bool]:
    """The date an a11y-data-* element states, and whether it is given in <time datetime>."""
    time_tag = tag if tag.name == "time" else tag.find("time")
    if time_tag is not None and time_tag.get("datetime"):
        return parse_date(str(time_tag["datetime"])), True
    return parse_date(collapse_ws(tag.get_text(" "))), False


def validate_statement(
    page: Page, now: datetime, review_rule: str = "days", review_max_days: int = REVIEW_MAX_DAYS
) -> StatementCheck:
    doc = site.soup(page)
    present = a11y_ids(page)
    is_v1 = bool(present & set(V1_MARKERS)) and not present & {
        "a11y-zakres",
        "a11y-kontakt",
        "a11y-komunikacja",
    }
    required = V1_REQUIRED if is_v1 else V2_REQUIRED
    missing = [i for i in required if i not in present]
    result = StatementCheck(page, "1" if is_v1 else "2.0", sorted(present), missing)

    result.checks["struktura"] = len(missing) <= len(required) // 5  # a couple of ids may slip

    dates: dict[str, str] = {}
    in_time = []
    for id_ in DATE_IDS:
        tag = doc.find(id=id_)
        if tag is None:
            continue
        d, as_time = _element_date(tag)
        # v1 wrote dates as YYYY-MM-DD text in a <span>: machine-readable, so accepted.
        iso_text = re.fullmatch(r"\d{4}-\d{2}-\d{2}\.?", collapse_ws(tag.get_text(" "))) is not None
        in_time.append(as_time or (is_v1 and iso_text))
        if d:
            dates[id_] = d.isoformat()
    result.notes["dates"] = dates
    result.checks["daty_w_time"] = bool(in_time) and all(in_time)

    status_tag = doc.find(id="a11y-status")
    status_text = fold(collapse_ws(status_tag.get_text(" "))) if status_tag else ""
    m = STATUS_PHRASE.search(status_text)
    result.notes["status"] = m.group(0).strip() if m else None
    result.checks["status"] = m is not None

    contact_text = " ".join(
        collapse_ws(t.get_text(" "))
        + " "
        + " ".join(str(a.get("href", "")) for a in t.find_all("a"))
        for t in doc.find_all(id=re.compile(r"^a11y-(kontakt|osoba|email|telefon)$"))
    )
    result.checks["kontakt"] = bool(
        EMAIL.search(contact_text) or "mailto:" in contact_text
    ) and bool(phones_in(contact_text) or "tel:" in contact_text)

    procedure = doc.find(id="a11y-procedura")
    scope = procedure if procedure is not None else doc
    rpo = [
        a for a in scope.find_all("a", href=True) if RPO_HOSTS.search(site.host_of(str(a["href"])))
    ]
    result.notes["rpo_link"] = str(rpo[0]["href"]) if rpo else None
    result.checks["procedura_rpo"] = procedure is not None and bool(rpo)

    reviewed = [dates[i] for i in ("a11y-data-przeglad", "a11y-data-sporzadzenie") if i in dates]
    last = max(reviewed) if reviewed else None
    result.notes["last_review"] = last
    age = (now.date() - date.fromisoformat(last)).days if last else None
    result.notes["review_age_days"] = age
    if review_rule == "31_marca":
        credit, due = review_by_31_march(date.fromisoformat(last) if last else None, now.date())
        result.notes["review_due"] = due.isoformat()
        result.checks["przeglad_31_marca"] = credit
        return result
    result.checks["przeglad_12_mies"] = age is not None and 0 <= age <= review_max_days
    return result
