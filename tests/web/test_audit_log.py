"""The audit log: one enum of actions, one helper, Polish labels, a filter by action."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from results.models import AuditLogEntry
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db]


def test_every_call_site_writes_an_action_of_the_enum():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        [
            "grep",
            "-rn",
            "--include=*.py",
            "AuditLogEntry.objects.create(",
            "auditor",
            "results",
            "scheduler",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout
    assert found == ""  # every write goes through AuditLogEntry.objects.log / .entry


def test_the_log_page_shows_labels_and_filters_by_action(client, world):
    AuditLogEntry.objects.log(
        "cli:anna", AuditLogEntry.Action.RESCORE, ("ScoreRun", 1), edition=2027
    )
    AuditLogEntry.objects.log(
        "cli:anna", AuditLogEntry.Action.JUROR_ASSIGN, world["juror"], edition=2027
    )
    login(client, world["organiser"])
    page = client.get(reverse("web:audit_log")).content.decode()
    assert "przeliczenie wyników" in page and "przydział jurora" in page
    assert "User #" in page
    only = client.get(reverse("web:audit_log"), {"czynnosc": "scores.rescore"}).content.decode()
    assert "przeliczenie wyników</td>" in only and "przydział jurora</td>" not in only


def test_old_codes_are_renamed():
    migration = importlib.import_module("results.migrations.0018_audit_log_actions")
    AuditLogEntry.objects.create(
        actor="web:org", action="korekta wyniku", object_type="Override", object_id="1"
    )
    AuditLogEntry.objects.create(
        actor="web:org", action="juror_assign", object_type="user", object_id="a"
    )
    migration.rename(apps, None)
    assert set(AuditLogEntry.objects.values_list("action", flat=True)) == {
        "override.add",
        "juror.assign",
    }
