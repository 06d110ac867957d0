"""`auditor retention`: clerks' personal data leave a temporary evidence store after the
appeal period plus the retention time; hashes and scores stay."""

import dataclasses
import datetime as dt
import json
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from results.evidence_index import record_artifact
from results.evidence_store import EvidenceStore
from results.models import (
    AuditLogEntry,
    CriterionResultRecord,
    Edition,
    Enquiry,
    ErasedBlob,
    EvidenceBlob,
    IncomingMessage,
    JurorAssessment,
    Participant,
    ParticipantScoreRecord,
    Persona,
)
from results.retention import add_months, apply_retention, due_on, names_in
from results.web_models import ParticipantEvidence
from scheduler.email.artifacts import store_artifact
from tests.factories import make_participant, make_persona, make_score_run, make_sent_enquiry

pytestmark = [pytest.mark.django_db]

CLERK = "Jan Nowak"
CLERK_ADDRESS = "j.nowak@gmina-lipno.example.pl"
REPLY = (
    "Szanowna Pani,\n\nodpady odbieramy co dwa tygodnie we wtorki. Harmonogram jest na stronie "
    "https://gmina-lipno.example.pl/odpady.\n"
)
SIGNATURE = "Z poważaniem\ninspektor Jan Nowak\nReferat Gospodarki Komunalnej\ntel. 22 555 01 02"


@pytest.fixture
def store(tmp_path, settings):
    settings.AUDITOR = dataclasses.replace(
        settings.AUDITOR, data_dir=tmp_path, appeal_period_days=60, retention_months=12
    )
    return EvidenceStore()


def eml(year: int = 2027) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{CLERK} <{CLERK_ADDRESS}>"
    msg["To"] = "anna.kowalska@poczta.example.pl"
    msg["Subject"] = "Re: Harmonogram odbioru odpadów"
    msg["Date"] = f"Thu, 11 Mar {year} 11:30:00 +0100"
    msg.set_content(REPLY + "\n-- \n" + SIGNATURE)
    return bytes(msg)


def gathered(store, year=2027, screenshot=b"JPEG-kontakt-ze-zdjeciem-pracownikow"):
    """One edition as the probes leave it: a reply, its artifact, a website with a screenshot,
    a score run citing the reply, a juror's comment naming the clerk."""
    edition = Edition.objects.create(
        year=year, window_start=dt.date(year, 3, 1), window_end=dt.date(year, 5, 31)
    )
    # A second edition (another year) finds the same participant and persona.
    participant = Participant.objects.filter(identity_key="lipno").first() or make_participant(
        identity_key="lipno",
        host="gmina-lipno.example.pl",
        name="Gmina Lipno",
        employees=40,
        emails=["sekretariat@gmina-lipno.example.pl"],
    )
    edition.participants.add(participant)
    address = "anna.kowalska@poczta.example.pl"
    persona = Persona.objects.filter(address=address).first() or make_persona(address, user="anna")
    sent = datetime(year, 3, 10, 9, 0, tzinfo=UTC)
    enquiry = make_sent_enquiry(
        edition,
        participant,
        persona,
        sent,
        template_id="gmina.odpady.harmonogram",
        subject="Harmonogram odbioru odpadów",
        body="Dzień dobry, …",
        message_id=f"<{year}@poczta.example.pl>",
        state=Enquiry.ANSWERED,
    )
    raw = store.put(eml(year), "message/rfc822", "email.watch")
    IncomingMessage.objects.create(
        persona=persona,
        enquiry=enquiry,
        uidvalidity=1,
        uid=year,
        raw_blob=raw,
        internaldate=datetime(year, 3, 11, 10, 30, tzinfo=UTC),
        from_addr=CLERK_ADDRESS,
        subject="Re: Harmonogram odbioru odpadów",
        kind="human_reply",
        matched_by="in_reply_to",
        new_text=REPLY,
        signature=SIGNATURE,
        attachments=[{"filename": "harmonogram-Jan-Nowak.pdf", "media_type": "application/pdf"}],
    )
    email_artifact = store_artifact(enquiry, store)
    record_artifact(edition, participant.pk, "email", email_artifact, sent, f"enquiry:{enquiry.pk}")
    html = store.put(b"<h1>Kontakt</h1>", "text/html", "probes.website")
    shot = store.put(screenshot, "image/jpeg", "probes.website")
    website = {"schema": "website/1", "pages": [{"html_blob": html, "screenshot_desktop": shot}]}
    site = store.put(json.dumps(website).encode(), "application/json", "probe:website")
    record_artifact(edition, participant.pk, "website", site, sent)
    run = make_score_run(edition)
    score = ParticipantScoreRecord.objects.create(run=run, participant=participant, points=81.5)
    CriterionResultRecord.objects.create(
        score_record=score,
        criterion_id="EML-Q4",
        channel="email",
        status="pass",
        score=1.0,
        explanation=f"Odpowiedź pełna ({CLERK}, {CLERK_ADDRESS}).",
        evidence=[
            {"type": "message", "snippet": f"…wtorki. {CLERK}, inspektor…", "from": CLERK_ADDRESS}
        ],
        source="machine",
    )
    JurorAssessment.objects.create(
        edition=edition,
        participant=participant,
        juror="Ewa Sędzia",
        criterion_id="HUM-1",
        score=4,
        comment="Pan Nowak odpowiedział uprzejmie i rzeczowo.",
        date=dt.date(year, 6, 1),
        channel="phone",
    )
    return edition, {
        "eml": raw,
        "artifact": email_artifact,
        "shot": shot,
        "html": html,
        "site": site,
    }


def test_due_date_is_appeal_deadline_plus_the_retention_months(store):
    edition, _ = gathered(store)
    assert due_on(edition) == dt.date(2028, 7, 30)  # 31 May + 60 days = 30 July 2027, + 12 months
    edition.appeal_deadline = dt.date(2027, 8, 31)
    assert due_on(edition) == dt.date(2028, 8, 31)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)


def test_names_are_found_in_the_from_header_and_the_signature(store):
    gathered(store)
    message = IncomingMessage.objects.get()
    assert names_in(message, eml()) == {CLERK}
    assert names_in(message, None) == {CLERK}  # the signature alone is enough


def test_nothing_is_removed_before_the_due_date_but_a_dry_run_shows_it(store, capsys):
    edition, blobs = gathered(store)
    with pytest.raises(CommandError) as refused:
        call_command("retention", "--edition", "2027")
    assert refused.value.returncode == 1 and "dopiero od 2028-07-30" in str(refused.value)
    call_command("retention", "--edition", "2027", "--dry-run", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and not report["due"]
    erased = {i["sha256"]: i["reason"] for i in report["erased"]}
    assert erased == {
        blobs["eml"]: "eml",
        blobs["artifact"]: "email-artifact",
        blobs["shot"]: "screenshot",
    }
    assert report["messages_pseudonymised"] == 1 and report["criterion_results_redacted"] == 1
    assert all(store.exists(sha) for sha in blobs.values())
    assert IncomingMessage.objects.get().new_text == REPLY
    assert not ErasedBlob.objects.exists()


def test_retention_removes_personal_data_and_keeps_hashes_and_scores(store, capsys):
    # An edition whose appeal deadline plus 12 months has passed by the machine's today.
    edition, blobs = gathered(store, 2025)
    edition.appeal_deadline = dt.date(2025, 7, 15)
    edition.save()
    call_command("retention", "--edition", "2025", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["due"] and not report["dry_run"] and report["names_found"] == 1

    # The blobs with people's data are gone from disk and from the blob table; hashes stay.
    for key in ("eml", "artifact", "shot"):
        assert not store.exists(blobs[key]) and not store.path(blobs[key]).exists()
        assert not EvidenceBlob.objects.filter(sha256=blobs[key]).exists()
        assert ErasedBlob.objects.get(sha256=blobs[key]).edition == 2025
        assert not ParticipantEvidence.objects.filter(blob_id=blobs[key]).exists()
    assert store.exists(blobs["html"]) and store.exists(blobs["site"])  # published pages stay
    call_command("evidence", "verify")  # the store is consistent (no "missing" blob)
    assert "brakujących 0" in capsys.readouterr().out

    # The e-mail artifact is replaced by a pseudonymised copy: times and classes, no texts.
    copy_sha = ErasedBlob.objects.get(sha256=blobs["artifact"]).replacement
    copy = store.read(copy_sha).decode()
    assert "Nowak" not in copy and "wtorki" not in copy
    (message,) = json.loads(copy)["messages"]
    assert message["kind"] == "human_reply" and message["received_at"].startswith("2025-03-11")
    assert message["from"].startswith("urzednik-") and message["from"].endswith(
        "@gmina-lipno.example.pl"
    )
    assert message["raw_blob"] == blobs["eml"]

    stored = IncomingMessage.objects.get()
    assert (stored.new_text, stored.signature) == ("", "")
    assert stored.from_addr.startswith("urzednik-") and stored.raw_blob == blobs["eml"]
    assert "filename" not in stored.attachments[0]

    # Reports read criterion results: the clerk's name and address are pseudonyms there.
    result = CriterionResultRecord.objects.get()
    text = json.dumps([result.explanation, result.evidence], ensure_ascii=False)
    assert "Nowak" not in text and "j.nowak" not in text and "[urzędnik " in text
    assert (result.score, ParticipantScoreRecord.objects.get().points) == (1.0, 81.5)
    assert "Nowak" not in JurorAssessment.objects.get().comment
    assert JurorAssessment.objects.get().score == 4

    entry = AuditLogEntry.objects.get(action="retention.apply")
    assert entry.object_id == "2025" and blobs["eml"] in entry.details["erased"]
    assert Edition.objects.get(year=2025).retention_done_at is not None

    # Once is enough: a second run finds nothing left to remove.
    call_command("retention", "--edition", "2025", "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["already_done"] and again["erased"] == [] and again["messages_pseudonymised"] == 0


def test_a_blob_a_later_edition_still_needs_is_kept(store):
    same_screenshot = b"JPEG-ta-sama-strona-w-obu-edycjach"
    old, old_blobs = gathered(store, 2027, same_screenshot)
    gathered(store, 2028, same_screenshot)
    old.appeal_deadline = dt.date(2027, 7, 15)
    old.save()
    report = apply_retention(old, dry_run=False, today=dt.date(2028, 8, 1))
    assert report.kept_for_other_editions == [old_blobs["shot"]]
    assert store.exists(old_blobs["shot"]) and not store.exists(old_blobs["eml"])


def test_unknown_edition_is_a_polish_error(store):
    with pytest.raises(CommandError, match="Nie ma edycji 1999") as error:
        call_command("retention", "--edition", "1999")
    assert error.value.returncode == 2


def test_edition_create_takes_an_appeal_deadline(store):
    call_command("edition", "create", "--year", "2031", "--appeal-deadline", "2031-08-15")
    assert Edition.objects.get(year=2031).appeal_deadline == dt.date(2031, 8, 15)
    with pytest.raises(CommandError, match="przed końcem badania"):
        call_command("edition", "create", "--year", "2031", "--appeal-deadline", "2031-05-01")
