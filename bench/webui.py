"""Server time of the web interface's heaviest pages (target: under 300 ms each).

Builds a fresh SQLite database in a temporary data folder with 2,500 participants (most with
probe-status links), one participant with full demo evidence (3 pages, axe results, an HTML
e-mail) and a score run, then times requests through Django's full stack (middleware,
sessions, templates) in-process, so the figures are server time without the network.

    .venv/bin/python bench/webui.py [--participants 2500] [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import web_timing as web  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    data_dir, edition, participants = web.fresh_world("bench-webui-", args.participants)
    from django.test import Client

    from auditor.web.demo_evidence import plant_demo_evidence
    from results.models import JurorAssignment, Participant
    from results.scoring import rescore

    target = participants[0]
    plant_demo_evidence(target, edition)
    organiser = web.user_with_role("org", "organiser")
    juror = web.user_with_role("juror", "juror")
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
    print(web.header(48))
    with web.fast_passwords():
        for label, user, url in cases:
            client = Client()
            client.force_login(user)
            print(web.time_page(client, url, args.repeat, label, 48))


if __name__ == "__main__":
    main()
