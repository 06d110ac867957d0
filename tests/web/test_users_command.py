"""`auditor users`: create accounts with roles, assign participants to jurors."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from results.models import AuditLogEntry, JurorAssignment
from tests.web.conftest import make_participant

pytestmark = pytest.mark.django_db


def test_create_assign_and_list(monkeypatch, capsys, world):
    monkeypatch.setenv("NEW_PASSWORD", "Bardzo-Tajne-Haslo-77")
    call_command("users", "create", "anna", "--role", "juror", "--password-env", "NEW_PASSWORD")
    anna = User.objects.get(username="anna")
    assert anna.check_password("Bardzo-Tajne-Haslo-77")
    assert list(anna.groups.values_list("name", flat=True)) == ["juror"]
    c = make_participant(3)
    call_command("users", "assign", "anna", str(world["a"].pk), str(c.pk), "--edition", "2027")
    call_command("users", "assign", "anna", str(world["a"].pk), "--edition", "2027")
    assert JurorAssignment.objects.filter(juror=anna).count() == 2
    out = capsys.readouterr().out
    assert "Utworzono konto anna z rolą: juror." in out
    assert "2 nowych" in out and "0 nowych" in out
    # A new role replaces the old one.
    call_command("users", "create", "anna", "--role", "observer", "--password-env", "NEW_PASSWORD")
    assert list(anna.groups.values_list("name", flat=True)) == ["observer"]
    call_command("users", "list")
    assert "anna\tobserwator\tprzydziałów: 2" in capsys.readouterr().out
    assert AuditLogEntry.objects.filter(action="juror.assign", object_id="anna").count() == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["assign", "juror", "999999", "--edition", "2027"],
            "Nie ma uczestników o identyfikatorach: 999999",
        ),
        (["assign", "juror", "1", "--edition", "1999"], "Nie ma edycji 1999."),
        (["assign", "nikt", "1", "--edition", "2027"], "Nie ma konta nikt."),
        (["assign", "obs", "1", "--edition", "2027"], "Konto obs nie ma roli juror."),
        (["create", "x", "--role", "juror", "--password-env", "BRAK_ZMIENNEJ"], "BRAK_ZMIENNEJ"),
    ],
)
def test_errors_are_polish(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("users", *args)


def test_weak_password_is_refused(monkeypatch, world):
    monkeypatch.setenv("WEAK", "123")
    with pytest.raises(CommandError, match="Hasło odrzucone"):
        call_command("users", "create", "kasia", "--role", "juror", "--password-env", "WEAK")
    assert not User.objects.filter(username="kasia").exists()
