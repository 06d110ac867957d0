import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User

from auditor.web.demo_evidence import plant_demo_evidence
from results.evidence_store import EvidenceStore
from results.models import JurorAssignment, Participant
from tests.factories import TEST_PASSWORD as PASSWORD
from tests.factories import make_edition, make_user
from tests.factories import make_participant as new_participant


@pytest.fixture
def evidence_dir(settings, tmp_path):
    """Each test gets its own evidence store on disk."""
    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, data_dir=tmp_path / "data")
    return settings.AUDITOR.evidence_dir


@pytest.fixture
def store(evidence_dir):
    return EvidenceStore()


def make_participant(n: int, **extra) -> Participant:
    """Gmina Przykładowa N at http://gminaN.example.pl/ with 20 + N employees."""
    host = f"gmina{n}.example.pl"
    fields = {"name": f"Gmina Przykładowa {n}", "employees": 20 + n, "website": f"http://{host}/"}
    return new_participant(host=host, **(fields | extra))


@pytest.fixture
def world(db, store):
    """An edition; participant A (assigned to juror) and B (not); evidence for both."""
    edition = make_edition(2027, end=datetime.date(2027, 4, 30))
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
