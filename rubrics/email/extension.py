"""A notice extending the deadline of a request for public information (UDIP art. 13 ust. 2).

Ustawa z dnia 6 września 2001 r. o dostępie do informacji publicznej (tekst jednolity Dz.U.
2022 poz. 902 — the last consolidated text we know; the article's wording is the same in every
consolidated text since 2001), art. 13:
- ust. 1: "Udostępnianie informacji publicznej na wniosek następuje bez zbędnej zwłoki, nie
  później jednak niż w terminie 14 dni od dnia złożenia wniosku, z zastrzeżeniem ust. 2 i
  art. 15 ust. 2."
- ust. 2: "Jeżeli informacja publiczna nie może być udostępniona w terminie określonym w
  ust. 1, podmiot obowiązany do jej udostępnienia powiadamia w tym terminie o powodach
  opóźnienia oraz o terminie, w jakim udostępni informację, nie dłuższym jednak niż 2 miesiące
  od dnia złożenia wniosku."

A notice is recognised by its wording (real notices: tests/email/fixtures/extension/): a sign
of the extension (the article, "przedłużenie terminu", "powody opóźnienia", "nie jest możliwe
… w terminie ustawowym") together with the body's own commitment ("nastąpi", "zostanie
udostępniona", "ustosunkujemy się") to an announced date ("do dnia 22 marca 2017 r.",
"do dnia 25.10.2017 r.") or to a period in months ("w ciągu 2 miesięcy"). A page quoting the
law ("powiadamia … o terminie, w jakim udostępni informację") commits to nothing and is not a
notice. Pure: no I/O; the timeline (rubrics/email/timeline.py) decides what it means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "stycznia": 1,
    "lutego": 2,
    "marca": 3,
    "kwietnia": 4,
    "maja": 5,
    "czerwca": 6,
    "lipca": 7,
    "sierpnia": 8,
    "września": 9,
    "października": 10,
    "listopada": 11,
    "grudnia": 12,
}
_MONTH_NAMES = "|".join(MONTHS)

SIGN = re.compile(
    r"art\.?\s*13\s*ust\.?\s*2"
    r"|przedłuż\w*\s+(\w+\s+){0,3}termin\w*|termin\w*\s+(\w+\s+){0,4}(przedłużon|wydłużon)\w*"
    r"|wydłuż\w*\s+(\w+\s+){0,3}termin\w*"
    r"|(powod\w*|przyczyn\w*)\s+opóźnienia"
    r"|nie\s+(jest\s+możliw\w*|będzie\s+możliw\w*|jest\s+możliwym|może\s+(zostać|być)|można)"
    r"\s+(\w+\s+){0,8}w\s+terminie\s+(ustawow\w*|14|czternast\w*|określon\w*)",
    re.IGNORECASE,
)
# The body's own commitment (never the law's third person "udostępni").
COMMITMENT = re.compile(
    r"nastąpi\b|zostanie\s+(udzielon|udostępnion|przekazan|przesłan|wysłan)\w*"
    r"|udostępnimy|udzielimy|ustosunkujemy|odpowiemy|przekażemy|prześlemy|przedłużam\w*"
    r"|termin\w*\s+(\w+\s+){0,3}(przedłużon|wydłużon)\w*\s+(\w+\s+){0,3}do",
    re.IGNORECASE,
)
_DATE = (
    rf"(?P<date>\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{4}})"
)
UNTIL_DATE = re.compile(
    rf"(\bdo|nie\s+później\s+niż(\s+do)?)\s+(dnia\s*)?:?\s*{_DATE}", re.IGNORECASE
)
IN_MONTHS = re.compile(
    r"(w\s+terminie|w\s+ciągu|w\s+przeciągu|do|nie\s+dłuższ\w+\s+niż)\s+(do\s+)?"
    r"(?P<n>2|dwóch|dwu|1|jednego)\s+miesi\w+|(w\s+terminie|w\s+ciągu)\s+(?P<one>miesiąca)\b",
    re.IGNORECASE,
)
NUMBERS = {"2": 2, "dwóch": 2, "dwu": 2, "1": 1, "jednego": 1}


@dataclass(frozen=True)
class Extension:
    """A recognised notice: the date announced (None: only a period), the months announced
    (None: only a date) and the words that decided."""

    until: date | None
    months: int | None
    snippet: str


def _parse_date(text: str) -> date | None:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        numeric = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
        if numeric:
            d, m, y = (int(x) for x in numeric.groups())
            return date(y, m, d)
        named = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH_NAMES})\s+(\d{{4}})", text, re.IGNORECASE)
        if named:
            return date(int(named.group(3)), MONTHS[named.group(2).lower()], int(named.group(1)))
    except ValueError:
        return None
    return None


def extension_notice(text: str) -> Extension | None:
    """The UDIP art. 13 ust. 2 notice in a reply's text (new text and attachments), or None."""
    sign = SIGN.search(text)
    if sign is None:
        return None
    # The commitment and the deadline in one sentence (a notice is short and direct).
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])|\n\s*\n", text):
        if not COMMITMENT.search(sentence):
            continue
        until = next(
            (d for m in UNTIL_DATE.finditer(sentence) if (d := _parse_date(m.group("date")))),
            None,
        )
        months_hit = IN_MONTHS.search(sentence)
        months = None
        if months_hit:
            months = 1 if months_hit.group("one") else NUMBERS[months_hit.group("n").lower()]
        if until is None and months is None:
            continue
        snippet = " ".join(sentence.split())[:300]
        return Extension(until, months, snippet)
    return None
