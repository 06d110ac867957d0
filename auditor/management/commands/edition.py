import datetime as dt

from django.core.management.base import CommandError
from rich.table import Table

from auditor.management.commands._console import (
    ActionCommand,
    add_json,
    console_for,
    current_actor,
    refusals,
)
from results.models import AuditLogEntry, Edition, Participant
from rubrics.rubric import (
    DEFAULT_RUBRIC_BY_EDITION,
    RubricError,
    available_versions,
    load_rubric,
)


def newest_version() -> str:
    """The newest packaged rubric ("2027.10" after "2027.9")."""
    return max(available_versions(), key=lambda v: tuple(int(p) for p in v.split(".")))


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Nieprawidłowa data „{value}” (format RRRR-MM-DD).") from exc


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Nieprawidłowa data dnia wolnego „{value}” (format RRRR-MM-DD).", returncode=2
        ) from None


class Command(ActionCommand):
    help = "Edycje konkursu: tworzenie, lista, zapisywanie uczestników."
    needs_database = True

    def add_actions(self, sub):
        create = sub.add_parser("create", help="Tworzy lub zmienia edycję.")
        create.add_argument("--year", type=int, required=True)
        create.add_argument("--start", help="Początek badania (RRRR-MM-DD); domyślnie 1 marca.")
        create.add_argument("--end", help="Koniec badania (RRRR-MM-DD); domyślnie 31 maja.")
        create.add_argument(
            "--appeal-deadline",
            help="Ostatni dzień odwołań (RRRR-MM-DD); liczy się od niego retencja.",
        )
        create.add_argument(
            "--rubric",
            default=None,
            help="Wersja rubryki, np. 2027.3 (domyślnie dla nowej edycji: rubryka domyślna roku, "
            "dla 2027 — 2027.3; przy zmianie istniejącej edycji: bez zmiany).",
        )
        create.add_argument(
            "--ignore-robots", action="store_true", help="Nie przestrzegaj robots.txt."
        )
        create.add_argument(
            "--all-participants", action="store_true", help="Zapisz wszystkich uczestników."
        )
        sub.add_parser("list", help="Lista edycji.")
        days_off = sub.add_parser(
            "days-off",
            help="Dni wolne edycji (np. dni zastępcze za święta w sobotę): kalendarz oceny "
            "czasu odpowiedzi je pomija.",
        )
        days_off.add_argument("--year", type=int, required=True)
        days_off.add_argument("--add", nargs="+", default=[], metavar="RRRR-MM-DD")
        days_off.add_argument("--remove", nargs="+", default=[], metavar="RRRR-MM-DD")
        add_json(days_off, "Lista dni jako JSON.")

    def handle_create(
        self, year, start, end, rubric, ignore_robots, all_participants, appeal_deadline=None, **_
    ):
        window_start = _date(start) if start else dt.date(year, 3, 1)
        window_end = _date(end) if end else dt.date(year, 5, 31)
        if window_end < window_start:
            raise CommandError("Koniec badania jest przed jego początkiem.")
        defaults = {
            "window_start": window_start,
            "window_end": window_end,
            "respect_robots": not ignore_robots,
        }
        if not rubric and not Edition.objects.filter(year=year).exists():
            rubric = DEFAULT_RUBRIC_BY_EDITION.get(year) or newest_version()
        if rubric:
            with refusals(RubricError):
                load_rubric(rubric)
            defaults["rubric_version"] = rubric
        if appeal_deadline:
            defaults["appeal_deadline"] = _date(appeal_deadline)
            if defaults["appeal_deadline"] < window_end:
                raise CommandError("Termin odwołań jest przed końcem badania.")
        edition, created = Edition.objects.update_or_create(year=year, defaults=defaults)
        if all_participants:
            edition.participants.add(*Participant.objects.values_list("pk", flat=True))
        AuditLogEntry.objects.log(
            current_actor(),
            AuditLogEntry.Action.EDITION_CREATE if created else AuditLogEntry.Action.EDITION_UPDATE,
            ("edition", year),
            **{k: str(v) for k, v in defaults.items()},
        )
        verb = "Utworzono" if created else "Zaktualizowano"
        self.stdout.write(
            f"{verb} edycję {year}: {edition.window_start} – {edition.window_end}, "
            f"rubryka {edition.rubric_version}, uczestników {edition.participants.count()}."
        )

    def handle_days_off(self, year, add, remove, json, **_):
        """Substitute days off (Kodeks pracy art. 130 § 2) and other days the offices announce
        as free: the organiser keeps them per edition; re-scoring counts them."""
        import json as jsonlib

        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"Nie ma edycji {year}.", returncode=2)
        added = {_day(v) for v in add}
        removed = {_day(v) for v in remove}
        before = {dt.date.fromisoformat(d) for d in edition.days_off or []}
        after = sorted((before | added) - removed)
        if added or removed:
            edition.days_off = [d.isoformat() for d in after]
            edition.save(update_fields=["days_off"])
            AuditLogEntry.objects.log(
                current_actor(),
                AuditLogEntry.Action.EDITION_DAYS_OFF,
                ("edition", year),
                added=sorted(d.isoformat() for d in added),
                removed=sorted(d.isoformat() for d in removed),
            )
        if json:
            self.stdout.write(jsonlib.dumps([d.isoformat() for d in after]))
            return
        listed = ", ".join(d.isoformat() for d in after) or "brak"
        self.stdout.write(f"Dni wolne edycji {year}: {listed}.")
        if added or removed:
            self.stdout.write(f"Liczą się od następnego `auditor rescore --edition {year}`.")

    def handle_list(self, **_):
        table = Table(title="Edycje", title_justify="left")
        for col in ("Rok", "Okno badania", "Rubryka", "robots.txt", "Uczestnicy"):
            table.add_column(col)
        for e in Edition.objects.all():
            table.add_row(
                str(e.year),
                f"{e.window_start} – {e.window_end}",
                e.rubric_version,
                "tak" if e.respect_robots else "nie",
                str(e.participants.count()),
            )
        console_for(self.stdout).print(table)
