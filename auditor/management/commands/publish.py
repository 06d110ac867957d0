"""`auditor publish ranking|list`: freeze an edition's ranking as a published version."""

import sys

from django.core.management.base import CommandError

from auditor.management.commands._console import (
    ActionCommand,
    add_edition,
    add_json,
    current_actor,
    dumps,
)
from auditor.management.commands._results_common import edition_for, run_for


class Command(ActionCommand):
    help = (
        "Publikacja rankingu: pokazuje zmiany względem poprzedniej publikacji i po "
        "potwierdzeniu zamraża ranking jako kolejną wersję."
    )

    def add_actions(self, sub):
        pub = sub.add_parser("ranking", help="Publikuje najnowsze przeliczenie edycji.")
        add_edition(pub)
        pub.add_argument("--note", default="", help="Uwagi do publikacji (np. „po odwołaniach”).")
        pub.add_argument("--yes", action="store_true", help="Bez pytania o potwierdzenie.")
        add_json(pub)
        lst = sub.add_parser("list", help="Opublikowane wersje rankingu.")
        add_edition(lst)

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
                dumps(
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
