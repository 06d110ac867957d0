"""Parsing one raw e-mail into the fields the probe keeps, repairing mislabelled charsets."""

from __future__ import annotations

import email
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from functools import lru_cache

from probes.email import limits as _limits

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


class _CachingPolicy(EmailPolicy):
    """policy.default, except that a parsed header is reused: the email package re-parses
    Content-Type on every get_content_type() call, which dominated classification time."""

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name"):
            return value
        return _parse_header(name, value)


POLICY = _CachingPolicy()


@lru_cache(maxsize=16384)
def _parse_header(name: str, value: str):
    return EmailPolicy.header_fetch_parse(POLICY, name, value)


@dataclass
class Attachment:
    filename: str | None
    media_type: str
    size: int
    has_text: bool
    truncated: bool = False  # only the first AUDITOR_MAIL_MAX_PART_BYTES were kept

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "media_type": self.media_type,
            "size": self.size,
            "has_text": self.has_text,
            "truncated": self.truncated,
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
    # limits that cut something (probes.email.limits) and repairs made to the text
    limits_hit: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


def header_text(msg, name: str) -> str:
    """A header's value as text, read from the raw header (unfolded, RFC 2047 decoded).

    Cheaper than `msg[name]`, which builds a structured header object on every access.
    """
    wanted = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == wanted:
            # Clipped first: decoding many encoded words is super-linear in the email package.
            value = " ".join(_limits.clip_header(str(value))[0].split())
            if "=?" in value:
                try:
                    value = str(make_header(decode_header(value)))
                except (UnicodeError, LookupError, ValueError):
                    pass
            return value
    return ""


def header_texts(msg, name: str) -> list[str]:
    wanted = name.lower()
    return [
        " ".join(_limits.clip_header(str(v))[0].split())
        for k, v in msg.raw_items()
        if k.lower() == wanted
    ]


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
        # Unknown or lying charset label: valid UTF-8 is UTF-8; otherwise Polish mail is most
        # often windows-1250.
        payload = part.get_payload(decode=True) or b""
        try:
            return payload.decode("utf-8"), True
        except UnicodeDecodeError:
            return payload.decode("cp1250", errors="replace"), True
    if not isinstance(text, str):
        return "", False
    return _repair_text(part, text)


def _subject(msg: EmailMessage) -> tuple[str, bool]:
    subject = header_text(msg, "Subject")
    if not SUSPECT.search(subject):
        return subject, False
    raw = next((v for k, v in msg.raw_items() if k.lower() == "subject"), "")
    pieces = []
    for chunk, charset in decode_header(_limits.clip_header(str(raw))[0]):
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


def _from_address(msg) -> tuple[str, str]:
    """(display name, address) of From. The raw header is split first, then the name decoded:
    decoding first turns "=?…?Q?Mustermann=2C_Erika?= <e@x>" into an unquoted comma that
    parseaddr reads as two addresses."""
    raw = " ".join(next((str(v) for k, v in msg.raw_items() if k.lower() == "from"), "").split())
    name, addr = parseaddr(raw)
    if "@" not in addr:
        return parseaddr(header_text(msg, "From"))
    if "=?" in name:
        try:
            name = str(make_header(decode_header(name)))
        except (UnicodeError, LookupError, ValueError):
            pass
    return name, addr


def parse_message(raw) -> ParsedMessage:
    """Parse a raw RFC 5322 message (bytes as stored, or a binary file) with the `email`
    package, within the limits of `probes.email.limits`."""
    bounded = _limits.bound(raw)
    msg = email.message_from_bytes(bounded.data, policy=POLICY)
    assert isinstance(msg, EmailMessage)
    repaired = False

    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        text, repaired = _part_text(body)
        if body.get_content_type() == "text/html":
            text = html_to_text(text)

    attachments = [_attachment(part, bounded) for part in msg.iter_attachments()]

    subject, subject_repaired = _subject(msg)
    name, addr = _from_address(msg)
    date_header = None
    if date_text := header_text(msg, "Date"):
        try:
            date_header = parsedate_to_datetime(date_text)
            if date_header.tzinfo is not None:
                date_header = date_header.astimezone(UTC)
        except (TypeError, ValueError):
            date_header = None
    ids = message_ids(header_text(msg, "Message-ID"))
    repairs: list[str] = []
    text, fixes = _limits.clean_text(text.replace("\r\n", "\n"))
    repairs += fixes
    subject, fixes = _limits.clean_text(subject.strip())
    repairs += [f for f in fixes if f not in repairs]
    from_name, fixes = _limits.clean_text(name)
    repairs += [f for f in fixes if f not in repairs]
    if any(_limits.clip_header(str(v))[1] for _, v in msg.raw_items()):
        bounded.hit("max_header_chars")
    return ParsedMessage(
        msg=msg,
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(header_text(msg, "In-Reply-To")),
        references=message_ids(header_text(msg, "References")),
        from_addr=_limits.clean_text(addr.lower())[0],
        from_name=from_name,
        to=[
            _limits.clean_text(a.lower())[0] for _, a in getaddresses(header_texts(msg, "To")) if a
        ],
        subject=subject,
        date_header=date_header,
        text=text,
        attachments=attachments,
        charset_repaired=repaired or subject_repaired,
        limits_hit=bounded.limits_hit,
        repairs=repairs,
    )


def _attachment(part: EmailMessage, bounded: _limits.Bounded) -> Attachment:
    ctype = part.get_content_type()
    try:
        data = part.get_payload(decode=True) or part.as_bytes()
    except Exception:  # malformed part: keep what we can say about it
        data = b""
    size, truncated = len(data), False
    encoded = part.get_payload()
    if bounded.dropped and isinstance(encoded, str):
        first = encoded.lstrip().split("\n", 1)[0].strip()
        dropped = bounded.dropped.get(first.encode("ascii", "surrogateescape"), 0)
        if dropped:
            base64 = str(part.get("Content-Transfer-Encoding", "")).strip().lower() == "base64"
            size += dropped * 3 // 4 if base64 else dropped
            truncated = True
    return Attachment(part.get_filename(), ctype, size, _has_text(ctype, data), truncated)
