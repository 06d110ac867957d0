"""What came back: a human reply, an auto-reply, a bounce, a read receipt, or other.

Signs follow RFC 3464 (delivery status), RFC 3834 (auto-submitted), RFC 8098 (disposition
notifications) and the headers and subjects common mail systems in Poland actually send.
"""

from __future__ import annotations

import email
import html
import logging
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message

from flufl.bounce import all_failures

from probes.email import wording as W
from probes.email.message import ParsedMessage, header_text, message_ids

# flufl.bounce logs a traceback when one of its detectors trips on odd input; the failure is
# caught there and the other detectors go on, so its log is noise on the command's stderr.
logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)

HUMAN_REPLY = "human_reply"
AUTO_REPLY = "auto_reply"
BOUNCE = "bounce"
READ_RECEIPT = "read_receipt"
OTHER = "other"
KINDS = (HUMAN_REPLY, AUTO_REPLY, BOUNCE, READ_RECEIPT, OTHER)

REPLY_PREFIX = W.REPLY_PREFIX
PRECEDENCE_AUTO = {"bulk", "junk", "auto_reply", "auto-reply"}
AUTO_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-MS-Exchange-Generated-Message-Source",
    "X-MS-Exchange-Inbox-Rules-Loop",
)
STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
DSN_TYPES = ("message/delivery-status", "message/global-delivery-status")
# An answer needs some words of its own before an automatic header is doubted.
ANSWER_MIN_CHARS = 30
# Out-of-office notes are short; automatic wording in a longer answer is only a suspicion.
AUTO_NOTE_MAX_CHARS = 1200


@dataclass(frozen=True)
class Classification:
    kind: str
    bounce: dict | None = None  # {"action", "status", "permanent", "recipients", "diagnostic"}
    original_message_id: str | None = None  # from a DSN or MDN: the message it is about
    reason: str = ""
    # True when the machine is not sure and a juror should look (e.g. an "automatic" header
    # on a message that reads as a person's answer): the message goes to the review queue.
    review: bool = False


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
        if part.get_content_type() in DSN_TYPES:
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
        found = STATUS.search(_body_head(msg))
        if found:
            statuses.append(found.group(0))
    status = statuses[0] if statuses else ""
    action = _bounce_action(msg, actions, status)
    if action == "failed" and not status:
        status = "5.0.0"
    return {
        "action": action,
        "status": status or None,
        "permanent": action == "failed",
        "recipients": recipients,
        "diagnostic": diagnostic,
    }


def _body_head(msg: Message) -> str:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        text = body.get_content()
    except (LookupError, UnicodeError, KeyError, AssertionError):
        text = (body.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return text[: W.BODY_HEAD] if isinstance(text, str) else ""


def _bounce_action(msg: Message, actions: list[str], status: str) -> str:
    """failed or delayed: the DSN's Action fields first, then the wording of the report."""
    subject = header_text(msg, "Subject")
    if W.FINAL.search(subject):
        return "failed"
    if any(a in ("failed", "failure", "expired") for a in actions):
        return "failed"
    if actions and all(a == "delayed" for a in actions if a not in ("delivered", "relayed")):
        return "delayed"
    if W.DELAY.search(subject) or W.DELAY.search(_body_head(msg)):
        return "delayed"
    return "failed"


def _is_bounce(msg: EmailMessage, parsed: ParsedMessage) -> str:
    rtype = _report_type(msg)
    if rtype in ("delivery-status", "global-delivery-status"):
        return "report-type=delivery-status"
    if msg.get_content_type() in DSN_TYPES:
        return "a bare delivery-status report"
    if "X-Failed-Recipients" in msg:
        return "X-Failed-Recipients"
    daemon = bool(W.DAEMON_SENDER.match(parsed.from_addr)) or bool(
        W.DAEMON_NAME.search(parsed.from_name)
    )
    if not parsed.from_addr and header_text(msg, "Return-Path").strip() in ("<>", ""):
        daemon = daemon or bool(W.BOUNCE_SUBJECT.search(parsed.subject))
    text = _rules_text(parsed)
    subject = W.BOUNCE_SUBJECT.search(parsed.subject)
    body = W.BOUNCE_BODY.search(text[: W.BODY_HEAD])
    opening = W.BOUNCE_OPENING.search(" ".join(text[:400].split())[:300])
    if daemon and (subject or body):
        return "delivery report: sender and " + ("subject" if subject else "wording")
    if subject and body and (opening or not has_reply_prefix(parsed.subject)):
        return "delivery report: subject and wording"
    if (
        opening
        and (_auto_header(msg) or not _threaded(msg, parsed))
        and not re.search(W.GREETING.pattern, text[:200], re.I | re.M)
    ):
        return "delivery report: wording"
    return ""


def _is_receipt(msg: EmailMessage, parsed: ParsedMessage) -> str:
    if _report_type(msg) == "disposition-notification":
        return "report-type=disposition-notification"
    if msg.get_content_type() == "message/disposition-notification":
        return "a bare disposition notification"
    if W.RECEIPT_SUBJECT.search(parsed.subject):
        return "subject"
    return ""


def _auto_header(msg: EmailMessage) -> str:
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
    return ""


def _auto_wording(parsed: ParsedMessage) -> str:
    if W.AUTO_SUBJECT.search(parsed.subject):
        return "subject"
    if W.AUTO_BODY.search(_rules_text(parsed)[: W.BODY_HEAD]):
        return "wording"
    return ""


def _rules_text(parsed: ParsedMessage) -> str:
    """The text the wording rules read: HTML tags dropped; for a body the parser could not
    separate (broken MIME), the first text it can find."""
    text = parsed.text
    if not text.strip():
        for part in parsed.msg.walk():
            payload = part.get_payload()
            if isinstance(payload, str) and payload.strip():
                text = payload
                break
    if "<" in text[:500] and re.search(r"</?(p|div|br|html|span)\b", text[:2000], re.I):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text[: W.BODY_HEAD * 2]


def _reads_as_answer(parsed: ParsedMessage) -> bool:
    """Text a person wrote in answer: a quoted earlier message, or a letter answering
    (a reference to the enquiry, or greeted, closed and signed by an office, asking nothing)."""
    text = _rules_text(parsed)
    if re.search(W.QUOTE_HEADER.pattern, text, re.I | re.M):
        return True
    own = " ".join(text.split())
    if len(own) < ANSWER_MIN_CHARS:
        return False
    if W.ANSWER_OPENING.search(own[:200]):
        return True
    if not re.search(W.GREETING.pattern, text, re.I | re.M):
        return bool(W.ANSWER.search(own) and W.ANSWER.search(parsed.subject))
    if W.ANSWER.search(own):
        return True
    # A letter signed by an office (closing and a phone or fax number), asking nothing.
    return bool(W.CLOSING.search(own) and W.CONTACT.search(own)) and "?" not in own


def _long_answer(parsed: ParsedMessage) -> bool:
    """A text far longer than any out-of-office note, that reads as an answer."""
    own = " ".join(_rules_text(parsed).split())
    return len(own) > AUTO_NOTE_MAX_CHARS and _reads_as_answer(parsed)


def _answer_attached_as_message(parsed: ParsedMessage) -> bool:
    """Outlook's "attach item": the sender's own message attached, named in the text as
    <<Subject>>."""
    for part in parsed.msg.walk():
        if part.get_content_type() != "message/rfc822":
            continue
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner, Message):
            continue
        sender = header_text(inner, "From").lower()
        subject = " ".join(header_text(inner, "Subject").split())
        if parsed.from_addr and parsed.from_addr in sender and subject:
            if f"<<{subject}>>" in " ".join(parsed.text.split()).replace("<< ", "<<").replace(
                " >>", ">>"
            ):
                return True
    return False


def _threaded(msg: EmailMessage, parsed: ParsedMessage) -> str:
    if parsed.in_reply_to or parsed.references:
        return "In-Reply-To/References"
    if has_reply_prefix(parsed.subject):
        return "reply prefix"
    topic = " ".join(header_text(msg, "Thread-Topic").split())
    subject = " ".join(strip_reply_prefix(parsed.subject).split())
    if topic and subject and topic.lower() != subject.lower():
        return "Thread-Topic of an earlier message"
    if re.search(W.QUOTE_HEADER.pattern, _rules_text(parsed), re.I | re.M):
        return "quoted earlier message"
    return ""


def classify(parsed: ParsedMessage, matched: bool | None = None) -> Classification:
    """Classify a parsed message. `matched` says whether it was matched to an enquiry
    (None: unknown, as for saved files): an unmatched, unthreaded message is `other`."""
    msg = parsed.msg
    if reason := _is_bounce(msg, parsed):
        return Classification(BOUNCE, bounce_details(msg), _original_message_id(msg), reason)
    if reason := _is_receipt(msg, parsed):
        return Classification(READ_RECEIPT, None, _original_message_id(msg), reason)
    if _report_type(msg) == "feedback-report":
        return Classification(OTHER, reason="abuse feedback report (ARF)")
    threaded = _threaded(msg, parsed)
    header = _auto_header(msg)
    subject_wording = W.AUTO_SUBJECT.search(parsed.subject)
    listed = "List-Id" in msg or "List-Unsubscribe" in msg
    if listed and not header and not threaded and not subject_wording:
        return Classification(OTHER, reason="mailing list or newsletter")
    if wording := _auto_wording(parsed):
        if not header and wording == "wording" and _long_answer(parsed):
            # Out-of-office words inside a long letter ("the director is away, so I answer")
            return Classification(
                HUMAN_REPLY, reason="automatic wording in a long answer", review=True
            )
        return Classification(AUTO_REPLY, reason=header or f"automatic reply ({wording})")
    if header:
        if _reads_as_answer(parsed):
            # An EZD system or a list may mark a person's answer as automatic: a juror decides.
            return Classification(
                HUMAN_REPLY, reason=f"{header}, but the text reads as an answer", review=True
            )
        return Classification(AUTO_REPLY, reason=header)
    if matched is False:
        return Classification(OTHER, reason="not matched to an enquiry")
    if matched:
        return Classification(HUMAN_REPLY, reason="reply matched to an enquiry")
    if threaded:
        return Classification(HUMAN_REPLY, reason=f"reply ({threaded})")
    if reason := _new_message_answer(parsed):
        return Classification(
            HUMAN_REPLY, reason=f"answer sent as a new message ({reason})", review=True
        )
    return Classification(OTHER, reason="not a reply")


def _new_message_answer(parsed: ParsedMessage) -> str:
    """Why an unthreaded message with no sign of automation reads as a person's answer."""
    if _reads_as_answer(parsed):
        return "wording"
    if W.ANSWER_SUBJECT.search(parsed.subject):
        return "subject"
    if _answer_attached_as_message(parsed):
        return "own message attached"
    text = _rules_text(parsed)
    if W.FORWARD_PREFIX.match(parsed.subject) and re.search(W.GREETING.pattern, text, re.I | re.M):
        return "forwarded with a greeting"
    return ""
