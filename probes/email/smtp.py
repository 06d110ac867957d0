"""Handing an enquiry to the persona's SMTP server, knowing exactly what happened.

The outcome distinguishes what is safe to retry from what is not: anything that fails
before the DATA command is sent is `not_sent` (retry later); a 4xx reply is `temporary`
(retry later); a 5xx is `rejected` (the participant's address or domain refused it, or our
own provider did: the server's words are kept); a failure while the message body is on
its way, with no reply read, is `unknown` — it may have been delivered, so it is never
retried automatically.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

import aiosmtplib

from probes.email.schedule import utc_now

ACCEPTED = "accepted"
NOT_SENT = "not_sent"
TEMPORARY = "temporary"
REJECTED = "rejected"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class MailboxSettings:
    smtp_host: str
    smtp_port: int
    smtp_tls: str  # "none", "starttls" or "ssl"
    imap_host: str
    imap_port: int
    imap_tls: str
    user: str
    password: str

    def __repr__(self) -> str:  # never show the password in logs or tracebacks
        return f"MailboxSettings(user={self.user!r}, smtp={self.smtp_host}:{self.smtp_port})"


@dataclass(frozen=True)
class SendOutcome:
    status: str
    response: str
    accepted_at: datetime | None = None  # our UTC clock when the 250 was read


def _response(exc_or_resp) -> str:
    code = getattr(exc_or_resp, "code", None)
    message = getattr(exc_or_resp, "message", None)
    if message is None:
        message = str(exc_or_resp)
    return f"{code} {message}".strip() if code else str(message)


async def send_message(
    settings: MailboxSettings,
    sender: str,
    recipients: list[str],
    msg: EmailMessage,
    timeout: float = 60,
) -> SendOutcome:
    smtp = aiosmtplib.SMTP(
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        use_tls=settings.smtp_tls == "ssl",
        start_tls=settings.smtp_tls == "starttls",
        tls_context=ssl.create_default_context() if settings.smtp_tls != "none" else None,
        timeout=timeout,
    )
    data_started = False
    try:
        await smtp.connect()
        if settings.password and smtp.supports_extension("auth"):
            await smtp.login(settings.user, settings.password)
        await smtp.mail(sender)
        refused = {}
        for rcpt in recipients:
            try:
                await smtp.rcpt(rcpt)
            except aiosmtplib.SMTPRecipientRefused as exc:
                refused[rcpt] = exc
        if len(refused) == len(recipients):
            exc = next(iter(refused.values()))
            status = TEMPORARY if 400 <= exc.code < 500 else REJECTED
            return SendOutcome(status, _response(exc))
        data_started = True
        response = await smtp.data(msg.as_bytes())
        accepted_at = utc_now()
        try:
            await smtp.quit()
        except aiosmtplib.SMTPException:
            pass  # the message is accepted; a failed goodbye changes nothing
        return SendOutcome(ACCEPTED, _response(response), accepted_at)
    except aiosmtplib.SMTPResponseException as exc:
        # A definite answer from the server, even in the DATA phase.
        status = TEMPORARY if 400 <= exc.code < 500 else REJECTED
        return SendOutcome(status, _response(exc))
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        return SendOutcome(UNKNOWN if data_started else NOT_SENT, f"{type(exc).__name__}: {exc}")
    finally:
        smtp.close()
