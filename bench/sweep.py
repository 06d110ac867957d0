"""Sweep throughput: ≥200 generated participants' sites on loopback, one worker vs two.

    .venv/bin/python bench/sweep.py [--sites 200] [--pages 5]

Runs the distributed path for real (PostgreSQL, Redis and `auditor worker` processes from
scripts/services/), sweeps the websites of `--sites` generated participants (each site on
its own 127.0.0.x address, `--pages` pages crawled per site with axe on every page), first
with one worker, then with two, and prints probes and pages per minute for each, with a
projection for 2,500 participants at 50 pages each on 8 workers.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
AUDITOR = [sys.executable, "-m", "auditor"]


def service(script: str) -> str:
    return subprocess.run(
        ["bash", str(ROOT / "scripts/services" / script), "start"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    assert args.sites <= 200, "one loopback address per site: 127.0.0.41–240"

    pg = service("postgres.sh").rsplit("/", 1)[0]
    broker = service("redis.sh").rsplit("/", 1)[0] + "/5"
    corpus = subprocess.Popen(
        [sys.executable, "-m", "bench.corpus", str(args.sites), str(args.pages)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    sites = json.loads(corpus.stdout.readline())["sites"]
    db = f"auditor_bench_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    data = Path(f"/tmp/{db}")
    env = {
        **os.environ,
        "DATABASE_URL": f"{pg}/{db}",
        "AUDITOR_DATA_DIR": str(data),
        "AUDITOR_BROKER_URL": broker,
        "AUDITOR_ALLOW_PRIVATE_NETWORKS": "1",
        "AUDITOR_MAX_PAGES": str(args.pages),
    }
    registry = data / "rejestr.csv"
    data.mkdir(parents=True, exist_ok=True)
    registry.write_text(
        "nazwa;rodzaj;liczba_pracownikow;strona_www;email;wojewodztwo\n"
        + "".join(
            f"Gmina testowa {i};gmina_wiejska;40;{url};ug@gmina{i}.test;mazowieckie\n"
            for i, url in enumerate(sites)
        ),
        encoding="utf-8",
    )

    def run(*a):
        return subprocess.run([*AUDITOR, *a], env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: E731

    run("init")
    run("edition", "create", "--year", "2027")
    run("participants", "import", str(registry), "--edition", "2027")

    results = []
    try:
        for n in args.workers:
            import redis

            redis.Redis.from_url(broker).flushdb()
            workers = [
                subprocess.Popen(
                    [*AUDITOR, "worker", "--processes", "1", "--threads", "2"],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                for _ in range(n)
            ]
            started = time.monotonic()
            done = run(
                "sweep",
                "run",
                "--edition",
                "2027",
                "--only",
                "website",
                "--no-ranking",
                "--key",
                f"bench-{n}",
            )
            elapsed = time.monotonic() - started
            for w in workers:
                os.killpg(w.pid, signal.SIGTERM)
            for w in workers:
                w.wait(timeout=60)
            with psycopg.connect(f"{pg}/{db}") as conn:
                statuses = dict(
                    conn.execute(
                        "SELECT r.status, count(*) FROM results_proberun r JOIN results_sweep s ON s.id = r.sweep_id "
                        "WHERE s.key = %s GROUP BY r.status",
                        (f"bench-{n}",),
                    ).fetchall()
                )
            probes = sum(statuses.values())
            results.append(
                {
                    "workers": n,
                    "seconds": elapsed,
                    "probes": probes,
                    "statuses": statuses,
                    "probes_per_min": probes / elapsed * 60,
                    "pages_per_min": probes * args.pages / elapsed * 60,
                }
            )
            print(
                f"{n} worker(s): {probes} probes in {elapsed:.0f} s — {results[-1]['probes_per_min']:.1f} probes/min, "
                f"{results[-1]['pages_per_min']:.0f} pages/min; {statuses}; sweep rc={done.returncode}",
                flush=True,
            )
    finally:
        corpus.stdin.close()
        corpus.wait(timeout=30)
        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")

    best = max(results, key=lambda r: r["pages_per_min"] / r["workers"])
    per_worker_pages_min = best["pages_per_min"] / best["workers"]
    minutes = 2500 * 50 / (per_worker_pages_min * 8)
    print(
        f"Projection: 2,500 participants × 50 pages on 8 workers (each like this machine's "
        f"{per_worker_pages_min:.0f} pages/min per worker): {minutes:.0f} min ({minutes / 60:.1f} h)."
    )


if __name__ == "__main__":
    main()
