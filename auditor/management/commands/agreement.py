import json

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.table import Table

from auditor.management.commands._results_common import EDITION_HELP, edition_for


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}".replace(".", ",")


class Command(BaseCommand):
    help = "Zgodność ocen w edycji: alfa Krippendorffa między jurorami oraz jurorzy a automat."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help=EDITION_HELP)
        parser.add_argument("--rubric", help="Wersja rubryki (domyślnie: wersja edycji).")
        parser.add_argument("--json", action="store_true", help="Wynik jako jeden obiekt JSON.")

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
            self.stdout.write(json.dumps(payload, ensure_ascii=False, sort_keys=True))
            return
        console = Console(file=self.stdout, width=120, highlight=False)
        table = Table(title=f"Zgodność jurorów, edycja {edition.year}", header_style="bold")
        for header in (
            "Kryterium",
            "Alfa Krippendorffa",
            "Ocenianych",
            "Jurorów",
            "Średni rozrzut",
        ):
            table.add_column(header)
        for row in jurors["criteria"]:
            table.add_row(
                row["criterion"],
                _fmt(row["alpha"]),
                str(row["units"]),
                str(row["jurors"]),
                _fmt(row["mean_spread"]),
            )
        table.add_row(
            "[bold]razem[/bold]",
            _fmt(jurors["alpha"]),
            str(jurors["units"]),
            str(jurors["jurors"]),
            "",
        )
        console.print(table)
        if machine is None:
            console.print("Brak przeliczenia wyników: zgodności z automatem nie policzono.")
            return
        table = Table(title="Jurorzy (mediana) a automat", header_style="bold")
        for header in ("Kryterium", "Alfa Krippendorffa", "Par", "Średnia różnica (0–1)"):
            table.add_column(header)
        for row in machine["criteria"]:
            table.add_row(
                row["criterion"],
                _fmt(row["alpha"]),
                str(row["units"]),
                _fmt(row["mean_abs_difference"]),
            )
        table.add_row(
            "[bold]razem[/bold]",
            _fmt(machine["alpha"]),
            str(machine["units"]),
            _fmt(machine["mean_abs_difference"]),
        )
        console.print(table)
        console.print("Alfa 1 = pełna zgodność, 0 = jak przypadek; „—” = za mało danych.")
