"""Sweeps and probe runs: what ran, for whom, how it ended, and where its evidence is.

A sweep is one pass of probes over an edition's participants. Each (sweep, participant,
probe) is one probe-run row under a unique constraint, claimed with a lease before it runs,
so restarts, misfires and repeated triggers never probe anyone twice.
"""

from __future__ import annotations

from django.db import models

from results.fields import meta, unique

PROBES = [("website", "strona WWW"), ("email", "e-mail")]


class Sweep(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "w toku"
        DONE = "done", "zakończony"

    edition = models.ForeignKey("results.Edition", on_delete=models.PROTECT, related_name="sweeps")
    # Identifies the trigger (e.g. "schedule:website:2027-03-08"), so a repeated or
    # misfired trigger finds the sweep it already made instead of making another.
    key = models.CharField("klucz wyzwalacza", max_length=200, unique=True)
    probes = models.JSONField("sondy", default=list)
    # e.g. {"email_immediately": true} for the demo world, where clerks answer at any hour
    options = models.JSONField("ustawienia", default=dict, blank=True)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)
    finished_at = models.DateTimeField("zakończono", null=True, blank=True)
    status = models.CharField("stan", max_length=20, choices=Status.choices, default=Status.RUNNING)

    Meta = meta("przebieg badania", "przebiegi badania", ordering=["-created_at", "-id"])

    def __str__(self) -> str:
        return f"{self.edition} / {self.key}"


class ProbeRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "oczekuje"
        RUNNING = "running", "w toku"
        DONE = "done", "zmierzono"
        FAILED = "failed", "błąd po stronie uczestnika"
        NOT_MEASURED = "not_measured", "nie zmierzono (nasz błąd)"

    FINAL = (Status.DONE, Status.FAILED, Status.NOT_MEASURED)

    sweep = models.ForeignKey(Sweep, on_delete=models.CASCADE, related_name="runs")
    participant = models.ForeignKey(
        "results.Participant", on_delete=models.PROTECT, related_name="probe_runs"
    )
    probe = models.CharField("sonda", max_length=20, choices=PROBES)
    status = models.CharField(
        "stan", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("próby", default=0)
    not_before = models.DateTimeField("nie wcześniej niż", null=True, blank=True)
    claimed_by = models.CharField("wykonawca", max_length=200, blank=True)
    lease_until = models.DateTimeField("dzierżawa do", null=True, blank=True)
    started_at = models.DateTimeField("rozpoczęto", null=True, blank=True)
    finished_at = models.DateTimeField("zakończono", null=True, blank=True)
    outcome = models.CharField("wynik sondy", max_length=40, blank=True)
    artifact_sha256 = models.CharField("artefakt (SHA-256)", max_length=64, blank=True)
    error = models.TextField("błąd", blank=True)
    # The failure's kind (probes.failures.FAILURE_KINDS): what the sweep page explains.
    error_kind = models.CharField("rodzaj błędu", max_length=50, blank=True, default="")
    history = models.JSONField("historia prób", default=list)

    # Progress counts and claimable runs are read per sweep by status, constantly.
    Meta = meta(
        "uruchomienie sondy",
        "uruchomienia sond",
        ordering=["sweep_id", "participant_id", "probe"],
        constraints=[unique("one_probe_run_per_sweep", "sweep", "participant", "probe")],
        indexes=[models.Index(fields=["sweep", "status"], name="proberun_sweep_status")],
    )

    def __str__(self) -> str:
        return f"{self.probe} #{self.participant_id} ({self.status})"
