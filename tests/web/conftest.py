import dataclasses
import datetime

import pytest
from django.contrib.auth.models import Group, User

from auditor.web.demo_evidence import plant_demo_evidence
from results.evidence_store import EvidenceStore
from results.models import Edition, JurorAssignment, Participant

PASSWORD = "Haslo-Jurora-2027!"


@pytest.fixture
def evidence_dir(settings, tmp_path):
    """Each test gets its own evidence store on disk."""
    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, data_dir=tmp_path / "data")
    return settings.AUDITOR.evidence_dir


@pytest.fixture
def store(evidence_dir):
    return EvidenceStore()


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role:
        # get_or_create: transactional tests flush the groups the migration made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_participant(n: int, **extra) -> Participant:
    fields = {
        "identity_key": f"host:gmina{n}.example.pl",
        "name": f"Gmina Przykładowa {n}",
        "kind": "gmina_wiejska",
        "employees": 20 + n,
        "website": f"http://gmina{n}.example.pl/",
        "emails": [f"ug@gmina{n}.example.pl"],
        "region": "mazowieckie",
    }
    fields.update(extra)
    return Participant.objects.create(**fields)


@pytest.fixture
def world(db, store):
    """An edition; participant A (assigned to juror) and B (not); evidence for both."""
    edition = Edition.objects.create(
        year=2027,
        window_start=datetime.date(2027, 3, 1),
        window_end=datetime.date(2027, 4, 30),
    )
    a = make_participant(1)
    b = make_participant(2, region="slaskie", kind="spoldzielnia_mieszkaniowa")
    edition.participants.add(a, b)
    organiser = make_user("org", "organiser")
    juror = make_user("juror", "juror")
    juror2 = make_user("juror2", "juror")
    observer = make_user("obs", "observer")
    JurorAssignment.objects.create(juror=juror, participant=a, edition=edition)
    JurorAssignment.objects.create(juror=juror2, participant=a, edition=edition)
    JurorAssignment.objects.create(juror=juror2, participant=b, edition=edition)
    hashes_a = plant_demo_evidence(a, edition, store)
    hashes_b = plant_demo_evidence(b, edition, store)
    return {
        "edition": edition,
        "a": a,
        "b": b,
        "organiser": organiser,
        "juror": juror,
        "juror2": juror2,
        "observer": observer,
        "hashes_a": hashes_a,
        "hashes_b": hashes_b,
    }


def login(client, user: User):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness has no place in a test of permissions.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
