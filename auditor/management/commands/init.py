import os
import secrets

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from auditor.config import SECRET_KEY_FILE
from results.db import pending_migrations


class Command(BaseCommand):
    help = "Tworzy lub aktualizuje bazę danych i katalog danych (bezpieczne do ponownego uruchomienia)."

    def handle(self, *args, **options):
        config = settings.AUDITOR
        config.data_dir.mkdir(parents=True, exist_ok=True)
        config.evidence_dir.mkdir(parents=True, exist_ok=True)
        self._secret_key(config)
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

    def _secret_key(self, config) -> None:
        """A random key of this installation for the web interface, unless the environment
        gives one (several web machines must share AUDITOR_SECRET_KEY)."""
        path = config.data_dir / SECRET_KEY_FILE
        if os.environ.get("AUDITOR_SECRET_KEY", "").strip() or path.exists():
            return
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(50) + "\n")
        self.stdout.write(f"Zapisano losowy klucz interfejsu WWW: {path}")
