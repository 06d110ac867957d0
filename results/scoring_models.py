"""Scores and the human side of judging: stored score runs, jurors' assessments, overrides.

A ScoreRun is one scoring of one edition with one rubric version; several runs (and so
several rubric versions) of one edition sit side by side. Each participant's stored score
keeps its criterion results with the rubric metadata they were judged under (name,
channel, category, weight), so rankings, exports and reports never need to reload a rubric.
"""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, juror_account_fk, meta, participant_fk, unique

CHANNEL_CHOICES = [("website", "strona WWW"), ("email", "e-mail")]

SOURCE_MACHINE = "machine"
SOURCE_JURORS = "jurors"
SOURCE_OVERRIDE = "override"
SOURCE_CHOICES = [
    (SOURCE_MACHINE, "automat"),
    (SOURCE_JURORS, "jurorzy"),
    (SOURCE_OVERRIDE, "korekta"),
]


class ArtifactRecord(models.Model):
    """One probe run's artifact (a JSON blob in the evidence store) for one participant.

    Written by the sweeps; scoring reads the newest per channel (website) or all of them
    (e-mail: one artifact per enquiry).
    """

    edition = edition_fk("artifacts")
    participant = participant_fk("artifacts")
    channel = models.CharField("kanał", max_length=20, choices=CHANNEL_CHOICES)
    blob_sha256 = models.CharField("artefakt (SHA-256)", max_length=64)
    gathered_at = models.DateTimeField("zebrano")
    # What the artifact describes when it is refreshed in place, e.g. "enquiry:17": an
    # e-mail artifact grows as replies arrive, and scoring must see one per enquiry.
    source = models.CharField("źródło", max_length=100, blank=True, default="")

    Meta = meta(
        "artefakt sondy",
        "artefakty sond",
        ordering=["edition", "participant", "channel", "gathered_at", "id"],
        indexes=[models.Index(fields=["edition", "participant", "channel"])],
    )

    def __str__(self) -> str:
        return f"{self.channel} {self.participant_id} {self.blob_sha256[:12]}"


class ScoreRun(models.Model):
    """One scoring of an edition with one rubric version."""

    edition = edition_fk("score_runs")
    rubric_version = models.CharField("wersja rubryki", max_length=50)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)
    # SHA-256 of everything the run read (evidence hashes, jurors' scores, overrides).
    input_digest = models.CharField("skrót danych wejściowych", max_length=64)
    # SHA-256 of the run's canonical output: equal inputs must give equal digests.
    output_digest = models.CharField("skrót wyniku", max_length=64, blank=True)
    # SHA-256 of the jurors' scores and overrides alone: tells when the run is stale.
    human_digest = models.CharField("skrót ocen jurorów i korekt", max_length=64, blank=True)
    threshold = models.FloatField("próg licencji (pkt)")
    statuettes_per_category = models.PositiveIntegerField("statuetki na kategorię")
    # The rubric's licence gate (rubrics.rubric.LicenceRules) the run applied.
    licence_rules = models.JSONField("warunki licencji", default=dict, blank=True)

    Meta = meta(
        "przeliczenie wyników",
        "przeliczenia wyników",
        ordering=["-created_at", "-id"],
        indexes=[models.Index(fields=["edition", "rubric_version"])],
    )

    def __str__(self) -> str:
        return f"{self.edition} / rubryka {self.rubric_version} / {self.created_at:%Y-%m-%d %H:%M}"


class ParticipantScoreRecord(models.Model):
    """A participant's points and category scores in one score run."""

    run = models.ForeignKey(
        ScoreRun, on_delete=models.CASCADE, related_name="scores", verbose_name="przeliczenie"
    )
    participant = participant_fk("score_records")
    points = models.FloatField("punkty", null=True)
    # [{"id", "name", "weight", "score", "measured_weight"}], in the rubric's order.
    categories = models.JSONField("kategorie", default=list)
    blocking_failed = models.JSONField("niespełnione kryteria blokujące", default=list)
    not_measured = models.JSONField("niezmierzone", default=list)
    # What the assessment lacks for a licence (rubrics.licence), in Polish; [] = complete.
    # None: scored before the gate existed, so no licence until the edition is re-scored.
    licence_gaps = models.JSONField("braki oceny do licencji", null=True, default=None)

    Meta = meta(
        "wynik uczestnika",
        "wyniki uczestników",
        ordering=["run", "participant"],
        constraints=[unique("one_score_per_run", "run", "participant")],
    )

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.points}"


class CriterionResultRecord(models.Model):
    """One criterion's result for one participant in one run, with its proof."""

    score_record = models.ForeignKey(
        ParticipantScoreRecord,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name="wynik uczestnika",
    )
    criterion_id = models.CharField("kryterium", max_length=40)
    name = models.CharField("nazwa", max_length=300, blank=True)
    channel = models.CharField("kanał", max_length=40, blank=True)
    category = models.CharField("kategoria", max_length=40, blank=True)
    weight = models.FloatField("waga", default=0.0)
    blocking = models.BooleanField("blokuje licencję", default=False)
    status = models.CharField("status", max_length=20)
    score = models.FloatField("wynik", null=True)
    explanation = models.TextField("wyjaśnienie", blank=True)
    evidence = models.JSONField("dowody", default=list)
    details = models.JSONField("szczegóły", default=dict)
    source = models.CharField("źródło", max_length=20, choices=SOURCE_CHOICES)
    # The machine's own result when a juror or organiser corrected it (both are shown).
    original = models.JSONField("wynik pierwotny", null=True, blank=True)

    Meta = meta("wynik kryterium", "wyniki kryteriów", ordering=["score_record", "criterion_id"])

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.status}"


class JurorAssessment(models.Model):
    """A juror's score for one criterion of one participant (visit, phone, social media…)."""

    edition = edition_fk("juror_assessments")
    participant = participant_fk("juror_assessments")
    juror_user = juror_account_fk("juror_assessments")
    juror = models.CharField("juror", max_length=200)
    criterion_id = models.CharField("kryterium", max_length=40)
    score = models.FloatField("ocena")
    comment = models.TextField("komentarz", blank=True)
    date = models.DateField("data oceny")
    channel = models.CharField("kanał", max_length=40)
    updated_at = models.DateTimeField("zmieniono", auto_now=True)

    Meta = meta(
        "ocena jurora",
        "oceny jurorów",
        ordering=["edition", "participant", "criterion_id", "juror"],
        constraints=[
            unique("one_assessment_per_juror", "edition", "participant", "criterion_id", "juror")
        ],
    )

    def __str__(self) -> str:
        return f"{self.juror}: {self.participant_id} {self.criterion_id} = {self.score}"


class Override(models.Model):
    """A juror's or organiser's correction of a machine result, with the reason.

    Never edited in place: a new correction supersedes the previous one, which stays.
    """

    edition = edition_fk("overrides")
    participant = participant_fk("overrides")
    criterion_id = models.CharField("kryterium", max_length=40)
    status = models.CharField("status", max_length=20)
    score = models.FloatField("wynik", null=True, blank=True)
    reason = models.TextField("uzasadnienie")
    actor = models.CharField("kto", max_length=200)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)
    active = models.BooleanField("obowiązuje", default=True)

    Meta = meta(
        "korekta wyniku",
        "korekty wyników",
        ordering=["edition", "participant", "criterion_id", "-created_at", "-id"],
    )

    def __str__(self) -> str:
        return f"{self.participant_id} {self.criterion_id} → {self.status} ({self.actor})"


__all__ = [
    "ArtifactRecord",
    "CriterionResultRecord",
    "JurorAssessment",
    "Override",
    "ParticipantScoreRecord",
    "ScoreRun",
]
