"""One incoming message, analysed: parsed, classified, its text split. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from probes.email.attachments import AttachmentText, attachment_texts
from probes.email.classify import BOUNCE, Classification, classify
from probes.email.limits import clean_text
from probes.email.message import ParsedMessage, parse_message
from probes.email.reply_text import ReplyParts, split_reply


@dataclass(frozen=True)
class Analysis:
    parsed: ParsedMessage
    classification: Classification
    parts: ReplyParts
    attachment_texts: tuple[AttachmentText, ...] = ()

    def attachments(self) -> list[dict]:
        """Each attachment as stored in the artifact: what it is and the text read from it."""
        texts = list(self.attachment_texts)
        return [
            {**a.as_dict(), **(texts[i].as_dict() if i < len(texts) else {})}
            for i, a in enumerate(self.parsed.attachments)
        ]

    def summary(self) -> dict:
        """The JSON-ready summary; every string valid UTF-8 without NUL (repairs listed)."""
        summary = self._summary()
        repairs = summary["repairs"]
        return _clean(summary, repairs)

    def _summary(self) -> dict:
        p, c = self.parsed, self.classification
        return {
            "kind": c.kind,
            "reason": c.reason,
            "review": c.review,
            "from": p.from_addr,
            "subject": p.subject,
            "message_id": p.message_id,
            "in_reply_to": p.in_reply_to,
            "original_message_id": c.original_message_id,
            "bounce": c.bounce,
            "new_text": self.parts.new_text,
            "quoted_text": self.parts.quoted_text,
            "signature": self.parts.signature,
            "attachments": self.attachments(),
            "charset_repaired": p.charset_repaired,
            "limits_hit": list(p.limits_hit),
            "repairs": list(p.repairs),
        }


def _clean(value, repairs: list[str]):
    if isinstance(value, str):
        text, fixes = clean_text(value)
        repairs.extend(f for f in fixes if f not in repairs)
        return text
    if isinstance(value, dict):
        return {k: value[k] if k == "repairs" else _clean(value[k], repairs) for k in value}
    if isinstance(value, list | tuple):
        return [_clean(v, repairs) for v in value]
    return value


def analyse(raw, matched: bool | None = None) -> Analysis:
    """Analyse one raw message: bytes, or a binary file opened for reading (read as a
    stream, within the limits of probes.email.limits)."""
    parsed = parse_message(raw)
    classification = classify(parsed, matched)
    # A bounce's text is the mail system's explanation, not anyone's reply: keep it whole.
    if classification.kind == BOUNCE:
        parts = ReplyParts(parsed.text.strip(), "", "")
        texts: tuple[AttachmentText, ...] = ()  # the returned original is ours, not an answer
    else:
        parts = split_reply(parsed.text)
        texts = tuple(attachment_texts(parsed.msg)) if parsed.attachments else ()
    return Analysis(parsed, classification, parts, texts)


def reclassify(analysis: Analysis, matched: bool) -> Analysis:
    """Classify again once we know whether the message matched an enquiry."""
    return Analysis(
        analysis.parsed,
        classify(analysis.parsed, matched),
        analysis.parts,
        analysis.attachment_texts,
    )
