"""The real probes behind a sweep: the website crawl and the mystery-client enquiry."""

from __future__ import annotations

import asyncio
import contextlib
import os

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from probes.evidence import BlobSink
from scheduler.executors import OurFailure, ProbeOutcome, ProbeTask, register


@register("website")
def website(task: ProbeTask, sink: BlobSink) -> ProbeOutcome:
    """Crawl the participant's site with Chromium; the artifact says whose failure it was."""
    from probes.website.crawler import ProbeSettings, probe_website

    probe_settings = ProbeSettings(
        max_pages=int(os.environ.get("AUDITOR_MAX_PAGES", "50")),
        time_budget_s=float(os.environ.get("AUDITOR_SITE_TIME_BUDGET_S", "300")),
        respect_robots=bool(task.edition.get("respect_robots", True)),
        allow_private_networks=settings.AUDITOR.allow_private_networks,
    )
    from results.evidence_store import EvidenceStore, ThreadedSink

    # The crawl runs in an event loop, where Django's ORM may not: blobs go through a thread.
    store = sink if isinstance(sink, EvidenceStore) else None
    with ThreadedSink(store) if store else contextlib.nullcontext(sink) as threaded:
        artifact = asyncio.run(probe_website(task.participant["website"], threaded, probe_settings))
    artifact.setdefault("participant_id", task.participant["id"])
    return ProbeOutcome(artifact=artifact, outcome=artifact.get("outcome", "not_measured"))


@register("email")
def email(task: ProbeTask, sink: BlobSink) -> ProbeOutcome:
    """Hand the participant its enquiry: plan it, and send it when it is due.

    The enquiry is claimed (pending → sending) before the SMTP transaction, so it goes out
    at most once whoever runs this. A "sending" enquiry found by a later attempt of this
    same probe run means the previous attempt died mid-send: it becomes "uncertain" and is
    never sent again.
    """
    from results import email_service as svc
    from results.models import Edition, Enquiry

    edition = Edition.objects.get(year=task.edition["year"])
    pid = task.participant["id"]
    if not task.participant.get("emails"):
        return ProbeOutcome(
            artifact={
                "schema": "email/1",
                "outcome": "site_failure",
                "failure": {"kind": "no_address"},
            },
            outcome="site_failure",
        )
    enquiry = Enquiry.objects.filter(edition=edition, participant_id=pid).first()
    if enquiry is None:
        try:
            svc.plan_enquiries(
                edition, timezone.now(), immediately=task.options.get("email_immediately", False)
            )
        except IntegrityError:
            pass  # another worker planned the edition at the same moment; ours is there now
        enquiry = Enquiry.objects.filter(edition=edition, participant_id=pid).first()
        if enquiry is None:
            raise OurFailure("nie udało się zaplanować zapytania (brak aktywnej persony?)")

    if enquiry.state == Enquiry.SENDING and task.attempt > 1:
        Enquiry.objects.filter(pk=enquiry.pk, state=Enquiry.SENDING).update(
            state=Enquiry.UNCERTAIN,
            resolution_note="Poprzednia próba przerwana między zapisem a potwierdzeniem serwera (250); "
            "zapytanie nie zostanie wysłane ponownie.",
        )
        try:
            svc.resolve_uncertain(enquiry.pk)
        except Exception:  # the Sent folder may be out of reach: the organiser decides
            pass
    elif enquiry.state == Enquiry.PENDING:
        immediately = bool(task.options.get("email_immediately"))
        if immediately or enquiry.planned_at <= timezone.now():
            state = svc.send_one(enquiry)
            if state == Enquiry.PENDING and immediately:
                # Not accepted (our server unreachable, or their 4xx): safe to try again.
                raise OurFailure(
                    f"zapytanie nieprzyjęte: {Enquiry.objects.get(pk=enquiry.pk).smtp_response}"
                )
    # Otherwise the enquiry waits for its moment within office hours: the scheduler's
    # e-mail job sends it then.
    enquiry.refresh_from_db()
    sha = svc.store_artifact(enquiry)
    artifact = svc.enquiry_artifact(enquiry)
    artifact["artifact_blob"] = sha
    outcome = "site_failure" if enquiry.state == Enquiry.FAILED else "ok"
    return ProbeOutcome(artifact=artifact, outcome=outcome)
