"""The distributed path for real: PostgreSQL, Redis, two `auditor worker` processes, a sweep
of the demo world, one worker killed with SIGKILL mid-sweep.

The sweep must complete, every probe run must finish exactly once, and the mail server must
hold each enquiry exactly once. Everything runs as separate processes, as in production.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from imapclient import IMAPClient

from demo import world as demo_world

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.mail, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
AUDITOR = [sys.executable, "-m", "auditor"]
PG = os.environ.get("AUDITOR_TEST_PG", "postgres://auditor@127.0.0.1:55432")
REDIS = os.environ.get("AUDITOR_TEST_REDIS", "redis://127.0.0.1:56379/3")
SITES_PORT = 18380
PARTICIPANTS = ["gmina", "powiat", "wodociagi", "spoldzielnia", "wspolnota", "windows-1250"]


def _service_up(script: str) -> bool:
    return (
        subprocess.run(
            ["bash", str(ROOT / "scripts/services" / script), "start"], capture_output=True
        ).returncode
        == 0
    )


@pytest.fixture
def world(tmp_path):
    for script in ("postgres.sh", "redis.sh", "mailworld.sh"):
        assert _service_up(script), f"{script} did not start"
    db = f"auditor_dist_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{db}",
        "AUDITOR_DATA_DIR": str(tmp_path / "data"),
        "AUDITOR_BROKER_URL": REDIS,
        "AUDITOR_ALLOW_PRIVATE_NETWORKS": "1",
        "AUDITOR_MAIL_PASSWORD": "haslo-testowe",
        "AUDITOR_LEASE_SECONDS": "6",
        "AUDITOR_WORKER_HEARTBEAT_MS": "4000",
        "AUDITOR_MAX_PAGES": "8",
        "AUDITOR_SITE_TIME_BUDGET_S": "60",
        "AUDITOR_HOST_SLOT_TTL_S": "15",
    }
    processes: list[subprocess.Popen] = []
    yield {"env": env, "db": f"{PG}/{db}", "processes": processes, "tmp": tmp_path}
    for p in processes:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in processes:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def run(env, *args: str) -> str:
    done = subprocess.run(
        [*AUDITOR, *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def start(world, args: list[str], log: str) -> subprocess.Popen:
    out = (world["tmp"] / log).open("w")
    p = subprocess.Popen(
        args,
        env=world["env"],
        stdout=out,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        start_new_session=True,
    )
    world["processes"].append(p)
    return p


def registry(tmp: Path) -> tuple[Path, list[str]]:
    from demo.sites.catalogue import BUILDERS, KINDS

    octet = {key: 21 + i for i, (key, _b) in enumerate(BUILDERS)}
    lines = ["nazwa;rodzaj;liczba_pracownikow;strona_www;email;wojewodztwo"]
    emails = []
    for key in PARTICIPANTS:
        email = f"biuro@{key.replace('-', '')}-rozproszony.test"
        emails.append(email)
        lines.append(
            f"Uczestnik {key};{KINDS[key]};30;http://127.0.0.{octet[key]}:{SITES_PORT}/;{email};mazowieckie"
        )
    path = tmp / "rejestr.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, emails


def rows(db: str, sql: str) -> list[tuple]:
    with psycopg.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_sweep_survives_a_killed_worker(world):
    env = world["env"]
    path, emails = registry(world["tmp"])
    for address in [*emails, demo_world.PERSONA["address"]]:
        subprocess.run(
            ["bash", str(ROOT / "scripts/services/mailworld.sh"), "adduser", address],
            check=True,
            capture_output=True,
        )
    run(env, "init")
    run(env, "edition", "create", "--year", "2027")
    subprocess.run(
        [*AUDITOR, "participants", "import", str(path), "--edition", "2027"],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    run(env, *demo_world.persona_add_args())

    start(
        world, [sys.executable, "-m", "demo.sites", "serve", "--port", str(SITES_PORT)], "sites.log"
    )
    workers = [
        start(world, [*AUDITOR, "worker", "--processes", "1", "--threads", "2"], f"worker{i}.log")
        for i in (1, 2)
    ]
    coordinator = start(
        world,
        [
            *AUDITOR,
            "sweep",
            "run",
            "--edition",
            "2027",
            "--email-now",
            "--no-ranking",
            "--key",
            "rozproszony",
        ],
        "sweep.log",
    )

    # Kill the worker that holds a running website probe, mid-probe.
    victim = None
    deadline = time.monotonic() + 180
    while victim is None and time.monotonic() < deadline:
        holders = rows(
            world["db"],
            "SELECT claimed_by FROM results_proberun WHERE status='running' AND probe='website'",
        )
        for (claimed_by,) in holders:
            pid = int(claimed_by.split(":")[1])
            for w in workers:
                if os.getpgid(pid) == w.pid:
                    victim = w
                    break
            if victim:
                break
        time.sleep(0.2)
    assert victim is not None, "no website probe was seen running"
    os.killpg(victim.pid, signal.SIGKILL)
    killed_at = time.monotonic()

    coordinator.wait(timeout=300)
    assert coordinator.returncode == 0, (world["tmp"] / "sweep.log").read_text()[-3000:]
    assert time.monotonic() - killed_at > 0

    runs = rows(
        world["db"], "SELECT id, probe, status, attempts, history FROM results_proberun ORDER BY id"
    )
    assert len(runs) == 2 * len(PARTICIPANTS)
    finished_twice = []
    for run_id, probe, status, _attempts, history in runs:
        assert status in ("done", "failed"), (run_id, probe, status, history)
        finishes = [h for h in history if h["status"] in ("done", "failed", "not_measured")]
        if len(finishes) != 1:
            finished_twice.append((run_id, finishes))
    assert not finished_twice
    # The killed worker's run was taken over: some run needed a second attempt.
    assert any(attempts >= 2 for _, _, _, attempts, _ in runs)
    [(sweep_status,)] = rows(world["db"], "SELECT status FROM results_sweep")
    assert sweep_status == "done"

    # The mail server received each enquiry exactly once.
    # Each participant has its two enquiries (the default N), each with its own text.
    enquiries = rows(world["db"], 'SELECT message_id, "to"::text, state FROM results_enquiry')
    assert len(enquiries) == 2 * len(PARTICIPANTS)
    [(distinct_bodies,)] = rows(world["db"], "SELECT COUNT(DISTINCT body) FROM results_enquiry")
    assert distinct_bodies == 2 * len(PARTICIPANTS)
    for message_id, to, state in enquiries:
        found = delivered(to.strip('[]"'), message_id)
        if state == "uncertain":
            # The kill may land between the claim and the SMTP DATA: the enquiry was then
            # never handed over, and it must not be re-sent either. Never twice.
            assert len(found) <= 1, (to, message_id, state, found)
        else:
            assert len(found) == 1, (to, message_id, state, found)


def delivered(address: str, message_id: str, wait: float = 15.0) -> list[int]:
    """The INBOX messages carrying message_id, waiting a little for local delivery."""
    deadline = time.monotonic() + wait
    while True:
        with IMAPClient("127.0.0.1", port=10143, ssl=False) as imap:
            imap.login(address, "haslo-testowe")
            imap.select_folder("INBOX", readonly=True)
            found = imap.search(["HEADER", "Message-ID", message_id.strip("<>")])
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)
