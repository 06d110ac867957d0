"""`auditor rubric check FILE|VERSION`: validate a rubric before an edition uses it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import add_json, dumps, subcommands
from rubrics.rubric import RubricError, available_versions, load_rubric

EXIT_INVALID = 1  # read, but not a usable rubric: every error is listed
EXIT_UNREADABLE = 2  # no such file or version, or it cannot be read


class Command(BaseCommand):
    help = "Rubryki: `auditor rubric check PLIK|WERSJA [--json]` sprawdza plik rubryki."
    requires_system_checks = []  # needs no database

    def add_arguments(self, parser):
        sub = subcommands(parser)
        check = sub.add_parser("check", help="Sprawdza rubrykę i wymienia każdy błąd z wierszem.")
        check.add_argument("rubric", help="Ścieżka do pliku YAML albo wersja (np. 2027.1).")
        add_json(check)
        sub.add_parser("list", help="Wersje rubryk dostępne w programie.")

    def handle(self, *args, action, **options):
        if action == "list":
            for version in available_versions():
                self.stdout.write(version)
            return
        self.check_rubric(options["rubric"], options["json"])

    def check_rubric(self, ref: str, as_json: bool) -> None:
        is_path = ref.endswith((".yaml", ".yml")) or "/" in ref
        if is_path and not Path(ref).is_file():
            self._fail(ref, [f"nie ma pliku {ref}"], as_json, EXIT_UNREADABLE)
        try:
            rubric = load_rubric(ref)
        except RubricError as exc:
            unreadable = not is_path and ref not in available_versions()
            self._fail(ref, exc.errors, as_json, EXIT_UNREADABLE if unreadable else EXIT_INVALID)
        weights = {c.name: c.weight for c in rubric.categories}
        if as_json:
            self.stdout.write(
                dumps(
                    {
                        "rubric": ref,
                        "valid": True,
                        "version": rubric.version,
                        "criteria": len(rubric.criteria),
                        "categories": weights,
                        "threshold": rubric.threshold,
                        "sha256": rubric.sha256,
                        "errors": [],
                    },
                )
            )
            return
        listing = ", ".join(f"{name} {weight:g}" for name, weight in weights.items())
        self.stdout.write(
            f"Rubryka {rubric.version} jest poprawna; liczba kryteriów: {len(rubric.criteria)}; "
            f"kategorie: {listing}; próg licencji {rubric.threshold:g} pkt."
        )

    def _fail(self, ref: str, errors: list[str], as_json: bool, code: int):
        if as_json:
            self.stdout.write(dumps({"rubric": ref, "valid": False, "errors": errors}))
            raise CommandError("Rubryka jest niepoprawna.", returncode=code)
        raise CommandError(
            f"Rubryka {ref} jest niepoprawna (liczba błędów: {len(errors)}):\n"
            + "\n".join(f"- {e}" for e in errors),
            returncode=code,
        )
