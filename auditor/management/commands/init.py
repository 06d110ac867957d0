from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from results.db import pending_migrations


class Command(BaseCommand):
    help = "Tworzy lub aktualizuje bazę danych i katalog danych (bezpieczne do ponownego uruchomienia)."

    def handle(self, *args, **options):
        config = settings.AUDITOR
        config.data_dir.mkdir(parents=True, exist_ok=True)
        config.evidence_dir.mkdir(parents=True, exist_ok=True)
        pending = pending_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(f"Baza danych zaktualizowana ({len(pending)} migracji).")
        else:
            self.stdout.write("Baza danych jest aktualna.")
        vendor = connection.vendor
        where = config.sqlite_path if vendor == "sqlite" else settings.DATABASES["default"]["NAME"]
        self.stdout.write(f"Baza: {vendor} ({where})")
        self.stdout.write(f"Katalog danych: {config.data_dir}")
