"""Matching a reply against its enquiry's answer key: which facts it gives, whether it refers on.

The answer key (docs/artifacts.md) lists facts, each with regular expressions, the number
of facts that make a full answer, and patterns of a correct referral to the competent body.
Patterns are matched case-insensitively; every match keeps its snippet as proof.

What a juror would not count is taken out first (review domain-2026-12 §2.4, F34):
- the preamble that restates the question ("W odpowiedzi na zapytanie dotyczące rejestracji
  psa, wymaganych dokumentów oraz opłaty … uprzejmie informuję, że …");
- sentences that mostly repeat the enquiry's own words and add no value of their own.
A fact then counts towards a *full* answer only with a value in its sentence — a date, a
day, an hour, an amount, a link, a place, a phone number, a named document or a clear
"no / free of charge" — that the enquiry did not already contain. A fact named by topic
words alone ("harmonogram", "dokumenty") makes at most a partial answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FULL = "full"
PARTIAL = "partial"
NONE = "none"

MONTHS = (
    r"(stycz\w*|lut\w*|mar(ca|zec)|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp\w*|wrze[śs]\w*"
    r"|pa[źz]dzier\w*|listopad\w*|grud\w*)"
)
# Each kind of value a juror reads as an answer rather than a topic.
VALUES = {
    "data": re.compile(
        rf"\b\d{{1,2}}[./-]\d{{1,2}}([./-]\d{{2,4}})?\b|\b\d{{1,2}}\s+{MONTHS}\b|\b(do|od|przed)\s+ko[ńn]ca\s+\w+"
        r"|\b(w\s+)?(ka[żz]d\w+\s+)?(poniedzia[łl]\w*|wtor\w*|[śs]rod\w*|czwart\w*|pi[ąa]t\w*|sobot\w*)\b"
        r"|\bco\s+(dwa|trzy|cztery|\d+)\s+tygodni\w*|\braz\s+w\s+(tygodniu|miesi[ąa]cu)|\bco\s+tydzie[ńn]"
        r"|\bw\s+ci[ąa]gu\s+\d+\s+dni",
        re.IGNORECASE,
    ),
    "godzina": re.compile(r"\b\d{1,2}[:.]\d{2}\b|\bod\s+\d{1,2}\s+do\s+\d{1,2}\b", re.IGNORECASE),
    "kwota": re.compile(
        r"\b\d+([ .]\d{3})*([,.]\d{1,2})?\s*(z[łl]|pln|gr)\b|\bbezp[łl]atn\w*|\bnieodp[łl]atn\w*"
        r"|\bnie\s+(jest\s+)?(pobiera\w*|obowi[ąa]zuje|p[łl]ac\w*)|\bzwolnion\w*\s+z\s+op[łl]at",
        re.IGNORECASE,
    ),
    "odnośnik": re.compile(
        r"https?://\S+|\bwww\.\S+|\b[\w.-]+\.(gov\.pl|pl|eu|com)/\S*|\bbip\b|e-?puap|\bzak[łl]ad\w*\s+[„\"]"
        r"|\bna\s+(naszej\s+)?stronie\s+(internetowej|www|urz[ęe]du|gminy|miasta|powiatu|sp[óo][łl]dzielni|sp[óo][łl]ki)",
        re.IGNORECASE,
    ),
    "miejsce": re.compile(
        r"\bpok(\.|oj\w*|ój)\s*(nr\s*)?\d+|\bpi[ęe]tr\w*|\bparter\w*|\bul\.\s*\w+|\bal\.\s*\w+|\bpl\.\s*\w+"
        r"|\bw\s+siedzibie\b|\bkancelari\w+|\bbiur\w*\s+obs[łl]ugi|\bpunkt\w*\s+obs[łl]ugi|\bokienk\w*|\bkas\w*\s+urz[ęe]du"
        r"|\bbiurze\s+(podawczym|obs[łl]ugi)|\bdziennik\w*\s+podawcz\w*|\bsekretariac\w*",
        re.IGNORECASE,
    ),
    "telefon": re.compile(r"(?:\+48[\s-]?)?\(?\d{2,3}\)?(?:[\s-]?\d{2,3}){3}\b"),
    "e-mail": re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b"),
    "rachunek": re.compile(r"\b\d{2}(\s?\d{4}){6}\b"),
    "dokument": re.compile(
        r"ksi[ąa][żz]eczk\w*|dow[óo]d\w*\s+osobist\w*|paszport\w*|za[śs]wiadczeni\w*\s+o\s+\w+|umow\w+\s+kupna"
        r"|faktur\w*|polis\w*|kart\w*\s+pojazdu|dow[óo]d\w*\s+rejestracyjn\w*|akt\w*\s+notarialn\w*|pe[łl]nomocnictw\w*"
        r"|(wniosek|formularz|druk|deklaracj\w*)\s+(nr\s*\S+|[„\"]|[A-Z]{2,}\b|dost[ęe]pn\w*\s+(na|w)\b)",
        re.IGNORECASE,
    ),
    "rozstrzygnięcie": re.compile(
        r"\bnie\s+ma\s+(takiego\s+)?obowi[ąa]zku|\bnie\s+(trzeba|musi\s+\w+|jest\s+wymagan\w*|jest\s+konieczn\w*)"
        r"|\b(jest|s[ąa])\s+(wymagan\w*|obowi[ąa]zkow\w*)\s+\w+|\bbez\s+(wcze[śs]niejszej\s+)?(rejestracji|zapis\w*)",
        re.IGNORECASE,
    ),
}

# "W odpowiedzi na zapytanie dotyczące …" up to where the answer begins.
PREAMBLE = re.compile(
    r"(?:^|[,;:]\s*)\W*(w\s+odpowiedzi\s+na|odpowiadaj[ąa]c\s+na|nawi[ąa]zuj[ąa]c\s+do|w\s+nawi[ąa]zaniu\s+do"
    r"|w\s+zwi[ąa]zku\s+z|odno[śs]nie|w\s+sprawie)\s+(pani|pana|pa[ńn]stwa)?\s*"
    r"(zapytani\w*|pytani\w*|wiadomo[śs]\w*|e-?mail\w*|mail\w*|pism\w*|wnios\w*|pro[śs]b\w*|korespondencj\w*|list\w*)\b",
    re.IGNORECASE,
)
ANSWER_STARTS = re.compile(
    r"\b(uprzejmie\s+)?(informuj\w*|wyja[śs]niam\w*|odpowiadam\w*|przekazuj\w*|zawiadamiam\w*)\b|\b[żz]e\b"
    r"|\bprosz[ęe]\b|\bprosimy\b|\bzach[ęe]cam\w*|\bnale[żz]y\b|\btrzeba\b|:",
    re.IGNORECASE,
)
ABBREVIATIONS = frozenset(
    "ul pok nr tel r godz ok np al pl os św dz poz art ust pkt str m in tj tzn wg ww tel ds im prof dr mgr inż zł".split()
)
SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n+")
WORD = re.compile(r"[0-9a-ząćęłńóśźżäöüß]+", re.IGNORECASE)
WRAPPED_LINE = 45  # a line this long, not ending a sentence, may continue on the next
RESTATED_SHARE = 0.5  # share of a sentence's words taken from the enquiry


class AnswerKeyError(ValueError):
    """The answer key is missing or unusable: ours to fix, so the criterion is not measured."""


@dataclass(frozen=True)
class FactMatch:
    fact_id: str
    label: str
    snippet: str
    value: str | None = None  # "kwota: 50 zł" — the value that makes it an answer


@dataclass(frozen=True)
class KeyMatch:
    level: str  # full | partial | none
    found: tuple[FactMatch, ...]
    missing: tuple[str, ...]  # labels of facts not found
    referral: str | None  # snippet of a correct referral, if any
    full_when: int
    restated: tuple[str, ...] = ()  # what was not counted: it restates the enquiry

    @property
    def valued(self) -> tuple[FactMatch, ...]:
        return tuple(f for f in self.found if f.value)


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


def _unwrap(text: str) -> str:
    """Join lines a mail client or pdftotext wrapped inside a sentence."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            len(prev.strip()) >= WRAPPED_LINE
            and not re.search(r"[.!?:;]\s*$", prev)
            and line.strip()
        ):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def sentences(text: str) -> list[str]:
    """Sentences and lines; a full stop after "ul.", "pok.", "nr" and the like ends none."""
    text = _unwrap(text)
    out: list[str] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if not m.group(0).startswith("\n"):
            before = WORD.findall(
                text[start : m.start()].split(" ")[-1] if start < m.start() else ""
            )
            if before and before[-1].lower() in ABBREVIATIONS:
                continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def _stems(text: str) -> list[str]:
    return [w[:5] for w in WORD.findall(text.casefold()) if len(w) >= 3]


def novel_value(sentence: str, enquiry: str) -> str | None:
    """The first value in `sentence` that the enquiry did not already contain."""
    asked = " ".join(enquiry.casefold().split())
    for kind, pattern in VALUES.items():
        for hit in pattern.finditer(sentence):
            value = " ".join(hit.group(0).split())
            if value.casefold() not in asked:
                return f"{kind}: {value}"
    return None


def without_restatement(text: str, enquiry: str) -> tuple[str, tuple[str, ...]]:
    """`text` without what only restates the enquiry; and what was taken out."""
    asked = set(_stems(enquiry))
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in sentences(text):
        pre = PREAMBLE.search(sentence)
        if pre:
            rest = ANSWER_STARTS.search(sentence, pre.end())
            cut = rest.start() if rest else len(sentence)
            if not rest and "," in sentence[pre.end() :]:
                cut = sentence.rindex(",") + 1
            dropped.append(sentence[pre.start() : cut].strip(" ,;:"))
            sentence = (sentence[: pre.start()] + " " + sentence[cut:]).strip()
            if not sentence:
                continue
        stems = _stems(sentence)
        if asked and len(stems) >= 3:
            share = sum(s in asked for s in stems) / len(stems)
            if share >= RESTATED_SHARE and novel_value(sentence, enquiry) is None:
                dropped.append(sentence)
                continue
        kept.append(sentence)
    return "\n".join(kept), tuple(dropped)


def match_answer_key(answer_key: dict[str, Any] | None, text: str, enquiry: str = "") -> KeyMatch:
    """Which of the key's facts `text` gives (what restates `enquiry` not counted);
    full when at least `full_when` of them come with a value."""
    if not answer_key or not answer_key.get("facts"):
        raise AnswerKeyError("brak klucza odpowiedzi dla tego zapytania")
    facts = answer_key["facts"]
    full_when = int(answer_key.get("full_when") or len(facts))
    text, restated = without_restatement(text, enquiry)
    parts = sentences(text)
    found: list[FactMatch] = []
    missing: list[str] = []
    for fact in facts:
        label = str(fact.get("label") or fact.get("id"))
        patterns = [_compile(p) for p in fact.get("patterns") or ()]
        extra = [_compile(p) for p in fact.get("value_patterns") or ()]
        best: FactMatch | None = None
        for sentence in parts:
            hit = next((h for p in patterns if (h := p.search(sentence))), None)
            if hit is None:
                continue
            value = novel_value(sentence, enquiry)
            if value is None:
                own = next((h for p in extra if (h := p.search(sentence))), None)
                value = f"wartość: {own.group(0)}" if own else None
            match = FactMatch(str(fact.get("id")), label, snippet_around(sentence, hit), value)
            if best is None or (value and not best.value):
                best = match
            if value:
                break
        if best is not None:
            found.append(best)
        else:
            missing.append(label)
    referral = None
    for pattern in answer_key.get("referral_patterns") or ():
        hit = _compile(pattern).search(text)
        if hit:
            referral = snippet_around(text, hit)
            break
    valued = sum(1 for f in found if f.value)
    if valued >= full_when:
        level = FULL
    elif found or referral:
        level = PARTIAL
    else:
        level = NONE
    return KeyMatch(level, tuple(found), tuple(missing), referral, full_when, restated)
