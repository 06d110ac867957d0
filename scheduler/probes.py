"""The real probes behind a sweep: the website crawl and the mystery-client enquiry."""

from __future__ import annotations

import asyncio
import contextlib

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from probes.evidence import BlobSink
from probes.failures import NOT_MEASURED, OK, SITE_FAILURE, OurFailure
from scheduler.executors import ProbeOutcome, ProbeTask, register


@register("website")
def website(task: ProbeTask, sink: BlobSink) -> ProbeOutcome:
    """Crawl the participant's site with Chromium; the artifact says whose failure it was."""
    from probes.website.crawler import ProbeSettings, probe_website

    probe_settings = ProbeSettings(
        max_pages=settings.AUDITOR.max_pages,
        time_budget_s=settings.AUDITOR.site_time_budget_s,
        respect_robots=bool(task.edition.get("respect_robots", True)),
        allow_private_networks=settings.AUDITOR.allow_private_networks,
    )
    from results.evidence_store import EvidenceStore, ThreadedSink

    # The crawl runs in an event loop, where Django's ORM may not: blobs go through a thread.
    store = sink if isinstance(sink, EvidenceStore) else None
    with ThreadedSink(store) if store else contextlib.nullcontext(sink) as threaded:
        artifact = asyncio.run(
            probe_website(
                task.participant["website"],
                threaded,
                probe_settings,
                emails=list(task.participant.get("emails") or []),
            )
        )
    artifact.setdefault("participant_id", task.participant["id"])
    return ProbeOutcome(artifact=artifact, outcome=artifact.get("outcome", NOT_MEASURED))


SENDER_WAIT = 5.0  # seconds to wait for the sender's lease; else the send job sends later
SENDER_WAIT_IMMEDIATELY = 120.0  # --email-now: wait longer, then retry the probe


@register("email")
def email(task: ProbeTask, sink: BlobSink) -> ProbeOutcome:
    """Hand the participant all its enquiries (N per edition): plan them, send those due.

    Sending goes through the one sender (`scheduler.email.send.send_due`): office hours,
    holidays, the per-domain interval and exactly-once, under the sender's lease in the
    database. With the sweep option email_immediately every one goes out now (office hours
    and interval waived); otherwise each waits for its own planned moment and the
    scheduler's send job sends it. A "sending" enquiry found by a later attempt of this
    same probe run means the previous attempt died mid-send: it becomes "uncertain" and is
    never sent again. The artifact lists every enquiry with its own email/1 artifact's blob.
    """
    from results.models import Edition, Enquiry
    from scheduler.email import artifacts, plan, send

    edition = Edition.objects.get(year=task.edition["year"])
    pid = task.participant["id"]
    if not task.participant.get("emails"):
        return ProbeOutcome(
            artifact={
                "schema": "email/1",
                "outcome": SITE_FAILURE,
                "failure": {"kind": "no_address"},
            },
            outcome=SITE_FAILURE,
        )
    immediately = bool(task.options.get("email_immediately", False))
    mine = Enquiry.objects.filter(edition=edition, participant_id=pid).order_by("sequence")
    if mine.count() < plan.enquiries_per_participant():
        try:
            plan.plan_enquiries(edition, timezone.now(), immediately=immediately)
        except IntegrityError:
            pass  # another worker planned the edition at the same moment; its plan is there now
    enquiries = list(mine.select_related("persona"))
    if not enquiries:
        raise OurFailure(
            "enquiries_not_planned", "nie udało się zaplanować zapytań (brak aktywnej persony?)"
        )

    # A "sending" enquiry found by a later attempt: the previous attempt died mid-send.
    # send_due (holding the sender's lease) turns it "uncertain"; then look in Sent for it.
    interrupted = [e.pk for e in enquiries if e.state == Enquiry.SENDING and task.attempt > 1]
    try:
        send.send_due(
            edition,
            participant=pid,
            immediately=immediately,
            wait=SENDER_WAIT_IMMEDIATELY if immediately else SENDER_WAIT,
        )
    except send.SenderBusy:
        if immediately:
            raise OurFailure(
                "sender_busy", "inna wysyłka trwa (blokada nadawcy w bazie danych)"
            ) from None
        # Otherwise the scheduler's send job sends these at their moment.
    for pk in interrupted:
        try:
            send.resolve_uncertain(pk)
        except Exception:  # the Sent folder may be out of reach: the organiser decides
            pass
    # Enquiries not yet due wait for their moment within office hours: the scheduler's
    # e-mail job sends them then. With email_immediately, one still pending was not accepted
    # (our server unreachable, their 4xx: its retry waits for its moment).
    not_accepted = list(mine.filter(state=Enquiry.PENDING).values_list("pk", flat=True))
    not_accepted = not_accepted if immediately else []
    if not_accepted:
        # Not accepted (our server unreachable, or their 4xx): safe to try again; the
        # enquiries already sent are left alone by the retry.
        responses = Enquiry.objects.filter(pk__in=not_accepted).values_list(
            "smtp_response", flat=True
        )
        raise OurFailure("enquiries_not_accepted", f"zapytania nieprzyjęte: {'; '.join(responses)}")

    listed = []
    for enquiry in enquiries:
        enquiry.refresh_from_db()
        listed.append(
            {
                "id": enquiry.pk,
                "sequence": enquiry.sequence,
                "state": enquiry.state,
                "planned_at": enquiry.planned_at.isoformat(),
                "artifact_blob": artifacts.store_artifact(enquiry),
            }
        )
    # Their failure (refused or bounced on every enquiry) is evidence; any working
    # channel, or an enquiry still to go, keeps the probe "ok" — the rubric judges each.
    failed = all(e["state"] == Enquiry.FAILED for e in listed)
    outcome = SITE_FAILURE if failed else OK
    return ProbeOutcome(
        artifact={
            "schema": "email-enquiries/1",
            "participant_id": pid,
            "outcome": outcome,
            "enquiries": listed,
        },
        outcome=outcome,
    )
