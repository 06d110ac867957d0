from pathlib import Path

from django.core.management.base import BaseCommand

from auditor.management.commands._results_common import (
    EDITION_HELP,
    edition_for,
    participant_for,
    run_for,
    stale_warning,
)


class Command(BaseCommand):
    help = "Raport z audytu uczestnika (HTML do wydruku lub zapisu jako PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help=EDITION_HELP)
        parser.add_argument(
            "--participant", required=True, help="ID uczestnika lub klucz tożsamości."
        )
        parser.add_argument("--output", default=".", help="Katalog na raport (domyślnie bieżący).")
        parser.add_argument("--rubric", help="Wersja rubryki (domyślnie: wersja edycji).")
        parser.add_argument(
            "--pdf",
            action="store_true",
            help="Zapisuje też PDF (A4, numery stron, czcionki osadzone, PDF z tagami, język polski).",
        )

    def handle(self, *args, **options):
        from results.report import render_report
        from results.scoring import ranking_for, run_participants

        edition = edition_for(options["edition"])
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
            from django.core.management.base import CommandError

            from auditor.pdf import PdfError, html_to_pdf

            try:
                pdf = html_to_pdf(
                    html, page_numbers=False
                )  # the report numbers its own pages (@page)
            except PdfError as exc:
                raise CommandError(str(exc), returncode=2) from None
            pdf_path = path.with_suffix(".pdf")
            pdf_path.write_bytes(pdf)
            self.stdout.write(f"Zapisano PDF: {pdf_path}")
        warning = stale_warning(run)
        if warning:
            self.stderr.write(warning)
        self.stdout.write(f"Zapisano raport: {path}")
