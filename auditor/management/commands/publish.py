"""`auditor publish ranking|list`: freeze an edition's ranking as a published version."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import current_actor
from auditor.management.commands._results_common import EDITION_HELP, edition_for, run_for


class Command(BaseCommand):
    help = (
        "Publikacja rankingu: pokazuje zmiany względem poprzedniej publikacji i po "
        "potwierdzeniu zamraża ranking jako kolejną wersję."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        pub = sub.add_parser("ranking", help="Publikuje najnowsze przeliczenie edycji.")
        pub.add_argument("--edition", type=int, help=EDITION_HELP)
        pub.add_argument("--note", default="", help="Uwagi do publikacji (np. „po odwołaniach”).")
        pub.add_argument("--yes", action="store_true", help="Bez pytania o potwierdzenie.")
        pub.add_argument("--json", action="store_true", help="Wynik jako jeden obiekt JSON.")
        lst = sub.add_parser("list", help="Opublikowane wersje rankingu.")
        lst.add_argument("--edition", type=int, help=EDITION_HELP)

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def handle_ranking(self, edition, note, yes, json, **_):
        from results.publishing import (
            latest_publication,
            publication_ranking,
            publish,
            ranking_changes,
        )
        from results.scoring import ranking_for

        edition_obj = edition_for(edition)
        run = run_for(edition_obj)
        previous = latest_publication(edition_obj)
        if previous is not None and previous.score_run_id == run.pk:
            raise CommandError(
                f"To przeliczenie jest już opublikowane jako wersja {previous.version}.",
                returncode=2,
            )
        changes = ranking_changes(publication_ranking(previous), ranking_for(run))
        if not json:
            if previous is None:
                self.stdout.write("Pierwsza publikacja rankingu tej edycji.")
            else:
                self.stdout.write(
                    f"Zmiany względem wersji {previous.version} "
                    f"({previous.published_at:%Y-%m-%d}): {len(changes) or 'brak'}"
                )
                for change in changes:
                    self.stdout.write(f"  • {change.sentence()}")
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError(
                    "Publikację trzeba potwierdzić: uruchom przy terminalu albo dodaj --yes.",
                    returncode=2,
                )
            answer = input("Opublikować? Wpisz TAK: ")
            if answer.strip().upper() != "TAK":
                raise CommandError("Nie opublikowano.", returncode=1)
        publication = publish(edition_obj, run, actor=current_actor(), note=note)
        if json:
            self.stdout.write(
                _dumps(
                    {
                        "edition": edition_obj.year,
                        "version": publication.version,
                        "run": run.pk,
                        "changes": publication.changes,
                        "files": {
                            "json": publication.json_sha256,
                            "csv": publication.csv_sha256,
                            "xlsx": publication.xlsx_sha256,
                        },
                    }
                )
            )
            return
        self.stdout.write(
            f"Opublikowano ranking {edition_obj.year}, wersja {publication.version}. "
            f"Pliki: auditor export ranking --edition {edition_obj.year} --published "
            f"{publication.version} --format xlsx --output ranking.xlsx"
        )

    def handle_list(self, edition, **_):
        edition_obj = edition_for(edition)
        for p in edition_obj.publications.order_by("version"):
            self.stdout.write(
                f"wersja {p.version}\t{p.published_at:%Y-%m-%d %H:%M}\t{p.published_by}\t"
                f"przeliczenie {p.score_run_id}\tzmian: {len(p.changes)}\t{p.note}"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
