from django.core.management.base import BaseCommand
from rich.console import Console

from auditor.management.commands._console import add_edition, add_json, add_rubric, dumps, table_of
from auditor.management.commands._results_common import edition_for


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}".replace(".", ",")


# (header, key, format) of each column after "Kryterium"; the total row leaves a column
# empty when the report has no total for it (the spread is per criterion only).
JUROR_COLUMNS = (
    ("Alfa Krippendorffa", "alpha", _fmt),
    ("Ocenianych", "units", str),
    ("Jurorów", "jurors", str),
    ("Średni rozrzut", "mean_spread", _fmt),
)
MACHINE_COLUMNS = (
    ("Alfa Krippendorffa", "alpha", _fmt),
    ("Par", "units", str),
    ("Średnia różnica (0–1)", "mean_abs_difference", _fmt),
)


def _agreement_table(title: str, columns, report: dict):
    table = table_of(title, ["Kryterium", *(c[0] for c in columns)], header_style="bold")
    for row in report["criteria"]:
        table.add_row(row["criterion"], *_cells(columns, row))
    table.add_row("[bold]razem[/bold]", *_cells(columns, report))
    return table


def _cells(columns, row: dict) -> list[str]:
    return [fmt(row[key]) if key in row else "" for _, key, fmt in columns]


class Command(BaseCommand):
    help = "Zgodność ocen w edycji: alfa Krippendorffa między jurorami oraz jurorzy a automat."

    def add_arguments(self, parser):
        add_edition(parser)
        add_rubric(parser)
        add_json(parser)

    def handle(self, *args, **options):
        from results.agreement_report import juror_agreement, machine_agreement
        from results.criteria_specs import specs_from_rubric
        from results.scoring import latest_run, run_participants
        from rubrics.rubric import load_rubric

        edition = edition_for(options["edition"])
        version = options["rubric"] or edition.rubric_version
        specs = specs_from_rubric(load_rubric(version))
        jurors = juror_agreement(edition, specs)
        run = latest_run(edition, version)
        machine = machine_agreement(run_participants(run), edition, specs) if run else None
        if options["json"]:
            payload = {
                "edition": edition.year,
                "rubric_version": version,
                "jurors": jurors,
                "jurors_vs_machine": machine,
            }
            self.stdout.write(dumps(payload, sort_keys=True))
            return
        console = Console(file=self.stdout, width=120, highlight=False)
        console.print(
            _agreement_table(f"Zgodność jurorów, edycja {edition.year}", JUROR_COLUMNS, jurors)
        )
        if machine is None:
            console.print("Brak przeliczenia wyników: zgodności z automatem nie policzono.")
            return
        console.print(_agreement_table("Jurorzy (mediana) a automat", MACHINE_COLUMNS, machine))
        console.print("Alfa 1 = pełna zgodność, 0 = jak przypadek; „—” = za mało danych.")
