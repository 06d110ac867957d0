from django.core.management.base import BaseCommand
from rich.console import Console
from rich.markup import escape

from auditor.management.commands._console import add_edition, add_rubric, table_of
from auditor.management.commands._results_common import (
    edition_for,
    run_for,
    stale_warning,
)


class Command(BaseCommand):
    help = "Ranking edycji w terminalu: miejsca (ex aequo), punkty, licencje, statuetki, opłaty."

    def add_arguments(self, parser):
        add_edition(parser)
        add_rubric(parser)
        parser.add_argument(
            "--kind", help="Tylko uczestnicy jednego rodzaju (kod, np. gmina_wiejska)."
        )
        parser.add_argument("--limit", type=int, help="Pokaż tylko pierwszych N.")

    def handle(self, *args, **options):
        from results.ranking import format_points
        from results.scoring import ranking_for

        edition = edition_for(options["edition"])
        run = run_for(edition, options["rubric"])
        ranking = ranking_for(run)
        entries = list(ranking.entries)
        kind = options["kind"]
        if kind:
            entries = ranking.by_kind().get(kind, [])
        if options["limit"]:
            entries = entries[: options["limit"]]

        console = Console(file=self.stdout, width=max(120, Console().width), highlight=False)
        table = table_of(
            f"Ranking edycji {edition.year} (rubryka {run.rubric_version}, "
            f"próg licencji {format_points(run.threshold)} pkt)",
            [
                ("Miejsce", "right"),
                ("ID", "right"),
                ("Uczestnik", "left"),
                ("Rodzaj", "left"),
                ("Wielkość", "left"),
                ("Punkty", "right"),
                ("W rodzaju", "right"),
                ("Licencja", "center"),
                ("Nominacja / statuetka", "center"),
                ("Opłata (zł netto)", "right"),
            ],
            header_style="bold",
        )
        for entry in entries:
            e = entry.entrant
            placement = entry.in_kind if kind else entry.overall
            table.add_row(
                placement.label,
                str(e.participant_id),
                escape(e.name),  # names may hold "[...]", which rich would read as markup
                e.kind_label,
                e.size_band,
                format_points(e.points),
                entry.in_kind.label,
                "[green]tak[/green]"
                if entry.licence
                else ("[yellow]ocena niepełna[/yellow]" if entry.missing else "[red]nie[/red]"),
                "★" if entry.statuette else ("nominacja" if entry.nomination else ""),
                f"{entry.fee_pln_net:,}".replace(",", " ") if entry.fee_pln_net else "—",
            )
        console.print(table)
        incomplete_shown = [entry for entry in entries if entry.missing]
        if incomplete_shown:
            console.print("Ocena niepełna — licencja możliwa dopiero po uzupełnieniu:")
            for entry in incomplete_shown:
                e = entry.entrant
                console.print(
                    f"  {e.participant_id} {escape(e.name)}: {escape('; '.join(entry.missing))}"
                )
        licensed = sum(1 for e in ranking.entries if e.licence)
        incomplete = sum(1 for e in ranking.entries if e.missing)
        console.print(
            f"Uczestników: {len(ranking.entries)}, z licencją: {licensed}, "
            f"z oceną niepełną (bez licencji do czasu uzupełnienia): {incomplete}. "
            "Równe punkty (do 0,01) = to samo miejsce ex aequo; kolejność wśród nich: "
            "podwynik e-mail, podwynik informacji, nazwa, identyfikator."
        )
        warning = stale_warning(run)
        if warning:
            console.print(f"[yellow]{warning}[/yellow]")
