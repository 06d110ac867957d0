"""axe-core results across a site, scored on the 13 WCAG criteria of Austria's simplified check.

An issue repeated on many pages (the same rule on the same element — same target selector
or same node HTML — coming from a shared header, footer or template) is one issue, counted
once on a "template" unit instead of once per page, so a large site is not punished for its
size. "Incomplete" results mean a person must look: they are listed, never counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rubrics.website import site
from rubrics.website.site import Page

# WAD monitoring, simplified method as Austria runs it (DOMAIN.md §3.2), with Polish names.
AUSTRIAN_SC: dict[str, str] = {
    "1.1.1": "Treść nietekstowa",
    "1.3.1": "Informacje i relacje",
    "1.3.4": "Orientacja",
    "1.4.3": "Kontrast (minimum)",
    "1.4.4": "Zmiana rozmiaru tekstu",
    "1.4.12": "Odstępy w tekście",
    "2.1.1": "Klawiatura",
    "2.4.2": "Tytuł strony",
    "2.4.4": "Cel łącza (w kontekście)",
    "2.5.3": "Etykieta w nazwie",
    "3.1.1": "Język strony",
    "4.1.1": "Parsowanie",
    "4.1.2": "Nazwa, rola, wartość",
}

# axe-core 4.14.1's rules tagged with these criteria (from axe.getRules()); used only when a
# result carries no tags. 4.1.1 has only deprecated rules (the criterion is obsolete in WCAG
# 2.2) and 1.3.4 only an experimental one: both are "not tested" unless a run reports them.
RULES_BY_SC: dict[str, tuple[str, ...]] = {
    "1.1.1": ("aria-meter-name", "aria-progressbar-name", "image-alt", "input-image-alt", "object-alt", "role-img-alt", "svg-img-alt"),
    "1.3.1": ("aria-hidden-body", "aria-required-children", "aria-required-parent", "definition-list", "dlitem", "list", "listitem", "p-as-heading", "table-fake-caption", "td-has-header", "td-headers-attr", "th-has-data-cells"),
    "1.3.4": ("css-orientation-lock",),
    "1.4.3": ("color-contrast",),
    "1.4.4": ("meta-viewport",),
    "1.4.12": ("avoid-inline-spacing",),
    "2.1.1": ("frame-focusable-content", "scrollable-region-focusable", "server-side-image-map"),
    "2.4.2": ("document-title",),
    "2.4.4": ("area-alt", "link-name"),
    "2.5.3": ("label-content-name-mismatch",),
    "3.1.1": ("html-has-lang", "html-lang-valid", "html-xml-lang-mismatch"),
    "4.1.1": ("duplicate-id", "duplicate-id-active"),
    "4.1.2": ("area-alt", "aria-allowed-attr", "aria-braille-equivalent", "aria-command-name", "aria-conditional-attr", "aria-deprecated-role", "aria-hidden-body", "aria-hidden-focus", "aria-input-field-name", "aria-prohibited-attr", "aria-required-attr", "aria-roledescription", "aria-roles", "aria-tab-name", "aria-toggle-field-name", "aria-tooltip-name", "aria-valid-attr-value", "aria-valid-attr", "button-name", "duplicate-id-aria", "frame-title-unique", "frame-title", "input-button-name", "input-image-alt", "label", "link-name", "nested-interactive", "select-name", "summary-name"),
}  # fmt: skip

IMPACT_WEIGHT = {"critical": 1.0, "serious": 0.75, "moderate": 0.5, "minor": 0.25}
_TAG_TO_SC = {"wcag" + sc.replace(".", ""): sc for sc in AUSTRIAN_SC}
TEMPLATE = "template"


def criteria_of(rule: dict[str, Any]) -> list[str]:
    """The Austrian criteria an axe rule result belongs to, by its wcagNNN tags."""
    tags = rule.get("tags")
    if tags:
        return sorted({_TAG_TO_SC[t] for t in tags if t in _TAG_TO_SC})
    return sorted(sc for sc, rules in RULES_BY_SC.items() if rule.get("id") in rules)


def _target(node: dict[str, Any]) -> str:
    return " ".join(str(t) for t in node.get("target") or [])


def _html_key(node: dict[str, Any]) -> str:
    return re.sub(r"\s+", " ", str(node.get("html") or "")).strip()


@dataclass
class Issue:
    """One accessibility problem: a rule failing on one element, on one or more pages."""

    rule: str
    impact: str | None
    criteria: list[str]
    pages: list[str] = field(default_factory=list)
    nodes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return len(self.pages) > 1


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def collect_issues(pages: list[Page]) -> list[Issue]:
    """Violation nodes of all pages grouped into issues (same rule + same target or HTML)."""
    nodes: list[tuple[str, str | None, list[str], str, dict[str, Any]]] = []
    for page in pages:
        for rule in (page.get("axe") or {}).get("violations") or []:
            for node in rule.get("nodes") or []:
                nodes.append(
                    (
                        rule["id"],
                        node.get("impact") or rule.get("impact"),
                        criteria_of(rule),
                        site.url_of(page),
                        node,
                    )
                )
    uf = _UnionFind()
    seen: dict[tuple[str, str, str], int] = {}
    for i, (rule, _, _, _, node) in enumerate(nodes):
        uf.find(i)
        for key in (("t", rule, _target(node)), ("h", rule, _html_key(node))):
            if key[2]:
                if key in seen:
                    uf.union(i, seen[key])
                else:
                    seen[key] = i
    groups: dict[int, Issue] = {}
    for i, (rule, impact, crit, url, node) in enumerate(nodes):
        issue = groups.setdefault(uf.find(i), Issue(rule, impact, crit))
        if IMPACT_WEIGHT.get(impact or "", 0) > IMPACT_WEIGHT.get(issue.impact or "", 0):
            issue.impact = impact
        if url not in issue.pages:
            issue.pages.append(url)
        issue.nodes.append(
            {"url": url, "target": node.get("target"), "html": _html_key(node)[:300]}
        )
    return list(groups.values())


WCAG22_TAGS = ("wcag22a", "wcag22aa")


def wcag22_report(pages: list[Page]) -> dict[str, Any]:
    """WCAG 2.2 A/AA results for information (never scored): rules tagged wcag22a/aa.

    The accessibility probe must run axe with the wcag22aa tag for any to appear; without it
    the report says the data was not gathered.
    """
    failing: dict[str, dict[str, Any]] = {}
    ran = False
    for page in pages:
        axe = page.get("axe") or {}
        for bucket in ("violations", "passes", "incomplete", "inapplicable"):
            for rule in axe.get(bucket) or []:
                if not set(rule.get("tags") or ()) & set(WCAG22_TAGS):
                    continue
                ran = True
                if bucket == "violations":
                    entry = failing.setdefault(rule["id"], {"pages": [], "nodes": 0})
                    entry["pages"].append(site.url_of(page))
                    entry["nodes"] += len(rule.get("nodes") or [])
    return {
        "gathered": ran,
        "violations": dict(sorted(failing.items())),
        "note": None
        if ran
        else "Badanie axe nie obejmowało reguł WCAG 2.2 (znacznik wcag22aa) — nie zebrano.",
    }


def tested_criteria(pages: list[Page]) -> list[str]:
    """Criteria for which at least one axe rule actually ran (in any bucket) on some page."""
    tested: set[str] = set()
    for page in pages:
        axe = page.get("axe") or {}
        for bucket in ("violations", "passes", "incomplete"):
            for rule in axe.get(bucket) or []:
                tested.update(criteria_of(rule))
    return sorted(tested, key=lambda sc: [int(x) for x in sc.split(".")])


@dataclass
class AxeScore:
    score: float
    units: int
    tested: list[str]
    issues: list[Issue]  # within the Austrian criteria
    other_issues: list[Issue]  # violations outside them: listed, not scored
    failed_cells: dict[tuple[str, str], float]  # (criterion, page url or TEMPLATE) -> weight
    incomplete: list[dict[str, Any]]


def score_site(pages: list[Page], excluded: frozenset[str] = frozenset()) -> AxeScore:
    """1 − impact-weighted share of failing (criterion × unit); units = pages + the template.

    `excluded`: criteria not scored (TEC-04 param `exclude_sc`, e.g. the obsolete 4.1.1);
    their issues are listed with the others outside the scored set.
    """
    measured = [p for p in pages if p.get("axe")]
    issues = collect_issues(measured)
    if excluded:
        for issue in issues:
            issue.criteria = [sc for sc in issue.criteria if sc not in excluded]
    scored = [i for i in issues if i.criteria]
    other = [i for i in issues if not i.criteria]
    tested = [sc for sc in tested_criteria(measured) if sc not in excluded]
    cells: dict[tuple[str, str], float] = {}
    for issue in scored:
        weight = IMPACT_WEIGHT.get(issue.impact or "", 0.5)
        units = [TEMPLATE] if issue.shared else issue.pages
        for sc in issue.criteria:
            if sc not in tested:
                continue
            for unit in units:
                cells[(sc, unit)] = max(cells.get((sc, unit), 0.0), weight)
    unit_count = len(measured) + (1 if any(i.shared for i in scored) else 0)
    denominator = len(tested) * unit_count
    score = 1.0 - (sum(cells.values()) / denominator if denominator else 0.0)
    incomplete: dict[str, dict[str, Any]] = defaultdict(lambda: {"pages": [], "nodes": 0})
    for page in measured:
        for rule in page["axe"].get("incomplete") or []:
            entry = incomplete[rule["id"]]
            entry["pages"].append(site.url_of(page))
            entry["nodes"] += len(rule.get("nodes") or [])
    return AxeScore(
        score=round(max(0.0, score), 4),
        units=unit_count,
        tested=tested,
        issues=scored,
        other_issues=other,
        failed_cells=cells,
        incomplete=[{"rule": k, **v} for k, v in sorted(incomplete.items())],
    )
