from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import add_json, current_actor, dumps, refusals
from results.db import ensure_database
from results.models import Edition
from results.retention import RetentionError, apply_retention


class Command(BaseCommand):
    help = (
        "Usuwa lub pseudonimizuje dane osobowe urzędników z edycji (treści i pliki .eml "
        "odpowiedzi, zrzuty ekranu, nazwiska w wynikach) po okresie przechowywania; "
        "skróty SHA-256 i wyniki zostają (docs/ethics.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, help="Rok edycji.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Tylko pokaż, co zostałoby usunięte."
        )
        add_json(parser)

    def handle(self, *args, edition, dry_run, json: bool, **_):
        ensure_database()
        found = Edition.objects.filter(year=edition).first()
        if found is None:
            raise CommandError(f"Nie ma edycji {edition}.", returncode=2)
        with refusals(RetentionError):
            report = apply_retention(found, dry_run=dry_run, actor=current_actor())
        if json:
            self.stdout.write(dumps(report.as_dict()))
            return
        derived = (
            " (koniec badania + okres odwołań z ustawień)" if report.appeal_deadline_derived else ""
        )
        lines = [
            f"Edycja {report.edition}: termin odwołań {report.appeal_deadline}{derived}, "
            f"usuwanie danych od {report.due_on}.",
            *(
                f"{'USUNĄŁBY' if dry_run else 'USUNIĘTO'}  {i['sha256']}  {i['reason']}"
                for i in report.erased
            ),
            *(
                f"ZOSTAWIONO (potrzebny innej edycji)  {sha}"
                for sha in report.kept_for_other_editions
            ),
            f"Plików {'do usunięcia' if dry_run else 'usuniętych'}: {len(report.erased)}; "
            f"odpowiedzi bez treści: {report.messages_pseudonymised}; "
            f"wyników kryteriów z pseudonimami: {report.criterion_results_redacted}; "
            f"komentarzy jurorów z pseudonimami: {report.assessments_redacted}.",
        ]
        if dry_run:
            lines.append(
                "Próba: nic nie zmieniono."
                + ("" if report.due else f" Termin usunięcia jeszcze nie minął ({report.due_on}).")
            )
        self.stdout.write("\n".join(lines))
