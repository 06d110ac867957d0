"""Running one probe run exactly once: claim with a lease, gather, store, finish.

The claim is one conditional UPDATE, so of any number of workers (threads, processes,
machines) handed the same run, one wins. While a probe runs its lease is renewed; a worker
killed mid-probe stops renewing, its lease lapses and the run may be claimed again (a new
attempt). A finished run is never claimed again. Our own failures are retried with backoff,
then recorded as not measured.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from probes.failures import NOT_MEASURED, OK, kind_of_exception, may_retry
from results.evidence_store import EvidenceStore
from results.models import ProbeRun
from scheduler.executors import ProbeOutcome, ProbeTask, executor_for
from scheduler.sweeps import close_if_finished, edition_snapshot, participant_snapshot

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (5, 30, 120, 600)

SKIPPED = "skipped"  # someone else holds it, or it is finished already
RETRY = "retry"  # our failure; it will run again after its backoff


def lease() -> timedelta:
    return timedelta(seconds=settings.AUDITOR.lease_seconds)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claimable() -> Q:
    now = timezone.now()
    return Q(status=ProbeRun.Status.PENDING) & (
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    ) | Q(status=ProbeRun.Status.RUNNING, lease_until__lt=now)


def claim(run_id: int, worker: str) -> ProbeRun | None:
    now = timezone.now()
    with transaction.atomic():
        won = (
            ProbeRun.objects.filter(pk=run_id)
            .filter(claimable())
            .update(
                status=ProbeRun.Status.RUNNING,
                claimed_by=worker,
                lease_until=now + lease(),
                attempts=F("attempts") + 1,
                started_at=now,
            )
        )
    if won != 1:
        return None
    return ProbeRun.objects.select_related("participant", "sweep__edition").get(pk=run_id)


class _LeaseKeeper(threading.Thread):
    """Renews a claimed run's lease while its probe works."""

    def __init__(self, run_id: int, worker: str) -> None:
        super().__init__(daemon=True, name=f"lease-{run_id}")
        self.run_id, self.worker = run_id, worker
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(lease().total_seconds() / 3):
                ProbeRun.objects.filter(
                    pk=self.run_id, claimed_by=self.worker, status=ProbeRun.Status.RUNNING
                ).update(lease_until=timezone.now() + lease())
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def _store_artifact(store: EvidenceStore, run: ProbeRun, artifact: dict) -> str:
    data = json.dumps(artifact, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return store.put(data, "application/json", f"probe:{run.probe}")


def _record(run: ProbeRun, worker: str, **fields) -> bool:
    """Write the end of an attempt, only if this worker still holds the run."""
    entry = {
        "attempt": run.attempts,
        "worker": worker,
        "status": fields.get("status"),
        "outcome": fields.get("outcome", ""),
        "error": fields.get("error", ""),
        "error_kind": fields.get("error_kind", ""),
        "at": timezone.now().isoformat(),
    }
    with transaction.atomic():
        current = ProbeRun.objects.select_for_update().get(pk=run.pk)
        if current.status != ProbeRun.Status.RUNNING or current.claimed_by != worker:
            log.warning(
                "probe run %s: lease lost, result of attempt %s discarded", run.pk, run.attempts
            )
            return False
        for key, value in fields.items():
            setattr(current, key, value)
        current.history = [*current.history, entry]
        current.lease_until = None
        current.save()
    return True


def execute(run_id: int, worker: str | None = None, store: EvidenceStore | None = None) -> str:
    """Run one probe run if it can be claimed; return its status after this attempt."""
    close_old_connections()
    worker = worker or worker_name()
    run = claim(run_id, worker)
    if run is None:
        return SKIPPED
    store = store or EvidenceStore()
    task = ProbeTask(
        run_id=run.pk,
        probe=run.probe,
        attempt=run.attempts,
        participant=participant_snapshot(run.participant),
        edition=edition_snapshot(run.sweep.edition),
        options=dict(run.sweep.options or {}),
    )
    keeper = _LeaseKeeper(run.pk, worker)
    keeper.start()
    outcome: ProbeOutcome | None = None
    error = error_kind = ""
    try:
        outcome = executor_for(run.probe)(task, store)
    except Exception as exc:  # any exception is our failure, never the participant's
        log.exception("probe run %s (%s) failed on our side", run.pk, run.probe)
        error = f"{type(exc).__name__}: {exc}"
        error_kind = kind_of_exception(exc)
    finally:
        keeper.stop()

    sha = _store_artifact(store, run, outcome.artifact) if outcome is not None else ""
    if outcome is not None and not outcome.ours_failed:
        status = ProbeRun.Status.DONE if outcome.outcome == OK else ProbeRun.Status.FAILED
        theirs = (outcome.artifact.get("failure") or {}) if status == ProbeRun.Status.FAILED else {}
        _record(
            run,
            worker,
            status=status,
            outcome=outcome.outcome,
            artifact_sha256=sha,
            finished_at=timezone.now(),
            error="",
            error_kind=str(theirs.get("kind") or ""),
        )
        _record_for_scoring(run, outcome, sha, store)
        _after_finish(run)
        return status

    if outcome is not None:
        failure = outcome.artifact.get("failure") or {}
        error = error or str(failure.get("detail") or "nie zmierzono")
        error_kind = error_kind or str(failure.get("kind") or "our_error")
    if run.attempts >= settings.AUDITOR.max_attempts or not may_retry(error_kind):
        _record(
            run,
            worker,
            status=ProbeRun.Status.NOT_MEASURED,
            outcome=NOT_MEASURED,
            artifact_sha256=sha,
            finished_at=timezone.now(),
            error=error,
            error_kind=error_kind,
        )
        _after_finish(run)
        return ProbeRun.Status.NOT_MEASURED
    delay = BACKOFF_SECONDS[min(run.attempts - 1, len(BACKOFF_SECONDS) - 1)]
    _record(
        run,
        worker,
        status=ProbeRun.Status.PENDING,
        outcome=NOT_MEASURED,
        error=error,
        error_kind=error_kind,
        not_before=timezone.now() + timedelta(seconds=delay),
    )
    return RETRY


def _record_for_scoring(
    run: ProbeRun, outcome: ProbeOutcome, sha: str, store: EvidenceStore
) -> None:
    """Record the new evidence for scoring and the UI (an enquiry's snapshot replaces its older
    one). The e-mail executor returns "email-enquiries/1": one email/1 artifact per enquiry."""
    from results.evidence_index import record_artifact

    if run.probe == "email" and outcome.artifact.get("schema") == "email-enquiries/1":
        for enquiry in outcome.artifact["enquiries"]:
            record_artifact(
                run.sweep.edition,
                run.participant_id,
                run.probe,
                enquiry["artifact_blob"],
                timezone.now(),
                source=f"enquiry:{enquiry['id']}",
                store=store,
            )
        return
    record_artifact(
        run.sweep.edition, run.participant_id, run.probe, sha, timezone.now(), store=store
    )


def _after_finish(run: ProbeRun) -> None:
    close_if_finished(run.sweep)
