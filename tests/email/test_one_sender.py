"""One sender for every machine: two worker processes sending for the same institution
domain at the same moment. The sender's lease is held in the database (SQLite here, and
PostgreSQL under scripts/test.sh's db_matrix run), so each participant gets its enquiry
exactly once and the per-domain interval holds between the two processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from results.email_models import Enquiry, Lease
from scheduler.email import plan
from tests.email.conftest import PASSWORD, PASSWORD_REF, ROOT, imap_count, new_mailbox, wait_for

pytestmark = [
    pytest.mark.mail,
    pytest.mark.slow,
    pytest.mark.db_matrix,
    pytest.mark.django_db(transaction=True),
]
INTERVAL = 4  # seconds between two enquiries to one domain (20 minutes in production)
WORKER = ROOT / "tests" / "email" / "send_worker.py"


def database_url() -> str:
    """The test database, as the worker processes must reach it."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_two_worker_processes_send_each_enquiry_once_and_keep_the_interval(
    edition, make_persona, make_participant, tmp_path
):
    make_persona()
    addresses = [new_mailbox(local, "gmina-wspolna.test") for local in ("sekretariat", "podatki")]
    participants = [make_participant(a) for a in addresses]
    plan.plan_enquiries(edition, datetime.now(UTC), immediately=True, seed="t", per_participant=1)
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "AUDITOR_DATA_DIR": str(tmp_path / "data"),
        PASSWORD_REF: PASSWORD,
        "DJANGO_SETTINGS_MODULE": "auditor.settings",
    }
    start_at = str(time.time() + 3)  # after both interpreters have started
    args = [sys.executable, str(WORKER), str(edition.year), str(INTERVAL), start_at, "60"]
    workers = [
        subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=120) for w in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
    totals = [json.loads(out) for out, _ in outputs]
    # Two sends in all, whichever worker made them; the other found them taken or not due.
    assert sum(t.get("sent", 0) for t in totals) == 2, totals
    enquiries = list(Enquiry.objects.filter(participant__in=participants).order_by("sent_at"))
    assert [e.state for e in enquiries] == [Enquiry.SENT, Enquiry.SENT]
    assert enquiries[1].sent_at - enquiries[0].sent_at >= timedelta(seconds=INTERVAL)
    # Each participant's mailbox got its enquiry exactly once.
    for address in addresses:
        wait_for(lambda a=address: imap_count(a) >= 1, timeout=30)
    time.sleep(1)
    assert [imap_count(a) for a in addresses] == [1, 1]
    assert Lease.objects.get(name="email-send").holder == ""  # released


def test_the_lease_is_one_holder_at_a_time_and_a_dead_local_holder_frees_it():
    from scheduler.lease import LeaseBusy, held

    with held("test-lease") as first:
        with pytest.raises(LeaseBusy, match="zajęta"):
            with held("test-lease", wait=0.3):
                pass
        assert first.renew()
    # A holder of this machine whose process is gone does not block until expiry.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    pid = dead.stdout.decode().strip()
    Lease.objects.filter(name="test-lease").update(
        holder=f"{socket.gethostname()}:{pid}:x", expires_at=datetime.now(UTC) + timedelta(hours=1)
    )
    with held("test-lease", wait=0.3) as again:
        assert again.renew()
