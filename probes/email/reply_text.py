"""Separating a reply's new text from the quoted enquiry and the signature.

mail-parser-reply knows Polish "Dnia … napisał(a):" and Outlook's "Od:/Wysłane:/Do:/Temat:"
blocks; we add Thunderbird's "W dniu … pisze:" and Gmail's "pon., 3 lis 2026 o 10:15 …
napisał(a):" (which Gmail may wrap onto two lines) as an extra language entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailparser_reply import constants as _constants
from mailparser_reply.parser import EmailMessage as _ReplyParser

LANGUAGE = "pl_auditor"
_Q = _constants.QUOTED_MATCH_INCLUDE
_DAYS = r"(?:pon|wt|śr|sr|czw|pt|sob|niedz?)\.?,?"

_WROTE = (
    # Thunderbird: "W dniu 3.11.2026 o 10:15, Jan Nowak pisze:" (may wrap once)
    rf"^{_Q}W dniu [^\n]{{0,200}}?(?:\n{_Q}[^\n]{{0,200}}?)?(?:pisze|napisał\(a\)|napisał|napisała):$"
    # Gmail: "pon., 3 lis 2026 o 10:15 Jan Nowak <jan@x.pl> napisał(a):" (may wrap once)
    rf"|^{_Q}{_DAYS} \d{{1,2}} \w+\.? \d{{4}}[^\n]{{0,200}}?(?:\n{_Q}[^\n]{{0,200}}?)?napisał\(a\):$"
    # Older Polish clients: "Dnia 3 listopada 2026 10:15 Jan Nowak napisał(a):"
    rf"|^{_Q}Dnia [^\n]{{0,200}}?(?:\n{_Q}[^\n]{{0,200}}?)?(?:nadesłał|napisał\(a\)|napisał|napisała|pisze):$"
    # English clients used in Polish offices: "On Mon, 3 Nov 2026 … wrote:"
    rf"|^{_Q}On [^\n]{{0,200}}?(?:\n{_Q}[^\n]{{0,200}}?)?wrote:$"
)

_PL = _constants.MAIL_LANGUAGES["pl"]
_constants.MAIL_LANGUAGES[LANGUAGE] = {
    "wrote_header": f"({_WROTE})",
    # Outlook's header block, Polish and English labels, also "-----Wiadomość oryginalna-----".
    "from_header": (
        r"((?:(?:^|\n|\n" + _Q + r")[* ]*(?:Od|Wysłane|Wysłano|Do|Temat|Data|DW|From|Sent|To|"
        r"Subject|Cc):[ *]*(?:\s{,2}).*){2,}(?:\n.*){,1})"
        r"|(^-{3,} ?(?:Wiadomość oryginalna|Oryginalna wiadomość|Original Message) ?-{3,}$)"
    ),
    "disclaimers": list(_PL["disclaimers"]),
    "signatures": [
        "Z poważaniem",
        "Z powazaniem",
        "Z wyrazami szacunku",
        "Pozdrawiam",
        "Serdecznie pozdrawiam",
        "Łączę pozdrowienia",
        "Łączę wyrazy szacunku",
        "Pozdrowienia",
    ],
    "sent_from": "Wysłano z",
}


@dataclass(frozen=True)
class ReplyParts:
    new_text: str
    quoted_text: str
    signature: str


def split_reply(text: str) -> ReplyParts:
    """The reply's own words, the quoted earlier message(s) and the signature."""
    if not text.strip():
        return ReplyParts("", "", "")
    parsed = _ReplyParser(text=text, languages=[LANGUAGE], keep_hyphen_lists=True).read()
    replies = parsed.replies
    first = replies[0]
    new_text = first.body
    signature = first.signatures
    quoted = "\n\n".join(r.content for r in replies[1:] if r.content)
    # Clients that quote with ">" and no header line: the trailing ">" block is quoted text.
    new_text, tail = _split_trailing_quote(new_text)
    signature, sig_tail = _split_trailing_quote(signature)
    quoted = "\n".join(x for x in (tail, sig_tail, quoted) if x)
    return ReplyParts(new_text.strip(), quoted.strip(), signature.strip())


_QUOTE_LINE = re.compile(r"^\s*>")


def _split_trailing_quote(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    first_quote = None
    for i, line in enumerate(lines):
        if _QUOTE_LINE.match(line):
            if first_quote is None:
                first_quote = i
        elif line.strip() and first_quote is not None:
            first_quote = None  # quoted lines followed by own text: an inline answer
    if first_quote is None:
        return text, ""
    return "\n".join(lines[:first_quote]).rstrip(), "\n".join(lines[first_quote:])
