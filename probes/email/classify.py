"""What came back: a human reply, an auto-reply, a bounce, a read receipt, or other.

Signs follow RFC 3464 (delivery status), RFC 3834 (auto-submitted), RFC 8098 (disposition
notifications) and the headers and subjects common mail systems in Poland actually send.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message

from flufl.bounce import all_failures

from probes.email.message import ParsedMessage, header_text, message_ids

HUMAN_REPLY = "human_reply"
AUTO_REPLY = "auto_reply"
BOUNCE = "bounce"
READ_RECEIPT = "read_receipt"
OTHER = "other"
KINDS = (HUMAN_REPLY, AUTO_REPLY, BOUNCE, READ_RECEIPT, OTHER)

REPLY_PREFIX = re.compile(r"^\s*((re|odp|odp\.|aw|sv|wg|odpowiedź)\s*(\[\d+\])?\s*:\s*)+", re.I)
BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliver(ed|able)|returned mail|mail delivery (failed|failure)|delivery status "
    r"notification|niedostarcz|niedoręcz|nie można dostarczyć|wiadomość niedostarczona|"
    r"zwrot wiadomości|failure notice)",
    re.I,
)
AUTO_SUBJECT = re.compile(
    r"^\s*(automatyczna odpowiedź|odpowiedź automatyczna|automatic reply|auto(matic)?[- ]?reply|"
    r"out of (the )?office|nieobecność|nieobecny|nieobecna|urlop|potwierdzenie (otrzymania|"
    r"wpływu|przyjęcia)|autoreply)",
    re.I,
)
RECEIPT_SUBJECT = re.compile(
    r"^\s*(przeczytano|przeczytana|read:|potwierdzenie odczytania|potwierdzenie przeczytania|"
    r"return receipt|read receipt|odczytano)",
    re.I,
)
DAEMON_SENDER = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
PRECEDENCE_AUTO = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
AUTO_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-MS-Exchange-Generated-Message-Source",
    "X-MS-Exchange-Inbox-Rules-Loop",
)
STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")


@dataclass(frozen=True)
class Classification:
    kind: str
    bounce: dict | None = None  # {"action", "status", "permanent", "recipients", "diagnostic"}
    original_message_id: str | None = None  # from a DSN or MDN: the message it is about
    reason: str = ""


def strip_reply_prefix(subject: str) -> str:
    return REPLY_PREFIX.sub("", subject or "").strip()


def has_reply_prefix(subject: str) -> bool:
    return bool(REPLY_PREFIX.match(subject or ""))


def _report_type(msg: Message) -> str:
    if msg.get_content_type() != "multipart/report":
        return ""
    return str(msg.get_param("report-type", "") or "").lower()


def _status_fields(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status part (per-message, then per-recipient)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = payload if isinstance(payload, str) else ""
    blocks = [b for b in re.split(r"\r?\n\s*\r?\n", text) if b.strip()]
    return [email.message_from_string(b + "\n", policy=policy.default) for b in blocks]


def _original_message_id(msg: Message) -> str | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message) and header_text(inner, "Message-ID"):
                ids = message_ids(header_text(inner, "Message-ID"))
                if ids:
                    return ids[0]
        elif ctype in ("text/rfc822-headers", "message/rfc822-headers", "message/global-headers"):
            raw = part.get_payload(decode=True) or b""
            headers = email.message_from_bytes(raw, policy=policy.default)
            ids = message_ids(header_text(headers, "Message-ID"))
            if ids:
                return ids[0]
        elif ctype == "message/disposition-notification":
            for block in _status_fields(part):
                ids = message_ids(block.get("Original-Message-ID"))
                if ids:
                    return ids[0]
    return None


def bounce_details(msg: EmailMessage) -> dict:
    """Action, status and recipients of a bounce, from the DSN when there is one."""
    actions: list[str] = []
    statuses: list[str] = []
    recipients: list[str] = []
    diagnostic = ""
    for part in msg.walk():
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            for block in _status_fields(part):
                if block.get("Action"):
                    actions.append(str(block["Action"]).strip().lower())
                if block.get("Status"):
                    statuses.append(str(block["Status"]).strip())
                rcpt = block.get("Final-Recipient") or block.get("Original-Recipient")
                if rcpt:
                    recipients.append(str(rcpt).split(";")[-1].strip().lower())
                if block.get("Diagnostic-Code") and not diagnostic:
                    diagnostic = " ".join(str(block["Diagnostic-Code"]).split(";", 1)[-1].split())
    try:
        permanent, temporary = all_failures(msg)
    except Exception:  # a detector choking on odd input must not stop classification
        permanent, temporary = frozenset(), frozenset()
    for addr in sorted(permanent | temporary):
        text = addr.decode("utf-8", "replace").lower()
        if text not in recipients:
            recipients.append(text)
    if not statuses:
        body = msg.get_body(preferencelist=("plain",))
        found = STATUS.search(body.get_content() if body is not None else "")
        if found:
            statuses.append(found.group(0))
    status = statuses[0] if statuses else ""
    if "failed" in actions:
        action = "failed"
    elif "delayed" in actions:
        action = "delayed"
    elif status.startswith("4") or (temporary and not permanent):
        action = "delayed"
    else:
        action = "failed"
    if action == "failed" and not status:
        status = "5.0.0"
    return {
        "action": action,
        "status": status or None,
        "permanent": action == "failed",
        "recipients": recipients,
        "diagnostic": diagnostic,
    }


def _is_bounce(msg: EmailMessage, parsed: ParsedMessage) -> str:
    rtype = _report_type(msg)
    if rtype in ("delivery-status", "global-delivery-status"):
        return "report-type=delivery-status"
    if "X-Failed-Recipients" in msg:
        return "X-Failed-Recipients"
    daemon = (
        bool(DAEMON_SENDER.match(parsed.from_addr)) or "mail delivery" in parsed.from_name.lower()
    )
    if daemon and BOUNCE_SUBJECT.match(parsed.subject):
        return "daemon sender and bounce subject"
    return ""


def _is_receipt(msg: EmailMessage, parsed: ParsedMessage) -> str:
    if _report_type(msg) == "disposition-notification":
        return "report-type=disposition-notification"
    if RECEIPT_SUBJECT.match(parsed.subject):
        return "subject"
    return ""


def _is_auto_reply(msg: EmailMessage, parsed: ParsedMessage) -> str:
    auto = header_text(msg, "Auto-Submitted").lower()
    if auto and auto.split(";")[0].split("(")[0].strip() != "no":
        return f"Auto-Submitted: {auto}"
    precedence = header_text(msg, "Precedence").lower()
    if precedence in PRECEDENCE_AUTO:
        return f"Precedence: {precedence}"
    for name in AUTO_HEADERS:
        if name in msg:
            return name
    if header_text(msg, "X-Autogenerated").lower() == "reply":
        return "X-Autogenerated: Reply"
    if AUTO_SUBJECT.match(parsed.subject):
        return "subject"
    return ""


def classify(parsed: ParsedMessage, matched: bool | None = None) -> Classification:
    """Classify a parsed message. `matched` says whether it was matched to an enquiry
    (None: unknown, as for saved files): an unmatched, unthreaded message is `other`."""
    msg = parsed.msg
    if reason := _is_bounce(msg, parsed):
        return Classification(BOUNCE, bounce_details(msg), _original_message_id(msg), reason)
    if reason := _is_receipt(msg, parsed):
        return Classification(READ_RECEIPT, None, _original_message_id(msg), reason)
    if ("List-Id" in msg or "List-Unsubscribe" in msg) and "Auto-Submitted" not in msg:
        return Classification(OTHER, reason="mailing list or newsletter")
    if reason := _is_auto_reply(msg, parsed):
        return Classification(AUTO_REPLY, None, None, reason)
    if matched is False:
        return Classification(OTHER, reason="not matched to an enquiry")
    threaded = bool(parsed.in_reply_to or parsed.references or has_reply_prefix(parsed.subject))
    if matched or threaded:
        return Classification(HUMAN_REPLY, reason="reply")
    return Classification(OTHER, reason="not a reply")
