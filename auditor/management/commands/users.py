"""`auditor users`: accounts of organisers, jurors and observers, and jurors' assignments."""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from auditor.management.commands._console import current_actor, subcommands
from auditor.management.commands._results_common import EDITION_HELP, edition_for
from results.db import ensure_database
from results.models import AuditLogEntry, JurorAssignment, Participant
from results.web_models import ROLE_JUROR, ROLE_LABELS, ROLES


class Command(BaseCommand):
    help = (
        "Konta użytkowników interfejsu WWW (organizator, juror, obserwator) i przydziały jurorów."
    )

    def add_arguments(self, parser):
        sub = subcommands(parser)
        create = sub.add_parser("create", help="Tworzy konto z rolą (lub zmienia rolę i hasło).")
        create.add_argument("username")
        create.add_argument("--role", choices=ROLES, required=True)
        create.add_argument("--email", default="")
        create.add_argument(
            "--password-env",
            metavar="ZMIENNA",
            help="Nazwa zmiennej środowiskowej z hasłem (bez niej hasło jest pytane).",
        )
        assign = sub.add_parser("assign", help="Przydziela jurorowi uczestników w edycji.")
        assign.add_argument("juror")
        assign.add_argument("participant_ids", nargs="+", type=int, metavar="ID_UCZESTNIKA")
        assign.add_argument("--edition", type=int, metavar="ROK", help=EDITION_HELP)
        sub.add_parser("list", help="Lista kont z rolami i liczbą przydziałów.")

    def handle(self, *args, action, **options):
        ensure_database()
        for role in ROLES:
            Group.objects.get_or_create(name=role)
        return getattr(self, f"handle_{action}")(**options)

    def _password(self, env_name: str | None) -> str:
        if env_name:
            password = os.environ.get(env_name)
            if not password:
                raise CommandError(f"Zmienna środowiskowa {env_name} jest pusta lub nie istnieje.")
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                "Brak terminala, więc nie można zapytać o hasło — podaj je przez zmienną "
                "środowiskową: --password-env NAZWA_ZMIENNEJ.",
                returncode=2,
            )
        try:
            first = getpass.getpass("Hasło: ")
            again = getpass.getpass("Powtórz hasło: ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("Przerwano; konta nie utworzono.", returncode=2) from None
        if first != again:
            raise CommandError("Hasła się różnią.")
        return first

    @transaction.atomic
    def handle_create(self, username: str, role: str, email: str, password_env: str | None, **_):
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": email}
        )
        password = self._password(password_env)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Hasło odrzucone: " + " ".join(exc.messages)) from exc
        user.set_password(password)
        if email:
            user.email = email
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(Group.objects.get(name=role))
        AuditLogEntry.objects.log(
            current_actor(),
            AuditLogEntry.Action.USER_CREATE if created else AuditLogEntry.Action.USER_UPDATE,
            ("user", username),
            role=role,
        )
        verb = "Utworzono" if created else "Zaktualizowano"
        self.stdout.write(f"{verb} konto {username} z rolą: {ROLE_LABELS[role]}.")

    @transaction.atomic
    def handle_assign(self, juror: str, participant_ids: list[int], edition: int, **_):
        user = get_user_model().objects.filter(username=juror).first()
        if user is None:
            raise CommandError(f"Nie ma konta {juror}.", returncode=2)
        if not user.groups.filter(name=ROLE_JUROR).exists():
            raise CommandError(f"Konto {juror} nie ma roli juror.")
        edition_obj = edition_for(edition)
        found = set(Participant.objects.filter(pk__in=participant_ids).values_list("pk", flat=True))
        unknown = sorted(set(participant_ids) - found)
        if unknown:
            raise CommandError(
                "Nie ma uczestników o identyfikatorach: " + ", ".join(map(str, unknown))
            )
        added = 0
        for pid in participant_ids:
            _, created = JurorAssignment.objects.get_or_create(
                juror=user, participant_id=pid, edition=edition_obj
            )
            added += created
        AuditLogEntry.objects.log(
            current_actor(),
            AuditLogEntry.Action.JUROR_ASSIGN,
            ("user", juror),
            edition=edition,
            participants=participant_ids,
        )
        self.stdout.write(
            f"Przydzielono jurorowi {juror} uczestników: {added} nowych "
            f"(razem wskazano {len(participant_ids)}) w edycji {edition}."
        )

    def handle_list(self, **_):
        for user in get_user_model().objects.order_by("username").prefetch_related("groups"):
            own = [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
            count = JurorAssignment.objects.filter(juror=user).count()
            self.stdout.write(
                f"{user.username}\t{', '.join(own) or 'bez roli'}\tprzydziałów: {count}"
            )
