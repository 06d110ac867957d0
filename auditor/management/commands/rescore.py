from django.core.management.base import BaseCommand

from auditor.management.commands._console import add_edition, add_json, add_rubric, dumps, refusals
from auditor.management.commands._results_common import edition_for


class Command(BaseCommand):
    help = (
        "Przelicza wyniki edycji z zapisanych dowodów (bez sieci) wybraną wersją rubryki; "
        "wcześniejsze przeliczenia zostają obok."
    )

    def add_arguments(self, parser):
        add_edition(parser)
        add_rubric(parser)
        parser.add_argument(
            "--actor", default="auditor", help="Kto przelicza (do dziennika zmian)."
        )
        add_json(parser)

    def handle(self, *args, **options):
        from rubrics.rubric import RubricError
        from scheduler.rescore import rescore

        edition = edition_for(options["edition"])
        version = options["rubric"] or edition.rubric_version
        with refusals(RubricError):
            run = rescore(edition, version, actor=options["actor"])
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
            self.stdout.write(dumps(payload))
            return
        self.stdout.write(
            f"Przeliczono edycję {edition.year} rubryką {run.rubric_version}: "
            f"{count} uczestników, w tym {scored} z punktami."
        )
        self.stdout.write(f"Skrót danych wejściowych: {run.input_digest}")
        self.stdout.write(f"Skrót wyniku:             {run.output_digest}")
