"""Server time of the sweep status pages ("Przebiegi badania") and of "Zbadaj ponownie".

Builds a fresh SQLite database in a temporary data folder with 2,500 participants and ten
sweeps of both probes (50,000 probe runs: most done, some failed, not measured, running,
pending), then times requests through Django's full stack in-process (server time, no
network), and one retry of a sweep's not-measured runs.

    .venv/bin/python bench/sweep_page.py [--participants 2500] [--sweeps 10] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Of every 20 runs: 16 done, 1 failed, 1 not measured, 1 running, 1 pending.
PATTERN = ["done"] * 16 + ["failed", "not_measured", "running", "pending"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2500)
    parser.add_argument("--sweeps", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-sweep-page-"))
    os.environ["AUDITOR_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("AUDITOR_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    import datetime

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from auditor.web.demo_evidence import create_bulk_participants
    from results.models import Edition, ProbeRun, Sweep
    from scheduler.sweeps import create_sweep

    call_command("migrate", interactive=False, verbosity=0)
    edition = Edition.objects.create(
        year=2027, window_start=datetime.date(2027, 3, 1), window_end=datetime.date(2027, 4, 30)
    )
    create_bulk_participants(args.participants, edition)
    sweeps = []
    for k in range(args.sweeps):
        sweep, _ = create_sweep(edition, key=f"bench:{k}")
        ids = list(sweep.runs.order_by("pk").values_list("pk", flat=True))
        for i, status in enumerate(PATTERN):
            chunk = ids[i :: len(PATTERN)]
            fields = {"status": status, "attempts": 1}
            if status == "failed":
                fields["outcome"] = "site_failure"
            if status == "not_measured":
                fields.update(attempts=3, error="TimeoutError: page.goto: Timeout 30000ms")
            ProbeRun.objects.filter(pk__in=chunk).update(**fields)
        sweeps.append(sweep)
    organiser = User.objects.create_user("org", password="x")
    organiser.groups.add(Group.objects.get(name="organiser"))

    target = sweeps[-1]
    cases = [
        ("przebiegi badania (przegląd)", "/przebiegi/"),
        ("jeden przebieg, strona 1", f"/przebiegi/{target.pk}/"),
        ("jeden przebieg, strona 5", f"/przebiegi/{target.pk}/?strona=5"),
    ]
    print(
        f"Uczestników: {args.participants}, przebiegów: {Sweep.objects.count()}, "
        f"sond: {ProbeRun.objects.count()}, baza SQLite: {data_dir}"
    )
    print(f"{'strona':36} {'pierwsze':>9} {'mediana':>9} {'p95':>9} {'zapytań':>8}")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        client = Client()
        client.force_login(organiser)
        for label, url in cases:
            t0 = time.perf_counter()
            assert client.get(url).status_code == 200, url  # cold: templates, caches
            first = (time.perf_counter() - t0) * 1000
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                assert client.get(url).status_code == 200
                times.append((time.perf_counter() - t0) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(
                f"{label:36} {first:6.1f} ms {statistics.median(times):6.1f} ms {p95:6.1f} ms "
                f"{len(queries.captured_queries):8d}"
            )
        t0 = time.perf_counter()
        response = client.post(f"/przebiegi/{target.pk}/ponow/")
        retry_ms = (time.perf_counter() - t0) * 1000
        assert response.status_code == 302
        new = Sweep.objects.get(options__retry_of=target.pk)
        print(f"Zbadaj ponownie: nowy przebieg z {new.runs.count()} sondami w {retry_ms:.0f} ms")


if __name__ == "__main__":
    main()
