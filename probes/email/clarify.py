"""One clarification: when a clerk asks for a detail, the persona may answer once.

A clerk who needs an address or a phone number before answering ("proszę podać adres")
gives a fair first response, but the question stays open. The persona may then answer once
with a detail prepared in the template (`clarification:` in templates/*.yaml): a plausible
street without a house number, a preference for e-mail instead of a phone number; never a
real person's data, never a PESEL or a document number (those requests go to a juror).
The clock rules are in docs/email.md ("Doprecyzowanie").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from probes.email.templates import CLOSINGS, Template, gendered

# What a clerk asks for, as Polish officials write it. Each detail has its prepared answer
# in the template; a detail without one is not answered (the enquiry goes on as it is).
DETAIL_REQUESTS: dict[str, re.Pattern[str]] = {
    "address": re.compile(
        r"(poda\w*|wskaza\w*|przesła\w*|sprecyzowa\w*|doprecyzowa\w*|uzupełni\w*)\s+"
        r"(\w+\s+){0,3}(adres\w*|ulic\w*|lokalizacj\w*|miejscowoś\w*|numer\w* (posesji|domu|działki))"
        r"|(jaki|jakiego|której|z jakiej)\s+(\w+\s+){0,2}(adres\w*|ulic\w*|posesji|lokalizacj\w*)"
        r"|o (jaką|którą) (ulicę|posesję|nieruchomość|lokalizację|działkę) chodzi"
        r"|dokładn\w+ adres\w*",
        re.IGNORECASE,
    ),
    "phone": re.compile(
        r"(poda\w*|wskaza\w*|przesła\w*|zostawi\w*)\s+(\w+\s+){0,3}"
        r"(numer\w* telefon\w*|telefon\w* kontaktow\w*|nr\.? tel\w*)"
        r"|(numer\w* telefonu|nr\.? tel\w*) (do kontaktu|kontaktow\w*)"
        r"|prosimy o kontakt telefoniczny|proszę o kontakt telefoniczny|oddzwoni\w*",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class Clarification:
    details: tuple[str, ...]  # the details asked for and answered, e.g. ("address",)
    text: str  # the persona's answer, gendered, without greeting or signature


def details_asked(clerk_text: str) -> tuple[str, ...]:
    """Which prepared-for details the clerk's new text asks for, in a fixed order."""
    return tuple(
        detail for detail, pattern in DETAIL_REQUESTS.items() if pattern.search(clerk_text)
    )


def clarification_for(
    template: Template, clerk_text: str, gender: str, already_clarified: bool
) -> Clarification | None:
    """The persona's one answer to a clerk's request for details, or None (nothing to say,
    or the persona has already answered once for this enquiry)."""
    if already_clarified:
        return None
    prepared = dict(template.clarification)
    details = tuple(d for d in details_asked(clerk_text) if d in prepared)
    if not details:
        return None
    parts = [gendered(prepared[d], gender).strip() for d in details]
    text = " ".join(p[0].upper() + p[1:] if p else p for p in parts)
    return Clarification(details, text)


def _quoted(clerk_text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in clerk_text.strip().splitlines())


def clarification_body(
    clarification: Clarification,
    signature: str,
    quoted_header: str,
    clerk_text: str,
    closing: int = 0,
) -> str:
    """The follow-up's plain text: thanks, the prepared detail, the signature, then the
    clerk's message quoted under a mail client's line (e.g. "W dniu 3.03.2027 o 10:15, … pisze:")."""
    return (
        "Dzień dobry,\n\n"
        f"dziękuję za odpowiedź. {clarification.text}\n\n"
        f"{CLOSINGS[closing % len(CLOSINGS)]}\n{signature.strip()}\n\n"
        f"{quoted_header.strip()}\n{_quoted(clerk_text)}\n"
    )
