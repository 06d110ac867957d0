"""Database records for tests and benchmarks: editions, participants, personas, score runs.

Each factory fills every required field with a plausible default, so a test names only the
fields it is about. The benchmarks import these too (they put the repository on sys.path).
Django must be set up before a factory is called; the models are imported inside.
"""

from __future__ import annotations

import datetime as dt
import itertools

_numbers = itertools.count(1)

# The local mail world of the tests (scripts/services/mailworld.sh): Postfix and Dovecot on
# loopback, plain text.
MAILWORLD_SMTP = ("127.0.0.1", 10025)
MAILWORLD_IMAP = ("127.0.0.1", 10143)


def make_edition(
    year: int = 2027, start: dt.date | None = None, end: dt.date | None = None, **fields
):
    """An edition whose window runs from 1 March to 31 May of its year unless given."""
    from results.models import Edition

    return Edition.objects.create(
        year=year,
        window_start=start or dt.date(year, 3, 1),
        window_end=end or dt.date(year, 5, 31),
        **fields,
    )


def make_participant(edition=None, *, host: str | None = None, **fields):
    """A participant at `host` (a fresh gminaN.test unless given), added to `edition` if any.

    Defaults: a rural gmina of 20 employees in mazowieckie, website https://HOST/, e-mail
    ug@HOST, identity key host:HOST.
    """
    from results.models import Participant

    host = host or f"gmina{next(_numbers)}.test"
    values = {
        "identity_key": f"host:{host}",
        "name": f"Gmina {host}",
        "kind": "gmina_wiejska",
        "employees": 20,
        "website": f"https://{host}/",
        "emails": [f"ug@{host}"],
        "region": "mazowieckie",
    }
    participant = Participant.objects.create(**(values | fields))
    if edition is not None:
        edition.participants.add(participant)
    return participant


def make_persona(address: str, **fields):
    """A persona (Anna Kowalska unless named) whose mailbox is `address` on loopback."""
    from results.email_models import Persona

    values = {
        "first_name": "Anna",
        "surname": "Kowalska",
        "gender": "f",
        "address": address,
        "smtp_host": "127.0.0.1",
        "imap_host": "127.0.0.1",
        "user": address,
        "password_ref": "X",
    }
    return Persona.objects.create(**(values | fields))


def make_mailworld_persona(address: str, password_ref: str, **fields):
    """A persona that really sends and reads through the local mail world."""
    return make_persona(
        address,
        smtp_host=MAILWORLD_SMTP[0],
        smtp_port=MAILWORLD_SMTP[1],
        smtp_tls="none",
        imap_host=MAILWORLD_IMAP[0],
        imap_port=MAILWORLD_IMAP[1],
        imap_tls="none",
        password_ref=password_ref,
        **fields,
    )


def make_score_run(edition, **fields):
    """An empty score run of rubric 2027.1 (threshold 70, one statuette per category)."""
    from results.models import ScoreRun

    values = {
        "rubric_version": "2027.1",
        "input_digest": "0" * 64,
        "threshold": 70.0,
        "statuettes_per_category": 1,
    }
    return ScoreRun.objects.create(edition=edition, **(values | fields))


def make_visit_scores(edition, participant, scores: dict[str, int], day: dt.date | None = None):
    """The jurors' scores of a visit to the office (HUM-VISIT): {juror: score}."""
    from results.models import JurorAssessment

    for juror, score in scores.items():
        JurorAssessment.objects.create(
            edition=edition,
            participant=participant,
            juror=juror,
            criterion_id="HUM-VISIT",
            score=score,
            date=day or dt.date(edition.year, 3, 10),
            channel="visit",
        )


def make_sent_enquiry(edition, participant, persona, sent_at: dt.datetime, **fields):
    """An enquiry about registering a dog, sent at `sent_at` to the participant's addresses."""
    from results.email_models import Enquiry

    values = {
        "template_id": "gmina.pies.rejestracja",
        "wording": 0,
        "subject": "Rejestracja psa",
        "body": "Dzień dobry, czy muszę zgłosić psa?",
        "message_id": f"<{next(_numbers)}.{sent_at:%Y%m%d%H%M}@poczta-mieszkanca.test>",
        "state": Enquiry.SENT,
        "planned_at": sent_at,
        "sent_at": sent_at,
        "to": participant.emails,
    }
    return Enquiry.objects.create(
        edition=edition, participant=participant, persona=persona, **(values | fields)
    )


def make_artifact_record(
    store, edition, participant, channel: str, artifact: dict, gathered_at, origin: str = "test"
):
    """A probe's artifact as scoring reads it: the JSON in `store` and its ArtifactRecord.

    Only the record: the UI's evidence links are left out (results.evidence_index.record_artifact
    writes both, for tests that need them).
    """
    import json

    from results.models import ArtifactRecord

    return ArtifactRecord.objects.create(
        edition=edition,
        participant=participant,
        channel=channel,
        blob_sha256=store.put(json.dumps(artifact).encode(), "application/json", origin),
        gathered_at=gathered_at,
    )


TEST_PASSWORD = "Haslo-Jurora-2027!"


def make_user(username: str, role: str | None = None, password: str | None = TEST_PASSWORD):
    """A user in the group of `role` (organiser, juror, observer, expert) if given; with
    password None the account cannot log in with a password."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=password)
    if role:
        # get_or_create: transactional tests flush the groups the migration made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
