import sys

from django.core.management.base import BaseCommand, CommandError
from rich.table import Table

from auditor.management.commands._console import console_for
from results.db import ensure_database
from results.models import Edition
from scheduler.schedule import (
    SingleSchedulerLock,
    install,
    make_scheduler,
    resume_unfinished,
    set_running,
)


class Command(BaseCommand):
    help = "Harmonogram edycji (APScheduler, zadania trwałe w bazie). Uruchamia jedyny proces harmonogramu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--edition", type=int, action="append", help="Planuje tę edycję (można powtórzyć)."
        )
        parser.add_argument(
            "--plan-only", action="store_true", help="Tylko zapisz i pokaż plan, nie uruchamiaj."
        )

    def handle(self, *args, edition, plan_only, **options):
        ensure_database()
        lock = SingleSchedulerLock()
        if not lock.acquire():
            raise CommandError("Inny proces harmonogramu już działa dla tej bazy.", returncode=4)
        try:
            scheduler = make_scheduler(blocking=not plan_only)
            if plan_only:
                scheduler.start(paused=True)
            years = edition or list(Edition.objects.values_list("year", flat=True))
            table = Table(title="Plan", title_justify="left")
            for col in ("Zadanie", "Kiedy (czas warszawski)"):
                table.add_column(col)
            for year in years:
                try:
                    for job in install(scheduler, Edition.objects.get(year=year)):
                        table.add_row(job.id, job.run_date.strftime("%Y-%m-%d %H:%M %Z"))
                except Edition.DoesNotExist as exc:
                    raise CommandError(f"Nie ma edycji {year}.", returncode=2) from exc
            console_for(self.stdout).print(table)
            if plan_only:
                scheduler.shutdown(wait=False)
                return
            for key in resume_unfinished(scheduler):
                sys.stderr.write(f"Wznawiam przerwany przebieg {key}.\n")
            set_running(scheduler)
            sys.stderr.write("Harmonogram działa (Ctrl+C kończy).\n")
            try:
                scheduler.start()
            except (KeyboardInterrupt, SystemExit):
                pass
        finally:
            set_running(None)
            lock.release()
