import csv
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from rich.table import Table

from auditor.management.commands._console import (
    ActionCommand,
    add_json,
    console_for,
    current_actor,
    dumps,
    table_of,
)
from results.formula import formula_safe
from results.models import Edition, Participant
from results.registry.importer import import_registry
from results.registry.readers import FIELDS, RegistryFileError

# Exit codes organisers can script on.
EXIT_SOME_REJECTED = 1
EXIT_FILE_UNREADABLE = 2


def participant_record(p: Participant) -> dict:
    return p.as_data(
        "id name kind employees website emails region nip regon teryt contact public_body "
        "online_consumer_services subkind fee_pln_net size_band"
    )


def _csv_cell(name: str, value):
    """A registry value as the import reads it back: e-mails joined, tak/nie, empty for unknown."""
    if name == "emails":
        return ";".join(value)
    if isinstance(value, bool):
        return "tak" if value else "nie"
    return "" if value is None else value


class Command(ActionCommand):
    help = "Rejestr uczestników: import z CSV/XLSX/YAML, lista i eksport."
    needs_database = True

    def add_actions(self, sub):
        imp = sub.add_parser("import", help="Importuje uczestników z pliku CSV, XLSX lub YAML.")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--dry-run", action="store_true", help="Sprawdza plik, niczego nie zapisuje."
        )
        add_json(imp)
        imp.add_argument("--edition", type=int, help="Zapisuje uczestników do edycji (rok).")

        lst = sub.add_parser("list", help="Lista uczestników.")
        lst.add_argument("--kind")
        lst.add_argument("--region")
        lst.add_argument("--edition", type=int)
        add_json(lst)

        exp = sub.add_parser("export", help="Eksport rejestru (CSV lub JSON).")
        exp.add_argument("--format", choices=["csv", "json"], default="csv")
        exp.add_argument(
            "--output", type=Path, help="Plik wynikowy (domyślnie standardowe wyjście)."
        )
        exp.add_argument("--edition", type=int)

    # -- import -------------------------------------------------------------------------
    def handle_import(self, file: Path, dry_run: bool, json: bool, edition: int | None, **_):
        edition_obj = self._edition(edition) if edition else None
        try:
            report = import_registry(
                file,
                dry_run=dry_run,
                actor=current_actor(),
                edition=edition_obj,
                allow_test_domains=settings.AUDITOR.allow_private_networks,
            )
        except RegistryFileError as exc:
            raise CommandError(
                f"{file}: {exc} Niczego nie zapisano.", returncode=EXIT_FILE_UNREADABLE
            ) from exc
        if report.ignored_columns:
            sys.stderr.write("Pominięte kolumny: " + ", ".join(report.ignored_columns) + "\n")
        if json:
            import json as jsonlib

            self.stdout.write(jsonlib.dumps(report.as_json(), ensure_ascii=False))
        else:
            self._print_import(report, dry_run)
        if report.rejected:
            sys.exit(EXIT_SOME_REJECTED)

    def _print_import(self, report, dry_run: bool) -> None:
        console = console_for(self.stdout)
        if report.rejected:
            table = Table(title="Odrzucone wiersze", title_justify="left")
            table.add_column("Wiersz", justify="right")
            table.add_column("Pole")
            table.add_column("Powód")
            for error in report.rejected:
                table.add_row(str(error.line), error.field, error.reason)
            console.print(table)
        prefix = "Próba (nic nie zapisano): " if dry_run else ""
        console.print(
            f"{prefix}utworzono {report.created}, zaktualizowano {report.updated}, "
            f"bez zmian {report.unchanged}, odrzucono wierszy {len(report.rejected_lines)}."
        )

    # -- list / export ------------------------------------------------------------------
    def _queryset(self, kind=None, region=None, edition=None):
        qs = Participant.objects.order_by("name", "id")
        if kind:
            qs = qs.filter(kind=kind)
        if region:
            qs = qs.filter(region=region)
        if edition:
            qs = qs.filter(editions=self._edition(edition))
        return qs

    def _edition(self, year: int) -> Edition:
        try:
            return Edition.objects.get(year=year)
        except Edition.DoesNotExist as exc:
            raise CommandError(
                f"Nie ma edycji {year}. Utwórz ją: auditor edition create --year {year}",
                returncode=2,
            ) from exc

    def handle_list(self, kind, region, edition, json, **_):
        participants = list(self._queryset(kind, region, edition))
        if json:
            self.stdout.write(dumps([participant_record(p) for p in participants]))
            return
        table = table_of(
            f"Uczestnicy ({len(participants)})",
            [
                ("ID", "right"),
                ("Nazwa", "left"),
                ("Rodzaj", "left"),
                ("Województwo", "left"),
                ("Pracownicy", "right"),
                ("Opłata netto", "right"),
                ("Strona WWW", "left"),
                ("E-mail", "left"),
            ],
            title_justify="left",
        )
        for p in participants:
            table.add_row(
                str(p.pk),
                p.name,
                p.get_kind_display() + (f" ({p.get_subkind_display()})" if p.subkind else ""),
                p.get_region_display(),
                str(p.employees),
                f"{p.fee_pln_net:,} zł".replace(",", " "),
                p.website,
                ", ".join(p.emails),
            )
        console_for(self.stdout).print(table)

    def handle_export(self, format, output, edition, **_):
        records = [participant_record(p) for p in self._queryset(edition=edition)]
        try:
            stream = output.open("w", encoding="utf-8", newline="") if output else self.stdout
        except OSError as exc:
            raise CommandError(
                f"Nie można zapisać pliku {output}: {exc.strerror or exc}.", returncode=2
            ) from exc
        try:
            if format == "json":
                stream.write(dumps(records, indent=2) + "\n")
            else:
                writer = csv.writer(stream, delimiter=";", lineterminator="\n")
                writer.writerow([*FIELDS, "fee_pln_net"])
                for r in records:
                    # Spreadsheets run =, +, -, @ as formulas: CSV cells are neutralised,
                    # the JSON keeps the exact text.
                    writer.writerow(
                        [
                            *(formula_safe(_csv_cell(f, r[f])) for f in FIELDS),
                            r["fee_pln_net"],
                        ]
                    )
        finally:
            if output:
                stream.close()
        if output:
            sys.stderr.write(f"Zapisano {len(records)} uczestników do {output}\n")
