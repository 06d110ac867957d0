"""The enquiry as a resident's mail client would send it: nothing betrays an audit."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")


def new_message_id(persona_address: str) -> str:
    """A Message-ID on the persona's own domain, shaped as Thunderbird makes them
    (`<uuid@domain>`), not as a script would (`<time.pid.random@host>`)."""
    return f"<{uuid.uuid4()}@{persona_address.rpartition('@')[2]}>"


def compose_enquiry(
    *,
    persona_name: str,
    persona_address: str,
    to: list[str],
    subject: str,
    body: str,
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """An ordinary plain-text message: no X- headers, no User-Agent, no tracking."""
    msg = EmailMessage()
    user, _, domain = persona_address.partition("@")
    msg["From"] = Address(persona_name, user, domain)
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date.astimezone(WARSAW))  # a resident's clock in Poland
    msg["Message-ID"] = message_id
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg


def reply_subject(subject: str) -> str:
    """A reply's subject as Polish mail clients write it: one "Re: " in front."""
    return (
        subject if re.match(r"(re|odp)\s*:", subject.strip(), re.IGNORECASE) else f"Re: {subject}"
    )


def compose_followup(
    *, subject: str, in_reply_to: str, references: list[str], **message
) -> EmailMessage:
    """The persona's answer to a clerk's message (a clarification), threaded as a mail client
    threads it: In-Reply-To the clerk's Message-ID, References the whole chain. `message` is
    the rest of what compose_enquiry takes (persona, recipients, body, Message-ID, date)."""
    msg = compose_enquiry(subject=reply_subject(subject), **message)
    msg["In-Reply-To"] = in_reply_to
    msg["References"] = " ".join(
        [*references, in_reply_to] if in_reply_to not in references else references
    )
    return msg
