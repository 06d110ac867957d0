"""axe-core results shaped as axe 4.14 returns them, for a few rules the tests use."""

from __future__ import annotations

from typing import Any

RULES = {
    "color-contrast": (
        "serious",
        ["cat.color", "wcag2aa", "wcag143", "TTv5", "EN-301-549", "EN-9.1.4.3", "ACT"],
    ),
    "image-alt": (
        "critical",
        ["cat.text-alternatives", "wcag2a", "wcag111", "section508", "EN-9.1.1.1", "ACT"],
    ),
    "link-name": (
        "serious",
        ["cat.name-role-value", "wcag2a", "wcag244", "wcag412", "EN-9.2.4.4", "ACT"],
    ),
    "document-title": (
        "serious",
        ["cat.text-alternatives", "wcag2a", "wcag242", "EN-9.2.4.2", "ACT"],
    ),
    "html-has-lang": ("serious", ["cat.language", "wcag2a", "wcag311", "EN-9.3.1.1", "ACT"]),
    "button-name": (
        "critical",
        ["cat.name-role-value", "wcag2a", "wcag412", "section508", "EN-9.4.1.2", "ACT"],
    ),
    "region": ("moderate", ["cat.keyboard", "best-practice"]),
    "list": ("serious", ["cat.structure", "wcag2a", "wcag131", "EN-9.1.3.1"]),
}


def rule(rule_id: str, *nodes: tuple[str, str]) -> dict[str, Any]:
    impact, tags = RULES[rule_id]
    return {
        "id": rule_id,
        "impact": impact if nodes else None,
        "tags": tags,
        "description": f"{rule_id} description",
        "help": f"{rule_id} help",
        "helpUrl": f"https://dequeuniversity.com/rules/axe/4.14/{rule_id}",
        "nodes": [
            {"target": [target], "html": html, "impact": impact, "any": [], "all": [], "none": []}
            for target, html in nodes
        ],
    }


def axe(
    violations=(),
    incomplete=(),
    passes=(
        "color-contrast",
        "image-alt",
        "link-name",
        "document-title",
        "html-has-lang",
        "button-name",
        "list",
    ),
) -> dict[str, Any]:
    ran = {v["id"] for v in violations}
    return {
        "violations": list(violations),
        "incomplete": list(incomplete),
        "passes": [rule(r, ("body", "<body>")) for r in passes if r not in ran],
        "inapplicable": [],
        "testEngine": {"name": "axe-core", "version": "4.14.1"},
    }


FOOTER_LINK = ("footer > ul > li:nth-child(3) > a", '<a href="/rss"><i class="icon-rss"></i></a>')
FOOTER_TEXT = ("footer > .adres > p", '<p style="color:#999">Urząd Gminy Zielonka</p>')
