"""Awards by the Experts: nominations (ties all nominated), decisions only by experts, with
reason, who and when in the audit log, shown apart from nominations in the exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from results.exports import export_csv, export_json
from results.models import AuditLogEntry, AwardDecision
from results.ranking import Entrant, rank
from results.scoring import ranking_for, run_participants
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


def test_ties_at_the_last_nomination_are_all_nominated():
    people = [
        Entrant(1, "Alfa", "gmina_wiejska", 10, 90.0),
        Entrant(2, "Beta", "gmina_wiejska", 10, 80.0),
        Entrant(3, "Cecha", "gmina_wiejska", 10, 80.004),  # 80,00 shown: a tie
        Entrant(4, "Delta", "gmina_wiejska", 10, 79.0),
        Entrant(5, "Epsilon", "gmina_wiejska", 10, 60.0),  # below the threshold
    ]
    entries = {e.entrant.participant_id: e for e in rank(people, 70.0, 2).entries}
    assert [entries[i].nomination for i in (1, 2, 3, 4, 5)] == [True, True, True, False, False]
    assert not any(e.statuette for e in entries.values())
    assert entries[1].nomination and not rank(people, 70.0, 0).entries[0].nomination


@pytest.fixture
def world(edition, make_participant, store_run):
    alfa = make_participant("Gmina Alfa")
    beta = make_participant("Gmina Beta")
    niepelna = make_participant("Gmina Niepełna")
    run = store_run(
        edition,
        {
            alfa: (90.0, {"email": 0.9}, [], []),
            beta: (80.0, {"email": 0.8}, [], []),
            niepelna: (95.0, {"email": 1.0}, [], [], ["nie zmierzono kanału: e-mail"]),
        },
        statuettes=1,
        rubric_version=edition.rubric_version,
    )
    make_user("ekspert1", "expert", password=None)
    make_user("ola", "organiser", password=None)
    return {"alfa": alfa, "beta": beta, "niepelna": niepelna, "run": run}


def decide(participant, award="statuetka", decision="przyznana", expert="ekspert1", **kw):
    call_command(
        "awards",
        "decide",
        "--edition",
        "2027",
        "--participant",
        str(participant.pk),
        "--award",
        award,
        "--decision",
        decision,
        "--reason",
        kw.get("reason", "Wzorowa obsługa we wszystkich kanałach."),
        "--expert",
        expert,
    )


def test_only_an_expert_decides_and_a_statuette_needs_a_licence(world):
    with pytest.raises(CommandError, match="nie jest kontem eksperta") as info:
        decide(world["alfa"], expert="ola")
    assert info.value.returncode == 2
    with pytest.raises(CommandError, match="nie jest kontem eksperta"):
        decide(world["alfa"], expert="nikt")
    with pytest.raises(
        CommandError, match="statuetkę można przyznać tylko uczestnikowi z licencją"
    ):
        decide(world["niepelna"])
    with pytest.raises(CommandError, match="Nieznane wyróżnienie"):
        decide(world["alfa"], award="medal")
    assert not AwardDecision.objects.exists() and not AuditLogEntry.objects.exists()
    # A special distinction needs no licence.
    decide(world["niepelna"], award="wyroznienie", reason="Wolontariat urzędników.")
    assert AwardDecision.objects.get().decided_by == "ekspert1"


def test_decisions_are_logged_replace_each_other_and_can_be_revoked(world, capsys):
    decide(world["beta"], decision="nieprzyznana", reason="Równe punkty, słabsza wizyta.")
    decide(world["alfa"])
    decide(world["alfa"], decision="nieprzyznana", reason="Skarga mieszkańców po audycie.")
    rows = list(AwardDecision.objects.filter(participant=world["alfa"]).order_by("id"))
    assert [(r.decision, r.active) for r in rows] == [("granted", False), ("refused", True)]
    assert rows[0].end_reason == "zastąpiona nową decyzją"
    log = AuditLogEntry.objects.filter(action="award.decide").order_by("id")
    assert [e.actor for e in log] == ["ekspert1"] * 3
    assert log.last().details["supersedes"] == [rows[0].pk]
    assert log.last().details["reason"] == "Skarga mieszkańców po audycie."

    call_command(
        "awards", "revoke", str(rows[1].pk), "--reason", "Pomyłka.", "--expert", "ekspert1"
    )
    assert not AwardDecision.objects.get(pk=rows[1].pk).active
    assert AuditLogEntry.objects.filter(action="award.revoke").count() == 1
    with pytest.raises(CommandError, match="Nie ma obowiązującej decyzji"):
        call_command("awards", "revoke", str(rows[1].pk), "--reason", "x", "--expert", "ekspert1")


def test_exports_and_list_show_nomination_and_decision_apart(world, capsys):
    run = world["run"]
    participants = run_participants(run)
    before = json.loads(export_json(run, ranking_for(run, participants), participants))
    alfa = next(p for p in before["participants"] if p["name"] == "Gmina Alfa")
    assert alfa["nomination"] and not alfa["statuette"] and alfa["statuette_decision"] is None

    decide(world["alfa"])
    after = json.loads(export_json(run, ranking_for(run, participants), participants))
    alfa = next(p for p in after["participants"] if p["name"] == "Gmina Alfa")
    assert alfa["nomination"] and alfa["statuette"]
    assert alfa["statuette_decision"]["decided_by"] == "ekspert1"
    assert alfa["statuette_decision"]["decision_label"] == "przyznana"
    assert alfa["statuette_decision"]["reason"] == "Wzorowa obsługa we wszystkich kanałach."

    text = export_csv(run, ranking_for(run, participants), participants).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r["Nazwa"] == "Gmina Alfa")
    assert row["Nominacja do statuetki"] == "tak"
    assert row["Statuetka (decyzja ekspertów)"].startswith("przyznana (ekspert1, ")
    beta = next(r for r in rows if r["Nazwa"] == "Gmina Beta")
    assert beta["Nominacja do statuetki"] == "nie" and beta["Statuetka (decyzja ekspertów)"] == ""

    capsys.readouterr()
    call_command("awards", "list", "--edition", "2027", "--json")
    listed = json.loads(capsys.readouterr().out)["awards"]
    assert [(a["name"], a["nomination"], a["statuette"]) for a in listed] == [
        ("Gmina Alfa", True, True)
    ]
