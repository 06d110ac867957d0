"""The text of a reply's attachments: PDF (poppler's pdftotext), DOCX and ODT (their zipped
XML), RTF (striprtf), plain text and HTML. Many offices answer with a letter from their
document system (EZD) attached as a PDF: that letter is the answer (review domain-2026-12
§2.4 F35), so its text goes into the artifact and the rubric reads it.

Bounded: attachments larger than MAX_BYTES are not opened, pdftotext gets TIMEOUT seconds
and MAX_PAGES pages, a zipped part may not unpack beyond MAX_UNPACKED bytes, and at most
MAX_CHARS characters are kept. Every outcome is recorded in `text_status`:

- `ok` — text read;
- `scan` — a PDF (or document) with no text layer: a juror reads it (never a zero);
- `too_large`, `timeout`, `unreadable` — we could not read it (ours, not the participant's);
- `not_text` — an image, an archive or another kind we do not read.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # an attachment larger than this is not opened
MAX_UNPACKED = 20 * 1024 * 1024  # an XML part of a DOCX/ODT may not unpack beyond this
MAX_PAGES = 30
MAX_CHARS = 20_000  # kept per attachment
TIMEOUT = 20.0  # seconds for pdftotext
MIN_TEXT_CHARS = 20  # less than this from a PDF with pages: a scan

OK = "ok"
SCAN = "scan"
TOO_LARGE = "too_large"
TIMEOUT_STATUS = "timeout"
UNREADABLE = "unreadable"
NOT_TEXT = "not_text"

PDF_TYPES = {"application/pdf", "application/x-pdf"}
DOCX_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
ODT_TYPES = {"application/vnd.oasis.opendocument.text"}
RTF_TYPES = {"application/rtf", "text/rtf", "application/x-rtf", "text/richtext"}
# Mail clients often label any file application/octet-stream: the name decides then.
BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".rtf": "rtf", ".txt": "txt"}


@dataclass(frozen=True)
class AttachmentText:
    text: str
    status: str
    truncated: bool = False
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "text_status": self.status,
            "text_truncated": self.truncated,
            **({"text_note": self.note} if self.note else {}),
        }


def kind_of(media_type: str, filename: str | None) -> str:
    media_type = (media_type or "").lower()
    if media_type in PDF_TYPES:
        return "pdf"
    if media_type in DOCX_TYPES:
        return "docx"
    if media_type in ODT_TYPES:
        return "odt"
    if media_type in RTF_TYPES:
        return "rtf"
    if media_type == "text/html":
        return "html"
    if media_type.startswith("text/"):
        return "txt"
    return BY_SUFFIX.get(Path(filename or "").suffix.lower(), "")


def _clip(text: str) -> tuple[str, bool]:
    text = re.sub(r"[ \t\u00a0]+", " ", text.replace("\r\n", "\n").replace("\f", "\n"))
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], True
    return text, False


def _pdf_text(data: bytes) -> AttachmentText:
    binary = shutil.which("pdftotext")
    if binary is None:
        return AttachmentText("", UNREADABLE, note="brak programu pdftotext (poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="auditor-pdf-") as tmp:
        path = Path(tmp) / "a.pdf"
        path.write_bytes(data)
        try:
            done = subprocess.run(
                [binary, "-q", "-enc", "UTF-8", "-l", str(MAX_PAGES), str(path), "-"],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return AttachmentText("", TIMEOUT_STATUS, note=f"pdftotext ponad {TIMEOUT:g} s")
        except OSError as exc:
            return AttachmentText("", UNREADABLE, note=f"pdftotext: {type(exc).__name__}")
    if done.returncode != 0:
        return AttachmentText("", UNREADABLE, note=f"pdftotext: kod {done.returncode}")
    text, truncated = _clip(done.stdout.decode("utf-8", errors="replace"))
    if len(re.sub(r"\W", "", text)) < MIN_TEXT_CHARS:
        return AttachmentText("", SCAN, note="PDF bez warstwy tekstowej (skan)")
    return AttachmentText(text, OK, truncated)


def _zip_xml(data: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_UNPACKED:
            raise ValueError("część dokumentu za duża po rozpakowaniu")
        with archive.open(info) as handle:
            content = handle.read(MAX_UNPACKED + 1)
    if len(content) > MAX_UNPACKED:
        raise ValueError("część dokumentu za duża po rozpakowaniu")
    return content


def _xml(content: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(content, parser)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _docx_text(data: bytes) -> str:
    root = _xml(_zip_xml(data, "word/document.xml"))
    lines: list[str] = []
    for para in root.iter(f"{W}p"):
        pieces = []
        for node in para.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
            pieces.append(
                node.text or "" if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else "\n"
            )
        lines.append("".join(pieces))
    return "\n".join(lines)


def _odt_text(data: bytes) -> str:
    root = _xml(_zip_xml(data, "content.xml"))
    lines: list[str] = []
    for para in root.iter(f"{TEXT_NS}p", f"{TEXT_NS}h"):
        if para.getparent() is not None and para.getparent().tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            continue
        lines.append(_odt_inline(para))
    return "\n".join(lines)


def _odt_inline(node) -> str:
    out = [node.text or ""]
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{TEXT_NS}s":
            out.append(" " * int(child.get(f"{TEXT_NS}c", "1") or 1))
        elif tag == f"{TEXT_NS}tab":
            out.append("\t")
        elif tag == f"{TEXT_NS}line-break":
            out.append("\n")
        elif tag not in (f"{TEXT_NS}note", f"{TEXT_NS}tracked-changes"):
            out.append(_odt_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _rtf_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit with \'xx escapes in the document's code page (\ansicpg1250 in Poland).
    raw = data.decode("latin-1")
    codepage = re.search(r"\\ansicpg(\d+)", raw)
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1250"
    try:
        return rtf_to_text(raw, encoding=encoding, errors="replace")
    except LookupError:
        return rtf_to_text(raw, encoding="cp1250", errors="replace")


def _plain_text(data: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8", "cp1250"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def read_text(
    data: bytes, media_type: str, filename: str | None = None, charset: str | None = None
) -> AttachmentText:
    """The text of one attachment, with how it went (see the module's doc)."""
    kind = kind_of(media_type, filename)
    if not kind:
        return AttachmentText("", NOT_TEXT)
    if len(data) > MAX_BYTES:
        return AttachmentText("", TOO_LARGE, note=f"ponad {MAX_BYTES // (1024 * 1024)} MB")
    if kind == "pdf":
        return _pdf_text(data)
    try:
        if kind == "docx":
            text = _docx_text(data)
        elif kind == "odt":
            text = _odt_text(data)
        elif kind == "rtf":
            text = _rtf_text(data)
        elif kind == "html":
            from probes.email.message import html_to_text

            text = html_to_text(_plain_text(data, charset))
        else:
            text = _plain_text(data, charset)
    except Exception as exc:  # a broken file is a fact about the file, not a crash
        return AttachmentText("", UNREADABLE, note=type(exc).__name__)
    clipped, truncated = _clip(text)
    if kind in ("docx", "odt", "rtf") and len(re.sub(r"\W", "", clipped)) < MIN_TEXT_CHARS:
        return AttachmentText("", SCAN, note="dokument bez tekstu (np. wklejony skan)")
    return AttachmentText(clipped, OK, truncated)


def attachment_texts(msg: EmailMessage) -> list[AttachmentText]:
    """The text of every attachment, in the order of `msg.iter_attachments()` (the order of
    ParsedMessage.attachments)."""
    out: list[AttachmentText] = []
    for part in msg.iter_attachments():
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:
            out.append(AttachmentText("", UNREADABLE, note="uszkodzona część wiadomości"))
            continue
        out.append(
            read_text(
                data, part.get_content_type(), part.get_filename(), part.get_content_charset()
            )
        )
    return out
