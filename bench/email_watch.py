"""Benchmark of the e-mail probe (run by hand; figures go in the closing notes, not in tests).

1. A watch poll with nothing new on a mailbox of 50,000 messages (target: under 50 ms).
   The mailbox is filled fast by writing Maildir files directly, then letting Dovecot index.
2. Classifying 10,000 messages: parse, classify, split the text (target: under 30 s).

    .venv/bin/python bench/email_watch.py [--messages 50000] [--classify 10000] [--polls 200]

Needs the mail world (scripts/services/mailworld.sh start) and root (to write as vmail).
"""

from __future__ import annotations

import argparse
import os
import pwd
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MAILWORLD = ROOT / "scripts" / "services" / "mailworld.sh"
MAIL_DIR = Path(os.environ.get("AUDITOR_MAIL_DIR", "/tmp/auditor-mail"))
FIXTURES = ROOT / "tests" / "email" / "fixtures"
USER = "bench-50k@poczta-mieszkanca.test"
PASSWORD = "haslo-testowe"


def fill_maildir(user: str, count: int) -> float:
    local, domain = user.split("@")
    maildir = MAIL_DIR / "mail" / domain / local / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    existing = len(os.listdir(maildir / "cur")) + len(os.listdir(maildir / "new"))
    if existing >= count:
        return 0.0
    samples = [p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))]
    vmail = pwd.getpwnam("vmail")
    start = time.perf_counter()
    base = int(time.time()) - 86400 * 30
    for i in range(existing, count):
        raw = samples[i % len(samples)].replace(b"Message-ID: <", f"Message-ID: <b{i}.".encode(), 1)
        name = f"{base + i}.M{i}P1Q1.bench,S={len(raw)}:2,S"
        path = maildir / "cur" / name
        path.write_bytes(raw)
        os.utime(path, (base + i, base + i))
    for dirpath, _dirnames, filenames in os.walk(maildir.parents[1]):
        os.chown(dirpath, vmail.pw_uid, vmail.pw_gid)
        for f in filenames:
            os.chown(os.path.join(dirpath, f), vmail.pw_uid, vmail.pw_gid)
    return time.perf_counter() - start


def index_mailbox(user: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["doveadm", "-c", str(MAIL_DIR / "dovecot" / "dovecot.conf"), "index", "-u", user, "INBOX"],
        check=True,
    )
    return time.perf_counter() - start


def bench_poll(polls: int) -> dict:
    from probes.email.imap import Mailbox
    from probes.email.smtp import MailboxSettings

    settings = MailboxSettings(
        "127.0.0.1", 10025, "none", "127.0.0.1", 10143, "none", USER, PASSWORD
    )
    with Mailbox(settings) as box:
        exists = int(box.client.select_folder("INBOX", readonly=True)[b"EXISTS"])
        last_uid = max(box.client.search(["UID", "*"]))  # where the watcher's state would be
        assert box.new_uids(last_uid) == [], "nothing new expected"
        timings = []
        for _ in range(polls):
            t = time.perf_counter()
            new = box.new_uids(last_uid)
            timings.append((time.perf_counter() - t) * 1000)
            assert new == []
        # For contrast: what a naive watcher does (search the whole mailbox every time).
        t = time.perf_counter()
        everything = box.client.search(["ALL"])
        naive_ms = (time.perf_counter() - t) * 1000
    timings.sort()
    return {
        "messages": exists,
        "all_uids": len(everything),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
        "naive_search_all_ms": naive_ms,
    }


def bench_service_poll(polls: int) -> dict:
    """The watcher's whole poll (state row from the database + UID SEARCH), on SQLite."""
    os.environ["AUDITOR_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-email-")
    os.environ["DATABASE_URL"] = ""
    os.environ["BENCH_MAIL_PASSWORD"] = PASSWORD
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
    import django

    django.setup()
    from probes.email.imap import Mailbox
    from results.db import ensure_database
    from results.email_models import MailboxState
    from results.evidence_store import EvidenceStore
    from scheduler.email import secrets as email_secrets
    from scheduler.email import watch
    from tests.factories import make_mailworld_persona

    ensure_database()
    persona = make_mailworld_persona(USER, "BENCH_MAIL_PASSWORD", surname="Testowa")
    store = EvidenceStore()
    with Mailbox(email_secrets.mailbox_settings(persona)) as box:
        last = max(box.client.search(["UID", "*"]))
        MailboxState.objects.create(
            persona=persona, folder="INBOX", uidvalidity=box.uidvalidity, last_uid=last
        )
        timings = []
        for _ in range(polls):
            t = time.perf_counter()
            assert watch.poll(persona, box, store) == 0
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
    }


def vary(raw: bytes, i: int, rng: random.Random) -> bytes:
    """A distinct copy: its own Message-ID and MIME boundaries, so no parsed header repeats."""
    raw = raw.replace(b"Message-ID: <", f"Message-ID: <c{i}.{rng.random()}.".encode(), 1)
    for boundary in set(re.findall(rb'boundary="?([^";\r\n]+)', raw)):
        raw = raw.replace(boundary, boundary + f".{i}".encode())
    return raw


def bench_classify(count: int) -> dict:
    from probes.email.analyse import analyse

    samples = [p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))]
    rng = random.Random(7)
    # Vary each copy a little so nothing is cached by accident.
    messages = [
        samples[i % len(samples)].replace(
            b"Message-ID: <", f"Message-ID: <c{i}.{rng.random()}.".encode(), 1
        )
        for i in range(count)
    ]
    kinds: dict[str, int] = {}
    start = time.perf_counter()
    for raw in messages:
        kind = analyse(raw).classification.kind
        kinds[kind] = kinds.get(kind, 0) + 1
    elapsed = time.perf_counter() - start
    return {
        "messages": count,
        "seconds": elapsed,
        "per_message_ms": elapsed / count * 1000,
        "kinds": kinds,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--classify", type=int, default=10_000)
    parser.add_argument("--polls", type=int, default=200)
    args = parser.parse_args()

    subprocess.run(["bash", str(MAILWORLD), "start"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["bash", str(MAILWORLD), "adduser", USER, PASSWORD], check=True)
    filled = fill_maildir(USER, args.messages)
    indexed = index_mailbox(USER)
    print(f"mailbox: wrote Maildir files in {filled:.1f} s, Dovecot indexed in {indexed:.1f} s")

    poll = bench_poll(args.polls)
    print(
        f"poll with nothing new, {poll['messages']} messages: median {poll['median_ms']:.2f} ms, "
        f"p95 {poll['p95_ms']:.2f} ms, max {poll['max_ms']:.2f} ms (target < 50 ms); "
        f"for contrast SEARCH ALL: {poll['naive_search_all_ms']:.1f} ms"
    )
    service = bench_service_poll(args.polls)
    print(
        f"watcher poll incl. database state: median {service['median_ms']:.2f} ms, p95 {service['p95_ms']:.2f} ms"
    )

    result = bench_classify(args.classify)
    print(
        f"classify {result['messages']} messages: {result['seconds']:.1f} s "
        f"({result['per_message_ms']:.2f} ms each; target < 30 s); kinds {result['kinds']}"
    )


if __name__ == "__main__":
    main()
