import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from auditor.management.commands._console import ActionCommand, add_edition, add_json, console_for
from auditor.management.commands._results_common import edition_for
from results.models import Sweep
from scheduler.sweeps import ALL_PROBES, create_sweep, progress


def _counts_text(p) -> str:
    return (
        f"zmierzono {p.done} · błąd uczestnika {p.failed} · nie zmierzono {p.not_measured} · "
        f"w toku {p.running} · oczekuje {p.pending}"
    )


class Command(ActionCommand):
    help = "Przebiegi badania: uruchomienie teraz (`sweep run`) i postęp (`sweep status`)."
    needs_database = True

    def add_actions(self, sub):
        run = sub.add_parser(
            "run", help="Uruchamia badanie teraz, z paskiem postępu, i drukuje ranking."
        )
        add_edition(run)
        run.add_argument("--only", choices=ALL_PROBES, help="Tylko jedna sonda.")
        run.add_argument("--participant", type=int, nargs="+", help="Tylko ci uczestnicy (ID).")
        run.add_argument("--concurrency", type=int, default=2, help="Sondy naraz w tym procesie.")
        run.add_argument(
            "--key", help="Klucz przebiegu: ponowne uruchomienie z tym samym kluczem wznawia go."
        )
        run.add_argument("--no-ranking", action="store_true", help="Nie drukuj rankingu na końcu.")
        run.add_argument(
            "--email-now",
            action="store_true",
            help="Wysyłaj zapytania od razu, także poza godzinami pracy (tylko świat demo i testy).",
        )
        status = sub.add_parser("status", help="Postęp przebiegów.")
        status.add_argument("--edition", type=int)
        add_json(status)

    def handle_run(self, edition, only, participant, concurrency, key, no_ranking, email_now, **_):
        edition_obj = edition_for(edition)
        edition = edition_obj.year
        probes = [only] if only else list(ALL_PROBES)
        options = {"email_immediately": True} if email_now else {}
        sweep, created = create_sweep(edition_obj, probes, participant, key=key, options=options)
        total = sweep.runs.count()
        if total == 0:
            raise CommandError(
                f"Edycja {edition} nie ma uczestników: auditor participants import PLIK --edition {edition}"
            )
        mode = "rozproszony (Dramatiq)" if settings.AUDITOR.broker_url else "w tym procesie"
        verb = "Nowy" if created else "Wznowiony"
        sys.stderr.write(f"{verb} przebieg #{sweep.pk} ({sweep.key}): {total} sond, tryb {mode}.\n")

        columns = (
            TextColumn("[bold]Badanie"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
        )
        with Progress(*columns, console=console_for(sys.stderr), transient=False) as bar:
            task = bar.add_task("", total=total)

            def show(p):
                bar.update(task, completed=p.finished, description=_counts_text(p))

            if settings.AUDITOR.broker_url:
                from scheduler.coordinator import drive

                final = drive(sweep, on_progress=show)
            else:
                from scheduler.pool import run_sweep_blocking

                final = run_sweep_blocking(sweep, concurrency=concurrency, on_progress=show)
        self.stdout.write(f"Przebieg #{sweep.pk} zakończony: {_counts_text(final)}.")
        if not no_ranking:
            self._ranking(edition)

    def _ranking(self, edition: int) -> None:
        call_command("rescore", edition=edition, stdout=self.stdout)
        call_command("ranking", edition=edition, stdout=self.stdout)

    def handle_status(self, edition, json: bool, **_):
        sweeps = Sweep.objects.select_related("edition")
        if edition:
            sweeps = sweeps.filter(edition__year=edition)
        rows = [(s, progress(s)) for s in sweeps[:20]]
        if json:
            import json as jsonlib

            payload = [
                {
                    "id": s.pk,
                    "edition": s.edition.year,
                    "key": s.key,
                    "status": s.status,
                    "probes": s.probes,
                    **p.as_dict(),
                }
                for s, p in rows
            ]
            self.stdout.write(jsonlib.dumps(payload, ensure_ascii=False))
            return
        table = Table(title="Przebiegi badania", title_justify="left")
        for col in (
            "#",
            "Edycja",
            "Klucz",
            "Stan",
            "Sondy",
            "Zmierzono",
            "Błąd uczestnika",
            "Nie zmierzono",
            "W toku",
            "Oczekuje",
        ):
            table.add_column(col)
        for s, p in rows:
            table.add_row(
                str(s.pk),
                str(s.edition.year),
                s.key,
                s.get_status_display(),
                ", ".join(s.probes),
                str(p.done),
                str(p.failed),
                str(p.not_measured),
                str(p.running),
                str(p.pending),
            )
        console_for(self.stdout).print(table)
