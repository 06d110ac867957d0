"""Limits on what one raw message may cost, enforced before the `email` package sees it.

The standard parser recurses once per nesting level (a 1,000-level multipart raises
RecursionError), keeps a whole attachment in memory several times over (a 100 MB attachment
took 1 GB) and decodes header words in super-linear time. So a raw message is first read as
a stream of lines and bounded here:

- nesting (multipart and message/rfc822) deeper than `max_depth` is cut off at that line;
- a part's body keeps its first `max_part_bytes` (encoded) bytes, the rest is counted, not kept;
- the whole message keeps at most `max_message_bytes`;
- a line keeps its first `max_line_bytes`;
- a header value is decoded from its first `max_header_chars` characters (`clip_header`).

What was cut is reported (`Bounded.limits_hit`, `Bounded.dropped`), never silent. Limits are
settings (environment variables, see README "Settings"), read on each call.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field

DEFAULTS = {
    "AUDITOR_MAIL_MAX_DEPTH": 40,
    "AUDITOR_MAIL_MAX_PART_BYTES": 10 * 1024 * 1024,
    "AUDITOR_MAIL_MAX_MESSAGE_BYTES": 40 * 1024 * 1024,
    "AUDITOR_MAIL_MAX_LINE_BYTES": 1024 * 1024,
    "AUDITOR_MAIL_MAX_HEADER_CHARS": 16 * 1024,
}

BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))', re.I)
CONTENT_TYPE = re.compile(rb"^content-type\s*:\s*([\w.+-]+/[\w.+-]+)", re.I)
NESTED_MESSAGE = {b"message/rfc822", b"message/global", b"message/news"}


class LimitError(ValueError):
    """A limit setting that is not a positive whole number."""


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_part_bytes: int
    max_message_bytes: int
    max_line_bytes: int
    max_header_chars: int


def current() -> Limits:
    values = {}
    for name, default in DEFAULTS.items():
        text = os.environ.get(name, "").strip()
        try:
            value = int(text) if text else default
        except ValueError:
            value = 0
        if value < 1:
            raise LimitError(f"{name} musi być dodatnią liczbą całkowitą, podano {text!r}")
        values[name.removeprefix("AUDITOR_MAIL_").lower()] = value
    return Limits(**values)


@dataclass
class Bounded:
    """The kept bytes of a message and what the limits cut from it."""

    data: bytes
    limits_hit: list[str] = field(default_factory=list)
    # first kept body line of a cut part -> bytes of that part not kept (without line ends)
    dropped: dict[bytes, int] = field(default_factory=dict)
    total_bytes: int = 0

    def hit(self, name: str) -> None:
        if name not in self.limits_hit:
            self.limits_hit.append(name)


def bound(source: bytes | io.BufferedIOBase, limits: Limits | None = None) -> Bounded:
    """Read a raw message (bytes or a binary stream) line by line within the limits."""
    limits = limits or current()
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    out = io.BytesIO()
    result = Bounded(b"")
    stack: list[bytes | None] = []  # open multipart boundaries; None for a nested message
    in_headers, nested_next = True, False
    body_kept = body_dropped = 0
    body_key: bytes | None = None
    kept = 0
    cut_line = False  # the rest of an over-long line is being skipped
    too_deep = False
    while True:
        line = stream.readline(limits.max_line_bytes)
        if not line:
            break
        result.total_bytes += len(line)
        if cut_line:
            cut_line = not line.endswith(b"\n")
            continue
        if not line.endswith(b"\n") and len(line) >= limits.max_line_bytes:
            result.hit("max_line_bytes")
            cut_line = True
            line += b"\r\n"
        if too_deep:
            continue
        if line.startswith(b"--") and stack:
            level = _boundary_level(line, stack)
            if level is not None:
                closing = line.rstrip().endswith(stack[level] + b"--")  # type: ignore[operator]
                del stack[level if closing else level + 1 :]
                _close_body(result, body_key, body_dropped)
                in_headers, nested_next = not closing, False
                body_kept = body_dropped = 0
                body_key = None
                kept += _write(out, line)
                continue
        if in_headers:
            if line.strip() == b"":
                in_headers = nested_next
                if nested_next:
                    stack.append(None)
                    nested_next = False
                    if len(stack) > limits.max_depth:
                        result.hit("max_depth")
                        too_deep = True
                        continue
            else:
                declared = BOUNDARY.search(line)
                if declared:
                    stack.append(declared.group(1) or declared.group(2))
                    if len(stack) > limits.max_depth:
                        result.hit("max_depth")
                        too_deep = True
                        continue
                ctype = CONTENT_TYPE.match(line)
                if ctype and ctype.group(1).lower() in NESTED_MESSAGE:
                    nested_next = True
            kept += _write(out, line)
            continue
        if kept + len(line) > limits.max_message_bytes:
            result.hit("max_message_bytes")
            body_dropped += len(line.rstrip(b"\r\n"))
            continue
        if body_kept + len(line) > limits.max_part_bytes:
            result.hit("max_part_bytes")
            body_dropped += len(line.rstrip(b"\r\n"))
            continue
        if body_key is None and line.strip():
            body_key = line.strip()
        body_kept += len(line)
        kept += _write(out, line)
    _close_body(result, body_key, body_dropped)
    result.data = out.getvalue()
    return result


def _write(out: io.BytesIO, line: bytes) -> int:
    out.write(line)
    return len(line)


def _close_body(result: Bounded, key: bytes | None, dropped: int) -> None:
    if dropped and key is not None:
        result.dropped[key] = result.dropped.get(key, 0) + dropped


def _boundary_level(line: bytes, stack: list[bytes | None]) -> int | None:
    """The index in `stack` of the boundary this delimiter line closes or continues."""
    text = line.rstrip()[2:]
    for level in range(len(stack) - 1, -1, -1):
        b = stack[level]
        if b is not None and (text == b or text == b + b"--"):
            return level
    return None


def clip_header(value: str, limits: Limits | None = None) -> tuple[str, bool]:
    """A header value clipped to `max_header_chars` at a space, so decoding stays bounded."""
    cap = (limits or current()).max_header_chars
    if len(value) <= cap:
        return value, False
    cut = value.rfind(" ", 0, cap)
    return value[: cut if cut > 0 else cap], True


def clean_text(text: str) -> tuple[str, list[str]]:
    """Text safe for JSON and PostgreSQL: NUL removed, undecodable bytes replaced (U+FFFD).

    Bytes the parser kept as lone surrogates (surrogateescape) are read as UTF-8 when they are
    UTF-8, else replaced. Returns the text and the names of the repairs made."""
    repairs = []
    if "\x00" in text:
        text = text.replace("\x00", "")
        repairs.append("nul_removed")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            fixed = text.encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeError:
            fixed = text.encode("utf-8", "surrogateescape" if _escaped_only(text) else "replace")
            fixed = fixed.decode("utf-8", "replace")
            repairs.append("undecodable_replaced")
        text = fixed
    if "\ufffd" in text and "undecodable_replaced" not in repairs:
        repairs.append("undecodable_replaced")
    return text, repairs


def _escaped_only(text: str) -> bool:
    """True when every surrogate in `text` is one surrogateescape made from a raw byte."""
    return all("\udc80" <= ch <= "\udcff" for ch in text if "\ud800" <= ch <= "\udfff")
