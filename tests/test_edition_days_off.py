"""`auditor edition days-off`: the organiser keeps the edition's substitute days off."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from results.models import AuditLogEntry, Edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return Edition.objects.create(
        year=2026, window_start=dt.date(2026, 8, 1), window_end=dt.date(2026, 12, 31)
    )


def test_add_remove_and_list(edition, capsys):
    call_command("edition", "days-off", "--year", "2026", "--add", "2026-12-31", "2026-08-14")
    assert "2026-08-14, 2026-12-31" in capsys.readouterr().out
    call_command("edition", "days-off", "--year", "2026", "--remove", "2026-12-31", "--json")
    assert json.loads(capsys.readouterr().out) == ["2026-08-14"]
    edition.refresh_from_db()
    assert edition.days_off == ["2026-08-14"]
    assert AuditLogEntry.objects.filter(action="edition.days_off").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "1999", "--add", "2026-08-14"], "Nie ma edycji 1999"),
        (["--year", "2026", "--add", "14.08.2026"], "Nieprawidłowa data dnia wolnego"),
    ],
)
def test_wrong_input_is_refused_in_polish(edition, args, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("edition", "days-off", *args)
    assert raised.value.returncode == 2
