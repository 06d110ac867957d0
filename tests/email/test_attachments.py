"""Answers in attachments: the text of PDF, DOCX, ODT and RTF letters is read (bounded), goes
into the artifact and into EML-Q4; a PDF without a text layer is flagged for the jurors.

The fixtures are made by tests/email/fixtures/answers/make_fixtures.py (the PDF printed by
Chromium, as document systems print their letters)."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from probes.email import attachments as att
from probes.email.analyse import analyse
from probes.email.templates import gendered, load_templates
from rubrics.engine import evaluate
from rubrics.rubric import load_rubric
from tests import email_world as w

ANSWERS = Path(__file__).parent / "fixtures" / "answers"
PIES = load_templates()["gmina.pies.rejestracja"]
TYPES = {
    "ezd_letter.pdf": "application/pdf",
    "letter.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "letter.odt": "application/vnd.oasis.opendocument.text",
    "letter.rtf": "application/rtf",
}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_letter_text_is_read_from_every_format(name):
    result = att.read_text((ANSWERS / name).read_bytes(), TYPES[name], name)
    assert result.status == att.OK, result.note
    assert "Opłata od posiadania psa wynosi 60 zł rocznie" in " ".join(result.text.split())
    assert "Katarzyna Wiśniewska" in result.text


def test_octet_stream_is_read_by_its_name():
    data = (ANSWERS / "letter.docx").read_bytes()
    assert att.read_text(data, "application/octet-stream", "odpowiedz.docx").status == att.OK
    assert att.read_text(data, "application/octet-stream", "zdjecie.jpg").status == att.NOT_TEXT


def test_scanned_pdf_is_flagged_not_empty_text():
    result = att.read_text((ANSWERS / "ezd_scan.pdf").read_bytes(), "application/pdf", "a.pdf")
    assert (result.status, result.text) == (att.SCAN, "")


def test_caps_size_unpacking_and_broken_files(monkeypatch):
    monkeypatch.setattr(att, "MAX_BYTES", 1000)
    big = att.read_text((ANSWERS / "ezd_letter.pdf").read_bytes(), "application/pdf", "a.pdf")
    assert big.status == att.TOO_LARGE
    monkeypatch.undo()
    # A zip bomb: one XML part that claims to unpack beyond the cap is not read.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (att.MAX_UNPACKED + 10) + b"</a>")
    bomb = att.read_text(buffer.getvalue(), TYPES["letter.docx"], "x.docx")
    assert bomb.status == att.UNREADABLE
    assert att.read_text(b"%PDF-1.4 garbage", "application/pdf", "x.pdf").status in (
        att.UNREADABLE,
        att.SCAN,
    )
    assert att.read_text(b"not a zip", TYPES["letter.odt"], "x.odt").status == att.UNREADABLE


def test_pdftotext_time_cap(monkeypatch):
    monkeypatch.setattr(att, "TIMEOUT", 0.000001)
    slow = att.read_text((ANSWERS / "ezd_letter.pdf").read_bytes(), "application/pdf", "a.pdf")
    assert slow.status == att.TIMEOUT_STATUS


def test_text_is_capped(monkeypatch):
    monkeypatch.setattr(att, "MAX_CHARS", 100)
    result = att.read_text((ANSWERS / "letter.rtf").read_bytes(), "application/rtf", "a.rtf")
    assert result.truncated and len(result.text) == 100


def ezd_message(attachment: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "EZD RP <ezd@um.gmina.example.pl>"
    msg["To"] = "anna.kowalska@persona.example"
    msg["Subject"] = "Odpowiedź - znak sprawy OR.1431.12.2027"
    msg["Message-ID"] = "<ezd-1@um.gmina.example.pl>"
    msg.set_content(body)
    maintype, subtype = TYPES.get(attachment, "application/pdf").split("/")
    msg.add_attachment(
        (ANSWERS / attachment).read_bytes(),
        maintype=maintype,
        subtype=subtype,
        filename="Odpowiedz_OR.1431.12.2027.pdf" if attachment.endswith(".pdf") else attachment,
    )
    return msg.as_bytes()


def artifact_of(raw: bytes) -> dict:
    a = analyse(raw, matched=True)
    summary = a.summary()
    message = w.message(summary["new_text"], after=timedelta(hours=3), subject=summary["subject"])
    message["attachments"] = summary["attachments"]
    message["signature"] = summary["signature"]
    art = w.artifact(message, state="unanswered", answer_key=PIES.answer_key)
    art["enquiry"]["body"] = f"Dzień dobry,\n{gendered(PIES.wordings[0], 'f')}\nAnna Kowalska"
    return art


def q(art: dict) -> dict:
    results = evaluate(load_rubric("2027.1"), "gmina_wiejska", {"email": [art]}, strict=True)
    return {r.id: r for r in results}


def test_ezd_pdf_answer_scores_on_q4_and_reads_as_a_letter():
    art = artifact_of(
        ezd_message("ezd_letter.pdf", "W załączeniu przesyłamy odpowiedź na Pani wiadomość.")
    )
    (attachment,) = art["messages"][0]["attachments"]
    assert attachment["text_status"] == "ok" and "60 zł" in attachment["text"]
    r = q(art)
    assert r["EML-Q4"].score > 0
    assert r["EML-Q4"].score == 1.0 and r["EML-Q4"].details["enquiries"][0]["from_attachments"]
    assert "60 zł" in r["EML-Q4"].evidence[0]["snippet"]
    # The other criteria read the letter too: greeting, closing, signature.
    assert r["EML-Q1"].score == 1.0 and r["EML-Q2"].score == 1.0
    assert r["EML-Q3"].score >= 0.6
    assert r["EML-Q9"].score > 0 and "z tekstem" in r["EML-Q9"].explanation


def test_scanned_pdf_answer_goes_to_the_jurors_not_zero():
    art = artifact_of(ezd_message("ezd_scan.pdf", "W załączeniu odpowiedź."))
    assert art["messages"][0]["attachments"][0]["text_status"] == "scan"
    q4 = q(art)["EML-Q4"]
    assert q4.score is None and "skan" in q4.explanation and "juror" in q4.explanation
