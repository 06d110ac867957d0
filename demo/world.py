"""The demo world, whole: websites on 127.0.0.x, mailboxes and clerks in the local mail world.

`auditor demo` brings it up, runs a full audit sweep of the demo registry (websites and
mystery-client e-mails), waits for the clerks' replies, scores, ranks, writes the reports,
and tells where to look. The mail world itself (Postfix + Dovecot) is started beforehand by
`scripts/services/mailworld.sh start` (scripts/demo.sh does it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "demo" / "registry.csv"
CLERKS = ROOT / "demo" / "clerks" / "world.yaml"
MAILWORLD = ROOT / "scripts" / "services" / "mailworld.sh"
PERSONA = {
    "first_name": "Anna",
    "surname": "Kowalska",
    "gender": "f",
    "address": "anna.kowalska@poczta-mieszkanca.test",
}
MAIL_PASSWORD_ENV = "AUDITOR_MAIL_PASSWORD"


def persona_add_args() -> list[str]:
    """`auditor email persona-add …` for the demo persona on the mail world's ports."""
    p = PERSONA
    return [
        "email",
        "persona-add",
        *("--first-name", p["first_name"], "--surname", p["surname"]),
        *("--gender", p["gender"], "--address", p["address"]),
        *("--smtp", "127.0.0.1:10025", "--smtp-tls", "none"),
        *("--imap", "127.0.0.1:10143", "--imap-tls", "none"),
        *("--password-ref", MAIL_PASSWORD_ENV),
    ]


def clerk_mailboxes() -> list[str]:
    config = yaml.safe_load(CLERKS.read_text(encoding="utf-8"))
    return [c["mailbox"] for c in config["clerks"]]


def add_mailboxes(addresses: list[str]) -> None:
    """Participants' mailboxes (the one meant to bounce has none) and the persona's."""
    for address in addresses:
        subprocess.run(
            ["bash", str(MAILWORLD), "adduser", address], check=True, stdout=subprocess.DEVNULL
        )


def empty_mailboxes(addresses: list[str]) -> None:
    """Mail of earlier demo runs would only clutter this run's unmatched messages."""
    subprocess.run(
        ["bash", str(MAILWORLD), "empty", *addresses], check=True, stdout=subprocess.DEVNULL
    )


def start_clerks() -> subprocess.Popen:
    env = {**os.environ, MAIL_PASSWORD_ENV: os.environ.get(MAIL_PASSWORD_ENV, "haslo-testowe")}
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "demo" / "clerks" / "clerks.py"),
            "--config",
            str(CLERKS),
            "--interval",
            "0.5",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_replies(
    poll, expected_quiet_s: float = 12.0, limit_s: float = 90.0, progress=None
) -> int:
    """Read the persona's mailbox until the clerks fall quiet (or the limit passes)."""
    started = last_new = time.monotonic()
    total = 0
    while True:
        new = poll()
        now = time.monotonic()
        if new:
            total += new
            last_new = now
            if progress:
                progress(total)
        if now - last_new >= expected_quiet_s or now - started >= limit_s:
            return total
        time.sleep(1.0)
