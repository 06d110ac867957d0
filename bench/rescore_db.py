"""Benchmark: `rescore` from the database and the evidence store, end to end.

    .venv/bin/python bench/rescore_db.py [--participants 2000]

A fresh SQLite database in a temporary data directory; each participant has a website
artifact (3 pages with HTML, text and axe blobs), one e-mail artifact with a reply and
three jurors' scores. Times the re-scoring (read, hydrate, judge with every judge this
build carries, store all criterion results) and the ranking read back from the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
os.environ["AUDITOR_DATA_DIR"] = tempfile.mkdtemp(prefix="auditor-bench-db-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from results.evidence_store import EvidenceStore  # noqa: E402
from results.models import Edition  # noqa: E402
from results.scoring import ranking_for, rescore, run_participants  # noqa: E402
from tests.factories import (  # noqa: E402
    make_artifact_record,
    make_edition,
    make_participant,
    make_visit_scores,
)

HTML = """<html lang="pl"><body><header><a href="/kontakt">Kontakt</a></header>
<main><h1>Urząd Gminy {n}</h1><p>ul. Główna {n}, 00-950 Przykładowo, tel. 12 345 67 89,
e-mail: sekretariat@gmina{n}.example.pl. Godziny pracy: pon.–pt. 7:30–15:30.</p></main>
<footer><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></footer></body></html>"""
REPLY = (
    "Szanowna Pani,\n\ndziękujemy za wiadomość. Odpady z ul. Polnej odbieramy co dwa tygodnie, "
    "w czwartek. Harmonogram jest na stronie https://gmina.example.pl/odpady/harmonogram.\n\n"
    "Z poważaniem"
)


def populate(n: int) -> Edition:
    store = EvidenceStore()
    edition = make_edition(2027)
    axe = store.put(
        json.dumps({"violations": [], "passes": [], "incomplete": [], "inapplicable": []}).encode(),
        "application/json",
        "bench",
    )
    when = dt.datetime(2027, 3, 5, 10, tzinfo=dt.UTC)
    with transaction.atomic():
        for i in range(n):
            p = make_participant(
                host=f"gmina{i}.example.pl",
                identity_key=f"gmina{i}.example.pl",
                name=f"Gmina {i:05d}",
                employees=i % 150,
                emails=[],
            )
            pages = []
            for k in range(3):
                html = HTML.format(n=i) + f"<!-- {k} -->"
                pages.append(
                    {
                        "url": f"{p.website}{k}",
                        "final_url": f"{p.website}{k}",
                        "status": 200,
                        "content_type": "text/html",
                        "depth": min(k, 1),
                        "lang": "pl",
                        "html_blob": store.put(html.encode(), "text/html", "bench"),
                        "text_blob": store.put(html.encode(), "text/plain", "bench"),
                        "axe_blob": axe,
                        "links": [],
                        "timings": {},
                    }
                )
            website = {
                "schema": "website/1",
                "start_url": p.website,
                "final_url": p.website,
                "started_at": "2027-03-05T10:00:00Z",
                "finished_at": "2027-03-05T10:05:00Z",
                "outcome": "ok",
                "failure": None,
                "site": {},
                "pages": pages,
            }
            email = {
                "schema": "email/1",
                "enquiry": {
                    "id": i,
                    "subject": "Harmonogram",
                    "body": "Kiedy odbierane są odpady?",
                    "state": "answered",
                    "sent_at": "2027-03-01T09:13:05Z",
                    "deadline_at": "2027-03-15T09:13:05Z",
                    "persona": {"name": "Anna Kowalska", "gender": "f"},
                    "answer_key": {
                        "facts": [
                            {
                                "id": "termin",
                                "label": "termin",
                                "patterns": ["co\\s+dwa\\s+tygodnie"],
                            }
                        ],
                        "full_when": 1,
                        "referral_patterns": [],
                    },
                },
                "office_hours": None,
                "messages": [
                    {
                        "uid": 1,
                        "received_at": "2027-03-01T11:00:00Z",
                        "kind": "human_reply",
                        "subject": "Re: Harmonogram",
                        "new_text": REPLY,
                        "quoted_text": "",
                        "signature": "",
                        "attachments": [],
                        "matched_by": "in_reply_to",
                    }
                ],
            }
            for channel, artifact in (("website", website), ("email", email)):
                make_artifact_record(store, edition, p, channel, artifact, when, origin="bench")
            make_visit_scores(edition, p, {"Anna": 4, "Jan": 5, "Ewa": 3})
    return edition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    args = parser.parse_args()
    call_command("init", verbosity=0, stdout=open(os.devnull, "w"))
    edition = populate(args.participants)

    start, cpu = time.perf_counter(), time.process_time()
    run = rescore(edition, "2027.1")
    rescore_s, rescore_cpu = time.perf_counter() - start, time.process_time() - cpu

    start = time.perf_counter()
    participants = run_participants(run)
    ranking = ranking_for(run, participants)
    read_s = time.perf_counter() - start

    rows = sum(len(p["criteria"]) for p in participants)
    scored = sum(1 for p in participants if p["points"] is not None)
    print(f"participants: {len(participants)} ({scored} scored), criterion results: {rows}")
    print(
        f"rescore (read, hydrate, judge, store): {rescore_s:.2f} s wall, {rescore_cpu:.2f} s CPU"
        f" = {1000 * rescore_s / len(participants):.1f} ms per participant"
    )
    print(f"read back + rank: {read_s:.2f} s; licensed: {sum(e.licence for e in ranking.entries)}")


if __name__ == "__main__":
    main()
