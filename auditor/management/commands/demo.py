import os
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from results.db import ensure_database
from rubrics.rubric import default_version

YEAR = 2027
DEFAULT_PORT = 18080  # demo/registry.csv names the sites on this port


class Command(BaseCommand):
    help = (
        "Pełne badanie świata demonstracyjnego: strony WWW na 127.0.0.x, e-maile do "
        "symulowanych urzędników, ranking i raporty (wymaga scripts/services/mailworld.sh start)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=DEFAULT_PORT, help="Port stron demonstracyjnych."
        )
        parser.add_argument(
            "--reply-wait",
            type=float,
            default=90,
            help="Najdłużej tyle sekund czekaj na odpowiedzi.",
        )

    def say(self, text: str) -> None:
        self.stderr.write(f"\n== {text}")

    def handle(self, *args, port, reply_wait, **options):
        from demo import world
        from demo.sites.server import DemoWorld

        if not settings.AUDITOR.allow_private_networks:
            raise CommandError(
                "Świat demo działa na 127.0.0.x: ustaw AUDITOR_ALLOW_PRIVATE_NETWORKS=1."
            )
        os.environ.setdefault(world.MAIL_PASSWORD_ENV, "haslo-testowe")
        ensure_database()

        self.say("Rejestr i edycja")
        call_command(
            "edition",
            "create",
            "--year",
            str(YEAR),
            "--rubric",
            default_version(YEAR),
            stdout=self.stderr,
        )
        registry = world.REGISTRY
        if port != DEFAULT_PORT:
            # The registry names the demo sites on their default port.
            registry = Path(settings.AUDITOR.data_dir) / "registry-demo.csv"
            text = world.REGISTRY.read_text(encoding="utf-8")
            registry.write_text(text.replace(f":{DEFAULT_PORT}/", f":{port}/"), encoding="utf-8")
        try:
            call_command(
                "participants",
                "import",
                str(registry),
                "--edition",
                str(YEAR),
                stdout=self.stderr,
            )
        except SystemExit as exc:
            raise CommandError("Rejestr demonstracyjny ma odrzucone wiersze.") from exc
        self._persona()

        self.say("Świat demonstracyjny: skrzynki, urzędnicy, strony WWW")
        mailboxes = [world.PERSONA["address"], *world.clerk_mailboxes()]
        world.add_mailboxes(mailboxes)
        world.empty_mailboxes(mailboxes)
        try:
            sites = DemoWorld(port=port).start()
        except OSError as exc:
            raise CommandError(
                f"Port {port} jest zajęty ({exc}); podaj inny: auditor demo --port N"
            ) from exc
        # The demo participants' mail domains (TEC-11) resolve at the world's own DNS.
        os.environ.setdefault("AUDITOR_DNS_SERVER", sites.dns_server)
        clerks = world.start_clerks()
        try:
            self.say("Badanie: strony WWW i zapytania e-mail (tajemniczy klient)")
            call_command(
                "sweep",
                "run",
                "--edition",
                str(YEAR),
                "--email-now",
                "--no-ranking",
                "--key",
                f"demo:{timezone.now():%Y%m%dT%H%M%S}",
                stdout=self.stderr,
            )
            self.say("Czekam na odpowiedzi urzędników (IMAP)")
            from scheduler.email import watch

            received = world.wait_for_replies(
                watch.poll_all_once,
                limit_s=reply_wait,
                progress=lambda n: self.stderr.write(f"  odebrano wiadomości: {n}"),
            )
            self.stderr.write(f"  razem odebrano: {received}")
        finally:
            world.stop(clerks)
            sites.stop()
        self._close_unanswered()

        self.say("Ocena i ranking")
        call_command("rescore", edition=YEAR, stdout=self.stderr)
        call_command("ranking", edition=YEAR, stdout=self.stdout)
        self._outputs()

    def _persona(self) -> None:
        from demo import world
        from results.models import Persona

        if not Persona.objects.filter(address=world.PERSONA["address"]).exists():
            call_command(*world.persona_add_args(), stdout=self.stderr)

    def _close_unanswered(self) -> None:
        """The demo compresses the 14-day answer deadline into the wait above."""
        from results.models import Enquiry
        from scheduler.email import watch

        waiting = Enquiry.objects.filter(edition__year=YEAR, state=Enquiry.SENT)
        count = waiting.update(deadline_at=timezone.now() - timedelta(seconds=1))
        closed = watch.close_overdue()
        self.stderr.write(
            f"  W demo termin odpowiedzi (14 dni) skrócono do czasu oczekiwania: "
            f"bez odpowiedzi zamknięto {closed} z {count} zapytań."
        )

    def _outputs(self) -> None:
        from results.models import Edition

        out = Path(settings.AUDITOR.data_dir)
        reports = out / "raporty"
        reports.mkdir(parents=True, exist_ok=True)
        xlsx = out / f"ranking-{YEAR}.xlsx"
        call_command(
            "export", "ranking", edition=YEAR, format="xlsx", output=str(xlsx), stdout=self.stderr
        )
        for pid in Edition.objects.get(year=YEAR).participants.values_list("pk", flat=True):
            call_command(
                "report",
                edition=YEAR,
                participant=str(pid),
                output=str(reports),
                stdout=self.stderr,
            )
        os.environ.setdefault("AUDITOR_DEMO_PASSWORD", "Zielona-Dolina-2027")
        call_command(
            "users",
            "create",
            "organizator",
            "--role",
            "organiser",
            "--password-env",
            "AUDITOR_DEMO_PASSWORD",
            stdout=self.stderr,
        )
        self.stdout.write(
            "\nGdzie obejrzeć dowody:\n"
            f"  ranking (XLSX):      {xlsx}\n"
            f"  raporty uczestników: {reports}/\n"
            f"  panel jurorów:       AUDITOR_DATA_DIR={out} AUDITOR_ALLOW_PRIVATE_NETWORKS=1 "
            ".venv/bin/auditor runserver 127.0.0.1:8000\n"
            "                       potem http://127.0.0.1:8000/  (login: organizator, hasło: Zielona-Dolina-2027)\n"
        )
        sys.stdout.flush()
