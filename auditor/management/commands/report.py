from pathlib import Path

from django.core.management.base import BaseCommand

from auditor.management.commands._console import add_edition, add_rubric, refusals
from auditor.management.commands._results_common import (
    edition_for,
    participant_for,
    run_for,
    stale_warning,
)


class Command(BaseCommand):
    help = "Raport z audytu uczestnika (HTML do wydruku lub zapisu jako PDF)."

    def add_arguments(self, parser):
        add_edition(parser)
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--participant", help="ID uczestnika lub klucz tożsamości.")
        who.add_argument(
            "--summary", action="store_true", help="Podsumowanie całej edycji zamiast raportu."
        )
        parser.add_argument("--output", default=".", help="Katalog na raport (domyślnie bieżący).")
        add_rubric(parser)
        parser.add_argument(
            "--pdf",
            action="store_true",
            help="Zapisuje też PDF (A4, numery stron, czcionki osadzone, PDF z tagami, język polski).",
        )

    def handle(self, *args, **options):
        from results.report import render_report
        from results.scoring import ranking_for, run_participants

        edition = edition_for(options["edition"])
        if options["summary"]:
            return self._summary(edition, options)
        participant = participant_for(edition, options["participant"])
        run = run_for(edition, options["rubric"])
        participants = run_participants(run)
        if not any(p["participant_id"] == participant.pk for p in participants):
            from django.core.management.base import CommandError

            raise CommandError(
                f"Uczestnik {participant.pk} nie ma wyników w tym przeliczeniu edycji {edition.year}."
            )
        html = render_report(run, ranking_for(run, participants), participants, participant.pk)
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"raport-{edition.year}-{participant.pk}.html"
        path.write_text(html, encoding="utf-8")
        if options["pdf"]:
            self._pdf(html, path)
        warning = stale_warning(run)
        if warning:
            self.stderr.write(warning)
        self.stdout.write(f"Zapisano raport: {path}")

    def _summary(self, edition, options) -> None:
        from results.scoring import ranking_for
        from results.summary import render_summary

        run = run_for(edition, options["rubric"])
        html = render_summary(run, ranking_for(run))
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"podsumowanie-{edition.year}.html"
        path.write_text(html, encoding="utf-8")
        self.stdout.write(f"Zapisano podsumowanie: {path}")
        if options["pdf"]:
            self._pdf(html, path)

    def _pdf(self, html: str, path: Path) -> None:

        from auditor.pdf import PdfError, html_to_pdf

        with refusals(PdfError, returncode=2):
            pdf = html_to_pdf(html, page_numbers=False)  # the document numbers its pages
        path.with_suffix(".pdf").write_bytes(pdf)
        self.stdout.write(f"Zapisano PDF: {path.with_suffix('.pdf')}")
