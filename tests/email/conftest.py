"""Fixtures for the e-mail probe's tests: the real local mail world and fresh mailboxes."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.factories import (
    MAILWORLD_IMAP,
    MAILWORLD_SMTP,
    make_edition,
    make_mailworld_persona,
)
from tests.factories import make_participant as new_participant

ROOT = Path(__file__).resolve().parents[2]
MAILWORLD = ROOT / "scripts" / "services" / "mailworld.sh"
FIXTURES = Path(__file__).parent / "fixtures"
SMTP = MAILWORLD_SMTP
IMAP = MAILWORLD_IMAP
PASSWORD = "haslo-testowe"
PASSWORD_REF = "AUDITOR_TEST_MAIL_PASSWORD"
VACATION_USER = "urlop@gmina-urlopowo.test"


@pytest.fixture(scope="session")
def mailworld():
    """Postfix + Dovecot on loopback (scripts/test.sh starts them; starting again is a no-op)."""
    subprocess.run(
        ["bash", str(MAILWORLD), "start"], check=True, stdout=subprocess.DEVNULL, timeout=120
    )
    return {"smtp": SMTP, "imap": IMAP, "password": PASSWORD}


def new_mailbox(local: str, domain: str) -> str:
    """A fresh mailbox in the test world (Dovecot re-reads its passwd-file by itself)."""
    address = f"{local}-{uuid.uuid4().hex[:8]}@{domain}"
    subprocess.run(["bash", str(MAILWORLD), "adduser", address], check=True, timeout=30)
    return address


def imap_count(address: str, folder: str = "INBOX") -> int:
    with IMAPClient(*IMAP, ssl=False, timeout=30) as c:
        c.login(address, PASSWORD)
        return int(c.select_folder(folder, readonly=True)[b"EXISTS"])


def wait_for(predicate, timeout: float = 15.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture
def make_persona(mailworld, monkeypatch):
    monkeypatch.setenv(PASSWORD_REF, PASSWORD)

    def make(first="Anna", surname="Kowalska", gender="f"):
        address = new_mailbox(f"{first}.{surname}".lower(), "poczta-mieszkanca.test")
        return make_mailworld_persona(
            address, PASSWORD_REF, first_name=first, surname=surname, gender=gender
        )

    return make


@pytest.fixture
def edition():
    return make_edition(2027, dt.date(2027, 1, 1), dt.date(2027, 12, 31))


@pytest.fixture
def make_participant(edition):
    def make(email: str, kind: str = "gmina_wiejska", name: str | None = None):
        return new_participant(
            edition,
            host=email.rpartition("@")[2],
            identity_key=f"id-{uuid.uuid4().hex}",
            name=name or f"Uczestnik {email}",
            kind=kind,
            employees=25,
            emails=[email],
        )

    return make


@pytest.fixture
def send_one(edition, make_persona, make_participant):
    """Plan one enquiry from a fresh persona to a fresh gmina mailbox (`office` is its local
    part and domain), make it the `template`'s (and set any other `fields`), send it and wait
    until the office has it. Returns (persona, enquiry, office address)."""
    from datetime import UTC, datetime

    from results.email_models import Enquiry
    from scheduler.email import plan, send

    def send_one(office: tuple[str, str], template, seed: str = "t", **fields):
        persona = make_persona()
        address = new_mailbox(*office)
        participant = make_participant(address, kind="gmina_wiejska")
        now = datetime.now(UTC)
        plan.plan_enquiries(edition, now, immediately=True, seed=seed, per_participant=1)
        enquiry = Enquiry.objects.get(participant=participant)
        fields = {"template_id": template.id, "answer_key": template.answer_key} | fields
        for name, value in fields.items():
            setattr(enquiry, name, value)
        enquiry.save()
        outcome = send.send_due(edition, participant=participant.pk, immediately=True)
        assert outcome.get(Enquiry.SENT) == 1, outcome
        enquiry.refresh_from_db()
        wait_for(lambda: imap_count(address) >= 1)
        return persona, enquiry, address

    return send_one
