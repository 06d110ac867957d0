"""Matching an incoming message to the enquiry it answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from probes.email.classify import strip_reply_prefix

IN_REPLY_TO = "in_reply_to"
REFERENCES = "references"
DSN = "dsn"  # a bounce or receipt naming our Message-ID in its report
FALLBACK = "fallback"


@dataclass(frozen=True)
class EnquiryRef:
    id: int
    message_id: str
    to: tuple[str, ...]
    subject: str
    sent_at: datetime | None
    deadline_at: datetime | None


@lru_cache(maxsize=1)
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def institution_domain(address_or_domain: str) -> str:
    """The registrable domain: `um.gmina-x.pl` and `gmina-x.pl` are one institution."""
    domain = address_or_domain.rpartition("@")[2].lower().strip(".")
    return _psl().privatesuffix(domain) or domain


def _norm_subject(subject: str) -> str:
    return re.sub(r"\s+", " ", strip_reply_prefix(subject)).casefold()


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
) -> tuple[int | None, str | None]:
    """(enquiry id, how) for a message, or (None, None)."""
    by_id = {e.message_id: e for e in enquiries}
    for mid in in_reply_to:
        if mid in by_id:
            return by_id[mid].id, IN_REPLY_TO
    for mid in reversed(references):  # the last reference is the nearest ancestor
        if mid in by_id:
            return by_id[mid].id, REFERENCES
    if original_message_id and original_message_id in by_id:
        return by_id[original_message_id].id, DSN
    # Fallback: the same institution (any address of its domain), the same subject, and
    # arriving after the enquiry went out and within the window. Clerks often write from
    # their own address, or start a fresh message quoting the subject.
    sender = institution_domain(from_addr) if "@" in from_addr else ""
    subject_n = _norm_subject(subject)
    best = None
    for e in enquiries:
        if e.sent_at is None or received_at < e.sent_at - timedelta(seconds=5):
            continue
        end = max(e.deadline_at or e.sent_at, e.sent_at) + window
        if received_at > end:
            continue
        if sender not in {institution_domain(t) for t in e.to}:
            continue
        wanted = _norm_subject(e.subject)
        if not subject_n or not (subject_n == wanted or wanted in subject_n):
            continue
        if best is None or e.sent_at > best.sent_at:
            best = e
    if best is not None:
        return best.id, FALLBACK
    return None, None
