"""Server time of the web interface's heaviest pages (target: under 300 ms each).

Builds a fresh SQLite database in a temporary data folder with 2,500 participants (most with
probe-status links), one participant with full demo evidence (3 pages, axe results, an HTML
e-mail) and a score run, then times requests through Django's full stack (middleware,
sessions, templates) in-process, so the figures are server time without the network.

    .venv/bin/python bench/webui.py [--participants 2500] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-webui-"))
    os.environ["AUDITOR_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
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

    from auditor.web.demo_evidence import create_bulk_participants, plant_demo_evidence
    from results.models import Edition, JurorAssignment, Participant
    from results.scoring import rescore

    call_command("migrate", interactive=False, verbosity=0)
    edition = Edition.objects.create(
        year=2027, window_start=datetime.date(2027, 3, 1), window_end=datetime.date(2027, 4, 30)
    )
    participants = create_bulk_participants(args.participants, edition)
    target = participants[0]
    plant_demo_evidence(target, edition)
    organiser = User.objects.create_user("org", password="x")
    organiser.groups.add(Group.objects.get(name="organiser"))
    juror = User.objects.create_user("juror", password="x")
    juror.groups.add(Group.objects.get(name="juror"))
    JurorAssignment.objects.bulk_create(
        JurorAssignment(juror=juror, participant=p, edition=edition) for p in participants[:150]
    )
    started = time.perf_counter()
    rescore(edition, edition.rubric_version, actor="bench")
    rescore_s = time.perf_counter() - started

    cases = [
        ("lista uczestników (organizator, domyślna)", organiser, "/uczestnicy/"),
        (
            "lista: sortowanie po statusie, strona 20",
            organiser,
            "/uczestnicy/?sort=status&strona=20",
        ),
        (
            "lista: filtry + wyszukiwanie",
            organiser,
            "/uczestnicy/?q=Uczestnik+01&kind=gmina_miejska&status=ok&edition=2027",
        ),
        ("lista uczestników (juror, 150 przydziałów)", juror, "/uczestnicy/"),
        ("strona dowodów uczestnika (organizator)", organiser, f"/uczestnicy/{target.pk}/"),
        ("strona dowodów uczestnika (juror)", juror, f"/uczestnicy/{target.pk}/"),
        ("ranking (2 500 uczestników)", organiser, "/ranking/"),
    ]
    print(f"Uczestników: {Participant.objects.count()}, baza SQLite: {data_dir}")
    print(f"Przeliczenie wyników (rescore) edycji: {rescore_s:.1f} s")
    print(f"{'strona':48} {'pierwsze':>9} {'mediana':>9} {'p95':>9} {'zapytań':>8}")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        for label, user, url in cases:
            client = Client()
            client.force_login(user)
            t0 = time.perf_counter()
            assert client.get(url).status_code == 200, url  # cold: templates, caches
            first = (time.perf_counter() - t0) * 1000
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(
                f"{label:48} {first:6.1f} ms {statistics.median(times):6.1f} ms {p95:6.1f} ms "
                f"{len(queries.captured_queries):8d}"
            )


if __name__ == "__main__":
    main()
