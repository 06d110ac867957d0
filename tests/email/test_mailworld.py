"""The mail world's own commands: `mailworld.sh empty` clears a mailbox the IMAP way."""

import smtplib
import subprocess
from email.message import EmailMessage

import pytest
from imapclient import IMAPClient

from tests.email.conftest import IMAP, MAILWORLD, PASSWORD, SMTP, imap_count, new_mailbox, wait_for

pytestmark = [pytest.mark.mail]


def _deliver(to: str, subject: str) -> None:
    message = EmailMessage()
    message["From"] = "sekretariat@gmina-przykladowo.test"
    message["To"] = to
    message["Subject"] = subject
    message.set_content("Dzień dobry, w załączeniu harmonogram.")
    with smtplib.SMTP(*SMTP, timeout=30) as smtp:
        smtp.send_message(message)


def _uids(address: str) -> list[int]:
    with IMAPClient(*IMAP, ssl=False, timeout=30) as client:
        client.login(address, PASSWORD)
        client.select_folder("INBOX", readonly=True)
        return sorted(client.search("ALL"))


def test_empty_expunges_and_uids_keep_rising(mailworld):
    box = new_mailbox("anna", "poczta-mieszkanca.test")
    for n in (1, 2):
        _deliver(box, f"Odpowiedź {n}")
    wait_for(lambda: imap_count(box) == 2)
    before = _uids(box)
    subprocess.run(["bash", str(MAILWORLD), "empty", box], check=True, timeout=30)
    assert imap_count(box) == 0
    _deliver(box, "Odpowiedź 3")
    wait_for(lambda: imap_count(box) == 1)
    # A watcher that remembers the last UID it read still sees the new message as new.
    assert _uids(box)[0] > max(before)
