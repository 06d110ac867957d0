"""Matching a reply against its enquiry's answer key: which facts it gives, whether it refers on.

The answer key (docs/artifacts.md) lists facts, each with regular expressions, the number
of facts that make a full answer, and patterns of a correct referral to the competent body.
Patterns are matched case-insensitively; every match keeps its snippet as proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FULL = "full"
PARTIAL = "partial"
NONE = "none"


class AnswerKeyError(ValueError):
    """The answer key is missing or unusable: ours to fix, so the criterion is not measured."""


@dataclass(frozen=True)
class FactMatch:
    fact_id: str
    label: str
    snippet: str


@dataclass(frozen=True)
class KeyMatch:
    level: str  # full | partial | none
    found: tuple[FactMatch, ...]
    missing: tuple[str, ...]  # labels of facts not found
    referral: str | None  # snippet of a correct referral, if any
    full_when: int


def snippet_around(text: str, match: re.Match[str], width: int = 60) -> str:
    """The match with some context, on one line: the proof shown to people."""
    start = max(0, match.start() - width)
    end = min(len(text), match.end() + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def _compile(pattern: Any) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.IGNORECASE)
    except re.error as exc:
        raise AnswerKeyError(f"błędne wyrażenie w kluczu odpowiedzi: {pattern!r} ({exc})") from None


def match_answer_key(answer_key: dict[str, Any] | None, text: str) -> KeyMatch:
    """Which of the key's facts `text` gives; full when at least `full_when` of them."""
    if not answer_key or not answer_key.get("facts"):
        raise AnswerKeyError("brak klucza odpowiedzi dla tego zapytania")
    facts = answer_key["facts"]
    full_when = int(answer_key.get("full_when") or len(facts))
    found: list[FactMatch] = []
    missing: list[str] = []
    for fact in facts:
        label = str(fact.get("label") or fact.get("id"))
        hit = None
        for pattern in fact.get("patterns") or ():
            hit = _compile(pattern).search(text)
            if hit:
                break
        if hit:
            found.append(FactMatch(str(fact.get("id")), label, snippet_around(text, hit)))
        else:
            missing.append(label)
    referral = None
    for pattern in answer_key.get("referral_patterns") or ():
        hit = _compile(pattern).search(text)
        if hit:
            referral = snippet_around(text, hit)
            break
    if len(found) >= full_when:
        level = FULL
    elif found or referral:
        level = PARTIAL
    else:
        level = NONE
    return KeyMatch(level, tuple(found), tuple(missing), referral, full_when)
