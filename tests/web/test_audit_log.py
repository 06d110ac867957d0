"""The audit log: one enum of actions, one helper, Polish labels, a filter by action."""

import pytest
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
    assert "konto nr" in page
    only = client.get(reverse("web:audit_log"), {"czynnosc": "scores.rescore"}).content.decode()
    assert "przeliczenie wyników</td>" in only and "przydział jurora</td>" not in only
