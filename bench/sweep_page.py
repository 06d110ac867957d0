"""Server time of the sweep status pages ("Przebiegi badania") and of "Zbadaj ponownie".

Builds a fresh SQLite database in a temporary data folder with 2,500 participants and ten
sweeps of both probes (50,000 probe runs: most done, some failed, not measured, running,
pending), then times requests through Django's full stack in-process (server time, no
network), and one retry of a sweep's not-measured runs.

    .venv/bin/python bench/sweep_page.py [--participants 2500] [--sweeps 10] [--repeat 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import web_timing as web  # noqa: E402

# Of every 20 runs: 16 done, 1 failed, 1 not measured, 1 running, 1 pending.
PATTERN = ["done"] * 16 + ["failed", "not_measured", "running", "pending"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2500)
    parser.add_argument("--sweeps", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    data_dir, edition, _ = web.fresh_world("bench-sweep-page-", args.participants)
    from django.test import Client

    from results.models import ProbeRun, Sweep
    from scheduler.sweeps import create_sweep

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
    organiser = web.user_with_role("org", "organiser")

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
    print(web.header(36))
    with web.fast_passwords():
        client = Client()
        client.force_login(organiser)
        for label, url in cases:
            print(web.time_page(client, url, args.repeat, label, 36))
        t0 = time.perf_counter()
        response = client.post(f"/przebiegi/{target.pk}/ponow/")
        retry_ms = (time.perf_counter() - t0) * 1000
        assert response.status_code == 302
        new = Sweep.objects.get(options__retry_of=target.pk)
        print(f"Zbadaj ponownie: nowy przebieg z {new.runs.count()} sondami w {retry_ms:.0f} ms")


if __name__ == "__main__":
    main()
