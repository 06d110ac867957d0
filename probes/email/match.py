"""Matching an incoming message to the enquiry it answers. Pure.

Threading first (In-Reply-To, References, the Message-ID in a DSN/MDN report or in a
forwarded message attached whole). Officials often answer without threading: a new message
from a colleague's address, a forward ("Fwd:", "PD:") by another office, a document system
(EZD) writing with a case number in a rewritten subject. Those are matched by evidence, each
piece kept as a reason (docs/email.md, "Dopasowanie bez wątku"):

- who sent it: a registered address of the participant, or its institution's domain
  (never a free-mail domain such as wp.pl, which thousands share);
- the persona's name (any Polish case form) or address in the text;
- the enquiry's own words quoted in the text;
- the subject, once reply and forward prefixes, bracketed tags and case numbers are gone;
- arrival within the enquiry's time window (a hard limit).

A clear winner is a match (`fallback`); weak or tied evidence is `ambiguous`: the caller
puts the message in the jurors' queue with its candidates, it is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from probes.email.classify import strip_reply_prefix

IN_REPLY_TO = "in_reply_to"
REFERENCES = "references"
DSN = "dsn"  # a bounce or receipt naming our Message-ID in its report
FORWARDED = "forwarded"  # our message attached whole (message/rfc822) to a forward
FALLBACK = "fallback"  # no threading: matched by the evidence listed in the reasons
AMBIGUOUS = "ambiguous"  # evidence too weak or tied: for the jurors to decide

# Mailbox providers whose domain says nothing about the institution (a gmina may use one).
FREE_MAIL = frozenset(
    "wp.pl o2.pl onet.pl onet.eu op.pl interia.pl interia.eu poczta.fm gazeta.pl tlen.pl "
    "vp.pl autograf.pl buziaczek.pl go2.pl poczta.onet.pl spoko.pl int.pl adres.pl "
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com icloud.com "
    "me.com aol.com proton.me protonmail.com gmx.com gmx.net mail.com zoho.com".split()
)

# Registrable domains under which many separate bodies have their own subdomains.
SHARED_PARENTS = frozenset("bund.de europa.eu gov.uk gv.at admin.ch gov.pl gouv.fr gob.es".split())

FORWARD_PREFIX = re.compile(
    r"^\s*((fwd?|pd|przek|przekaz\w*|tr|wg|rv|i)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
SUBJECT_TAG = re.compile(r"\[[^\]]{0,40}\]|\((?:ezd|sprawa|znak)[^)]{0,40}\)", re.IGNORECASE)
# Polish file signs (JRWA: "OR.1431.12.2027", "KOR.0123.45.2027", "GK-II.6140.3.2027"),
# "znak sprawy: …", "sprawa nr 12/2027", ticket numbers.
CASE_NUMBER = re.compile(
    r"\b(?:znak(?:\s+sprawy)?|sygn(?:atura)?\.?|nr\s+sprawy|sprawa\s+nr|dot\.?\s+sprawy|"
    r"ticket|zg[łl]oszenie(?:\s+nr)?|nr)\s*[:.]?\s*[\w./#-]*\d[\w./-]*"
    r"|\b[A-ZĄĆĘŁŃÓŚŹŻ]{1,8}(?:-[A-Z0-9]{1,6})*\.\d{1,5}(?:\.\d{1,6}){1,3}\b"
    r"|#\d{3,}|\b\d{1,6}/\d{4}\b",
    re.IGNORECASE,
)
SUBJECT_FILLER = re.compile(
    r"\b(odpowied[źz]|odp|na|zapytanie|pytanie|wiadomo[śs][ćc]|e-?mail\w*|dot\.?|dotycz\w*|"
    r"w\s+sprawie|ws\.?|informacj\w+|pismo|z\s+dnia|przekazan\w*|sprawa)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[0-9a-ząćęłńóśźżäöüß]+", re.IGNORECASE)

# Points of evidence; a match needs a linked sender and corroboration, a clear winner.
SENDER_ADDRESS = 3  # a registered address of the participant (or the enquiry's recipient)
SENDER_DOMAIN = 2  # another address of the same institution
ACCEPT_SENDER = 2
ACCEPT_CORROBORATION = 2
REVIEW_UNLINKED = 3  # an unrelated sender with this much corroboration goes to the jurors
MARGIN = 2  # the winner's lead over the runner-up
SHINGLE = 4  # words per shingle when looking for the enquiry quoted in the text


@dataclass(frozen=True)
class EnquiryRef:
    id: int
    message_id: str
    to: tuple[str, ...]
    subject: str
    sent_at: datetime | None
    deadline_at: datetime | None
    body: str = ""
    persona_name: str = ""
    persona_address: str = ""
    participant_addresses: tuple[str, ...] = ()
    participant_domains: tuple[str, ...] = ()  # e.g. the website's host
    # Our other messages in the enquiry's thread (the persona's follow-up): a reply to them
    # belongs to the enquiry.
    thread_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    enquiry_id: int
    score: int
    sender: int
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "enquiry_id": self.enquiry_id,
            "score": self.score,
            "sender": self.sender,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class MatchResult:
    enquiry_id: int | None
    how: str | None  # IN_REPLY_TO … FALLBACK, AMBIGUOUS, or None (nothing points anywhere)
    reasons: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    @property
    def ambiguous(self) -> bool:
        return self.how == AMBIGUOUS

    def evidence(self) -> dict:
        """What is stored beside the message: how it was matched and why."""
        return {
            "how": self.how,
            "enquiry_id": self.enquiry_id,
            "reasons": list(self.reasons),
            "candidates": [c.as_dict() for c in self.candidates],
        }


@lru_cache(maxsize=1)
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def institution_domain(address_or_domain: str) -> str:
    """The registrable domain: `um.gmina-x.pl` and `gmina-x.pl` are one institution."""
    domain = address_or_domain.rpartition("@")[2].lower().strip(".")
    domain = re.sub(r"^https?://", "", domain).split("/")[0].split(":")[0]
    return _psl().privatesuffix(domain) or domain


def _host(address_or_domain: str) -> str:
    domain = address_or_domain.rpartition("@")[2].lower().strip(".")
    domain = re.sub(r"^https?://", "", domain).split("/")[0].split(":")[0]
    return domain[4:] if domain.startswith("www.") else domain


def same_institution(a: str, b: str) -> bool:
    """Two addresses or hosts of one institution: one domain inside the other
    (`um.gmina-x.pl`, `gmina-x.pl`), or siblings under a registrable domain that is not a
    parent shared by many bodies (`bsi.bund.de` and `baua.bund.de` are two institutions)."""
    ha, hb = _host(a), _host(b)
    if not ha or not hb:
        return False
    if ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha):
        return True
    parent = institution_domain(ha)
    return parent == institution_domain(hb) and parent not in SHARED_PARENTS


def _norm_subject(subject: str) -> str:
    return re.sub(r"\s+", " ", strip_reply_prefix(subject)).casefold()


def core_subject(subject: str) -> str:
    """The subject's own words: no Re/Fwd prefixes, tags, case numbers or filler words."""
    s = subject or ""
    for _ in range(3):  # "Fwd: RE: [EZD] Odp: …"
        s = strip_reply_prefix(FORWARD_PREFIX.sub("", SUBJECT_TAG.sub(" ", s)))
    s = CASE_NUMBER.sub(" ", s)
    s = SUBJECT_FILLER.sub(" ", s)
    return " ".join(WORD.findall(s.casefold()))


def _stems(text: str, min_len: int = 3) -> set[str]:
    # Polish inflects word endings: compare the first five letters.
    return {w[:5] for w in WORD.findall(text.casefold()) if len(w) >= min_len}


def subject_similarity(ours: str, theirs: str) -> float:
    """0..1: how much of our subject's words come back in theirs."""
    a, b = core_subject(ours), core_subject(theirs)
    if not a or not b:
        return 0.0
    if a == b or a in b:
        return 1.0
    sa, sb = _stems(a), _stems(b)
    if not sa:
        return 0.0
    return len(sa & sb) / len(sa)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w[:6] for w in WORD.findall(text.casefold())]
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def quoted_share(enquiry_body: str, text: str) -> float:
    """0..1: the share of the enquiry's word sequences that appear in `text`."""
    ours = _shingles(enquiry_body)
    if not ours:
        return 0.0
    return len(ours & _shingles(text)) / len(ours)


def _name_forms(name: str) -> list[re.Pattern[str]]:
    """The persona's surname (and first name) in any case: Kowalska, Kowalskiej, Kowalską."""
    parts = [p for p in re.split(r"\s+", name.strip()) if len(p) >= 3]
    if not parts:
        return []
    surname = parts[-1]
    stem = surname[: max(4, len(surname) - 2)]
    forms = []
    if len(parts) >= 2:  # the full name first: the more telling snippet
        first = parts[0][: max(3, len(parts[0]) - 1)]
        forms.append(
            re.compile(rf"\b{re.escape(first)}\w{{0,3}}\s+{re.escape(stem)}\w{{0,4}}", re.I)
        )
    forms.append(re.compile(rf"\b{re.escape(stem)}\w{{0,4}}\b", re.IGNORECASE))
    return forms


def _sender_link(sender: str, e: EnquiryRef) -> tuple[int, str]:
    if not sender or "@" not in sender:
        return 0, ""
    addresses = {a.lower() for a in (*e.to, *e.participant_addresses) if a}
    if sender in addresses:
        return SENDER_ADDRESS, f"nadawca {sender} to adres uczestnika"
    host = _host(sender)
    if host in FREE_MAIL or institution_domain(host) in FREE_MAIL:
        return 0, ""
    own = [a for a in (*addresses, *e.participant_domains) if a]
    for known in own:
        if _host(known) not in FREE_MAIL and same_institution(host, known):
            return SENDER_DOMAIN, f"nadawca {sender} z domeny instytucji ({_host(known)})"
    return 0, ""


def _corroboration(e: EnquiryRef, subject: str, text: str) -> tuple[int, list[str]]:
    points = 0
    reasons: list[str] = []
    sim = subject_similarity(e.subject, subject)
    if sim >= 0.99:
        points += 3
        reasons.append(f"temat zgodny z tematem zapytania („{e.subject}”)")
    elif sim >= 0.6:
        points += 2
        reasons.append(f"temat podobny do tematu zapytania ({sim:.0%} słów)")
    elif sim >= 0.34:
        points += 1
        reasons.append(f"temat częściowo podobny ({sim:.0%} słów)")
    share = quoted_share(e.body, text) if e.body and text else 0.0
    if share >= 0.3:
        points += 3
        reasons.append(f"cytuje treść zapytania ({share:.0%})")
    elif share >= 0.1:
        points += 1
        reasons.append(f"zawiera fragmenty zapytania ({share:.0%})")
    haystack = f"{subject}\n{text}"
    if e.persona_address and e.persona_address.lower() in haystack.lower():
        points += 2
        reasons.append(f"wymienia adres persony {e.persona_address}")
    for form in _name_forms(e.persona_name):
        hit = form.search(haystack)
        if hit:
            points += 2
            reasons.append(f"zwraca się do persony („{hit.group(0)}”)")
            break
    return points, reasons


def _in_window(e: EnquiryRef, received_at: datetime, window: timedelta) -> bool:
    if e.sent_at is None or received_at < e.sent_at - timedelta(seconds=5):
        return False
    return received_at <= max(e.deadline_at or e.sent_at, e.sent_at) + window


def match_message(
    *,
    in_reply_to: list[str],
    references: list[str],
    original_message_id: str | None,
    from_addr: str,
    subject: str,
    received_at: datetime,
    enquiries: list[EnquiryRef],
    text: str = "",
    attached_message_ids: list[str] | tuple[str, ...] = (),
    window: timedelta = timedelta(days=30),
) -> MatchResult:
    """The enquiry a message belongs to, how, and why (see the module's doc)."""
    by_id = {mid: e for e in enquiries for mid in (*e.thread_ids, e.message_id)}
    for mid in in_reply_to:
        if mid in by_id:
            return MatchResult(by_id[mid].id, IN_REPLY_TO, (f"In-Reply-To: {mid}",))
    for mid in reversed(references):  # the last reference is the nearest ancestor
        if mid in by_id:
            return MatchResult(by_id[mid].id, REFERENCES, (f"References: {mid}",))
    if original_message_id and original_message_id in by_id:
        e = by_id[original_message_id]
        return MatchResult(e.id, DSN, (f"raport wymienia Message-ID {original_message_id}",))
    for mid in attached_message_ids:
        if mid in by_id:
            return MatchResult(
                by_id[mid].id, FORWARDED, (f"załączona wiadomość ma Message-ID {mid}",)
            )

    sender = (from_addr or "").lower()
    scored: list[Candidate] = []
    for e in enquiries:
        if not _in_window(e, received_at, window):
            continue
        link, link_reason = _sender_link(sender, e)
        points, reasons = _corroboration(e, subject, text)
        if link == 0 and points == 0:
            continue
        if link:
            reasons.insert(0, link_reason)
        reasons.append("w oknie czasu zapytania")
        scored.append(Candidate(e.id, link + points, link, tuple(reasons)))
    if not scored:
        return MatchResult(None, None)
    scored.sort(key=lambda c: (-c.score, -c.sender, c.enquiry_id))
    best = scored[0]
    runner = scored[1].score if len(scored) > 1 else 0
    clear = best.score - runner >= MARGIN
    corroboration = best.score - best.sender
    if best.sender >= ACCEPT_SENDER and corroboration >= ACCEPT_CORROBORATION and clear:
        return MatchResult(best.enquiry_id, FALLBACK, best.reasons, tuple(scored[:5]))
    if best.sender > 0 or corroboration >= REVIEW_UNLINKED:
        return MatchResult(None, AMBIGUOUS, best.reasons, tuple(scored[:5]))
    return MatchResult(None, None, (), tuple(scored[:5]))


def match_enquiry(
    *,
    in_reply_to: list[str],
    references: list[str],
    original_message_id: str | None,
    from_addr: str,
    subject: str,
    received_at: datetime,
    enquiries: list[EnquiryRef],
    window: timedelta = timedelta(days=30),
    text: str = "",
) -> tuple[int | None, str | None]:
    """(enquiry id, how) for a message, or (None, None); ambiguous counts as no match."""
    result = match_message(
        in_reply_to=in_reply_to,
        references=references,
        original_message_id=original_message_id,
        from_addr=from_addr,
        subject=subject,
        received_at=received_at,
        enquiries=enquiries,
        window=window,
        text=text,
    )
    if result.enquiry_id is None:
        return None, None
    return result.enquiry_id, result.how


def attached_message_ids(msg) -> list[str]:
    """Message-IDs of messages attached whole (Outlook's "forward as attachment")."""
    from probes.email.message import header_text, message_ids

    found: list[str] = []
    for part in msg.walk():
        if part.get_content_type() not in ("message/rfc822", "message/global"):
            continue
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if hasattr(inner, "raw_items"):
            found.extend(message_ids(header_text(inner, "Message-ID"))[:1])
    return found
