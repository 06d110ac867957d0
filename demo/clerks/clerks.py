"""Simulated clerks: they read the demo participants' mailboxes over IMAP and answer the
enquiries over SMTP, each in their own manner, delay, mail client and charset.

    python demo/clerks/clerks.py [--config demo/clerks/clerks.yaml] [--once]

Manners: exemplary, terse, rude, wrong, holding_then_answer, auto_reply_only, never, and
bounce (no mailbox at all: Postfix returns a real DSN, so this clerk does nothing).
Clients (quoting styles): thunderbird, gmail, outlook. Charsets: utf-8, windows-1250,
iso-8859-2, and cp1250-as-iso-8859-2 (windows-1250 bytes wrongly labelled iso-8859-2).
"""

from __future__ import annotations

import argparse
import email
import os
import quopri
import re
import smtplib
import sys
import time
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from imapclient import IMAPClient

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from demo.clerks.answers import compose  # noqa: E402

WARSAW = ZoneInfo("Europe/Warsaw")
HOLD_FLAG = b"$Holding"
DAYS = ["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."]
MONTHS = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]
DEFAULT_CONFIG = Path(__file__).with_name("clerks.yaml")


def quote(style: str, original: EmailMessage, text: str) -> str:
    """The original enquiry quoted as the named mail client would."""
    name, addr = parseaddr(str(original.get("From", "")))
    when = email.utils.parsedate_to_datetime(str(original["Date"])).astimezone(WARSAW)
    body = original.get_body(preferencelist=("plain",)).get_content().rstrip()
    quoted = "\n".join("> " + line if line else ">" for line in body.splitlines())
    if style == "thunderbird":
        return f"{text}\n\nW dniu {when:%d.%m.%Y} o {when:%H:%M}, {name} pisze:\n{quoted}\n"
    if style == "gmail":
        head = f"{DAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} o {when:%H:%M} {name} <{addr}>"
        # Gmail wraps long attribution lines, leaving "napisał(a):" on the next line.
        return f"{text}\n\n{head}\nnapisał(a):\n\n{quoted}\n"
    if style == "outlook":
        return (
            f"{text}\n\nOd: {name} <{addr}>\nWysłane: {when:%d.%m.%Y %H:%M}\n"
            f"Do: {original['To']}\nTemat: {original['Subject']}\n\n{body}\n"
        )
    return text


def _encode(msg: EmailMessage, text: str, subject: str, charset: str) -> None:
    if charset == "cp1250-as-iso-8859-2":
        # A broken client: windows-1250 bytes labelled iso-8859-2 (the subject is mangled
        # the same way in to_bytes, as the header API would re-encode it).
        msg["Subject"] = subject
        msg["MIME-Version"] = "1.0"
        msg["Content-Type"] = 'text/plain; charset="iso-8859-2"'
        msg["Content-Transfer-Encoding"] = "quoted-printable"
        msg.set_payload(quopri.encodestring(text.encode("cp1250")).decode("ascii"))
        return
    # Like a real client: characters the charset lacks (e.g. "–" in iso-8859-2) degrade.
    text = text.replace("\u2013", "-").encode(charset, "replace").decode(charset)
    subject = subject.replace("\u2013", "-")
    msg["Subject"] = subject
    cte = {"windows-1250": "quoted-printable", "iso-8859-2": "base64"}.get(charset, "8bit")
    msg.set_content(text, charset=charset, cte=cte)


def reply_message(
    clerk: dict, original: EmailMessage, text: str, *, auto: bool = False
) -> EmailMessage:
    sender = clerk.get("reply_from") or clerk["mailbox"]
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr((clerk.get("name", ""), sender))
    msg["To"] = str(original["From"])
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    subject = str(original.get("Subject", ""))
    prefix = {"outlook": "RE: ", "gmail": "Re: ", "thunderbird": "Odp: "}.get(
        clerk.get("client", ""), "Re: "
    )
    if auto:
        subject_out = "Automatyczna odpowiedź: " + subject
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Autoreply"] = "yes"
    else:
        subject_out = prefix + subject
    if clerk.get("threading", True):
        msg["In-Reply-To"] = str(original["Message-ID"])
        msg["References"] = str(original["Message-ID"])
    _encode(msg, text, subject_out, "utf-8" if auto else clerk.get("charset", "utf-8"))
    return msg


def read_receipt(clerk: dict, original: EmailMessage) -> EmailMessage:
    """An RFC 8098 disposition notification, as Outlook sends when a message is opened."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr((clerk.get("name", ""), clerk["mailbox"]))
    msg["To"] = str(original["From"])
    msg["Subject"] = "Przeczytano: " + str(original.get("Subject", ""))
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=clerk["mailbox"].rpartition("@")[2])
    msg.set_content("Wiadomość została wyświetlona przez adresata.")
    msg.make_mixed()
    report = EmailMessage()
    report.set_content(
        f"Reporting-UA: {clerk['mailbox'].rpartition('@')[2]}; Microsoft Outlook\n"
        f"Final-Recipient: rfc822;{clerk['mailbox']}\n"
        f"Original-Message-ID: {original['Message-ID']}\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n",
        cte="7bit",
    )
    report.set_type("message/disposition-notification")
    msg.attach(report)
    msg.set_type("multipart/report")
    msg.set_param("report-type", "disposition-notification")
    return msg


def to_bytes(clerk: dict, msg: EmailMessage) -> bytes:
    raw = msg.as_bytes()
    if clerk.get("charset") != "cp1250-as-iso-8859-2" or msg.get("Auto-Submitted"):
        return raw
    subject = str(msg["Subject"]).encode("cp1250")
    word = "".join(f"={b:02X}" if b > 127 or chr(b) in "=?_ " else chr(b) for b in subject)
    return re.sub(
        rb"^Subject:.*?\r?\n(?![ \t])",
        f"Subject: =?iso-8859-2?Q?{word}?=\r\n".encode("ascii"),
        raw,
        count=1,
        flags=re.M | re.S,
    )


def send(cfg: dict, clerk: dict, msg: EmailMessage, envelope_to: str) -> None:
    host, port = cfg["smtp"].rsplit(":", 1)
    with smtplib.SMTP(host, int(port), timeout=30) as smtp:
        sender = "" if msg.get("Auto-Submitted") else (clerk.get("reply_from") or clerk["mailbox"])
        smtp.sendmail(sender, [envelope_to], to_bytes(clerk, msg))


def handle_mailbox(cfg: dict, clerk: dict, password: str, now: float) -> int:
    manner = clerk.get("manner", "exemplary")
    if manner in ("bounce",):
        return 0
    host, port = cfg["imap"].rsplit(":", 1)
    sent = 0
    with IMAPClient(host, int(port), ssl=False, timeout=30) as imap:
        imap.normalise_times = False
        imap.login(clerk["mailbox"], password)
        imap.select_folder("INBOX")
        uids = imap.search(["UNANSWERED", "UNDELETED"])
        if not uids:
            return 0
        for uid, data in imap.fetch(uids, ["INTERNALDATE", "FLAGS", "BODY.PEEK[]"]).items():
            original = email.message_from_bytes(data[b"BODY[]"], policy=policy.default)
            if original.get("Auto-Submitted", "no").lower() != "no" or not original.get(
                "Message-ID"
            ):
                imap.add_flags([uid], [b"\\Answered"])  # never answer machines
                continue
            arrived = data[b"INTERNALDATE"].timestamp()
            flags = set(data[b"FLAGS"])
            asker = parseaddr(str(original["From"]))
            enquiry_text = original.get_body(preferencelist=("plain",)).get_content()
            delay = float(clerk.get("delay_seconds", 0))
            if now - arrived < delay:
                continue
            if clerk.get("read_receipt") and b"$MDNSent" not in flags:
                send(cfg, clerk, read_receipt(clerk, original), asker[1])
                imap.add_flags([uid], [b"$MDNSent"])
                sent += 1
            if manner == "never":
                imap.add_flags([uid], [b"\\Answered"])
                continue
            if manner == "auto_reply_only":
                text = (
                    "Dziękujemy za wiadomość. Zostanie ona przekazana do właściwej komórki.\n"
                    "To jest wiadomość wygenerowana automatycznie, prosimy na nią nie odpowiadać."
                )
                send(cfg, clerk, reply_message(clerk, original, text, auto=True), asker[1])
                imap.add_flags([uid], [b"\\Answered"])
                sent += 1
                continue
            if manner == "holding_then_answer" and HOLD_FLAG not in flags:
                text = quote(
                    clerk.get("client", ""),
                    original,
                    compose(manner, "hold", enquiry_text, asker[0], clerk),
                )
                send(cfg, clerk, reply_message(clerk, original, text), asker[1])
                imap.add_flags([uid], [HOLD_FLAG])
                sent += 1
                continue
            if manner == "holding_then_answer" and now - arrived < 2 * delay + float(
                clerk.get("answer_after_hold_seconds", 0)
            ):
                continue
            text = quote(
                clerk.get("client", ""),
                original,
                compose(manner, "answer", enquiry_text, asker[0], clerk),
            )
            send(cfg, clerk, reply_message(clerk, original, text), asker[1])
            imap.add_flags([uid], [b"\\Answered"])
            sent += 1
    return sent


def run_once(cfg: dict) -> int:
    password = os.environ.get(
        cfg.get("password_env", "AUDITOR_MAIL_PASSWORD"), cfg.get("password", "haslo-testowe")
    )
    now = time.time()
    sent = 0
    for clerk in cfg["clerks"]:
        try:
            sent += handle_mailbox(cfg, clerk, password, now)
        except (OSError, smtplib.SMTPException) as exc:  # one broken mailbox must not stop the rest
            print(f"{clerk['mailbox']}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return sent


def load_config(path: Path | str = DEFAULT_CONFIG) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Symulowani urzędnicy świata demonstracyjnego.")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG))
    parser.add_argument("--once", action="store_true", help="jedno przejście i koniec")
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args(argv)
    cfg = load_config(args.config)
    while True:
        n = run_once(cfg)
        if n:
            print(f"urzędnicy wysłali wiadomości: {n}", flush=True)
        if args.once:
            return
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
