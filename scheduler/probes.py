"""The real probes behind a sweep: the website crawl and the mystery-client enquiry."""

from __future__ import annotations

import asyncio
import contextlib
import os

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from probes.evidence import BlobSink
from probes.failures import OurFailure
from scheduler.executors import ProbeOutcome, ProbeTask, register


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
        artifact = asyncio.run(
            probe_website(
                task.participant["website"],
                threaded,
                probe_settings,
                emails=list(task.participant.get("emails") or []),
            )
        )
    artifact.setdefault("participant_id", task.participant["id"])
    return ProbeOutcome(artifact=artifact, outcome=artifact.get("outcome", "not_measured"))


@register("email")
def email(task: ProbeTask, sink: BlobSink) -> ProbeOutcome:
    """Hand the participant all its enquiries (N per edition): plan them, send those due.

    With the sweep option email_immediately every one goes out now; otherwise each waits
    for its own planned moment within office hours and the scheduler's send job sends it.
    An enquiry is claimed (pending → sending) before the SMTP transaction, so it goes out at
    most once whoever runs this. A "sending" enquiry found by a later attempt of this same
    probe run means the previous attempt died mid-send: it becomes "uncertain" and is never
    sent again. The artifact lists every enquiry with its own email/1 artifact's blob.
    """
    from results.models import Edition, Enquiry
    from scheduler.email import artifacts, plan, send

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

    not_accepted = []
    for enquiry in enquiries:
        if enquiry.state == Enquiry.SENDING and task.attempt > 1:
            Enquiry.objects.filter(pk=enquiry.pk, state=Enquiry.SENDING).update(
                state=Enquiry.UNCERTAIN,
                resolution_note="Poprzednia próba przerwana między zapisem a potwierdzeniem "
                "serwera (250); zapytanie nie zostanie wysłane ponownie.",
            )
            try:
                send.resolve_uncertain(enquiry.pk)
            except Exception:  # the Sent folder may be out of reach: the organiser decides
                pass
        elif enquiry.state == Enquiry.PENDING and (
            immediately or enquiry.planned_at <= timezone.now()
        ):
            if send.send_one(enquiry) == Enquiry.PENDING and immediately:
                not_accepted.append(enquiry.pk)
        # Otherwise the enquiry waits for its moment within office hours: the scheduler's
        # e-mail job sends it then.
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
    outcome = "site_failure" if failed else "ok"
    return ProbeOutcome(
        artifact={
            "schema": "email-enquiries/1",
            "participant_id": pid,
            "outcome": outcome,
            "enquiries": listed,
        },
        outcome=outcome,
    )
