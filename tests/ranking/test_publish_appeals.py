"""Publishing and appeals (issue 19), end to end through the commands: a published ranking is
frozen (a recomputation makes a new draft; the published file stays byte for byte), an
appeal is recorded with its deadline, the jurors' decision becomes an override, and the
ranking after appeals is published as a new version beside the first."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from results.models import Appeal, AuditLogEntry, Edition, Override, RankingPublication
from tests.factories import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


@pytest.fixture
def world(settings, tmp_path):
    import dataclasses

    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, data_dir=tmp_path / "data")
    call_command(
        "edition", "create", "--year", "2027", "--start", "2027-03-01", "--end", "2027-05-31"
    )
    edition = Edition.objects.get(year=2027)
    gmina = make_participant(
        edition, host="gmina.example.pl", name="Gmina Zielona Dolina", employees=40
    )
    return {"edition": edition, "gmina": gmina, "out": tmp_path}


def _export(tmp_path, name, *extra):
    path = tmp_path / name
    call_command("export", "ranking", "--format", "csv", "--output", str(path), *extra)
    return path.read_bytes()


def _file_appeal(participant, received: str, grounds: str, *criterion) -> Appeal:
    """`auditor appeal add`; `criterion` is ("--criterion", ID) when the appeal names one."""
    call_command(
        "appeal",
        "add",
        *("--participant", str(participant.pk), "--received", received),
        *criterion,
        *("--grounds", grounds),
    )
    return Appeal.objects.get()


def _decide(appeal: Appeal, decision: str, reason: str, *status) -> None:
    """`auditor appeal decide`; `status` is ("--status", STATUS) for an upheld appeal."""
    call_command(
        "appeal", "decide", str(appeal.pk), "--decision", decision, *status, "--reason", reason
    )


def test_publish_freeze_appeal_and_republish(world, capsys):
    out = world["out"]
    call_command("rescore")
    call_command("publish", "ranking", "--yes")
    first = RankingPublication.objects.get()
    assert first.version == 1 and first.changes and first.changes[0]["what"] == "nowy"
    published = _export(out, "v1.csv", "--published", "1")

    # Publishing the same run again is refused; without a terminal, confirmation is required.
    with pytest.raises(CommandError, match="już opublikowane"):
        call_command("publish", "ranking", "--yes")

    grounds = "Dane kontaktowe są na stronie /kontakt."
    appeal = _file_appeal(world["gmina"], "2027-06-10", grounds, "--criterion", "INF-01")
    assert appeal.decision == "pending" and appeal.deadline == dt.date(2027, 7, 30)
    _decide(appeal, "upheld", "Juror potwierdził dane kontaktowe na stronie.", "--status", "pass")
    appeal.refresh_from_db()
    override = Override.objects.get(pk=appeal.override_id)
    assert override.criterion_id == "INF-01" and override.status == "pass"
    assert "Odwołanie nr" in override.reason

    call_command("rescore")  # a new draft: the published file does not move
    assert _export(out, "v1-again.csv", "--published", "1") == published
    assert _export(out, "draft.csv") != published

    capsys.readouterr()
    call_command("publish", "ranking", "--yes", "--note", "po odwołaniach", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["version"] == 2
    assert any(c["what"] == "punkty" for c in result["changes"])
    assert RankingPublication.objects.count() == 2
    assert _export(out, "v1-last.csv", "--published", "1") == published
    assert _export(out, "v2.csv", "--published") == _export(out, "draft-again.csv")

    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"ranking.publish", "appeal.file", "appeal.decide"} <= actions


def test_a_late_appeal_is_recorded_as_late_and_cannot_be_decided(world):
    appeal = _file_appeal(world["gmina"], "2027-09-01", "Nie zgadzamy się z wynikiem.")
    assert appeal.decision == "late"
    with pytest.raises(CommandError, match="ma już decyzję"):
        _decide(appeal, "upheld", "x")


def test_an_upheld_appeal_without_a_criterion_cannot_override(world):
    appeal = _file_appeal(world["gmina"], "2027-06-01", "Ogólne zastrzeżenia.")
    with pytest.raises(CommandError, match="wymaga kryterium"):
        _decide(appeal, "upheld", "ok", "--status", "pass")
    _decide(appeal, "rejected", "Bez podstaw.")
    appeal.refresh_from_db()
    assert appeal.decision == "rejected" and appeal.override_id is None


def test_publication_needs_confirmation_without_a_terminal(world):
    call_command("rescore")
    with pytest.raises(CommandError, match="potwierdzić"):
        call_command("publish", "ranking")
    assert not RankingPublication.objects.exists()
