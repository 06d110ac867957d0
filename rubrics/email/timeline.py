"""One enquiry's thread read as a timeline: sent, first response, resolution, bounce, deadline.

Decides, once for every e-mail criterion, whether an enquiry can be judged:
- not sent (pending, uncertain) → not measured (ours);
- refused by their server at SMTP (state "failed") or bounced permanently with no reply
  → their failure, scored 0 with proof;
- no resolution yet and the deadline not passed → not measured yet (still waiting);
- otherwise closed: judged. Replies after the deadline count as no reply.
An automatic message (class D) never stops a clock; a delayed DSN is not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from rubrics.calendar import (
    UDIP,
    WARSAW,
    add_months,
    end_of_day,
    extension_limit,
    legal_regime,
    statutory_deadline,
)
from rubrics.email.extension import extension_notice
from rubrics.email.replies import (
    AUTOMATIC,
    BOUNCE,
    CLARIFICATION,
    HOLDING,
    REFUSAL,
    SUBSTANTIVE,
    ReplyClass,
    answer_text,
    classify_reply,
    leaves_question_open,
)

DETAIL_LABELS = {"address": "adres (ulica, rodzaj zabudowy)", "phone": "numer telefonu"}
TRIGGER_REASON = "urzędnik poprosił o szczegół, na który persona odpowiedziała"

# A human's first response; only A and B resolve the enquiry.
FIRST_RESPONSE = (SUBSTANTIVE, REFUSAL, HOLDING, CLARIFICATION)

# Why an enquiry cannot be judged (or is their failure) — the verdicts shared by all criteria.
OPEN = "open"  # waiting for the reply, deadline not reached: not measured yet
NOT_SENT = "not_sent"  # ours: never sent or uncertain
REFUSED = "refused"  # theirs: the server rejected the address at SMTP
BOUNCED = "bounced"  # theirs: permanent bounce and no reply
CLOSED = "closed"  # judged


@dataclass(frozen=True)
class Reply:
    message: dict[str, Any]
    received_at: datetime
    cls: ReplyClass

    @property
    def code(self) -> str:
        return self.cls.code

    def proof(self, enquiry_id: Any, snippet: str | None = None) -> dict[str, Any]:
        return {
            "type": "message",
            "enquiry_id": enquiry_id,
            "uid": self.message.get("uid"),
            "raw_blob": self.message.get("raw_blob"),
            "from": self.message.get("from"),
            "subject": self.message.get("subject"),
            "received_at": self.received_at.isoformat().replace("+00:00", "Z"),
            "class": self.code,
            "snippet": snippet if snippet is not None else self.cls.snippet,
        }


@dataclass(frozen=True)
class Extension:
    """A timely UDIP art. 13 ust. 2 notice: the enquiry is within the law until `until`."""

    notice: Reply
    until: datetime  # the end of the announced day, at most 2 months from the request (UTC)
    announced: date | None  # the date the notice names (None: a period in months)
    capped: bool  # the notice announced more than the law's 2 months
    snippet: str


@dataclass(frozen=True)
class Timeline:
    artifact: dict[str, Any]
    enquiry_id: Any
    state: str  # OPEN | NOT_SENT | REFUSED | BOUNCED | CLOSED
    sent_at: datetime | None
    deadline_at: datetime | None
    replies: tuple[Reply, ...]  # every message, by arrival, classified
    first: Reply | None  # first A/B/C/H before the deadline
    resolution: Reply | None  # first A/B before the deadline
    bounce: Reply | None  # first permanent bounce
    regime: str = "none"  # the enquiry's legal regime (rubrics/calendar.py legal_regime)
    statutory_deadline_at: datetime | None = None  # 14 days, before any extension
    extension: Extension | None = None  # a timely notice moved deadline_at

    @property
    def enquiry(self) -> dict[str, Any]:
        return self.artifact.get("enquiry") or {}

    @property
    def followup(self) -> dict[str, Any] | None:
        """The persona's one answer to a clerk's request for a detail, if there is one."""
        return self.artifact.get("followup") or None

    def followup_proof(self) -> dict[str, Any] | None:
        """The follow-up as jurors see it: what the clerk asked, what the persona wrote, when."""
        f = self.followup
        if f is None:
            return None
        own_text = str(f.get("body") or "").split("\nW dniu ")[0].strip()
        return {
            "type": "followup",
            "enquiry_id": self.enquiry_id,
            "asked": [DETAIL_LABELS.get(d, d) for d in f.get("details") or ()],
            "to": f.get("to"),
            "subject": f.get("subject"),
            "sent_at": f.get("sent_at"),
            "followup_state": f.get("state"),
            "snippet": own_text,
        }

    @property
    def judged(self) -> Reply | None:
        """The reply the quality criteria judge: the resolution, else the holding reply."""
        return self.resolution or self.first

    @property
    def human_replies(self) -> tuple[Reply, ...]:
        """A/B/C/H replies before the deadline, by arrival."""
        return tuple(r for r in self.replies if r.code in FIRST_RESPONSE and self._in_time(r))

    @property
    def automatic(self) -> tuple[Reply, ...]:
        return tuple(r for r in self.replies if r.code == AUTOMATIC)

    def _in_time(self, reply: Reply) -> bool:
        return self.deadline_at is None or reply.received_at <= self.deadline_at

    def enquiry_proof(self) -> dict[str, Any]:
        e = self.enquiry
        return {
            "type": "enquiry",
            "enquiry_id": self.enquiry_id,
            "message_id": e.get("message_id"),
            "to": e.get("to"),
            "subject": e.get("subject"),
            "sent_at": e.get("sent_at"),
            "deadline_at": self.deadline_at.isoformat().replace("+00:00", "Z")
            if self.deadline_at
            else None,
            "smtp_response": e.get("smtp_response"),
            "state": e.get("state"),
        }


def parse_time(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _classify(message: dict[str, Any], key: Any, asked: str, trigger: Any) -> ReplyClass:
    """The reply's class; the clerk's message the persona answered with the prepared detail
    is a request for clarification (H) even where its words were not recognised as one."""
    cls = classify_reply(message, key, asked)
    if trigger is not None and message.get("uid") == trigger and leaves_question_open(cls):
        return ReplyClass(CLARIFICATION, TRIGGER_REASON, cls.snippet)
    return cls


def _extension(
    replies: list[Reply], sent_at: datetime, statutory: datetime, days_off: frozenset[date]
) -> Extension | None:
    """The first notice of UDIP art. 13 ust. 2 received by the 14-day deadline, read as law:
    the announced date's end (a period: that many months from the request), never beyond
    2 months from the request, never before the 14-day deadline."""
    limit = extension_limit(sent_at, days_off)
    for r in replies:
        if r.code != HOLDING or r.received_at > statutory:
            continue
        found = extension_notice(answer_text(r.message))
        if found is None:
            continue
        if found.until is not None:
            announced = end_of_day(found.until, move=False)
        else:
            months = min(found.months or 2, 2)
            announced = (
                extension_limit(sent_at, days_off)
                if months == 2
                else end_of_day(add_months(sent_at.astimezone(WARSAW).date(), months), days_off)
            )
        until = max(min(announced, limit), statutory)
        return Extension(r, until, found.until, announced > limit, found.snippet)
    return None


def build_timeline(
    artifact: dict[str, Any],
    now: datetime | None,
    days_off: frozenset[date] = frozenset(),
    kind: str | None = None,
) -> Timeline:
    """Read one e-mail artifact (schema email/1) as it stood at `now` (evidence time).

    The deadline is the calendar's (rubrics/calendar.py): the end of the 14th day after
    sending in Europe/Warsaw, moved past non-working days and the edition's declared days
    off — computed here, so a day off declared later counts at the next re-scoring. Without
    `sent_at`, the deadline recorded with the enquiry (if any) is kept.
    """
    enquiry = artifact.get("enquiry") or {}
    key = enquiry.get("answer_key")
    asked = str(enquiry.get("body") or "")
    sent_at = parse_time(enquiry.get("sent_at"))
    deadline_at = parse_time(enquiry.get("deadline_at"))
    if sent_at is not None:
        deadline_at = statutory_deadline(sent_at, days_off=days_off)
    trigger = (artifact.get("followup") or {}).get("trigger_uid")
    replies = sorted(
        (
            Reply(m, parse_time(m.get("received_at")), _classify(m, key, asked, trigger))
            for m in artifact.get("messages") or ()
            if m.get("received_at")
        ),
        key=lambda r: (r.received_at, r.message.get("uid") or 0),
    )

    declared = (key or {}).get("legal_regime") if isinstance(key, dict) else None
    regime, _ = legal_regime(declared or enquiry.get("legal_regime"), kind)
    statutory_at, extension = deadline_at, None
    if regime == UDIP and sent_at is not None and deadline_at is not None:
        # A timely notice (art. 13 ust. 2) keeps the enquiry within the law until its date.
        extension = _extension(replies, sent_at, deadline_at, days_off)
        if extension is not None:
            deadline_at = extension.until

    def in_time(r: Reply) -> bool:
        return deadline_at is None or r.received_at <= deadline_at

    first = next((r for r in replies if r.code in FIRST_RESPONSE and in_time(r)), None)
    resolution = next((r for r in replies if r.code in (SUBSTANTIVE, REFUSAL) and in_time(r)), None)
    bounce = next((r for r in replies if r.code == BOUNCE), None)

    state_text = enquiry.get("state")
    if sent_at is None:
        state = REFUSED if state_text == "failed" else NOT_SENT
    elif first is None and bounce is not None:
        state = BOUNCED
    elif resolution is not None:
        state = CLOSED
    elif state_text == "unanswered":  # the probe closed it at the deadline
        state = CLOSED
    elif now is not None and deadline_at is not None and now >= deadline_at:
        state = CLOSED
    else:
        state = OPEN
    return Timeline(
        artifact=artifact,
        enquiry_id=enquiry.get("id"),
        state=state,
        sent_at=sent_at,
        deadline_at=deadline_at,
        replies=tuple(replies),
        first=first,
        resolution=resolution,
        bounce=bounce,
        regime=regime,
        statutory_deadline_at=statutory_at,
        extension=extension,
    )
