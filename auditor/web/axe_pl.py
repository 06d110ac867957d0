"""axe-core's texts in Polish, at display time, from axe-core's own Polish locale.

The probe stores axe's results as axe produced them (English). The pages show each rule's
help and description, and each element's "what to fix", from
`node_modules/axe-core/locales/pl.json` (shipped with axe-core; MPL-2.0), looked up by the
stored rule and check ids, so old evidence reads in Polish too and nothing is re-probed.
A rule or check the locale lacks keeps axe's own text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from probes.accessibility.axe import axe_source_path

_PLACEHOLDER = re.compile(r"\$\{data(?:\.([A-Za-z0-9_]+))?\}")
ANY_HEADER = "Napraw co najmniej jedno z poniższych:"
ALL_HEADER = "Napraw wszystkie poniższe:"
# axe's English headers, for summaries stored without their checks.
_ENGLISH_HEADERS = {
    "Fix any of the following:": ANY_HEADER,
    "Fix all of the following:": ALL_HEADER,
}


def locale_path() -> Path:
    return axe_source_path().parent / "locales" / "pl.json"


@lru_cache(maxsize=1)
def locale() -> dict[str, Any]:
    try:
        return json.loads(locale_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"rules": {}, "checks": {}}


def rule_help(rule_id: str, fallback: str = "") -> str:
    return (locale().get("rules", {}).get(rule_id) or {}).get("help") or fallback


def rule_description(rule_id: str, fallback: str = "") -> str:
    return (locale().get("rules", {}).get(rule_id) or {}).get("description") or fallback


def _fill(template: str, data: Any) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name is None:
            found = data
        elif isinstance(data, dict):
            found = data.get(name, "")
        else:
            found = ""
        if isinstance(found, list):
            return ", ".join(str(v) for v in found)
        return "" if found is None else str(found)

    return _PLACEHOLDER.sub(value, template).strip()


def check_message(check: dict[str, Any], outcome: str) -> str:
    """One check's message in Polish (`outcome`: "fail" or "incomplete"), else axe's own."""
    entry = (locale().get("checks", {}).get(check.get("id", "")) or {}).get(outcome)
    data = check.get("data")
    if isinstance(entry, dict):
        if "singular" in entry or "plural" in entry:
            values = data.get("values") if isinstance(data, dict) else data
            many = isinstance(values, list) and len(values) > 1
            entry = entry.get("plural" if many else "singular") or entry.get("singular")
            entry = (entry or "").lstrip(": ")
        else:
            key = data.get("messageKey") if isinstance(data, dict) else None
            entry = entry.get(key or "default") or entry.get("default")
    if isinstance(entry, str) and entry:
        return _fill(entry, data)
    return str(check.get("message") or "")


def failure_summary(node: dict[str, Any], incomplete: bool = False) -> str:
    """What to fix on one element, in Polish, built as axe builds its failureSummary."""
    outcome = "incomplete" if incomplete else "fail"
    any_checks = node.get("any") or []
    all_checks = (node.get("all") or []) + (node.get("none") or [])
    if not any_checks and not all_checks:
        return translate_summary(node.get("failureSummary") or "")
    parts = []
    if all_checks:
        parts.append(ALL_HEADER)
        parts.extend(f"  {check_message(c, outcome)}" for c in all_checks)
    if any_checks:
        parts.append(ANY_HEADER)
        parts.extend(f"  {check_message(c, outcome)}" for c in any_checks)
    return "\n".join(parts)


def translate_summary(summary: str) -> str:
    """A stored English summary without its checks: at least the headers in Polish."""
    for english, polish in _ENGLISH_HEADERS.items():
        summary = summary.replace(english, polish)
    return summary
