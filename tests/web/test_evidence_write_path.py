"""One write path for evidence: recording an artifact also records what the pages read.

Before, the participants list and the evidence page read links (ParticipantEvidence) that only
a GET of the participant's page filled in, and kept an enquiry's stale snapshot beside the
current one (review aesthetics-2026-12, §3.2).
"""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from results.evidence_index import evidence_records, record_artifact
from results.models import ArtifactRecord, ParticipantEvidence, ProbeRun
from scheduler.execute import execute
from scheduler.executors import EXECUTORS, ProbeOutcome
from scheduler.sweeps import create_sweep
from tests.web.conftest import login, make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]

WHEN = dt.datetime(2027, 3, 20, 10, 0, tzinfo=dt.UTC)


def _listed(client, participant):
    response = client.get(reverse("web:participants"))
    return next(p for p in response.context["page"].object_list if p.pk == participant.pk)


def _enquiry(store, enquiry_id: int, state: str) -> str:
    artifact = {
        "schema": "email/1",
        "enquiry": {"id": enquiry_id, "state": state, "sent_at": "2027-03-02T09:00:00Z"},
        "messages": [],
    }
    return store.put(json.dumps(artifact).encode(), "application/json", "test")


@pytest.mark.django_db(transaction=True)  # execute() closes its thread's connections
def test_the_list_shows_the_status_right_after_a_sweep(client, world, store, monkeypatch):
    """No visit of the participant's page needed: the sweep's record is what the list reads."""
    fresh = make_participant(7)
    world["edition"].participants.add(fresh)

    def site_down(task, sink):
        artifact = {"schema": "website/1", "outcome": "site_failure", "pages": []}
        return ProbeOutcome(artifact=artifact, outcome="site_failure")

    monkeypatch.setitem(EXECUTORS, "website", site_down)
    sweep, _ = create_sweep(world["edition"], ["website"], key="list-after-sweep")
    run = sweep.runs.get(participant=fresh)
    assert execute(run.pk, store=store) == ProbeRun.Status.FAILED
    login(client, world["organiser"])
    listed = _listed(client, fresh)
    assert listed.probe_status == "site_failure"
    assert listed.probe_status_label == "awaria strony uczestnika"


def test_a_juror_sees_one_enquiry_once(client, world, store):
    a, edition = world["a"], world["edition"]
    record_artifact(edition, a.pk, "email", _enquiry(store, 7, "sent"), WHEN, "enquiry:7", store)
    login(client, world["juror"])
    client.get(reverse("web:participant", args=[a.pk]))
    # A reply arrives: the enquiry's new snapshot replaces the old one (refresh_email_artifacts).
    later = WHEN + dt.timedelta(days=1)
    record_artifact(
        edition, a.pk, "email", _enquiry(store, 7, "answered"), later, "enquiry:7", store
    )
    response = client.get(reverse("web:participant", args=[a.pk]))
    shown = [
        (t.enquiry.get("id"), t.enquiry.get("state")) for t in response.context["evidence"].emails
    ]
    assert shown.count((7, "answered")) == 1 and (7, "sent") not in shown
    # The page shows exactly the records scoring reads.
    judged = evidence_records(edition, a)["email"]
    assert [t.artifact_sha for t in response.context["evidence"].emails] == [
        r.blob_sha256 for r in judged
    ]
    login(client, world["organiser"])
    listed = _listed(client, a)
    assert listed.enquiry_count == len(judged) == 2  # the demo enquiry and enquiry 7
    assert listed.answered == 2


def test_opening_a_page_writes_nothing(client, world):
    login(client, world["organiser"])
    before = list(ParticipantEvidence.objects.order_by("pk").values_list("pk", "blob_id"))
    client.get(reverse("web:participant", args=[world["a"].pk]))
    client.get(reverse("web:participants"))
    assert list(ParticipantEvidence.objects.order_by("pk").values_list("pk", "blob_id")) == before


def test_relink_backfills_old_records(client, world, store):
    """Data recorded before records and links were written together: `evidence relink`."""
    old = make_participant(8)
    world["edition"].participants.add(old)
    artifact = {"schema": "website/1", "outcome": "ok", "pages": []}
    sha = store.put(json.dumps(artifact).encode(), "application/json", "test")
    ArtifactRecord.objects.create(
        edition=world["edition"],
        participant=old,
        channel="website",
        blob_sha256=sha,
        gathered_at=WHEN,
    )
    login(client, world["organiser"])
    assert _listed(client, old).probe_status is None
    call_command("evidence", "relink")
    assert _listed(client, old).probe_status == "ok"
    links = ParticipantEvidence.objects.count()
    call_command("evidence", "relink")
    assert ParticipantEvidence.objects.count() == links
