from pathlib import Path

from django.core.management.base import CommandError

from auditor.management.commands._console import ActionCommand, add_json, refusals
from auditor.management.commands._results_common import edition_for


class Command(ActionCommand):
    help = (
        "Oceny jurorów: `auditor jurors import PLIK [--edition ROK] [--json] [--dry-run]`; "
        "kontakty tajemniczego klienta: `auditor jurors contacts PLIK [--edition ROK]`."
    )
    needs_database = True

    def add_actions(self, sub):
        imp = sub.add_parser("import", help="Wczytuje oceny jurorów z CSV lub XLSX.")
        imp.add_argument("file", help="Plik CSV lub XLSX.")
        imp.add_argument(
            "--edition", type=int, help="Rok edycji (gdy plik nie ma kolumny „edycja”)."
        )
        add_json(imp)
        imp.add_argument(
            "--dry-run", action="store_true", help="Tylko sprawdza, niczego nie zapisuje."
        )
        imp.add_argument("--actor", default="import", help="Kto wczytuje (do dziennika zmian).")
        con = sub.add_parser(
            "contacts", help="Wczytuje kontakty tajemniczego klienta jurorów z CSV lub XLSX."
        )
        con.add_argument("file", help="Plik CSV lub XLSX.")
        con.add_argument("--edition", type=int, help="Rok edycji.")
        con.add_argument("--dry-run", action="store_true", help="Tylko sprawdza.")

    def handle_contacts(self, file, edition, dry_run: bool, **_):
        from results.contacts import ContactError, import_contacts
        from results.tabular import TableFileError

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Nie ma pliku {path}.", returncode=2)
        try:
            report = import_contacts(path, edition_for(edition), dry_run=dry_run)
        except (ContactError, TableFileError) as exc:
            raise CommandError(f"{path.name}: {exc} Niczego nie zapisano.", returncode=2) from None
        for r in report["rejected"]:
            self.stdout.write(f"wiersz {r['line']}, {r['field']}: {r['reason']}")
        self.stdout.write(
            f"kontakty: dodano {report['created']}, odrzucono {len(report['rejected'])}."
        )
        if report["rejected"]:
            raise SystemExit(1)

    def handle_import(self, file, edition, json: bool, dry_run: bool, actor: str, **_):
        from results.criteria_specs import specs_from_rubric
        from results.jurors import ImportFileError, import_assessments
        from rubrics.rubric import RubricError, load_rubric

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Nie ma pliku {path}.", returncode=2)
        chosen = edition_for(edition) if edition else None
        # Criteria and scales come from the edition's rubric (or each edition's, per line).
        from results.models import Edition

        version = chosen.rubric_version if chosen else None
        if version is None:
            versions = set(Edition.objects.values_list("rubric_version", flat=True))
            if len(versions) != 1:
                raise CommandError("Podaj --edition: edycje mają różne wersje rubryki.")
            version = versions.pop()
        with refusals(RubricError):
            specs = specs_from_rubric(load_rubric(version))
        try:
            report = import_assessments(path, specs, edition=chosen, actor=actor, dry_run=dry_run)
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc} Niczego nie zapisano.", returncode=2) from None
        data = report.as_dict()
        if json:
            import json as json_module

            self.stdout.write(json_module.dumps(data, ensure_ascii=False))
        else:
            for r in data["rejected"]:
                self.stdout.write(f"wiersz {r['line']}, pole „{r['field']}”: {r['reason']}")
            prefix = "Próba (nic nie zapisano): " if dry_run else ""
            self.stdout.write(
                f"{prefix}dodano {data['created']}, zmieniono {data['updated']}, "
                f"bez zmian {data['unchanged']}, odrzucono {len(data['rejected'])}."
            )
        if data["rejected"]:
            raise CommandError("Część wierszy odrzucono.", returncode=1)
