import sys

from django.core.management.base import CommandError

from auditor.management.commands._console import ActionCommand, add_json, dumps
from results.evidence_store import EvidenceStore


class Command(ActionCommand):
    help = (
        "Magazyn dowodów: `auditor evidence verify` sprawdza sumy SHA-256 wszystkich plików; "
        "`auditor evidence relink` uzupełnia powiązania dowodów z uczestnikami."
    )
    needs_database = True

    def add_actions(self, sub):
        verify = sub.add_parser("verify", help="Przelicza skróty wszystkich dowodów.")
        add_json(verify)
        relink = sub.add_parser(
            "relink",
            help="Uzupełnia powiązania uczestnik–dowód dla zapisanych artefaktów "
            "(dane sprzed wspólnej ścieżki zapisu).",
        )
        add_json(relink)

    def handle_relink(self, json: bool, **_):
        from results.evidence_links import relink

        count = relink(EvidenceStore())
        if json:
            self.stdout.write(dumps({"relinked": count}))
        else:
            self.stdout.write(f"Powiązano artefaktów: {count}.")

    def handle_verify(self, json: bool, **_):
        store = EvidenceStore()

        def progress(n):
            if not json and sys.stderr.isatty() and n % 500 == 0:
                sys.stderr.write(f"\rsprawdzono {n}…")

        report = store.verify(progress=progress)
        if json:
            payload = {
                "checked": report.checked,
                "altered": report.altered,
                "missing": report.missing,
            }
            self.stdout.write(dumps(payload))
        else:
            for sha in report.altered:
                self.stdout.write(f"ZMIENIONY  {sha}  {store.path(sha)}")
            for sha in report.missing:
                self.stdout.write(f"BRAK       {sha}  {store.path(sha)}")
            self.stdout.write(
                f"Sprawdzono {report.checked} dowodów: zmienionych {len(report.altered)}, "
                f"brakujących {len(report.missing)}."
            )
        if not report.ok:
            raise CommandError("Magazyn dowodów jest naruszony.", returncode=3)
