"""Parsing one raw e-mail into the fields the probe keeps, repairing mislabelled charsets."""

from __future__ import annotations

import email
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

# windows-1250 bytes decoded as iso-8859-2 betray themselves: "ś", "ź", "Ś", "Ź" become C1
# control characters (U+0080–U+009F), "ą" becomes "š", "Ą" "Ľ" — letters Polish never uses.
SUSPECT = re.compile("[\u0080-\u009fšľĽŤť]")
LATIN2_LABELS = {"iso-8859-2", "iso8859-2", "latin2", "latin-2", "l2"}
POLISH = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def _polish_score(text: str) -> int:
    return len(POLISH.findall(text)) - 2 * len(SUSPECT.findall(text))


def _better_as_cp1250(text: str, data: bytes) -> str | None:
    """The cp1250 reading of `data` if it reads as better Polish than `text`, else None."""
    if not SUSPECT.search(text):
        return None
    try:
        candidate = data.decode("cp1250")
    except UnicodeDecodeError:
        return None
    return candidate if _polish_score(candidate) > _polish_score(text) else None


MSGID = re.compile(r"<[^<>\s]+>")


@dataclass
class Attachment:
    filename: str | None
    media_type: str
    size: int
    has_text: bool

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "media_type": self.media_type,
            "size": self.size,
            "has_text": self.has_text,
        }


@dataclass
class ParsedMessage:
    msg: EmailMessage
    message_id: str | None
    in_reply_to: list[str]
    references: list[str]
    from_addr: str
    from_name: str
    to: list[str]
    subject: str
    date_header: datetime | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    charset_repaired: bool = False

    @property
    def from_domain(self) -> str:
        return self.from_addr.rpartition("@")[2].lower()


def message_ids(value: str | None) -> list[str]:
    """The `<id>` tokens of a Message-ID, In-Reply-To or References header, in order."""
    return MSGID.findall(str(value or ""))


def _repair_text(part: EmailMessage, text: str) -> tuple[str, bool]:
    if not SUSPECT.search(text):
        return text, False
    repaired = _better_as_cp1250(text, part.get_payload(decode=True) or b"")
    return (repaired, True) if repaired is not None else (text, False)


def _part_text(part: EmailMessage) -> tuple[str, bool]:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError):
        # Unknown or lying charset label: Polish mail is most often windows-1250.
        payload = part.get_payload(decode=True) or b""
        return payload.decode("cp1250", errors="replace"), True
    if not isinstance(text, str):
        return "", False
    return _repair_text(part, text)


def _subject(msg: EmailMessage) -> tuple[str, bool]:
    subject = str(msg.get("Subject", "") or "")
    if not SUSPECT.search(subject):
        return subject, False
    raw = next((v for k, v in msg.raw_items() if k.lower() == "subject"), "")
    pieces = []
    for chunk, charset in decode_header(str(raw)):
        if isinstance(chunk, str):
            pieces.append(chunk)
        elif (charset or "").lower().replace("_", "-") in LATIN2_LABELS:
            # Re-read words labelled iso-8859-2 as windows-1250.
            pieces.append(chunk.decode("cp1250", errors="replace"))
        else:
            pieces.append(chunk.decode(charset or "ascii", errors="replace"))
    candidate = " ".join("".join(pieces).split())
    if _polish_score(candidate) > _polish_score(subject):
        return candidate, True
    return subject, False


def html_to_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _has_text(media_type: str, data: bytes) -> bool:
    if media_type.startswith("text/") or media_type.startswith("message/"):
        return True
    if media_type == "application/pdf":
        return b"/Font" in data  # a scan has images but no fonts
    return "officedocument" in media_type or "opendocument" in media_type or "msword" in media_type


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse a raw RFC 5322 message (bytes as stored) with the `email` package."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    repaired = False

    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        text, repaired = _part_text(body)
        if body.get_content_type() == "text/html":
            text = html_to_text(text)

    attachments = []
    for part in msg.iter_attachments():
        ctype = part.get_content_type()
        try:
            data = part.get_payload(decode=True) or part.as_bytes()
        except Exception:  # malformed part: keep what we can say about it
            data = b""
        attachments.append(
            Attachment(part.get_filename(), ctype, len(data), _has_text(ctype, data))
        )

    subject, subject_repaired = _subject(msg)
    name, addr = parseaddr(str(msg.get("From", "") or ""))
    date_header = None
    if msg.get("Date"):
        try:
            date_header = parsedate_to_datetime(str(msg["Date"]))
            if date_header.tzinfo is not None:
                date_header = date_header.astimezone(UTC)
        except (TypeError, ValueError):
            date_header = None
    ids = message_ids(msg.get("Message-ID"))
    return ParsedMessage(
        msg=msg,
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(msg.get("In-Reply-To")),
        references=message_ids(msg.get("References")),
        from_addr=addr.lower(),
        from_name=name,
        to=[a.lower() for _, a in getaddresses([str(v) for v in msg.get_all("To", [])]) if a],
        subject=subject.strip(),
        date_header=date_header,
        text=text.replace("\r\n", "\n"),
        attachments=attachments,
        charset_repaired=repaired or subject_repaired,
    )
