"""A sweep stores each website artifact once: no orphan blob beside the recorded one.

Before, the crawler stored its artifact and the executor stored it again with the
participant's id added: two blobs per sweep, one of them recorded nowhere.
"""

import dataclasses
import json

import pytest

from results.evidence_store import EvidenceStore
from results.models import ArtifactRecord, Edition, EvidenceBlob, Participant, ProbeRun
from scheduler.execute import execute
from scheduler.sweeps import create_sweep
from tests.website.recording_server import RecordingServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]


def test_one_blob_per_website_artifact(settings, tmp_path):
    settings.AUDITOR = dataclasses.replace(
        settings.AUDITOR, data_dir=tmp_path / "data", allow_private_networks=True, max_pages=2
    )
    server = RecordingServer(title="Urząd Gminy")
    try:
        edition = Edition.objects.create(
            year=2027, window_start="2027-03-01", window_end="2027-05-31"
        )
        participant = Participant.objects.create(
            identity_key="host:gmina.test",
            name="Gmina",
            kind="gmina_wiejska",
            employees=10,
            website=server.url,
            emails=[],
            region="mazowieckie",
        )
        edition.participants.add(participant)
        sweep, _ = create_sweep(edition, ["website"], key="one-blob")
        store = EvidenceStore()
        run = sweep.runs.get()
        assert execute(run.pk, store=store) == ProbeRun.Status.DONE
    finally:
        server.close()
    artifacts = [
        sha
        for sha in EvidenceBlob.objects.filter(media_type="application/json").values_list(
            "sha256", flat=True
        )
        if json.loads(store.read(sha)).get("schema", "").startswith("website/")
    ]
    record = ArtifactRecord.objects.get(participant=participant)
    assert artifacts == [record.blob_sha256]
