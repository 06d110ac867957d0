"""The enquiry as a resident's mail client would send it: nothing betrays an audit."""

from __future__ import annotations

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
