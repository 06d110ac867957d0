import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import add_edition, add_rubric
from auditor.management.commands._results_common import (
    edition_for,
    run_for,
    stale_warning,
)


class Command(BaseCommand):
    help = "Eksport: `auditor export ranking --edition ROK --format csv|xlsx|json [--output PLIK]`."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["ranking"], help="Co eksportować (ranking).")
        add_edition(parser)
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], required=True)
        parser.add_argument("--output", help="Plik wynikowy (domyślnie: standardowe wyjście).")
        add_rubric(parser)
        parser.add_argument(
            "--published",
            nargs="?",
            const=0,
            type=int,
            metavar="WERSJA",
            help="Plik opublikowanej wersji rankingu, bajt w bajt (bez numeru: najnowszej).",
        )

    def handle(self, *args, **options):
        from results.exports import EXPORTERS
        from results.scoring import ranking_for, run_participants

        edition = edition_for(options["edition"])
        if options["published"] is not None:
            body, participants = self._published(edition, options["published"], options["format"])
        else:
            run = run_for(edition, options["rubric"])
            participants = run_participants(run)
            body = EXPORTERS[options["format"]](run, ranking_for(run, participants), participants)
            warning = stale_warning(run)
            if warning:
                self.stderr.write(warning)
        if options["output"]:
            path = Path(options["output"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            self.stderr.write(f"Zapisano {path} ({len(body)} B, {len(participants)} uczestników).")
        elif options["format"] == "xlsx" and sys.stdout.isatty():
            raise CommandError(
                "Plik XLSX podaj w --output (nie wypisuję danych binarnych na terminal)."
            )
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()

    def _published(self, edition, version: int, fmt: str):
        from results.publishing import published_file

        publications = edition.publications.order_by("-version")
        publication = (
            publications.filter(version=version).first() if version else publications.first()
        )
        if publication is None:
            raise CommandError(
                f"Edycja {edition.year} nie ma opublikowanej wersji"
                + (f" {version}" if version else "")
                + ". Publikacja: auditor publish ranking",
                returncode=2,
            )
        return published_file(publication, fmt), publication.score_run.scores.all()
