"""Exactly once: a sender crashing between recording an enquiry and the server's 250 (or
just after it) never leads to a second message reaching the participant. Each participant
has two enquiries (the default N): the crash hits the first, the second still goes out once."""

from __future__ import annotations

import email
import email.policy
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.email.conftest import (
    IMAP,
    PASSWORD,
    PASSWORD_REF,
    ROOT,
    imap_count,
    new_mailbox,
    wait_for,
)

pytestmark = [pytest.mark.mail, pytest.mark.slow]
AUDITOR = str(Path(sys.executable).with_name("auditor"))
CRASH_SENDER = str(Path(__file__).with_name("crash_sender.py"))


def run(env, *args, expect=0) -> str:
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == expect, (proc.returncode, proc.stdout, proc.stderr)
    return proc.stdout


def inbox_ids_and_bodies(address: str) -> tuple[list[str], list[str]]:
    """Message-IDs and body texts of what reached the participant's inbox."""
    with IMAPClient(*IMAP, ssl=False, timeout=30) as c:
        c.login(address, PASSWORD)
        c.select_folder("INBOX", readonly=True)
        fetched = c.fetch(c.search("ALL"), ["BODY.PEEK[]"])
    messages = [
        email.message_from_bytes(m[b"BODY[]"], policy=email.policy.default)
        for m in fetched.values()
    ]
    return (
        [str(m["Message-ID"]) for m in messages],
        [m.get_body(("plain",)).get_content() for m in messages],
    )


def _states(env, table: str) -> dict:
    """{state: count} of a table straight from the SQLite file (cheaper than another process)."""
    db = Path(env["AUDITOR_DATA_DIR"]) / "auditor.sqlite3"
    with sqlite3.connect(db) as conn:
        return dict(conn.execute(f"SELECT state, COUNT(*) FROM {table} GROUP BY state").fetchall())


def state(env) -> dict:
    """Enquiry states, every one counted (0 when none)."""
    zero = {s: 0 for s in ("pending", "sending", "sent", "uncertain", "failed")}
    return zero | _states(env, "results_enquiry")


@pytest.fixture
def crash_world(mailworld, tmp_path):
    """Fresh persona and clerk mailboxes, a data folder of its own, and the edition and the
    participant crash_sender.py sets up: (persona, clerk, env)."""
    persona = new_mailbox("anna.kowalska", "poczta-mieszkanca.test")
    clerk = new_mailbox("sekretariat", "gmina-awaryjna.test")
    env = os.environ | {
        "AUDITOR_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        PASSWORD_REF: PASSWORD,
        "DJANGO_SETTINGS_MODULE": "auditor.settings",
    }
    run(env, sys.executable, CRASH_SENDER, "setup", persona, clerk)
    return persona, clerk, env


CRASH_POINTS = pytest.mark.parametrize(
    ("crash_at", "delivered", "after_resolve"),
    [
        ("before_smtp", 0, "uncertain"),
        ("after_250", 1, "uncertain"),
        ("after_sent_copy", 1, "sent"),
    ],
)


@CRASH_POINTS
def test_crash_never_sends_twice(crash_world, crash_at, delivered, after_resolve):
    persona, clerk, env = crash_world

    run(env, sys.executable, CRASH_SENDER, crash_at, expect=9)
    assert state(env)["sending"] == 1  # the crash left the claim behind
    if delivered:
        wait_for(lambda: imap_count(clerk) == 1)

    # The next run finds the interrupted send and never repeats it; the participant's
    # second enquiry (sequence 2, another text), untouched by the crash, goes out once.
    out = run(env, AUDITOR, "email", "send", "--edition", "2027", "--immediately")
    assert "niepewne" in out
    assert state(env)["uncertain"] == 1 and state(env)["sent"] == 1
    run(env, AUDITOR, "email", "send", "--edition", "2027", "--immediately")
    time.sleep(1.5)  # time enough for a second copy to arrive, were one sent
    assert imap_count(clerk) == delivered + 1
    assert state(env)["uncertain"] == 1 and state(env)["sent"] == 1

    assert json.loads(run(env, AUDITOR, "email", "status", "--json"))["uncertain"] == 1
    # Resolution looks in the persona's Sent folder; it never sends.
    out = run(env, AUDITOR, "email", "resolve-uncertain")
    assert state(env)[after_resolve] == (2 if after_resolve == "sent" else 1)
    if after_resolve == "uncertain":
        assert "nadal niepewne" in out
        run(
            env,
            AUDITOR,
            "email",
            "resolve-uncertain",
            "--enquiry",
            "1",
            "--as",
            "sent" if delivered else "failed",
            "--note",
            "sprawdzono w dzienniku serwera",
        )
        assert state(env)["sent" if delivered else "failed"] == 1 + bool(delivered)
    time.sleep(0.5)
    assert imap_count(clerk) == delivered + 1
    ids, bodies = inbox_ids_and_bodies(clerk)
    assert len(set(ids)) == len(ids) and len(set(bodies)) == len(bodies)


def followups(env) -> dict:
    """Follow-up states (only those that occur)."""
    return _states(env, "results_followup")


def clerk_asks(persona: str, clerk: str, in_reply_to: str) -> None:
    import smtplib
    from email.message import EmailMessage
    from email.utils import make_msgid

    from tests.email.conftest import SMTP

    msg = EmailMessage()
    msg["From"], msg["To"] = clerk, persona
    msg["Subject"] = "Re: pytanie"
    msg["Message-ID"] = make_msgid(domain=clerk.rpartition("@")[2])
    msg["In-Reply-To"] = msg["References"] = in_reply_to
    msg.set_content("Dzień dobry,\nprosimy o podanie adresu nieruchomości.\nReferat Komunalny")
    with smtplib.SMTP(*SMTP, timeout=30) as smtp:
        smtp.send_message(msg)


@CRASH_POINTS
def test_crash_never_sends_a_second_followup(crash_world, crash_at, delivered, after_resolve):
    """The persona's follow-up is sent like an enquiry: a sender dying around the 250 leaves
    it "sending", the next run makes it uncertain and never sends it again; the clerk asking
    again, read by a second watcher process, adds no second follow-up."""
    persona, clerk, env = crash_world
    run(env, AUDITOR, "email", "send", "--edition", "2027", "--plan-only", "--immediately")
    run(env, sys.executable, CRASH_SENDER, "retemplate", "gmina.odpady.harmonogram")
    run(env, AUDITOR, "email", "send", "--edition", "2027", "--immediately")
    wait_for(lambda: imap_count(clerk) == 2)
    enquiry_ids, _ = inbox_ids_and_bodies(clerk)

    clerk_asks(persona, clerk, enquiry_ids[0])
    wait_for(lambda: imap_count(persona) == 1)
    run(env, AUDITOR, "email", "watch", "--once")
    assert followups(env) == {"pending": 1}

    run(env, sys.executable, CRASH_SENDER, crash_at, expect=9)
    assert followups(env) == {"sending": 1}
    if delivered:
        wait_for(lambda: imap_count(clerk) == 3)
    run(env, AUDITOR, "email", "send", "--edition", "2027", "--immediately")
    assert followups(env) == {"uncertain": 1}
    # The clerk asks again; two watcher processes read it at once: still one follow-up.
    clerk_asks(persona, clerk, enquiry_ids[0])
    wait_for(lambda: imap_count(persona) == 2)
    watchers = [
        subprocess.Popen([AUDITOR, "email", "watch", "--once"], env=env, cwd=ROOT) for _ in range(2)
    ]
    assert [w.wait(timeout=120) for w in watchers] == [0, 0]
    run(env, AUDITOR, "email", "send", "--edition", "2027", "--immediately")
    time.sleep(1.5)  # time enough for a second copy to arrive, were one sent
    assert followups(env) == {"uncertain": 1}
    assert imap_count(clerk) == 2 + delivered
    run(env, AUDITOR, "email", "resolve-uncertain")
    assert followups(env) == {after_resolve: 1}
    assert imap_count(clerk) == 2 + delivered
