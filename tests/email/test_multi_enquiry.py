"""N enquiries per participant per edition: planning, distinct texts, moments spread over
the audit window within office hours, the unique sequence, and the sweep handing them all
out through the real local mail world exactly once."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from probes.email import schedule
from probes.email.templates import templates_for, text_fingerprint
from results.email_models import Enquiry, Persona
from scheduler.email import plan, watch
from scheduler.email import secrets as email_secrets
from tests.factories import make_edition, make_participant, make_persona

WINDOW = (dt.date(2027, 3, 1), dt.date(2027, 5, 31))  # Easter Monday 29.03, 1 and 3 May inside
BEFORE_WINDOW = datetime(2027, 2, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def window_edition(db):
    return make_edition(2027, *WINDOW)


def persona(first: str, surname: str, gender: str) -> Persona:
    # Planning never connects: a persona record is enough (no mailbox needed).
    address = f"{first}.{surname}-{uuid.uuid4().hex[:6]}@poczta-mieszkanca.test".lower()
    return make_persona(
        address, first_name=first, surname=surname, gender=gender, password_ref="UNUSED"
    )


def participants(edition, kinds: list[str]):
    return [
        make_participant(
            edition,
            host=f"u{i}.test",
            identity_key=f"multi-{i}-{uuid.uuid4().hex[:6]}",
            name=f"Uczestnik {i}",
            kind=kind,
            employees=30,
            emails=[f"biuro@u{i}.test"],
        )
        for i, kind in enumerate(kinds)
    ]


KINDS = ["gmina_wiejska", "gmina_miejska", "powiat", "spoldzielnia_mieszkaniowa"] * 2 + [
    "wspolnota_mieszkaniowa",
    "spolka_komunalna",
]


def test_window_parts_cover_the_window_in_order():
    start, end = WINDOW
    parts = [schedule.window_part(start, end, k, 3) for k in (1, 2, 3)]
    assert parts[0][0] == start and parts[-1][1] == end
    for (_, last), (first, _) in zip(parts, parts[1:], strict=False):
        assert first == last + dt.timedelta(days=1)  # consecutive, no gap, no overlap
    with pytest.raises(ValueError):
        schedule.window_part(start, end, 4, 3)


def test_moment_within_skips_holidays_and_keeps_to_office_hours():
    hours = schedule.DEFAULT_OFFICE_HOURS["J"]
    rng = random.Random(1)
    easter_monday, may_day = dt.date(2027, 3, 29), dt.date(2027, 5, 3)
    for _ in range(300):
        m = schedule.moment_within(
            dt.date(2027, 3, 26), dt.date(2027, 3, 30), BEFORE_WINDOW, hours, rng
        )
        local = m.astimezone(schedule.WARSAW)
        assert local.date() in (dt.date(2027, 3, 26), dt.date(2027, 3, 30))
        assert local.date() != easter_monday and schedule.in_office_hours(m, hours)
    # A stretch of holidays and a weekend only: no office time at all.
    assert schedule.moment_within(may_day, may_day, BEFORE_WINDOW, hours, rng) is None


def test_two_enquiries_each_with_distinct_texts_spread_over_the_window(window_edition):
    persona("Anna", "Kowalska", "f")
    persona("Piotr", "Zieliński", "m")
    people = participants(window_edition, KINDS)
    created = plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="multi")
    assert len(created) == 2 * len(people)

    bodies = [text_fingerprint(e.body) for e in Enquiry.objects.all()]
    assert len(set(bodies)) == len(bodies)  # never the same text twice in the edition
    first_part = schedule.window_part(*WINDOW, 1, 2)
    second_part = schedule.window_part(*WINDOW, 2, 2)
    for p in people:
        mine = list(Enquiry.objects.filter(participant=p).order_by("sequence"))
        assert [e.sequence for e in mine] == [1, 2]
        # Another wording, and another question wherever the kind has more than one.
        assert (mine[0].template_id, mine[0].wording) != (mine[1].template_id, mine[1].wording)
        if len(templates_for(p.kind)) > 1:
            assert mine[0].template_id != mine[1].template_id
        assert mine[0].subject != mine[1].subject
        for e, (first, last) in zip(mine, (first_part, second_part), strict=True):
            local = e.planned_at.astimezone(schedule.WARSAW)
            assert first <= local.date() <= last  # the k-th in the k-th part of the window
            assert schedule.is_working_day(local.date())
            assert schedule.in_office_hours(e.planned_at, e.office_hours)
            assert e.state == Enquiry.PENDING
    # Two personas: a participant's two enquiries come from different residents.
    assert all(
        Enquiry.objects.filter(participant=p).values("persona").distinct().count() == 2
        for p in people
    )


def test_planning_again_adds_only_what_is_missing(window_edition, monkeypatch):
    persona("Anna", "Kowalska", "f")
    people = participants(window_edition, KINDS[:4])
    assert len(plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="a")) == 8
    assert plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="b") == []
    # The organiser raises N to 3: each participant gets one more, in the last third.
    monkeypatch.setenv("AUDITOR_ENQUIRIES_PER_PARTICIPANT", "3")
    added = plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="c")
    assert sorted((e.participant_id, e.sequence) for e in added) == [(p.id, 3) for p in people]
    third = schedule.window_part(*WINDOW, 3, 3)
    for e in added:
        assert third[0] <= e.planned_at.astimezone(schedule.WARSAW).date() <= third[1]
    bodies = [text_fingerprint(b) for b in Enquiry.objects.values_list("body", flat=True)]
    assert len(set(bodies)) == len(bodies) == 12
    for p in people:
        wordings = list(Enquiry.objects.filter(participant=p).values_list("template_id", "wording"))
        assert len(set(wordings)) == 3


def test_setting_is_checked(monkeypatch):
    monkeypatch.delenv("AUDITOR_ENQUIRIES_PER_PARTICIPANT", raising=False)
    assert plan.enquiries_per_participant() == 2
    monkeypatch.setenv("AUDITOR_ENQUIRIES_PER_PARTICIPANT", "4")
    assert plan.enquiries_per_participant() == 4
    for bad in ("0", "dwa"):
        monkeypatch.setenv("AUDITOR_ENQUIRIES_PER_PARTICIPANT", bad)
        with pytest.raises(
            email_secrets.EmailConfigError, match="AUDITOR_ENQUIRIES_PER_PARTICIPANT"
        ):
            plan.enquiries_per_participant()


def test_one_enquiry_per_participant_and_sequence(window_edition):
    persona("Anna", "Kowalska", "f")
    participants(window_edition, KINDS[:1])
    first = plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="u", per_participant=1)[0]

    def copy(sequence: int) -> None:
        with transaction.atomic():
            Enquiry.objects.create(
                edition=first.edition,
                participant=first.participant,
                persona=first.persona,
                sequence=sequence,
                template_id=first.template_id,
                wording=first.wording,
                subject=first.subject,
                body=first.body + " ",
                message_id=f"<{uuid.uuid4().hex}@poczta-mieszkanca.test>",
                planned_at=first.planned_at,
            )

    with pytest.raises(IntegrityError):
        copy(1)
    copy(2)
    assert Enquiry.objects.filter(participant=first.participant).count() == 2


def test_planning_late_in_the_window_keeps_to_what_is_left(window_edition):
    persona("Anna", "Kowalska", "f")
    participants(window_edition, KINDS[:2])
    late = datetime(2027, 5, 20, 9, 0, tzinfo=UTC)  # both parts but the last days are over
    for e in plan.plan_enquiries(window_edition, late, seed="late"):
        assert e.planned_at >= late
        assert schedule.in_office_hours(e.planned_at, e.office_hours)


@pytest.mark.mail
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sweep_hands_out_every_enquiry_once_and_scoring_takes_the_median(
    window_edition, make_persona, monkeypatch
):
    """Through the real Postfix and Dovecot: an e-mail sweep with email_immediately sends
    both enquiries, a second sweep sends nothing, a demo clerk answers both, and the
    re-score judges each enquiry and takes the median of the two."""
    from demo.clerks.clerks import handle_mailbox
    from results.models import ArtifactRecord, CriterionResultRecord
    from scheduler.pool import run_sweep_blocking
    from scheduler.rescore import rescore
    from scheduler.sweeps import create_sweep
    from tests.email.conftest import IMAP, PASSWORD, SMTP, imap_count, new_mailbox, wait_for

    monkeypatch.delenv("AUDITOR_ENQUIRIES_PER_PARTICIPANT", raising=False)
    personas = {make_persona().pk, make_persona("Piotr", "Zielinski", "m").pk}
    clerk_box = new_mailbox("sekretariat", "gmina-dwukrotna.test")
    participant = make_participant(
        window_edition,
        host="gmina-dwukrotna.test",
        identity_key=f"dwa-{uuid.uuid4().hex[:6]}",
        name="Gmina Dwukrotna",
        employees=25,
        emails=[clerk_box],
    )

    options = {"email_immediately": True}
    sweep, _ = create_sweep(window_edition, ["email"], key="multi:1", options=options)
    progress = run_sweep_blocking(sweep, concurrency=1, poll_seconds=0.05)
    assert progress.done == 1
    enquiries = list(Enquiry.objects.filter(participant=participant).order_by("sequence"))
    assert [(e.sequence, e.state) for e in enquiries] == [(1, Enquiry.SENT), (2, Enquiry.SENT)]
    assert enquiries[0].body != enquiries[1].body
    wait_for(lambda: imap_count(clerk_box) == 2)
    # Scoring points at both enquiries' own artifacts.
    sources = set(
        ArtifactRecord.objects.filter(participant=participant, channel="email").values_list(
            "source", flat=True
        )
    )
    assert sources == {f"enquiry:{e.pk}" for e in enquiries}

    # Another sweep over the same edition finds both sent and sends nothing.
    again, _ = create_sweep(window_edition, ["email"], key="multi:2", options=options)
    run_sweep_blocking(again, concurrency=1, poll_seconds=0.05)
    time.sleep(1.5)  # time enough for a third message to arrive, were one sent
    assert imap_count(clerk_box) == 2
    assert Enquiry.objects.filter(participant=participant).count() == 2

    clerk = {
        "mailbox": clerk_box,
        "name": "Jan Nowak",
        "position": "podinspektor",
        "institution": "Urząd Gminy Dwukrotna",
        "manner": "exemplary",
        "client": "thunderbird",
    }
    cfg = {"smtp": f"{SMTP[0]}:{SMTP[1]}", "imap": f"{IMAP[0]}:{IMAP[1]}"}
    assert handle_mailbox(cfg, clerk, PASSWORD, time.time() + 3600) == 2

    def answered() -> bool:
        watch.poll_all_once()
        return Enquiry.objects.filter(participant=participant, state=Enquiry.ANSWERED).count() == 2

    wait_for(answered, timeout=30)
    # Two residents asked: one question each.
    assert {e.persona_id for e in Enquiry.objects.filter(participant=participant)} == personas

    run = rescore(window_edition, window_edition.rubric_version)
    results = {
        r.criterion_id: r
        for r in CriterionResultRecord.objects.filter(
            score_record__run=run, score_record__participant=participant
        )
    }
    latency = results["EML-LAT"]
    assert latency.details["judged"] == 2
    per_enquiry = {d["enquiry_id"]: d["score"] for d in latency.details["enquiries"]}
    assert set(per_enquiry) == {e.pk for e in enquiries}
    ordered = sorted(per_enquiry.values())
    assert latency.score == pytest.approx((ordered[0] + ordered[1]) / 2)
    assert latency.explanation.startswith("Mediana z 2 zapytań")


def test_send_command_plans_n_per_participant(window_edition):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    persona("Anna", "Kowalska", "f")
    people = participants(window_edition, KINDS[:3])
    args = ["email", "send", "--edition", "2027", "--plan-only", "--seed", "cli"]
    with pytest.raises(CommandError, match="--per-participant"):
        call_command(*args, "--per-participant", "0")
    call_command(*args, "--per-participant", "3")
    for p in people:
        assert list(
            Enquiry.objects.filter(participant=p)
            .order_by("sequence")
            .values_list("sequence", flat=True)
        ) == [1, 2, 3]


def test_planning_follows_the_subkind_and_stores_the_legal_regime(window_edition):
    """A transport company is asked about its own service, a cooperative under no statute."""
    persona("Anna", "Kowalska", "f")
    mpk, coop = participants(window_edition, ["spolka_komunalna", "spoldzielnia_mieszkaniowa"])
    mpk.subkind = "transport"
    mpk.save()
    plan.plan_enquiries(window_edition, BEFORE_WINDOW, seed="sub", per_participant=3)
    allowed = {t.id for t in templates_for("spolka_komunalna", "transport")}
    for e in Enquiry.objects.filter(participant=mpk):
        assert e.template_id in allowed and ".woda." not in e.template_id
        assert e.answer_key["legal_regime"] == "udip"
    for e in Enquiry.objects.filter(participant=coop):
        assert e.answer_key["legal_regime"] == "none"
