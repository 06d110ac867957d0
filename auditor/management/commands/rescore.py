import json

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._results_common import EDITION_HELP, edition_for


class Command(BaseCommand):
    help = (
        "Przelicza wyniki edycji z zapisanych dowodów (bez sieci) wybraną wersją rubryki; "
        "wcześniejsze przeliczenia zostają obok."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help=EDITION_HELP)
        parser.add_argument("--rubric", help="Wersja rubryki (domyślnie: wersja edycji).")
        parser.add_argument(
            "--actor", default="auditor", help="Kto przelicza (do dziennika zmian)."
        )
        parser.add_argument("--json", action="store_true", help="Wynik jako jeden obiekt JSON.")

    def handle(self, *args, **options):
        from rubrics.rubric import RubricError
        from scheduler.rescore import rescore

        edition = edition_for(options["edition"])
        version = options["rubric"] or edition.rubric_version
        try:
            run = rescore(edition, version, actor=options["actor"])
        except RubricError as exc:
            raise CommandError(str(exc)) from None
        count = run.scores.count()
        scored = run.scores.exclude(points=None).count()
        if options["json"]:
            payload = {
                "run": run.pk,
                "edition": edition.year,
                "rubric_version": run.rubric_version,
                "participants": count,
                "scored": scored,
                "input_digest": run.input_digest,
                "output_digest": run.output_digest,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(
            f"Przeliczono edycję {edition.year} rubryką {run.rubric_version}: "
            f"{count} uczestników, w tym {scored} z punktami."
        )
        self.stdout.write(f"Skrót danych wejściowych: {run.input_digest}")
        self.stdout.write(f"Skrót wyniku:             {run.output_digest}")
